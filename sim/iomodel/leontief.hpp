#pragma once

#include <Eigen/Core>
#include <memory>
#include <string>
#include <vector>

#include "iomodel/io_table.hpp"
#include "iomodel/table_spec.hpp"

namespace regsim {

/// The demand-driven Leontief model x = (I − A)⁻¹ f (Miller & Blair 2009, eq. 2.10), with
/// (I − A) factorized once (partial-pivoting LU) and reused for every solve. L is never formed
/// unless `leontief_inverse()` is asked for.
///
/// Type I (households exogenous): A = Z x̂⁻¹, n×n.
/// Type II (households endogenous, M&B §6.2.2): A is bordered by a household row and column,
///   h_r[j] = compensation_j / x_j,   h_c[i] = household final demand of local good i / Σ_j compensation_j,
/// and the (n+1)-square system is factorized; results are reported for the n×n sector block.
///
/// Throws NumericalError naming the sector when the table is not productive: a column sum of A
/// of 1 or more, or a spectral radius of 1 or more (tested exactly: for A ≥ 0, ρ(A) < 1 iff
/// (I − A)⁻¹ 1 > 0, a property of nonsingular M-matrices; Berman & Plemmons 1994, ch. 6).
class LeontiefModel {
public:
  LeontiefModel(const IoTable& table, HouseholdMode households);
  ~LeontiefModel();
  LeontiefModel(LeontiefModel&&) noexcept;
  LeontiefModel& operator=(LeontiefModel&&) noexcept;
  LeontiefModel(const LeontiefModel&) = delete;
  LeontiefModel& operator=(const LeontiefModel&) = delete;

  [[nodiscard]] HouseholdMode households() const;
  /// Number of sectors n (the system has n + 1 unknowns under Type II).
  [[nodiscard]] Eigen::Index sector_count() const;

  /// The exogenous final demand of the table: all local final demand (Type I), or all but
  /// household consumption (Type II), per sector.
  [[nodiscard]] Eigen::VectorXd base_final_demand() const;

  /// x = L f for exogenous final demand f (n): one O(n²) solve with the cached factorization.
  [[nodiscard]] Eigen::VectorXd output_for(const Eigen::VectorXd& final_demand) const;
  /// Several right-hand sides at once (n×k).
  [[nodiscard]] Eigen::MatrixXd output_for(const Eigen::MatrixXd& final_demand) const;

  /// M = Lᵀ W for per-output weights W (n×k): M_jk = Σ_i W_ik L_ij, the multiplier of sector j's
  /// final demand on quantity k (M&B eq. 6.14 for value added, 6.6 income, 6.20 employment).
  [[nodiscard]] Eigen::MatrixXd weighted_column_sums(const Eigen::MatrixXd& weights) const;

  /// L = (I − A)⁻¹ (its n×n sector block under Type II). O(n³): for users who ask for L.
  [[nodiscard]] Eigen::MatrixXd leontief_inverse() const;

  /// Reciprocal condition number estimate of (I − A), from the LU factors.
  [[nodiscard]] double reciprocal_condition() const;

private:
  struct Factorization;
  std::unique_ptr<Factorization> lu_;
  HouseholdMode households_;
  Eigen::Index n_;
  Eigen::VectorXd base_final_demand_;
};

}  // namespace regsim
