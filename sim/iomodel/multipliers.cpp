#include "iomodel/multipliers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace regsim {

MultiplierWeights multiplier_weights(const IoTable& table) {
  const Eigen::Index n = table.size();
  const auto k = to_index(3 + table.satellites.size());
  const Eigen::RowVectorXd per_output = table.output.cwiseInverse().transpose();
  MultiplierWeights w;
  w.per_output.resize(n, k);
  w.per_output.col(0).setOnes();
  w.per_output.col(1) = table.total_value_added().cwiseProduct(per_output).transpose();
  w.per_output.col(2) =
      table.value_added.row(row_of(ValueAdded::compensation)).cwiseProduct(per_output).transpose();
  w.names = {"output", "value_added", "income"};
  w.units = {"", table.units, table.units};
  for (std::size_t s = 0; s < table.satellites.size(); ++s) {
    w.per_output.col(to_index(3 + s)) = table.satellites[s].totals.cwiseProduct(per_output.transpose());
    w.names.push_back(table.satellites[s].name);
    w.units.push_back(table.satellites[s].unit);
  }
  return w;
}

Multipliers compute_multipliers(const IoTable& table, const LeontiefModel& model) {
  MultiplierWeights weights = multiplier_weights(table);
  return {model.households(), std::move(weights.names), model.weighted_column_sums(weights.per_output)};
}

int series_term_budget(Eigen::Index sectors) {
  // Measured (BM_SeriesMultipliers against BM_AllMultipliers): a pass costs about 1/60 of the LU
  // and its solves at 2,000 sectors and 1/80 at 8,000, whatever the handful of quantities, since
  // a pass is bound by reading Z. Below 500 sectors the LU takes milliseconds.
  return sectors < 500 ? 0 : 50;
}

std::optional<SeriesMultipliers> series_multipliers(const IoTable& table, bool type_two, int max_terms) {
  const Eigen::Index n = table.size();
  const Eigen::VectorXd per_output = table.output.cwiseInverse();
  const Eigen::RowVectorXd column_sums = table.local_flows.colwise().sum().cwiseProduct(per_output.transpose());
  if (max_terms <= 0 || !(column_sums.maxCoeff() < 1.0)) return std::nullopt;

  MultiplierWeights weights = multiplier_weights(table);
  const Eigen::Index k = weights.per_output.cols();
  Eigen::MatrixXd sum = weights.per_output;
  Eigen::MatrixXd term = weights.per_output;
  Eigen::MatrixXd next(n, k);
  int terms = 0;
  for (;; ++terms) {
    if (terms >= max_terms) return std::nullopt;
    next.noalias() = table.local_flows.transpose() * term;  // Aᵀ term = x̂⁻¹ Zᵀ term, one pass over Z
    next.array().colwise() *= per_output.array();
    sum += next;
    const double output_term = next.col(0).cwiseAbs().maxCoeff();
    if (!std::isfinite(output_term)) return std::nullopt;
    // Terms shrink like ρ(A)^t: once the rate shows, give up early when the budget would not do.
    const double previous_term = term.col(0).cwiseAbs().maxCoeff();
    if (terms >= 4 && output_term > 0.0 && previous_term > 0.0) {
      const double rate = output_term / previous_term;
      const double needed = rate < 1.0 ? std::log(1e-17 / output_term) / std::log(rate) : 1e9;
      if (terms + needed > 2.0 * max_terms) return std::nullopt;
    }
    if (output_term < 0.5) {
      // What is left after `next` is (I − Aᵀ)⁻¹ Aᵀ next ≤ ‖Aᵀ next‖∞ · m, and m ≤ M₀ / (1 − t).
      const double largest_output_multiplier = sum.col(0).maxCoeff() / (1.0 - output_term);
      bool converged = true;
      for (Eigen::Index c = 0; c < k && converged; ++c) {
        const double scale = sum.col(c).cwiseAbs().maxCoeff();
        const double left = next.col(c).cwiseAbs().maxCoeff() * largest_output_multiplier;
        converged = left <= 1e-15 * scale || scale == 0.0;
      }
      if (converged) break;
    }
    term.swap(next);
  }

  SeriesMultipliers result;
  result.terms = terms + 1;
  const Eigen::ArrayXd diagonal = table.local_flows.diagonal().cwiseProduct(per_output).array();
  const double system_norm = ((1.0 - diagonal).abs() + column_sums.transpose().array() - diagonal).maxCoeff();
  result.reciprocal_condition = 1.0 / (system_norm * sum.col(0).maxCoeff());
  if (type_two) {
    const double total_compensation = table.value_added.row(row_of(ValueAdded::compensation)).sum();
    if (!(total_compensation > 0.0)) return std::nullopt;
    const Eigen::VectorXd consumption_shares =
        table.local_final_demand.col(column_of(FinalDemand::household)) / total_compensation;
    const Eigen::VectorXd income = sum.col(2);  // v = Lᵀ h_rᵀ
    const double schur = 1.0 - consumption_shares.dot(income);
    if (!(schur > 0.0)) return std::nullopt;
    const Eigen::RowVectorXd induced = consumption_shares.transpose() * sum / schur;
    Eigen::MatrixXd closed = sum;
    closed.noalias() += income * induced;
    result.type_two = Multipliers{HouseholdMode::endogenous, weights.names, std::move(closed)};
  }
  result.type_one = Multipliers{HouseholdMode::exogenous, std::move(weights.names), std::move(sum)};
  return result;
}

MultiplierSplit split_multipliers(const IoTable& table, const Multipliers& type_one, const Multipliers& type_two) {
  const MultiplierWeights weights = multiplier_weights(table);
  MultiplierSplit split;
  split.names = weights.names;
  split.direct = weights.per_output;
  split.indirect = type_one.values - weights.per_output;
  split.induced = type_two.values - type_one.values;
  return split;
}

Linkages rasmussen_linkages(const IoTable& table, const LeontiefModel& model) {
  const auto n = as_real(table.size());
  const Eigen::MatrixXd ones = Eigen::VectorXd::Ones(table.size());
  const Eigen::VectorXd column_sums = model.weighted_column_sums(ones);
  const Eigen::VectorXd ghosh_row_sums = model.output_for(Eigen::VectorXd(table.output)).cwiseQuotient(table.output);
  return {n * column_sums / column_sums.sum(), n * ghosh_row_sums / ghosh_row_sums.sum()};
}

}  // namespace regsim
