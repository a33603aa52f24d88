#pragma once

#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "iomodel/io_table.hpp"
#include "iomodel/leontief.hpp"

namespace regsim {

/// Per-output coefficients of the quantities multipliers are reported for, as an n×k matrix W
/// (columns: output = 1, value_added = v_j / x_j, income = compensation_j / x_j, then one column per
/// satellite e_j / x_j), with their names. Multipliers are M = Lᵀ W.
struct MultiplierWeights {
  std::vector<std::string> names;  ///< "output", "value_added", "income", then satellite names
  std::vector<std::string> units;  ///< per unit of final demand; "" for output
  Eigen::MatrixXd per_output;      ///< n × names.size()
};

MultiplierWeights multiplier_weights(const IoTable& table);

/// Multipliers per sector and quantity: the total change in each quantity per unit of final
/// demand for the sector's output (Miller & Blair 2009, §6.2–6.3).
struct Multipliers {
  HouseholdMode households;
  std::vector<std::string> names;
  Eigen::MatrixXd values;  ///< n × names.size(), row j = sector j
};

/// Type I (households exogenous) or Type II (endogenous) multipliers with one transposed solve
/// per quantity on the model's cached factorization.
Multipliers compute_multipliers(const IoTable& table, const LeontiefModel& model);

/// Multipliers found without factorizing I − A: the Leontief series Mᵀ = Wᵀ(I + A + A² + …), one
/// pass over Z per term for all quantities at once (2kn² flops against the LU's ⅔n³), stopped
/// when a rigorous bound on what is left falls below 1e-15 of each quantity's largest multiplier.
/// For A ≥ 0 what is left after the term N is at most ‖N‖∞ · (I − Aᵀ)⁻¹1 entry by entry, the
/// output multipliers themselves times the largest entry of N; and once that term of the output
/// column is below 1 everywhere, (I − Aᵀ)M₀ > 0 with M₀ > 0 proves I − A a nonsingular M-matrix,
/// so the table is productive. Type II follows on the same sums by the partitioned inverse:
/// v = Lᵀh_rᵀ is the income multiplier, s = 1 − h_c·v, M_II = M_I + v (h_cᵀ M_I) / s.
struct SeriesMultipliers {
  Multipliers type_one;
  std::optional<Multipliers> type_two;  ///< when asked for
  /// 1 / (‖I − A‖₁ ‖(I − A)⁻¹‖₁), exact: ‖L‖₁ is the largest output multiplier since L ≥ 0.
  double reciprocal_condition = 0.0;
  int terms = 0;  ///< passes over Z
};

/// nullopt when the series would take more than `max_terms` passes (spectral radius near 1), when a
/// column sum of A is 1 or more, or when the Type II closure is not productive: the LU path
/// (LeontiefModel) then gives the answer, or the error that explains the table.
std::optional<SeriesMultipliers> series_multipliers(const IoTable& table, bool type_two, int max_terms);

/// How many series terms `regsim multipliers` allows before the LU is cheaper: 0 below 500 sectors,
/// where the LU takes milliseconds, else 50. A pass is bound by reading Z, whatever the handful of
/// quantities, and cost about 1/60 of the LU at 2,000 sectors and 1/80 at 8,000 (measured,
/// docs/performance.md).
int series_term_budget(Eigen::Index sectors);

/// The Type II multiplier decomposed as direct + indirect + induced:
///   direct   = the sector's own coefficient (1 for output, v_j/x_j for value added, …),
///   indirect = Type I − direct (inter-industry purchases),
///   induced  = Type II − Type I (household spending of the income earned).
struct MultiplierSplit {
  std::vector<std::string> names;
  Eigen::MatrixXd direct, indirect, induced;  ///< each n × names.size()
};

MultiplierSplit split_multipliers(const IoTable& table, const Multipliers& type_one, const Multipliers& type_two);

/// Rasmussen (1956) backward and forward linkage indices, normalized so the average sector is 1
/// (Miller & Blair 2009, §12.1):
///   backward_j = n Σ_i L_ij / Σ_ij L_ij       (column sums of L)
///   forward_i  = n Σ_j G_ij / Σ_ij G_ij       (row sums of the Ghosh inverse G = x̂⁻¹ L x̂,
///                                               i.e. (L x)_i / x_i; M&B recommend G over L here)
/// A key sector has both above 1. Costs two solves; L is not formed.
struct Linkages {
  Eigen::VectorXd backward;
  Eigen::VectorXd forward;
};

Linkages rasmussen_linkages(const IoTable& table, const LeontiefModel& model);

}  // namespace regsim
