// The ARIO engine's speed: one daily run in-process (no attribution reruns, no files).
//   BM_ArioQuickstart          BoARIO's quickstart: 48 industries, 730 steps, a rebuild event
//                              (BoARIO's own loop: 5.7-6.9 s on this machine kind)
//   BM_ArioRandom/2000/365     2,000 industries of a random productive table, 365 steps, one
//                              disruption (10 % of capital lost in 20 industries, rebuilt)
// Whole-process timings are in docs/performance.md.

#include <benchmark/benchmark.h>

#include "iomodel/leontief.hpp"
#include "iomodel/table_loader.hpp"
#include "model/ario_engine.hpp"
#include "model/simulation.hpp"
#include "random_table.hpp"

namespace {

using namespace regsim;

class NoSink final : public ReportSink {
 public:
  void report(std::size_t, const Eigen::VectorXd&, const Eigen::VectorXd&, const Eigen::VectorXd&) override {}
};

void run_ario(benchmark::State& state, const IoTable& table, const Scenario& scenario) {
  const LeontiefModel model(table, HouseholdMode::exogenous);
  const SimulationSpec spec = simulation_spec(scenario, table, model);
  ArioEngine engine(table, ario_parameters(scenario.dynamics, table), scenario.dynamics.capital_to_value_added, false);
  NoSink sink;
  for (auto _ : state) {
    EngineRun run = engine.run(spec, sink, {});
    benchmark::DoNotOptimize(run.output.data());
  }
  state.counters["steps"] = static_cast<double>(scenario.time.end - scenario.time.start + 1);
}

void BM_ArioQuickstart(benchmark::State& state) {
  const Scenario scenario =
      load_scenario(std::string(REGSIM_SOURCE_DIR) + "/scenarios/examples/boario-quickstart/quickstart.yaml");
  const IoTable table = load_table(scenario.economy);
  run_ario(state, table, scenario);
}

void BM_ArioRandom(benchmark::State& state) {
  const IoTable table = bench::random_table(state.range(0));
  Scenario s;
  s.name = "bench";
  s.time = {Date::from_ymd(2024, 1, 1), Date::from_ymd(2024, 1, 1) + (state.range(1) - 1), ReportFrequency::monthly};
  s.indicators = {{"gdp", "value_added", {}, {}, 1.0, {}}};
  s.dynamics.model = DynamicsModel::ario;
  DisruptionEventSpec flood;
  flood.on = Date::from_ymd(2024, 1, 10);
  flood.loss.form = LossSpec::Form::capital_share;
  flood.loss.share = 0.1;
  for (int i = 0; i < 20; ++i) flood.loss.sectors.push_back({table.sectors[static_cast<std::size_t>(i)].code, 1.0, {}});
  flood.duration_days = 7;
  flood.rebuild = true;
  flood.rebuild_sectors = {{table.sectors[20].code, 0.6, {}}, {table.sectors[21].code, 0.4, {}}};
  flood.rebuild_tau_days = 90;
  s.events.push_back({"flood", {}, flood});
  run_ario(state, table, s);
}

}  // namespace

BENCHMARK(BM_ArioQuickstart)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ArioRandom)->Args({500, 365})->Args({2000, 365})->Unit(benchmark::kMillisecond)->Iterations(1);

BENCHMARK_MAIN();
