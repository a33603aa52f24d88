#pragma once

// `regsim ensemble`: the scenario run once per draw of its `uncertainty:` parameters, and what
// the draws say about each target (docs/ensembles.md).

#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scenario/scenario.hpp"
#include "whatif/scenario_run.hpp"

namespace regsim {

struct EnsembleOptions {
  std::optional<std::int64_t> draws;   ///< instead of uncertainty.draws
  std::optional<std::uint64_t> seed;   ///< instead of uncertainty.seed
  unsigned threads = 0;                ///< 0: one per core
  /// Every draw simulated in full (series and all), as a check of the recombination the linear
  /// engine otherwise uses (docs/ensembles.md, "Recombination"); the results agree to rounding.
  bool full_runs = false;
  /// Called from the calling thread about five times a second with (runs done, runs in all).
  std::function<void(std::int64_t, std::int64_t)> progress;
};

/// Per target: how likely the draws say it is met, and what moves it most.
struct TargetOdds {
  TargetSpec spec;
  double central = 0.0;   ///< the central run's growth (or level)
  double p_met = 0.0;     ///< share of draws meeting it
  double p_met_se = 0.0;  ///< Monte Carlo standard error, √(p (1 − p) / draws)
  double median = 0.0;
  double p5 = 0.0;
  double p95 = 0.0;
  /// The parameters with the largest |Spearman correlation| with the target's growth, largest first (up to 3).
  std::vector<std::pair<std::string, double>> drivers;
};

using RowMajorMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using RowMajorIntegers = Eigen::Matrix<std::int64_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// Everything an ensemble computed (the `/ensemble` group of the run file, docs/hdf5-layout.md).
struct EnsembleResult {
  std::int64_t draws = 0;
  std::uint64_t seed = 0;
  Sampling sampling = Sampling::latin_hypercube;
  SensitivityMethod sensitivity = SensitivityMethod::rank;
  std::int64_t runs = 0;  ///< simulations made (draws, or draws × (parameters + 2) for Sobol indices)
  std::int64_t recombined = 0;  ///< of the runs, those recombined from the central run's responses, with no solve
  std::vector<std::string> parameters;     ///< the drawn fields, `events.<id>.<field>`
  std::vector<std::string> actions;        ///< shift, scale or value, per parameter
  std::vector<std::string> distributions;  ///< as written, per parameter
  RowMajorMatrix samples;                  ///< draws × parameters: days shifted, factor or value
  std::vector<std::string> indicators;
  std::vector<std::string> indicator_units;
  std::vector<int> years;                  ///< as in the run: the base year, then each simulated year
  std::vector<RowMajorMatrix> indicator_values;  ///< per indicator: draws × years
  RowMajorMatrix reached;                  ///< draws × targets: growth (or level) in the target year
  RowMajorIntegers met;                    ///< draws × targets: 1 if met
  std::vector<double> quantiles{0.05, 0.25, 0.5, 0.75, 0.95};
  std::vector<RowMajorMatrix> output_bands;       ///< per quantile: years × sectors
  std::vector<RowMajorMatrix> value_added_bands;  ///< per quantile: years × sectors
  std::vector<RowMajorMatrix> indicator_bands;    ///< per indicator: quantiles × years
  RowMajorMatrix spearman;                 ///< parameters × targets
  RowMajorMatrix sobol_first;              ///< parameters × targets (sensitivity: sobol only)
  RowMajorMatrix sobol_total;
  IdVector<TargetId, TargetOdds> targets;
};

/// Runs every draw of `central.scenario`'s uncertainty block on the central run's table and model
/// (InputError when the scenario has none, or a draw is invalid: the lowest such draw is named).
/// Draws run on `threads` threads; the result does not depend on how many. Under MPI (the
/// `regsim-mpi` binary, ranks.hpp) each rank runs a block of the draws and only rank 0's result
/// is complete (the statistics are computed there); it is the same for any number of ranks.
EnsembleResult run_ensemble(const ScenarioRun& central, const EnsembleOptions& options);

}  // namespace regsim
