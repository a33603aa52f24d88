#include "whatif/scenario_run.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/units.hpp"
#include "iomodel/table_loader.hpp"
#include "model/memory_estimate.hpp"
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

namespace {

/// Refuses, before it starts, a run whose results would not fit in the memory there is
/// (memory_available(): MemAvailable, or REGSIM_MAX_MEMORY_MB).
void check_memory(const Scenario& scenario, const IoTable& table, const SimulationSpec& spec) {
  const std::uint64_t available = memory_available();
  if (available == 0) return;
  const MemoryEstimate need = estimate_run_memory(spec, table.size(), table.satellites.size(), scenario.chains.size(),
                                                  scenario.dynamics.model == DynamicsModel::ario);
  if (need.bytes <= available) return;
  const auto size = [](std::uint64_t bytes) {
    const double mib = as_real(bytes) / (1024.0 * 1024.0);
    return mib < 1024.0 ? fmt::format("{} MiB", format_amount(mib, 3)) : fmt::format("{} GiB", format_amount(mib / 1024.0, 3));
  };
  throw InputError(SourceLocation{scenario.file.string(), 0, 0}, "time",
                   fmt::format("this run would need about {} of memory ({}), and {} is available; report less "
                               "often (time.report: monthly), shorten the horizon, or set REGSIM_MAX_MEMORY_MB if more "
                               "memory can be used",
                               size(need.bytes), need.breakdown, size(available)));
}

SimulationResult checked_simulation(const Scenario& scenario, const IoTable& table, const LeontiefModel& model,
                                    const SimulationSpec& spec, const Progress& progress) {
  check_memory(scenario, table, spec);
  return simulate_scenario(scenario, table, model, spec, progress);
}

}  // namespace

ScenarioRun::ScenarioRun(Scenario scenario_, const Progress& progress)
    : scenario(std::move(scenario_)),
      table(load_table(scenario.economy)),
      model(table, scenario.economy.households),
      spec(simulation_spec(scenario, table, model)),
      result(checked_simulation(scenario, table, model, spec, progress)),
      chains(run_chains(scenario, table, model, result)) {}

}  // namespace regsim
