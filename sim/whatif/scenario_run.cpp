#include "whatif/scenario_run.hpp"

#include "iomodel/table_loader.hpp"

namespace regsim {

ScenarioRun::ScenarioRun(Scenario scenario_, const Progress& progress)
    : scenario(std::move(scenario_)),
      table(load_table(scenario.economy)),
      model(table, scenario.economy.households),
      spec(simulation_spec(scenario, table, model)),
      result(simulate(table, model, spec, progress)),
      chains(run_chains(scenario, table, model, result)) {}

}  // namespace regsim
