#include "iomodel/leontief.hpp"

#include <fmt/format.h>

#include <Eigen/LU>
#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "iomodel/blas_kernels.hpp"

namespace regsim {

// The LU factors live in the matrix they were computed from (Eigen's in-place decomposition),
// so a model holds one n×n matrix, not two: that is what keeps n = 8000 near 1 GB with the table.
struct LeontiefModel::Factorization {
  explicit Factorization(Eigen::MatrixXd system) : storage(std::move(system)), lu(storage) {}
  Eigen::MatrixXd storage;
  Eigen::PartialPivLU<Eigen::Ref<Eigen::MatrixXd>> lu;
};

namespace {

std::string sector_name(const IoTable& table, Eigen::Index i) {
  return fmt::format("\"{}\"", at(table.sectors, i).code);
}

// I − A, formed without a separate copy of A.
Eigen::MatrixXd leontief_system(const IoTable& table) {
  Eigen::MatrixXd system(table.size(), table.size());
  system.noalias() = -table.local_flows * table.output.cwiseInverse().asDiagonal();
  system.diagonal().array() += 1.0;
  return system;
}

void check_column_sums(const IoTable& table) {
  const Eigen::RowVectorXd column_sums =
      table.local_flows.colwise().sum().cwiseQuotient(table.output.transpose());
  std::string problems;
  for (Eigen::Index j = 0; j < column_sums.size(); ++j) {
    if (column_sums(j) >= 1.0) {
      if (!problems.empty()) problems += '\n';
      problems += fmt::format(
          "sector {}: column sum of A is {:.6g} ≥ 1 (local inputs exceed output, so imports plus value added "
          "are negative): the table is not productive",
          sector_name(table, j), column_sums(j));
    }
  }
  if (!problems.empty()) throw NumericalError(problems);
}

// Power iteration for the Perron root of A ≥ 0, only on the failure path, to say how far from
// productive the table is and which sector dominates the runaway.
std::pair<double, Eigen::Index> perron_estimate(const IoTable& table) {
  const Eigen::MatrixXd a = table.local_flows * table.output.cwiseInverse().asDiagonal();
  Eigen::VectorXd v = Eigen::VectorXd::Ones(a.rows()) / std::sqrt(as_real(a.rows()));
  double rho = 0.0;
  for (int iteration = 0; iteration < 5000; ++iteration) {
    const Eigen::VectorXd w = a * v + v;  // the shift by I keeps a reducible matrix from cycling
    const double norm = w.norm();
    const double next = norm - 1.0;
    v = w / norm;
    const bool converged = std::abs(next - rho) < 1e-13 * std::max(1.0, next);
    rho = next;
    if (converged) break;
  }
  Eigen::Index dominant = 0;
  v.cwiseAbs().maxCoeff(&dominant);
  return {rho, dominant};
}

}  // namespace

LeontiefModel::LeontiefModel(const IoTable& table, HouseholdMode households)
    : LeontiefModel(
          [&] {
            check_column_sums(table);
            use_blas_threads_for(table.size());
            auto lu = std::make_shared<Factorization>(leontief_system(table));
            // ρ(A) < 1 iff (I − A)⁻¹ 1 > 0. A singular system gives a zero pivot and a non-finite probe.
            const Eigen::VectorXd probe = lu->lu.solve(Eigen::VectorXd::Ones(table.size()));
            if ((probe.array() <= 0.0).any() || !probe.allFinite()) {
              const auto [rho, dominant] = perron_estimate(table);
              throw NumericalError(fmt::format(
                  "the table is not productive: spectral radius of A is about {:.6g} ≥ 1, driven by sector {} "
                  "(its output would grow without bound); check the inputs of the sectors around it",
                  rho, sector_name(table, dominant)));
            }
            return std::shared_ptr<const Factorization>(std::move(lu));
          }(),
          table, households) {}

LeontiefModel::LeontiefModel(std::shared_ptr<const Factorization> lu, const IoTable& table, HouseholdMode households)
    : lu_(std::move(lu)), households_(households), n_(table.size()), base_final_demand_(table.total_final_demand()) {
  if (households == HouseholdMode::exogenous) return;

  const Eigen::RowVectorXd compensation = table.value_added.row(row_of(ValueAdded::compensation));
  const double total_compensation = compensation.sum();
  if (!(total_compensation > 0.0)) {
    throw NumericalError("Type II closure: total compensation of employees is not positive, so household "
                         "consumption coefficients (consumption / compensation) are undefined");
  }
  const Eigen::VectorXd household_demand = table.local_final_demand.col(column_of(FinalDemand::household));
  closure_.income_per_output = compensation.cwiseQuotient(table.output.transpose());
  closure_.consumption_shares = household_demand / total_compensation;
  closure_.induced_output = lu_->lu.solve(closure_.consumption_shares);
  closure_.induced_income = lu_->lu.transpose().solve(Eigen::VectorXd(closure_.income_per_output.transpose()));
  const double loop_gain = closure_.income_per_output.dot(closure_.induced_output);
  closure_.schur = 1.0 - loop_gain;
  if (!(closure_.schur > 0.0)) {
    throw NumericalError(fmt::format(
        "the Type II system is not productive: one unit of household income, spent on local goods and passed "
        "through the economy, pays {:.6g} ≥ 1 units of income back (h_r L h_c); households spend more on local "
        "goods per unit of compensation than the economy can sustain",
        loop_gain));
  }
  base_final_demand_ -= household_demand;
}

LeontiefModel LeontiefModel::with_households(const IoTable& table, HouseholdMode households) const {
  return {lu_, table, households};
}

// One implementation for one right-hand side (a triangular solve per factor, trsv) and for many
// (trsm): the vector case is the simulation's hot path, so it must not pay for a matrix.
template <class Rhs>
Rhs LeontiefModel::solve_output(const Rhs& final_demand) const {
  Rhs x = lu_->lu.solve(final_demand);
  if (households_ == HouseholdMode::endogenous) {
    // Household income y solves y = h_r (L f + u y), so y = h_r L f / s.
    x.noalias() += closure_.induced_output * (closure_.income_per_output * x / closure_.schur);
  }
  return x;
}

Eigen::MatrixXd LeontiefModel::output_for(const Eigen::MatrixXd& final_demand) const {
  return solve_output(final_demand);
}

Eigen::VectorXd LeontiefModel::output_for(const Eigen::VectorXd& final_demand) const {
  return solve_output(final_demand);
}

Eigen::MatrixXd LeontiefModel::weighted_column_sums(const Eigen::MatrixXd& weights) const {
  // (I − A)ᵀ M = W  ⇔  M = Lᵀ W; for Type II, the transposed bordered system gives
  // M = Lᵀ W + v (h_cᵀ Lᵀ W) / s with v = (I − A)⁻ᵀ h_rᵀ.
  Eigen::MatrixXd m = lu_->lu.transpose().solve(weights);
  if (households_ == HouseholdMode::endogenous) {
    const Eigen::RowVectorXd induced = closure_.consumption_shares.transpose() * m / closure_.schur;
    m.noalias() += closure_.induced_income * induced;
  }
  return m;
}

Eigen::MatrixXd LeontiefModel::leontief_inverse() const {
  return output_for(Eigen::MatrixXd(Eigen::MatrixXd::Identity(n_, n_)));
}

double LeontiefModel::reciprocal_condition() const { return lu_->lu.rcond(); }

std::optional<std::string> conditioning_warning(const LeontiefModel& model, const IoTable& table) {
  return conditioning_warning(model.reciprocal_condition(), table);
}

std::optional<std::string> conditioning_warning(double reciprocal, const IoTable& table) {
  if (!(reciprocal < ill_conditioned_below)) return std::nullopt;
  const Eigen::RowVectorXd sums = technical_coefficients(table).colwise().sum();
  Eigen::Index worst = 0;
  const double largest = sums.maxCoeff(&worst);
  const int digits = std::min(16, whole_part<int>(std::ceil(-std::log10(std::max(reciprocal, 1e-300)))));
  return fmt::format(
      "I - A is close to singular (reciprocal condition {:.2g}): multipliers up to about {:.2g} can follow and "
      "results may lose up to {} of their 16 significant digits; the largest column sum of A is {:.12g}, in sector "
      "{} (a sector whose local inputs are almost all of its output)",
      reciprocal, 1.0 / reciprocal, digits, largest, at(table.sectors, worst).code);
}

}  // namespace regsim
