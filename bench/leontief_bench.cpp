// Factorization, one solve and all multipliers on random productive tables, beside LAPACK's dgetrf
// (OpenBLAS) on the same matrix in the same run. Results and commands: docs/performance.md.

#include <benchmark/benchmark.h>

#include <map>

#include "iomodel/blas_kernels.hpp"
#include "iomodel/leontief.hpp"
#include "iomodel/multipliers.hpp"
#include "random_table.hpp"

#ifdef REGSIM_BENCH_LAPACKE
#include <lapacke.h>
#endif

namespace {

using regsim::HouseholdMode;
using regsim::IoTable;
using regsim::LeontiefModel;

// Tables are built once per size: generating an 8000-sector table takes longer than factorizing it.
const IoTable& table_of(Eigen::Index n) {
  static std::map<Eigen::Index, IoTable> cache;
  auto it = cache.find(n);
  if (it == cache.end()) it = cache.emplace(n, regsim::bench::random_table(n)).first;
  return it->second;
}

void set_flops(benchmark::State& state, double n) {
  state.counters["GFLOP/s"] = benchmark::Counter(2.0 / 3.0 * n * n * n * static_cast<double>(state.iterations()),
                                                 benchmark::Counter::kIsRate, benchmark::Counter::kIs1000);
}

// Building the model = forming I − A, LU with partial pivoting, condition estimate, productivity probe.
void BM_Factorize(benchmark::State& state) {
  const IoTable& table = table_of(state.range(0));
  for (auto _ : state) {
    LeontiefModel model(table, HouseholdMode::exogenous);
    benchmark::DoNotOptimize(model);
  }
  set_flops(state, static_cast<double>(state.range(0)));
}

void BM_Solve(benchmark::State& state) {
  const IoTable& table = table_of(state.range(0));
  const LeontiefModel model(table, HouseholdMode::exogenous);
  const Eigen::VectorXd f = model.base_final_demand();
  for (auto _ : state) {
    Eigen::VectorXd x = model.output_for(f);
    benchmark::DoNotOptimize(x.data());
  }
}

void BM_AllMultipliers(benchmark::State& state) {
  const IoTable& table = table_of(state.range(0));
  for (auto _ : state) {
    const LeontiefModel type_one(table, HouseholdMode::exogenous);
    const LeontiefModel type_two = type_one.with_households(table, HouseholdMode::endogenous);
    const auto one = regsim::compute_multipliers(table, type_one);
    const auto two = regsim::compute_multipliers(table, type_two);
    const auto split = regsim::split_multipliers(table, one, two);
    benchmark::DoNotOptimize(split.induced.data());
  }
}

// The same Type I and Type II multipliers by the Leontief series (no factorization), the path
// `regsim multipliers` takes on large tables; counters: passes over Z.
void BM_SeriesMultipliers(benchmark::State& state) {
  const IoTable& table = table_of(state.range(0));
  int terms = 0;
  for (auto _ : state) {
    const auto series = regsim::series_multipliers(table, true, 100000);
    if (!series) {
      state.SkipWithError("the series did not converge");
      return;
    }
    terms = series->terms;
    const auto split = regsim::split_multipliers(table, series->type_one, *series->type_two);
    benchmark::DoNotOptimize(split.induced.data());
  }
  state.counters["terms"] = terms;
}

#ifdef REGSIM_BENCH_LAPACKE
void BM_OpenBlasDgetrf(benchmark::State& state) {
  const IoTable& table = table_of(state.range(0));
  const Eigen::Index n = table.size();
  Eigen::MatrixXd system = -table.local_flows * table.output.cwiseInverse().asDiagonal();
  system.diagonal().array() += 1.0;
  Eigen::MatrixXd work(n, n);
  std::vector<lapack_int> pivots(static_cast<std::size_t>(n));
  regsim::use_blas_threads_for(n);  // the threads the model's own factorization would run on
  for (auto _ : state) {
    state.PauseTiming();
    work = system;
    state.ResumeTiming();
    const lapack_int info = LAPACKE_dgetrf(LAPACK_COL_MAJOR, static_cast<lapack_int>(n), static_cast<lapack_int>(n),
                                           work.data(), static_cast<lapack_int>(n), pivots.data());
    if (info != 0) state.SkipWithError("dgetrf failed");
    benchmark::DoNotOptimize(work.data());
  }
  set_flops(state, static_cast<double>(n));
}
BENCHMARK(BM_OpenBlasDgetrf)->Arg(42)->Arg(500)->Arg(2000)->Arg(8000)->Unit(benchmark::kMillisecond);
#endif

BENCHMARK(BM_Factorize)->Arg(42)->Arg(500)->Arg(2000)->Arg(8000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Solve)->Arg(42)->Arg(500)->Arg(2000)->Arg(8000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_AllMultipliers)->Arg(2000)->Arg(8000)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_SeriesMultipliers)->Arg(500)->Arg(2000)->Arg(8000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
