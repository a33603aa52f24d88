#pragma once

// Biproportional balancing of a matrix to given row and column totals (docs/regionalization.md).

#include <Eigen/Core>

namespace regsim {

struct BalancingResult {
  Eigen::MatrixXd matrix;
  int iterations = 0;
  double residual = 0.0;  ///< largest |row or column sum − target| relative to the largest target
};

/// GRAS (Junius & Oosterhaven 2003, as corrected by Lenzen, Wood & Gallego 2007): finds
/// X = r̂ P ŝ − r̂⁻¹ N ŝ⁻¹, with A0 = P − N split into its positive and negative parts, whose row
/// sums are `row_totals` and column sums `column_totals`. On a non-negative matrix it is RAS
/// (Stone; Miller & Blair 2009, §7.4.2). Signs and zeros of A0 are kept.
/// Throws NumericalError when the totals disagree (Σ rows ≠ Σ columns), a row or column with a
/// non-zero target has no entries, or the iteration does not reach `tolerance` in `max_iterations`.
BalancingResult gras(const Eigen::MatrixXd& initial, const Eigen::VectorXd& row_totals,
                     const Eigen::VectorXd& column_totals, double tolerance = 1e-10, int max_iterations = 10000);

}  // namespace regsim
