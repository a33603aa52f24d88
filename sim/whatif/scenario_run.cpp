#include "whatif/scenario_run.hpp"

#include "iomodel/table_loader.hpp"
#include "model/ario_engine.hpp"
#include "model/leontief_engine.hpp"

namespace regsim {

SimulationResult simulate_scenario(const Scenario& scenario, const IoTable& table, const LeontiefModel& model,
                            const SimulationSpec& spec, const Progress& progress) {
  if (scenario.dynamics.model == DynamicsModel::ario) {
    ArioEngine engine(table, ario_parameters(scenario.dynamics, table), scenario.dynamics.capital_to_value_added,
                      scenario.dynamics.attribution);
    return simulate(engine, table, model, spec, progress);
  }
  LeontiefEngine engine(model);
  return simulate(engine, table, model, spec, progress);
}

ScenarioRun::ScenarioRun(Scenario scenario_, const Progress& progress)
    : scenario(std::move(scenario_)),
      table(load_table(scenario.economy)),
      model(table, scenario.economy.households),
      spec(simulation_spec(scenario, table, model)),
      result(simulate_scenario(scenario, table, model, spec, progress)),
      chains(run_chains(scenario, table, model, result)) {}

}  // namespace regsim
