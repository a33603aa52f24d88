#include "regional/balancing.hpp"
#include "core/index.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/error.hpp"

namespace regsim {

namespace {

// The multiplier t > 0 solving t·p − n/t = target (the GRAS update for one row or column); with
// no positive entries, t = −n/target.
double gras_multiplier(double positive, double negative, double target) {
  if (positive > 0.0) return (target + std::sqrt(target * target + 4.0 * positive * negative)) / (2.0 * positive);
  if (negative > 0.0 && target < 0.0) return -negative / target;
  return 1.0;
}

}  // namespace

BalancingResult gras(const Eigen::MatrixXd& initial, const Eigen::VectorXd& row_totals,
                     const Eigen::VectorXd& column_totals, double tolerance, int max_iterations) {
  const Eigen::Index rows = initial.rows();
  const Eigen::Index cols = initial.cols();
  const double scale = std::max(row_totals.cwiseAbs().maxCoeff(), column_totals.cwiseAbs().maxCoeff());
  if (std::abs(row_totals.sum() - column_totals.sum()) > 1e-9 * std::max(scale, 1.0) * as_real(rows + cols)) {
    throw NumericalError(fmt::format("balancing: row totals sum to {:.10g} but column totals to {:.10g}",
                                     row_totals.sum(), column_totals.sum()));
  }
  const Eigen::MatrixXd positive = initial.cwiseMax(0.0);
  const Eigen::MatrixXd negative = (-initial).cwiseMax(0.0);
  for (Eigen::Index i = 0; i < rows; ++i) {
    if (row_totals(i) != 0.0 && initial.row(i).cwiseAbs().sum() == 0.0) {
      throw NumericalError(fmt::format("balancing: row {} must sum to {:.10g} but has no entries to scale", i, row_totals(i)));
    }
  }
  for (Eigen::Index j = 0; j < cols; ++j) {
    if (column_totals(j) != 0.0 && initial.col(j).cwiseAbs().sum() == 0.0) {
      throw NumericalError(
          fmt::format("balancing: column {} must sum to {:.10g} but has no entries to scale", j, column_totals(j)));
    }
  }
  Eigen::VectorXd r = Eigen::VectorXd::Ones(rows);
  Eigen::VectorXd s = Eigen::VectorXd::Ones(cols);
  const auto current = [&] {
    return Eigen::MatrixXd(r.asDiagonal() * positive * s.asDiagonal() -
                           r.cwiseInverse().asDiagonal() * negative * s.cwiseInverse().asDiagonal());
  };
  BalancingResult result;
  for (result.iterations = 1; result.iterations <= max_iterations; ++result.iterations) {
    for (Eigen::Index j = 0; j < cols; ++j) {
      s(j) = gras_multiplier(positive.col(j).dot(r), negative.col(j).dot(r.cwiseInverse()), column_totals(j));
    }
    for (Eigen::Index i = 0; i < rows; ++i) {
      r(i) = gras_multiplier(positive.row(i).dot(s), negative.row(i).dot(s.cwiseInverse()), row_totals(i));
    }
    // After the row step rows are exact; the columns say how far from the fixed point we are.
    const Eigen::MatrixXd x = current();
    result.residual = std::max((x.rowwise().sum() - row_totals).cwiseAbs().maxCoeff(),
                               (x.colwise().sum().transpose() - column_totals).cwiseAbs().maxCoeff()) /
                      std::max(scale, 1e-300);
    if (result.residual <= tolerance) {
      result.matrix = x;
      return result;
    }
  }
  throw NumericalError(fmt::format("balancing: no convergence in {} iterations (relative residual {:.3g}, tolerance {:.3g}); "
                                   "the totals may be unreachable with the initial matrix's zeros and signs",
                                   max_iterations, result.residual, tolerance));
}

}  // namespace regsim
