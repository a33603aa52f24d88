#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "output/run_file.hpp"

namespace regsim {

/// One run to compare: its summary, a label for column headers and where it came from.
struct ComparedRun {
  std::string label;
  std::string source;  ///< the run file or scenario file named on the command line
  RunSummary run;
};

struct CompareOptions {
  std::string indicator;        ///< what sectors, chains and events are ranked by; default: the first indicator
  std::optional<int> year;      ///< the year they are ranked in; default: the first simulated year
  std::size_t top = 5;          ///< rows of each ranking
};

/// Runs side by side, the first one the reference (docs/whatif.md, "Comparing runs").
struct Comparison {
  std::vector<std::string> labels;
  std::vector<std::string> sources;
  std::vector<std::int64_t> years;  ///< the years every run holds (the base year first)
  std::int64_t base_year = 0;
  std::string units;

  struct IndicatorRows {
    std::string name;
    std::string unit;
    Eigen::MatrixXd values;  ///< runs × years
    /// Growth over the year before, runs × years (NaN in the base year and where the year before is 0).
    Eigen::MatrixXd growth;
  };
  std::vector<IndicatorRows> indicators;      ///< those every run has, in the reference's order
  std::vector<std::string> left_out;          ///< indicators some run lacks

  std::vector<std::vector<RunSummary::Target>> targets;  ///< per run

  /// A ranked item: its value in each run, in the ranking's indicator and year.
  struct Change {
    std::string item;
    std::string kind;  ///< sectors: "sector"; chains: "chain"; events: baseline, demand, project, rule, trend
    std::vector<double> values;  ///< per run (0 where the run lacks it)
  };
  std::string ranked_indicator;
  std::string ranked_unit;
  std::int64_t ranked_year = 0;
  std::vector<Change> sectors;  ///< value added per sector, largest change first
  std::vector<Change> chains;   ///< value added per chain, largest change first
  /// Attribution of the ranked indicator: the baseline and every event, rule or trend of any run,
  /// largest change first. With every owner listed the changes sum to the indicator's change.
  std::vector<Change> events;
  std::size_t events_total = 0;  ///< owners before the ranking was cut to `top`
};

/// Compares runs against the first. Throws InputError, located at the run's source, when a run
/// cannot be compared with the reference (different sectors, base year or units, no common year)
/// or an option names an indicator or year the runs lack.
Comparison compare_runs(const std::vector<ComparedRun>& runs, const CompareOptions& options);

}  // namespace regsim
