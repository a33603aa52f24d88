// The engine's speed: a whole simulated run in-process (spec building and the event loop, without
// reading files or writing HDF5), on random productive tables (bench/random_table.hpp).
//   BM_Run/50/100       50 sectors, 36 monthly reports, 100 levers
//   BM_Run/2000/1000    2000 sectors, 120 monthly reports, 1000 levers
//   BM_DemandEvents/50/1000000   one million demand events on 50 sectors, 36 reports
//   BM_SpecOnly/50/1000000       the same scenario, building the SimulationSpec only
//   BM_Rules/50/100000           100,000 demand events and 20 monthly rules, each firing 12 times
// Whole-process timings (files included) are in docs/performance.md, measured with hyperfine.

#include <benchmark/benchmark.h>

#include <random>

#include "core/memory.hpp"
#include "iomodel/leontief.hpp"
#include "model/simulation.hpp"
#include "random_table.hpp"

namespace {

using namespace regsim;

Scenario random_scenario(const IoTable& table, long events, int years, bool with_projects) {
  Scenario s;
  s.name = "bench";
  s.time = {Date::from_ymd(2024, 1, 1), Date::from_ymd(2023 + years, 12, 31), ReportFrequency::monthly};
  s.indicators = {{"gdp", "value_added", {}, {}, 1.0, {}}, {"jobs", "employment", {}, {}, 1.0, {}}};
  s.trends = {{FinalDemand::household, 0.05, {}, {}}};
  std::mt19937_64 random(7);
  const auto days = static_cast<int>(s.time.end - s.time.start);
  std::uniform_int_distribution<int> day(0, days);
  std::uniform_int_distribution<std::size_t> sector(0, table.sectors.size() - 1);
  for (long e = 0; e < events; ++e) {
    Date from = s.time.start + day(random);
    Date to = s.time.start + day(random);
    if (to < from) std::swap(from, to);
    const std::string code = table.sectors[sector(random)].code;
    if (with_projects && e % 5 == 4) {
      ProjectEventSpec p;
      p.sector = {code, 1.0, {}};
      p.capex = Money(1000.0);
      p.build_from = from;
      p.build_to = to;
      p.profile = BuildProfile::s_curve;
      p.mix = {{table.sectors[0].code, 0.6, {}}, {table.sectors[1].code, 0.4, {}}};
      p.output = MoneyRate(500.0);
      p.online = to;
      p.ramp_days = 90;
      s.events.push_back({"p" + std::to_string(e), {}, p});
    } else {
      DemandEventSpec d{e % 2 == 0 ? FinalDemand::household : FinalDemand::exports, {{code, 1.0, {}}},
                        MoneyRate(e % 3 == 0 ? -100.0 : 100.0), std::nullopt, from, to, std::nullopt};
      s.events.push_back({"d" + std::to_string(e), {}, d});
    }
  }
  return s;
}

/// `count` rules checked monthly whose condition always holds (year-to-date growth below +1000 %),
/// each scaling a different event by 1.01, 12 times.
void add_rules(Scenario& s, int count) {
  for (int r = 0; r < count; ++r) {
    RuleSpec rule;
    rule.every = ReportFrequency::monthly;
    rule.indicator = r % 2 == 0 ? "gdp" : "jobs";
    rule.threshold = 10.0;
    rule.event = s.events[static_cast<std::size_t>(r) * 7].id;
    rule.by = 1.01;
    rule.max_times = 12;
    s.events.push_back({"rule" + std::to_string(r), {}, rule});
  }
}

void run(benchmark::State& state, bool with_projects, int years, int rules = 0) {
  const IoTable table = bench::random_table(state.range(0));
  const LeontiefModel model(table, HouseholdMode::exogenous);
  Scenario scenario = random_scenario(table, state.range(1), years, with_projects);
  add_rules(scenario, rules);
  std::size_t steps = 0;
  std::size_t firings = 0;
  for (auto _ : state) {
    const SimulationSpec spec = simulation_spec(scenario, table, model);
    const SimulationResult result = simulate(table, model, spec);
    steps = result.steps;
    firings = result.firings.size();
    benchmark::DoNotOptimize(result.indicators.data());
  }
  state.counters["steps"] = static_cast<double>(steps);
  state.counters["firings"] = static_cast<double>(firings);
}

void BM_SpecOnly(benchmark::State& state) {
  const IoTable table = bench::random_table(state.range(0));
  const LeontiefModel model(table, HouseholdMode::exogenous);
  const Scenario scenario = random_scenario(table, state.range(1), 3, false);
  for (auto _ : state) {
    const SimulationSpec spec = simulation_spec(scenario, table, model);
    benchmark::DoNotOptimize(spec.steps.data());
  }
}
BENCHMARK(BM_SpecOnly)->Args({50, 1000000})->Unit(benchmark::kMillisecond)->Iterations(2);

void BM_Run(benchmark::State& state) { run(state, true, state.range(0) >= 1000 ? 10 : 3); }
BENCHMARK(BM_Run)->Args({50, 100})->Args({2000, 1000})->Unit(benchmark::kMillisecond);

void BM_DemandEvents(benchmark::State& state) { run(state, false, 3); }
BENCHMARK(BM_DemandEvents)->Args({50, 1000000})->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_Rules(benchmark::State& state) { run(state, false, 3, 20); }
void BM_NoRules(benchmark::State& state) { run(state, false, 3, 0); }
BENCHMARK(BM_Rules)->Args({50, 100000})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NoRules)->Args({50, 100000})->Unit(benchmark::kMillisecond);

}  // namespace

// The process starts as regsim's main does: its heap on huge pages (core/memory.hpp).
int main(int argc, char** argv) {
  regsim::keep_heap_on_huge_pages();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
