#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

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

struct RunOptions {
  std::filesystem::path scenario;
  std::filesystem::path output;         ///< default: <scenario file stem>.h5 in the current folder
  std::vector<std::string> overrides;   ///< `--set key.path=value`, applied in order
  bool quiet = false;                   ///< no progress line, no tables
};

/// The scenario `regsim run` runs without one: scenarios/jinzhong-2024.yaml under the current
/// folder, else in the source tree regsim was built from. Throws InputError if neither exists.
std::filesystem::path default_scenario();

/// `regsim run SCENARIO`: simulates, writes the run file, prints indicators and targets.
/// Progress goes to `err` (only on runs longer than a second).
int run_command(const RunOptions& options, std::ostream& out, std::ostream& err);

/// `regsim info FILE.h5`: what a run file holds.
int info_command(const std::filesystem::path& file, std::ostream& out);

struct ChainsOptions {
  std::filesystem::path scenario;
  OutputFormat format = OutputFormat::table;
  std::filesystem::path dot;     ///< write the flow graph as Graphviz DOT here
  bool chinese = false;          ///< DOT labels in Chinese
  std::size_t paths = 0;         ///< structural paths to list (0: none)
  std::string from;              ///< sector code or chain name whose final demand starts the paths
  std::string to = "gdp";        ///< indicator the paths end in
  int depth = 6;                 ///< path depth limit
  double path_threshold = 1e-3;  ///< relative to the total
  std::string extract;           ///< chain to extract
  std::string shock;             ///< sector whose shock's spread to show
};

/// `regsim chains SCENARIO`: linkages, key sectors and chain summaries; optionally structural
/// paths, a hypothetical extraction, a shock's breadth-first spread, and a DOT file (docs/chains.md).
int chains_command(const ChainsOptions& options, std::ostream& out);

/// `regsim build-table RECIPE -o FOLDER`: derives a regional table (docs/regionalization.md) and
/// writes its CSV files, after checking that it loads and is productive.
int build_table_command(const std::filesystem::path& recipe, const std::filesystem::path& folder, std::ostream& out);

}  // namespace regsim::cli
