#pragma once

#include <Eigen/Core>
#include <memory>
#include <optional>
#include <string>

#include "iomodel/io_table.hpp"
#include "iomodel/table_spec.hpp"

namespace regsim {

/// The demand-driven Leontief model x = (I − A)⁻¹ f (Miller & Blair 2009, §2.3), with
/// A = Z x̂⁻¹ and (I − A) factorized once (LU with partial pivoting) and reused for every solve.
/// L is never formed unless `leontief_inverse()` is asked for.
///
/// Type I (households exogenous): the n×n system above.
/// Type II (households endogenous, M&B §6.2.2): A is bordered by a household row and column,
///   h_r[j] = compensation_j / x_j,   h_c[i] = household demand for local good i / Σ_j compensation_j,
/// and results are reported for the n×n sector block. The (n+1)-square system is solved exactly by
/// block elimination on the Type I factors (the partitioned inverse, M&B Appendix A):
///   u = (I − A)⁻¹ h_c,  s = 1 − h_r u,  x = L f + u (h_r L f) / s,
/// so Type I and Type II models of one table share a single factorization.
///
/// Productivity (throws NumericalError naming the sector): every column sum of A is below 1;
/// ρ(A) < 1, tested exactly as (I − A)⁻¹ 1 > 0 (a Z-matrix is a nonsingular M-matrix iff it has a
/// positive vector with positive image; Berman & Plemmons 1994, Theorem 6.2.3); and for Type II the Schur
/// complement s > 0 (the bordered matrix is then an M-matrix too).
class LeontiefModel {
public:
  LeontiefModel(const IoTable& table, HouseholdMode households);

  /// The same table under the other household closure, sharing this model's factorization:
  /// O(n²), not O(n³). Throws NumericalError if the Type II closure is not productive.
  [[nodiscard]] LeontiefModel with_households(const IoTable& table, HouseholdMode households) const;

  [[nodiscard]] HouseholdMode households() const { return households_; }
  /// Number of sectors n.
  [[nodiscard]] Eigen::Index sector_count() const { return n_; }

  /// The exogenous final demand of the table: all local final demand (Type I), or all but
  /// household consumption (Type II), per sector.
  [[nodiscard]] const Eigen::VectorXd& base_final_demand() const { return base_final_demand_; }

  /// x = L f for exogenous final demand f (n×k, one column per case): O(n² k).
  [[nodiscard]] Eigen::MatrixXd output_for(const Eigen::MatrixXd& final_demand) const;
  [[nodiscard]] Eigen::VectorXd output_for(const Eigen::VectorXd& final_demand) const;

  /// M = Lᵀ W for per-output weights W (n×k): M_jk = Σ_i W_ik L_ij, the multiplier of sector j's
  /// final demand on quantity k (M&B §6.2–6.3: output, income, employment and value-added multipliers).
  [[nodiscard]] Eigen::MatrixXd weighted_column_sums(const Eigen::MatrixXd& weights) const;

  /// L = (I − A)⁻¹ (its n×n sector block under Type II). O(n³): for users who ask for L.
  [[nodiscard]] Eigen::MatrixXd leontief_inverse() const;

  /// Reciprocal condition number estimate of (I − A) in the 1-norm, from the LU factors (O(n²)).
  [[nodiscard]] double reciprocal_condition() const;

private:
  struct Factorization;
  /// Household closure vectors (Type II only).
  struct Closure {
    Eigen::RowVectorXd income_per_output;  ///< h_r
    Eigen::VectorXd induced_output;        ///< u = (I − A)⁻¹ h_c
    Eigen::VectorXd induced_income;        ///< v = (I − A)⁻ᵀ h_rᵀ
    Eigen::VectorXd consumption_shares;    ///< h_c
    double schur = 1.0;                    ///< s = 1 − h_r u
  };
  LeontiefModel(std::shared_ptr<const Factorization> lu, const IoTable& table, HouseholdMode households);
  template <class Rhs>
  Rhs solve_output(const Rhs& final_demand) const;

  std::shared_ptr<const Factorization> lu_;  // immutable once computed, so sharing it is safe
  HouseholdMode households_;
  Eigen::Index n_;
  Eigen::VectorXd base_final_demand_;
  Closure closure_;
};

/// Below this reciprocal condition of (I − A) results lose more than half their digits.
inline constexpr double ill_conditioned_below = 1e-8;

/// A warning for a model whose (I − A) is close to singular (reciprocal condition below
/// ill_conditioned_below): how large multipliers can get, how many digits may be lost, and the
/// sector with the largest column sum of A; nothing for a well-conditioned model.
std::optional<std::string> conditioning_warning(const LeontiefModel& model, const IoTable& table);
/// The same for a reciprocal condition found another way (series_multipliers gives it exactly).
std::optional<std::string> conditioning_warning(double reciprocal_condition, const IoTable& table);

}  // namespace regsim
