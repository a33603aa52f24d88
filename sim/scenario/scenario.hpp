#pragma once

#include <filesystem>
#include <string>

#include "core/date.hpp"
#include "iomodel/table_spec.hpp"

namespace regsim {

/// How often the simulation reports its state.
enum class ReportFrequency { daily, weekly, monthly, quarterly, yearly };

/// The simulated horizon: `time: {start, end, report}`; `end` is inclusive.
struct TimeSpec {
  Date start;
  Date end;
  ReportFrequency report = ReportFrequency::monthly;
};

/// A sector named in the scenario with its share, and where it was written (names are resolved
/// against the table's sectors when the run is built, and errors point here).
struct SectorShare {
  std::string code;
  double share = 1.0;
  SourceLocation where;
};

/// `kind: demand`: final demand of one category changes by `amount` (an annual rate in the
/// table's unit; negative is a cut), split over sectors by share, from `from` through `to`.
struct DemandEventSpec {
  std::string id;
  SourceLocation where;
  FinalDemand category = FinalDemand::household;
  std::vector<SectorShare> sectors;
  double amount = 0.0;
  Date from;
  Date to;  ///< inclusive; time.end when not given
};

/// A validated scenario: every key checked, every path resolved (docs/scenario-reference.md).
struct Scenario {
  std::filesystem::path file;
  std::string name;
  TimeSpec time;
  TableSpec economy;
  std::vector<DemandEventSpec> events;  ///< in file order
  std::string text;                     ///< the scenario's YAML text, stored in every run file
};

/// The scenario format version this regsim reads.
inline constexpr int scenario_format_version = 1;

/// Reads and validates a scenario file. Throws InputError listing every problem found,
/// each as `file:line:col: key.path: expected …, found …`.
Scenario load_scenario(const std::filesystem::path& file);

/// Parses scenario text as if read from `file` (paths resolve against file's folder).
Scenario parse_scenario(const std::string& text, const std::filesystem::path& file);

}  // namespace regsim
