#pragma once

#include <filesystem>
#include <cstdint>
#include <optional>
#include <iosfwd>
#include <string>
#include <vector>

#include "cli/display.hpp"

namespace regsim::cli {

/// Process exit codes (docs/cli.md).
enum ExitCode : int {
  exit_ok = 0,
  exit_internal = 1,  ///< a bug in regsim: please report it
  exit_usage = 2,     ///< bad command-line arguments
  exit_input = 3,     ///< bad scenario or table
  exit_numerical = 4, ///< the model cannot be solved (not productive, singular)
  exit_output = 5,    ///< a result could not be written
  exit_strict = 6,    ///< `--strict`: the scenario or its results gave warnings
};

enum class OutputFormat { table, csv, json };

/// `regsim check SCENARIO`: validates the scenario and its table, builds the model, prints a summary.
int check_command(const std::filesystem::path& scenario, const DisplayOptions& display, std::ostream& out);

struct MultipliersOptions {
  std::filesystem::path scenario;
  std::string type;  ///< "I", "II" or "" (the scenario's economy.households)
  OutputFormat format = OutputFormat::table;
  bool split = false;  ///< add direct / indirect / induced columns
  /// "auto" (the series on large tables when it converges fast, else LU), "lu" or "series".
  std::string solver = "auto";
  DisplayOptions display;
};

/// `regsim multipliers SCENARIO`: one row per sector, one column per quantity.
int multipliers_command(const MultipliersOptions& options, std::ostream& out);

struct RunOptions {
  std::filesystem::path scenario;
  std::filesystem::path output;         ///< default: default_run_file()
  std::vector<std::string> overrides;   ///< `--set key.path=value`, applied in order
  bool quiet = false;                   ///< no progress line, no tables
  bool strict = false;                  ///< warnings (scenario, negative results) refuse the run
  DisplayOptions display;
};

/// The scenario `regsim run` runs without one: scenarios/jinzhong-2024.yaml under the current
/// folder, else in the source tree regsim was built from, else where `cmake --install` put it
/// (<prefix>/share/regsim). Throws InputError if none exists.
std::filesystem::path default_scenario();

/// The run file `regsim run` writes without -o: `<scenario stem>.h5` here, or with --set
/// `<stem>-set-<hash of the changes>.h5`, so that a changed scenario does not replace the original's.
std::filesystem::path default_run_file(const RunOptions& options);

/// `regsim run SCENARIO`: simulates, writes the run file, prints indicators and targets.
/// Progress goes to `err` (only on runs longer than a second).
int run_command(const RunOptions& options, std::ostream& out, std::ostream& err);

/// `regsim info FILE.h5`: what a run file holds.
int info_command(const std::filesystem::path& file, const DisplayOptions& display, std::ostream& out);

struct ChainsOptions {
  std::filesystem::path scenario;
  OutputFormat format = OutputFormat::table;
  std::filesystem::path dot;     ///< write the flow graph as Graphviz DOT here
  bool sectors = false;          ///< print the sector table (linkages, class, betweenness)
  bool list = false;             ///< print the chain table
  std::size_t paths = 0;         ///< structural paths to list (0: none)
  std::string from;              ///< sector code or chain name whose final demand starts the paths
  std::string to = "gdp";        ///< indicator the paths end in
  int depth = 6;                 ///< path depth limit
  double path_threshold = 1e-3;  ///< relative to the total
  std::string extract;           ///< chain to extract
  std::string shock;             ///< sector whose shock's spread to show
  DisplayOptions display;        ///< also the DOT file's labels
};

/// `regsim chains SCENARIO`: linkages, key sectors and chain summaries; optionally structural
/// paths, a hypothetical extraction, a shock's breadth-first spread, and a DOT file (docs/chains.md).
int chains_command(const ChainsOptions& options, std::ostream& out);

/// `regsim build-table RECIPE -o FOLDER`: derives a regional table (docs/regionalization.md) and
/// writes its CSV files, after checking that it loads and is productive.
int build_table_command(const std::filesystem::path& recipe, const std::filesystem::path& folder,
                        const DisplayOptions& display, std::ostream& out);

/// `regsim convert-table IN OUT [--to FORMAT] [--base-year YEAR]`: a table from a scenario's economy
/// (CSV or HDF5), a table file (.h5) or a folder in pymrio's text format (which needs `base_year`,
/// 0 when not given) written as HDF5 (OUT ending in .h5/.hdf5/.nc), regsim's CSV files (a
/// folder) or pymrio's text format (`--to pymrio`, a folder). `to` is "" (from OUT), "csv",
/// "hdf5" or "pymrio".
int convert_table_command(const std::filesystem::path& input, const std::filesystem::path& output,
                          const std::string& to, int base_year, std::ostream& out, std::ostream& err);

struct CompareCommandOptions {
  std::vector<std::filesystem::path> runs;   ///< run files (.h5) or scenario files, the first the reference
  std::vector<std::string> overrides;        ///< `--set`, applied to every scenario after the first
  std::filesystem::path output_dir;          ///< write the runs of scenario arguments here (none: nothing written)
  OutputFormat format = OutputFormat::table;
  std::string indicator;                     ///< ranked indicator (default: the first)
  std::optional<int> year;                   ///< ranked year (default: the first simulated)
  std::size_t top = 5;                       ///< rows per ranking
  DisplayOptions display;
};

/// `regsim compare A B [C …]`: indicators, targets and the largest changes side by side
/// (docs/whatif.md).
int compare_command(const CompareCommandOptions& options, std::ostream& out);

struct SeekOptions {
  std::filesystem::path scenario;
  std::vector<std::string> overrides;    ///< `--set`, applied before seeking
  std::filesystem::path output;          ///< run file (default: <scenario stem>-sought.h5 here)
  std::filesystem::path write_scenario;  ///< write a scenario extending the original with the values
  bool quiet = false;
  DisplayOptions display;
};

/// `regsim seek SCENARIO`: the instrument values that meet the scenario's seek targets
/// (docs/whatif.md); writes the run with those values and, if asked, a scenario that applies them.
int seek_command(const SeekOptions& options, std::ostream& out);

struct EnsembleOptions {
  std::filesystem::path scenario;
  std::filesystem::path output;        ///< default: <scenario file stem>-ensemble.h5 here
  std::vector<std::string> overrides;  ///< `--set`
  std::optional<std::int64_t> draws;
  std::optional<std::uint64_t> seed;
  unsigned threads = 0;  ///< 0: one per core
  bool full_runs = false;  ///< `--full-runs`: no recombination, every draw simulated in full
  bool quiet = false;
  DisplayOptions display;
};

/// `regsim ensemble SCENARIO`: runs every draw of the scenario's uncertainty block, writes the
/// central run with `/ensemble`, prints each target's odds (docs/ensembles.md). Progress goes to
/// `err` when it is a terminal.
int ensemble_command(const EnsembleOptions& options, std::ostream& out, std::ostream& err, bool err_is_terminal);

struct InitOptions {
  std::string name;                   ///< the file to write (".yaml" added when missing)
  std::string from = "jinzhong-2024";  ///< a shipped scenario's name, or a scenario file
};

/// `regsim init NAME [--from BASE]`: writes NAME.yaml, a commented scenario extending BASE whose
/// examples use BASE's sectors and unit; refuses to replace a file (OutputError).
int init_command(const InitOptions& options, std::ostream& out);

}  // namespace regsim::cli
