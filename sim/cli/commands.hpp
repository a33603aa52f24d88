#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>

namespace regsim::cli {

/// Process exit codes (docs/cli.md).
enum ExitCode : int {
  exit_ok = 0,
  exit_internal = 1,  ///< a bug in regsim: please report it
  exit_usage = 2,     ///< bad command-line arguments
  exit_input = 3,     ///< bad scenario or table
  exit_numerical = 4, ///< the model cannot be solved (not productive, singular)
  exit_output = 5,    ///< a result could not be written
};

enum class OutputFormat { table, csv };

/// `regsim check SCENARIO`: validates the scenario and its table, builds the model, prints a summary.
int check_command(const std::filesystem::path& scenario, std::ostream& out);

struct MultipliersOptions {
  std::filesystem::path scenario;
  std::string type;  ///< "I", "II" or "" (the scenario's economy.households)
  OutputFormat format = OutputFormat::table;
  bool split = false;  ///< add direct / indirect / induced columns
};

/// `regsim multipliers SCENARIO`: one row per sector, one column per quantity.
int multipliers_command(const MultipliersOptions& options, std::ostream& out);

}  // namespace regsim::cli
