#pragma once

#include <filesystem>
#include <string>

#include "core/file.hpp"

#include "chain/chain_accounts.hpp"
#include "iomodel/io_table.hpp"
#include "iomodel/leontief.hpp"
#include "model/simulation.hpp"
#include "output/run_file.hpp"
#include "scenario/scenario.hpp"

namespace regsim {

/// Runs `spec` with the engine the scenario's `dynamics.model` names (the linear one, or ARIO).
SimulationResult simulate_scenario(const Scenario& scenario, const IoTable& table, const LeontiefModel& model,
                                   const SimulationSpec& spec, const Progress& progress = {});

/// Everything one run of a scenario produces, in memory: the table it read, the model, the
/// resolved levers, the results and the chain accounts. `regsim run` writes it; `compare` and
/// `seek` run scenarios this way and write only when asked.
struct ScenarioRun {
  /// Loads the table, builds the model and runs the scenario (InputError, NumericalError).
  explicit ScenarioRun(Scenario scenario, const Progress& progress = {});

  Scenario scenario;
  IoTable table;
  LeontiefModel model;
  SimulationSpec spec;
  SimulationResult result;
  ChainResults chains;

  [[nodiscard]] RunSummary summary() const { return summarize_run(scenario, table, spec, result, chains); }
  /// Writes the run file (atomically; OutputError), refusing to replace one of the scenario's own
  /// files (InputError at `option`).
  void write(const std::filesystem::path& path, const std::string& option = "-o") const {
    refuse_to_overwrite_inputs(path, scenario.input_files(), option);
    write_run_file(path, scenario, table, spec, result, chains);
  }
};

}  // namespace regsim
