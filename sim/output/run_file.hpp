#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "chain/chain_accounts.hpp"
#include "iomodel/io_table.hpp"
#include "model/simulation.hpp"
#include "output/run_layout.hpp"
#include "scenario/scenario.hpp"

namespace regsim {

/// Writes one run as a netCDF-4-compatible HDF5 file (layout in docs/hdf5-layout.md), through a
/// temporary file renamed onto `path` only when complete. `more` adds groups of its own (the
/// ensemble's) before the file is complete. Throws OutputError.
class LayoutWriter;
void write_run_file(const std::filesystem::path& path, const Scenario& scenario, const IoTable& table,
                    const SimulationSpec& spec, const SimulationResult& result, const ChainResults& chains,
                    const std::function<void(LayoutWriter&)>& more = {});

/// What `regsim run` prints and `regsim info` reads back: the run's identity, its indicators by
/// year and its target table.
struct RunSummary {
  std::int64_t format_version = 0;
  std::string regsim_version;
  std::string scenario_name;
  std::string scenario_file;
  std::string created;
  std::string units;
  std::string display_unit;  ///< the scenario's `display_unit:` (empty or `auto`: the readable one)
  std::int64_t base_year = 0;
  std::string start;
  std::string end;
  std::string report;
  std::string households;
  std::size_t report_count = 0;
  std::vector<std::string> sectors;
  std::vector<std::string> sector_names_zh;  ///< the sectors file's Chinese names ("" where none)
  std::vector<std::string> owners;       ///< events, rules and trends, in attribution order
  std::vector<std::string> owner_kinds;  ///< demand, project, rule or trend, per owner
  std::size_t log_entries = 0;
  std::vector<std::int64_t> years;
  std::vector<std::string> indicators;
  std::vector<std::string> indicator_units;
  std::vector<std::string> indicator_labels_en;  ///< `label.en`, else the name
  std::vector<std::string> indicator_labels_zh;  ///< `label.zh`, else ""
  std::vector<std::string> indicator_of;  ///< what each indicator sums (output, value_added, …)
  Eigen::MatrixXd indicator_values;  ///< indicators × years
  /// Per indicator: (1 + owners) × years, the baseline then each owner's contribution (they sum to it).
  std::vector<Eigen::MatrixXd> attribution;
  Eigen::MatrixXd sector_value_added;  ///< years × sectors, exact yearly amounts
  std::vector<std::string> deflator_names;  ///< runs with price levers: gdp, cpi, ppi, fai
  Eigen::MatrixXd deflators;                ///< deflators × years (empty without price levers)
  struct Target {
    std::string indicator;
    std::int64_t year = 0;
    std::string kind;  ///< growth or level
    double target = 0.0;
    double simulated = 0.0;
    double gap = 0.0;
    bool met = false;
  };
  std::vector<Target> targets;
  struct ChainLine {
    std::string name;
    std::string label_en;
    std::string label_zh;
    Eigen::RowVectorXd value_added;  ///< per year
    Eigen::MatrixXd indicators;      ///< indicators × years: the part arising in the chain's sectors
    std::vector<std::string> bottlenecks;  ///< ARIO runs: inputs that bound members, most member-days first
    std::vector<std::int64_t> bottleneck_days;
  };
  std::vector<ChainLine> chains;
};

/// The summary of a run just simulated (what the file will hold).
RunSummary summarize_run(const Scenario& scenario, const IoTable& table, const SimulationSpec& spec,
                         const SimulationResult& result, const ChainResults& chains);

/// Reads the summary back from a run file; throws OutputError if it is not a regsim run file of a
/// format this regsim reads.
RunSummary read_run_summary(const std::filesystem::path& path);

}  // namespace regsim
