#include "ensemble/ensemble.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <thread>

#include "ensemble/distributions.hpp"
#include "ensemble/parameters.hpp"
#include "ensemble/ranks.hpp"
#include "ensemble/sampling.hpp"
#include "ensemble/statistics.hpp"
#include "model/leontief_engine.hpp"

namespace regsim {

namespace {

/// The most memory the draws' results may take (docs/ensembles.md, "Limits").
constexpr double max_ensemble_bytes = 4.0 * 1073741824.0;

/// The correlation matrix of the parameters `uncertainty.correlate` ties together (identity elsewhere):
/// the tied columns and their matrix.
std::pair<std::vector<Eigen::Index>, Eigen::MatrixXd> correlation_of(const UncertaintySpec& spec,
                                                                      const std::vector<EnsembleParameter>& parameters) {
  std::vector<Eigen::Index> columns;
  std::vector<std::vector<double>> rho;  // by (column position, column position)
  const auto position = [&](Eigen::Index k) {
    const auto found = std::find(columns.begin(), columns.end(), k);
    if (found != columns.end()) return to_size(found - columns.begin());
    columns.push_back(k);
    return columns.size() - 1;
  };
  struct Pair {
    std::size_t a, b;
    double rho;
    SourceLocation where;
  };
  std::vector<Pair> pairs;
  for (const ParameterCorrelation& c : spec.correlate) {
    std::vector<std::size_t> members;
    for (Index k = 0; k < std::ssize(parameters); ++k) {
      const bool tied = std::any_of(c.paths.begin(), c.paths.end(), [&](const std::string& pattern) {
        return matches_pattern(pattern, at(parameters, k).field.path);
      });
      if (tied) members.push_back(position(k));
    }
    for (std::size_t i = 0; i < members.size(); ++i) {
      for (std::size_t j = i + 1; j < members.size(); ++j) pairs.push_back({members[i], members[j], c.rho, c.where});
    }
  }
  Eigen::MatrixXd matrix = Eigen::MatrixXd::Identity(std::ssize(columns), std::ssize(columns));
  for (const Pair& p : pairs) {
    matrix(to_index(p.a), to_index(p.b)) = p.rho;
    matrix(to_index(p.b), to_index(p.a)) = p.rho;
  }
  return {columns, matrix};
}

/// The draws' values: uniforms through each parameter's distribution (shifts rounded to days).
RowMajorMatrix values_of(const Eigen::MatrixXd& uniforms, const UncertaintySpec& spec,
                         const std::vector<EnsembleParameter>& parameters) {
  RowMajorMatrix values(uniforms.rows(), uniforms.cols());
  for (Eigen::Index k = 0; k < uniforms.cols(); ++k) {
    const UncertainParameter& entry = spec.parameters[at(parameters, k).spec];
    for (Eigen::Index d = 0; d < uniforms.rows(); ++d) {
      const double x = quantile(entry.distribution, uniforms(d, k));
      values(d, k) = entry.action == ParameterAction::shift ? std::round(x) : x;
    }
  }
  return values;
}

/// One draw: the base scenario's events and trends with row `row` of `values` applied, run. With
/// `shared` (the central run's linear responses), on the linear engine and for yearly amounts
/// only, recombined where the draw's patterns are the central run's; without, in full.
SimulationResult run_row(const ScenarioRun& central, const LinearResponses* shared, const Scenario& base,
                         Scenario& scenario, const std::vector<EnsembleParameter>& parameters,
                         const RowMajorMatrix& values, std::int64_t row, std::int64_t draw) {
  scenario.events = base.events;
  scenario.trends = base.trends;
  apply_draw(scenario, parameters, values.row(row).data(), draw);
  const SimulationSpec spec = simulation_spec(scenario, central.table, central.model);
  if (shared == nullptr) return simulate_scenario(scenario, central.table, central.model, spec);
  LeontiefEngine engine(central.model, shared);
  return simulate(engine, central.table, central.model, spec, {}, RunDetail::yearly);
}

/// Runs this rank's block of the rows of `values` on `threads` threads; `record(row, result)`
/// stores each. An invalid draw stops the runs above it; the error of the lowest invalid draw on
/// any rank is thrown on every rank (each rank re-runs that draw to get it). Returns how many rows,
/// on all ranks, were recombined with no solve.
template <class Record>
std::int64_t run_rows(const ScenarioRun& central, const LinearResponses* shared,
                      const std::vector<EnsembleParameter>& parameters, const RowMajorMatrix& values,
                      std::int64_t draw_of_row_modulo, unsigned threads, const EnsembleOptions& options,
                      std::int64_t done_before, std::int64_t total, Record&& record) {
  const std::int64_t rows = values.rows();
  const processes::Block block = processes::block_of(rows, processes::rank(), processes::size());
  std::atomic<std::int64_t> next{block.begin};
  std::atomic<std::int64_t> done{0};
  std::atomic<std::int64_t> first_failure{rows};
  std::atomic<std::int64_t> recombined{0};
  std::vector<std::exception_ptr> failures(to_size(rows));
  Scenario base = central.scenario;
  base.dynamics.attribution = false;  // an ensemble reads no attribution: one ARIO run per draw, not n + 2
  const auto work = [&] {
    Scenario scenario = base;
    for (;;) {
      const std::int64_t row = next.fetch_add(1);
      if (row >= block.end || row > first_failure.load()) return;
      try {
        const SimulationResult result =
            run_row(central, shared, base, scenario, parameters, values, row, row % draw_of_row_modulo);
        if (shared != nullptr && result.solves == 0) recombined.fetch_add(1);
        record(row, result);
      } catch (...) {
        at(failures, row) = std::current_exception();
        std::int64_t seen = first_failure.load();
        while (row < seen && !first_failure.compare_exchange_weak(seen, row)) {
        }
      }
      done.fetch_add(1);
    }
  };
  const std::int64_t mine = block.end - block.begin;
  std::vector<std::thread> pool;
  const unsigned count = std::max(1U, std::min<unsigned>(threads, narrow<unsigned>(std::max<std::int64_t>(mine, 1))));
  for (unsigned t = 1; t < count; ++t) pool.emplace_back(work);
  if (options.progress) {
    // The calling thread reports; the workers run. Under MPI each rank reports its own block.
    pool.emplace_back(work);
    while (done.load() < mine && first_failure.load() == rows) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      options.progress(done_before + done.load() * processes::size(), total);
    }
  } else {
    work();
  }
  for (std::thread& t : pool) t.join();
  const std::int64_t lowest = processes::minimum(first_failure.load());
  if (lowest == rows) return processes::total(recombined.load());
  if (at(failures, lowest)) std::rethrow_exception(at(failures, lowest));
  Scenario scenario = base;
  run_row(central, shared, base, scenario, parameters, values, lowest, lowest % draw_of_row_modulo);  // throws as it did there
  throw std::logic_error(fmt::format("draw {} failed on another rank but not here", lowest));
}

/// Growth (or level) of each target in a run, and whether it is met.
void record_targets(const SimulationResult& result, std::int64_t row, RowMajorMatrix& reached, RowMajorIntegers& met) {
  for (const TargetId t : result.targets.ids()) {
    const TargetResult& r = result.targets[t];
    reached(row, t.index()) = r.spec.kind == TargetKind::growth ? r.simulated_growth : r.simulated_level;
    met(row, t.index()) = r.met ? 1 : 0;
  }
}

/// Per quantile, years × sectors bands of per-draw years × sectors blocks.
std::vector<RowMajorMatrix> bands_of(const std::vector<double>& per_draw, std::int64_t draws, Eigen::Index years,
                                     Eigen::Index sectors, const std::vector<double>& quantiles) {
  std::vector<RowMajorMatrix> bands(quantiles.size(), RowMajorMatrix(years, sectors));
  Eigen::VectorXd column(draws);
  const Eigen::Index block = years * sectors;
  for (Eigen::Index cell = 0; cell < block; ++cell) {
    for (std::int64_t d = 0; d < draws; ++d) column(d) = at(per_draw, d * block + cell);
    for (std::size_t q = 0; q < quantiles.size(); ++q) bands[q](cell / sectors, cell % sectors) = sample_quantile(column, quantiles[q]);
  }
  return bands;
}

/// The ensemble's description: draws, seed, design and each parameter's path, action and distribution.
EnsembleResult described(const UncertaintySpec& spec, const std::vector<EnsembleParameter>& parameters,
                         const EnsembleOptions& options) {
  EnsembleResult out;
  out.draws = options.draws.value_or(spec.draws);
  out.seed = options.seed.value_or(spec.seed);
  out.sampling = spec.sampling;
  out.sensitivity = spec.sensitivity;
  for (const EnsembleParameter& p : parameters) {
    const UncertainParameter& entry = spec.parameters[p.spec];
    out.parameters.push_back(p.field.path);
    out.actions.emplace_back(name_in(parameter_action_names, entry.action));
    out.distributions.push_back(describe(entry.distribution));
  }
  return out;
}

/// Every draw keeps its yearly outputs and value added by sector, its indicators and targets:
/// an ensemble that would not fit is refused before anything is allocated.
void check_fits(const EnsembleResult& out, const UncertaintySpec& spec, const ScenarioRun& central) {
  const auto p_count = std::ssize(out.parameters);
  const auto years = std::ssize(central.result.years);
  const auto n = central.table.size();
  const auto targets = central.result.targets.size();
  const std::int64_t sobol_values = spec.sensitivity == SensitivityMethod::sobol ? (p_count + 1) * (p_count + 2 * targets) : 0;
  const double bytes =
      8.0 * as_real(out.draws) *
      as_real(2 * years * n + std::ssize(central.spec.indicators) * years + 2 * targets + 3 * p_count + sobol_values);
  if (bytes > max_ensemble_bytes) {
    throw InputError(spec.where, "uncertainty.draws",
                     fmt::format("{} draws of {} sectors over {} years would hold {:.1f} GiB of results in memory, "
                                 "more than the {:.0f} GiB an ensemble may use; take at most {} draws",
                                 out.draws, n, years, bytes / 1073741824.0, max_ensemble_bytes / 1073741824.0,
                                 whole_part<std::int64_t>(max_ensemble_bytes / (bytes / as_real(out.draws)))));
  }
}

/// The draws' parameter values (draws × parameters): the design, with its rank correlation imposed.
RowMajorMatrix drawn_values(const EnsembleResult& out, const UncertaintySpec& spec,
                            const std::vector<EnsembleParameter>& parameters) {
  const auto [tied, correlation] = correlation_of(spec, parameters);
  if (!tied.empty() && out.draws <= std::ssize(tied) + 1) {
    throw InputError(spec.correlate.front().where, "uncertainty.correlate",
                     fmt::format("correlating {} parameters needs more than {} draws, found {}", tied.size(),
                                 tied.size() + 1, out.draws));
  }
  Eigen::MatrixXd design = uniform_design(out.draws, std::ssize(parameters), spec.sampling, out.seed);
  if (!tied.empty()) {
    try {
      impose_rank_correlation(design, tied, correlation);
    } catch (const std::invalid_argument& e) {
      throw InputError(spec.correlate.front().where, "uncertainty.correlate", e.what());
    }
  }
  return values_of(design, spec, parameters);
}

/// How the draws run: threads, and the central run's responses shared when the engine is linear.
struct DrawRunner {
  const ScenarioRun& central;
  const LinearResponses* shared;
  const std::vector<EnsembleParameter>& parameters;
  const EnsembleOptions& options;
  unsigned threads;
};

/// Saltelli's design for Sobol indices: A (the draws), B (an independent design), and A with column k
/// from B for each k. Returns the reached values of B and of each A_B^k, stacked (rank 0 has them all).
RowMajorMatrix run_sobol_rows(EnsembleResult& out, const UncertaintySpec& spec, const DrawRunner& run) {
  const auto p_count = std::ssize(out.parameters);
  const auto targets = run.central.result.targets.size();
  const RowMajorMatrix b =
      values_of(uniform_design(out.draws, p_count, spec.sampling, out.seed, 1), spec, run.parameters);
  RowMajorMatrix rows((p_count + 1) * out.draws, p_count);
  rows.topRows(out.draws) = b;
  for (Eigen::Index k = 0; k < p_count; ++k) {
    auto block = rows.middleRows((k + 1) * out.draws, out.draws);
    block = out.samples;
    block.col(k) = b.col(k);
  }
  RowMajorMatrix reached(rows.rows(), targets);
  RowMajorIntegers met(rows.rows(), targets);
  out.recombined +=
      run_rows(run.central, run.shared, run.parameters, rows, out.draws, run.threads, run.options, out.draws, out.runs,
               [&](std::int64_t row, const SimulationResult& r) { record_targets(r, row, reached, met); });
  processes::gather_rows(reached.data(), reached.rows(), targets);
  return reached;
}

/// First-order indices by Saltelli (2010), total ones by Jansen (1999), from the draws (A) and the
/// Sobol rows (B, then each A_B^k).
void sobol_indices(EnsembleResult& out, const RowMajorMatrix& sobol_reached) {
  const auto p_count = std::ssize(out.parameters);
  const auto targets = out.reached.cols();
  out.sobol_first.resize(p_count, targets);
  out.sobol_total.resize(p_count, targets);
  for (Eigen::Index t = 0; t < targets; ++t) {
    const Eigen::VectorXd fa = out.reached.col(t);
    const Eigen::VectorXd fb = sobol_reached.col(t).head(out.draws);
    Eigen::VectorXd both(2 * out.draws);
    both << fa, fb;
    const double variance = (both.array() - both.mean()).square().sum() / as_real(both.size() - 1);
    for (Eigen::Index k = 0; k < p_count; ++k) {
      const Eigen::VectorXd fab = sobol_reached.col(t).segment((k + 1) * out.draws, out.draws);
      const double first = (fb.array() * (fab - fa).array()).mean();
      const double total = 0.5 * (fa - fab).array().square().mean();
      out.sobol_first(k, t) = variance > 0.0 ? first / variance : NAN;
      out.sobol_total(k, t) = variance > 0.0 ? total / variance : NAN;
    }
  }
}

/// Each indicator's quantile bands over the draws, year by year.
void indicator_bands(EnsembleResult& out) {
  for (const RowMajorMatrix& values : out.indicator_values) {
    RowMajorMatrix band(std::ssize(out.quantiles), values.cols());
    for (Eigen::Index y = 0; y < values.cols(); ++y) {
      Eigen::VectorXd column = values.col(y);
      for (Index q = 0; q < std::ssize(out.quantiles); ++q) band(q, y) = sample_quantile(column, at(out.quantiles, q));
    }
    out.indicator_bands.push_back(std::move(band));
  }
}

/// A target's odds: P(met) with its standard error, the quantiles of what it reaches and the (up to)
/// three parameters with the largest |Spearman correlation| with it.
TargetOdds odds_of(const EnsembleResult& out, const TargetResult& central, Index t) {
  TargetOdds odds;
  odds.spec = central.spec;
  odds.central = odds.spec.kind == TargetKind::growth ? central.simulated_growth : central.simulated_level;
  odds.p_met = as_real(out.met.col(t).sum()) / as_real(out.draws);
  odds.p_met_se = std::sqrt(odds.p_met * (1.0 - odds.p_met) / as_real(out.draws));
  Eigen::VectorXd growth = out.reached.col(t);
  odds.p5 = sample_quantile(growth, 0.05);
  odds.median = sample_quantile(growth, 0.5);
  odds.p95 = sample_quantile(growth, 0.95);
  std::vector<Eigen::Index> order = vector_of<Eigen::Index>(std::ssize(out.parameters));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  const auto strength = [&](Eigen::Index k) {
    const double r = out.spearman(k, t);
    return std::isnan(r) ? -1.0 : std::abs(r);
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](Eigen::Index a, Eigen::Index b) { return strength(a) > strength(b); });
  for (std::size_t i = 0; i < order.size() && i < 3; ++i) {
    if (strength(order[i]) < 0.0) break;
    odds.drivers.emplace_back(at(out.parameters, order[i]), out.spearman(order[i], t));
  }
  return odds;
}

}  // namespace

EnsembleResult run_ensemble(const ScenarioRun& central, const EnsembleOptions& options) {
  const Scenario& scenario = central.scenario;
  if (!scenario.uncertainty) {
    throw InputError(SourceLocation{scenario.file.string(), 0, 0}, "uncertainty",
                     "this scenario has no uncertainty: block (parameters and their distributions, docs/ensembles.md)");
  }
  const UncertaintySpec& spec = *scenario.uncertainty;
  const std::vector<EnsembleParameter> parameters = ensemble_parameters(scenario);
  if (parameters.empty()) {
    throw InputError(spec.where, "uncertainty.parameters",
                     "no parameter draws anything in this scenario (its patterns match none of its fields)");
  }
  EnsembleResult out = described(spec, parameters, options);
  check_fits(out, spec, central);
  out.samples = drawn_values(out, spec, parameters);

  const SimulationResult& c = central.result;
  const auto years = std::ssize(c.years);
  const auto n = central.table.size();
  const auto targets = c.targets.size();
  out.years = c.years;
  for (const Indicator& indicator : central.spec.indicators) {
    out.indicators.push_back(indicator.name);
    out.indicator_units.push_back(indicator.unit);
    out.indicator_values.emplace_back(out.draws, years);
  }
  out.reached.resize(out.draws, targets);
  out.met.resize(out.draws, targets);
  std::vector<double> outputs = vector_of<double>(out.draws * years * n);
  std::vector<double> value_added(outputs.size());

  const bool sobol = spec.sensitivity == SensitivityMethod::sobol;
  out.runs = out.draws * (sobol ? std::ssize(parameters) + 2 : 1);
  // Draws on the linear engine share the central run's responses (docs/ensembles.md, "Recombination").
  std::optional<LinearResponses> responses;
  if (scenario.dynamics.model == DynamicsModel::leontief && !options.full_runs) responses.emplace(central.model, central.spec);
  const DrawRunner run{central, responses ? &*responses : nullptr, parameters, options,
                       options.threads > 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency())};
  out.recombined =
      run_rows(central, run.shared, parameters, out.samples, out.draws, run.threads, options, 0, out.runs,
               [&](std::int64_t row, const SimulationResult& r) {
                 record_targets(r, row, out.reached, out.met);
                 for (Eigen::Index i = 0; i < r.indicators.rows(); ++i)
                   at(out.indicator_values, i).row(row) = r.indicators.row(i);
                 const std::size_t first = to_size(row * years * n);
                 Eigen::Map<RowMajorMatrix>(outputs.data() + first, years, n) = r.quantity("output").yearly;
                 Eigen::Map<RowMajorMatrix>(value_added.data() + first, years, n) = r.quantity("value_added").yearly;
               });

  // Under MPI, rank 0 gathers every rank's draws and computes what follows; the others are done.
  processes::gather_rows(out.reached.data(), out.draws, targets);
  processes::gather_rows(out.met.data(), out.draws, targets);
  for (RowMajorMatrix& values : out.indicator_values) processes::gather_rows(values.data(), out.draws, years);
  processes::gather_rows(outputs.data(), out.draws, years * n);
  processes::gather_rows(value_added.data(), out.draws, years * n);
  const RowMajorMatrix sobol_reached = sobol ? run_sobol_rows(out, spec, run) : RowMajorMatrix();
  if (processes::rank() != 0) return out;

  out.output_bands = bands_of(outputs, out.draws, years, n, out.quantiles);
  out.value_added_bands = bands_of(value_added, out.draws, years, n, out.quantiles);
  indicator_bands(out);
  out.spearman = spearman_matrix(out.samples, out.reached);
  if (sobol) sobol_indices(out, sobol_reached);
  for (const TargetId t : c.targets.ids()) out.targets.push_back(odds_of(out, c.targets[t], t.index()));
  return out;
}

}  // namespace regsim
