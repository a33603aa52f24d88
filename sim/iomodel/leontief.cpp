#include "iomodel/leontief.hpp"

#include <fmt/format.h>

#include <Eigen/LU>
#include <cmath>

#include "core/error.hpp"

namespace regsim {

// The LU factors live in the matrix they were computed from (Eigen's in-place decomposition),
// so a model holds one n×n matrix, not two: that is what keeps n = 8000 under 1 GB.
struct LeontiefModel::Factorization {
  explicit Factorization(Eigen::MatrixXd system) : storage(std::move(system)), lu(storage) {}
  Eigen::MatrixXd storage;
  Eigen::PartialPivLU<Eigen::Ref<Eigen::MatrixXd>> lu;
};

namespace {

std::string sector_name(const IoTable& table, Eigen::Index i) {
  if (i == table.size()) return "households";
  return fmt::format("\"{}\"", table.sectors[static_cast<std::size_t>(i)].code);
}

// Builds I − A (or I − Ā for Type II) directly, column by column, without a separate copy of A.
Eigen::MatrixXd leontief_system(const IoTable& table, HouseholdMode households) {
  const Eigen::Index n = table.size();
  const Eigen::Index m = households == HouseholdMode::endogenous ? n + 1 : n;
  Eigen::MatrixXd system(m, m);
  system.topLeftCorner(n, n).noalias() = -table.local_flows * table.output.cwiseInverse().asDiagonal();
  if (households == HouseholdMode::endogenous) {
    const Eigen::RowVectorXd compensation = table.value_added.row(row_of(ValueAdded::compensation));
    const double total_compensation = compensation.sum();
    if (!(total_compensation > 0.0)) {
      throw NumericalError("Type II closure: total compensation of employees is not positive, so household "
                           "consumption coefficients (consumption / compensation) are undefined");
    }
    system.block(n, 0, 1, n) = -compensation.cwiseQuotient(table.output.transpose());
    system.block(0, n, n, 1) = -table.local_final_demand.col(column_of(FinalDemand::household)) / total_compensation;
    system(n, n) = 0.0;
  }
  system.diagonal().array() += 1.0;
  return system;
}

// Column sums of A must stay below 1 for every sector (households may exceed it: see below).
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

// Power iteration for the Perron root of a nonnegative matrix, only on the failure path, to say
// how far from productive the system is and which sector dominates the runaway.
std::pair<double, Eigen::Index> perron_estimate(const Eigen::MatrixXd& system) {
  const Eigen::Index m = system.rows();
  Eigen::MatrixXd a = -system;
  a.diagonal().array() += 1.0;
  Eigen::VectorXd v = Eigen::VectorXd::Ones(m) / std::sqrt(static_cast<double>(m));
  double rho = 0.0;
  for (int iteration = 0; iteration < 2000; ++iteration) {
    Eigen::VectorXd w = a * v + v;  // shift by I keeps a reducible matrix from cycling
    const double norm = w.norm();
    if (norm == 0.0) break;
    const double next = norm - 1.0;
    v = w / norm;
    if (std::abs(next - rho) < 1e-12 * std::max(1.0, next)) {
      rho = next;
      break;
    }
    rho = next;
  }
  Eigen::Index dominant = 0;
  v.cwiseAbs().maxCoeff(&dominant);
  return {rho, dominant};
}

}  // namespace

LeontiefModel::LeontiefModel(const IoTable& table, HouseholdMode households)
    : households_(households), n_(table.size()) {
  check_column_sums(table);
  lu_ = std::make_unique<Factorization>(leontief_system(table, households));

  const double rcond = lu_->lu.rcond();
  if (!(rcond > 1e-14)) {
    throw NumericalError(fmt::format("I − A is singular to working precision (reciprocal condition {:.3g})", rcond));
  }
  // Productive iff (I − A)⁻¹ 1 > 0 (nonsingular M-matrix criterion).
  const Eigen::VectorXd probe = lu_->lu.solve(Eigen::VectorXd::Ones(lu_->storage.rows()));
  if ((probe.array() <= 0.0).any() || !probe.allFinite()) {
    const auto [rho, dominant] = perron_estimate(leontief_system(table, households));
    throw NumericalError(fmt::format(
        "the {} system is not productive: spectral radius of A is about {:.6g} ≥ 1, driven by {} "
        "(its output would grow without bound); {}",
        households == HouseholdMode::endogenous ? "Type II" : "Type I", rho, sector_name(table, dominant),
        households == HouseholdMode::endogenous
            ? "households spend more on local goods per unit of compensation than the economy can sustain"
            : "check the sector's inputs against its output"));
  }

  base_final_demand_ = table.total_final_demand();
  if (households == HouseholdMode::endogenous) {
    base_final_demand_ -= table.local_final_demand.col(column_of(FinalDemand::household));
  }
}

LeontiefModel::~LeontiefModel() = default;
LeontiefModel::LeontiefModel(LeontiefModel&&) noexcept = default;
LeontiefModel& LeontiefModel::operator=(LeontiefModel&&) noexcept = default;

HouseholdMode LeontiefModel::households() const { return households_; }
Eigen::Index LeontiefModel::sector_count() const { return n_; }
Eigen::VectorXd LeontiefModel::base_final_demand() const { return base_final_demand_; }

Eigen::VectorXd LeontiefModel::output_for(const Eigen::VectorXd& final_demand) const {
  if (households_ == HouseholdMode::exogenous) return lu_->lu.solve(final_demand);
  Eigen::VectorXd bordered = Eigen::VectorXd::Zero(n_ + 1);
  bordered.head(n_) = final_demand;
  return lu_->lu.solve(bordered).head(n_);
}

Eigen::MatrixXd LeontiefModel::output_for(const Eigen::MatrixXd& final_demand) const {
  if (households_ == HouseholdMode::exogenous) return lu_->lu.solve(final_demand);
  Eigen::MatrixXd bordered = Eigen::MatrixXd::Zero(n_ + 1, final_demand.cols());
  bordered.topRows(n_) = final_demand;
  return lu_->lu.solve(bordered).topRows(n_);
}

Eigen::MatrixXd LeontiefModel::weighted_column_sums(const Eigen::MatrixXd& weights) const {
  // (I − A)ᵀ M = W  ⇔  M = Lᵀ W: one transposed solve per weight column.
  if (households_ == HouseholdMode::exogenous) return lu_->lu.transpose().solve(weights);
  Eigen::MatrixXd bordered = Eigen::MatrixXd::Zero(n_ + 1, weights.cols());
  bordered.topRows(n_) = weights;
  const Eigen::MatrixXd solved = lu_->lu.transpose().solve(bordered);  // a transposed solve must be evaluated first
  return solved.topRows(n_);
}

Eigen::MatrixXd LeontiefModel::leontief_inverse() const {
  const Eigen::Index m = lu_->storage.rows();
  return lu_->lu.solve(Eigen::MatrixXd::Identity(m, m)).topLeftCorner(n_, n_);
}

double LeontiefModel::reciprocal_condition() const { return lu_->lu.rcond(); }

}  // namespace regsim
