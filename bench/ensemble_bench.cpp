// Ensembles in-process: the draws of the default Jinzhong scenario's uncertainty block (63
// parameters: every project's dates, capex and output, two programmes, three trends), run on the
// central run's table and model, without writing the file.
//   BM_Ensemble/1000/1    1,000 draws on one thread
//   BM_Ensemble/1000/2    1,000 draws on two threads
//   BM_Design/10000       the Latin hypercube design with its rank correlations only
// Whole-process timings (file included) are in docs/performance.md.

#include <benchmark/benchmark.h>

#include "ensemble/ensemble.hpp"
#include "ensemble/sampling.hpp"

namespace {

using namespace regsim;

const ScenarioRun& jinzhong() {
  static const ScenarioRun run(load_scenario(std::filesystem::path(REGSIM_SOURCE_DIR) / "scenarios/jinzhong-2024.yaml"));
  return run;
}

void BM_Ensemble(benchmark::State& state) {
  EnsembleOptions options;
  options.draws = state.range(0);
  options.threads = static_cast<unsigned>(state.range(1));
  for (auto _ : state) {
    const EnsembleResult result = run_ensemble(jinzhong(), options);
    benchmark::DoNotOptimize(result.targets.values().data());
  }
  state.counters["draws/s"] =
      benchmark::Counter(static_cast<double>(state.range(0)) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Ensemble)->Args({1000, 1})->Args({1000, 2})->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Design(benchmark::State& state) {
  for (auto _ : state) {
    Eigen::MatrixXd design = uniform_design(state.range(0), 63, Sampling::latin_hypercube, 20240301);
    benchmark::DoNotOptimize(design.data());
  }
}
BENCHMARK(BM_Design)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
