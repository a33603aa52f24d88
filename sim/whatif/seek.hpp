#pragma once

#include <Eigen/Core>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"
#include "whatif/scenario_run.hpp"

namespace regsim {

/// An instrument's answer. Amounts are in the table's units; dates are held as days since the
/// epoch in `initial` and `value`.
struct InstrumentValue {
  InstrumentSpec spec;
  double initial = 0.0;  ///< the scenario's value
  double value = 0.0;    ///< the value found
  bool at_bound = false;
  /// `events.<id>.<field>=<value>`, as `--set` takes it.
  [[nodiscard]] std::string override_text() const;
  /// The value as written in a scenario (a number, or YYYY-MM-DD).
  [[nodiscard]] std::string text(double v) const;
};

/// A seek target after the seek: what was reached and how far from the target.
struct SoughtTarget {
  TargetSpec spec;
  double reached = 0.0;  ///< growth or level, as the target's kind
  double gap = 0.0;      ///< reached − target
  bool met = false;      ///< reached within 1e-9 of the target, or above it
};

struct SeekOutcome {
  std::vector<InstrumentValue> instruments;
  IdVector<TargetId, SoughtTarget> targets;
  bool feasible = false;              ///< every target met
  std::size_t evaluations = 0;        ///< simulations run to find the values
  std::vector<std::string> overrides; ///< the caller's, then one per instrument
  std::unique_ptr<ScenarioRun> run;   ///< the scenario with the values applied
};

/// Seeks the values of the scenario's `seek.instruments` that meet `seek.targets` (docs/whatif.md,
/// "Seeking"): date instruments by bracketing, then amounts by a linear solve, exact where the
/// targets can be met (the least change within bounds, measured in units of each instrument's range)
/// and a bounded least-squares best otherwise. `overrides` (`--set`) apply first. Throws InputError
/// when the scenario has no `seek:`.
SeekOutcome seek(const std::filesystem::path& scenario, const std::vector<std::string>& overrides);

/// min ‖u‖ subject to A u = b and lo ≤ u ≤ hi when that is feasible (active set: variables that
/// leave their box are fixed at the bound), else the u in the box that minimizes ‖A u − b‖. Exposed
/// for tests.
Eigen::VectorXd solve_within_bounds(const Eigen::MatrixXd& a, const Eigen::VectorXd& b, const Eigen::VectorXd& lo,
                                    const Eigen::VectorXd& hi);

}  // namespace regsim
