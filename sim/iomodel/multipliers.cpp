#include "iomodel/multipliers.hpp"

#include <fmt/format.h>

namespace regsim {

MultiplierWeights multiplier_weights(const IoTable& table) {
  const Eigen::Index n = table.size();
  const auto k = static_cast<Eigen::Index>(3 + table.satellites.size());
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
    w.per_output.col(static_cast<Eigen::Index>(3 + s)) = table.satellites[s].totals.cwiseProduct(per_output.transpose());
    w.names.push_back(table.satellites[s].name);
    w.units.push_back(table.satellites[s].unit);
  }
  return w;
}

Multipliers compute_multipliers(const IoTable& table, const LeontiefModel& model) {
  MultiplierWeights weights = multiplier_weights(table);
  return {model.households(), std::move(weights.names), model.weighted_column_sums(weights.per_output)};
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
  const auto n = static_cast<double>(table.size());
  const Eigen::MatrixXd ones = Eigen::VectorXd::Ones(table.size());
  const Eigen::VectorXd column_sums = model.weighted_column_sums(ones);
  const Eigen::VectorXd ghosh_row_sums = model.output_for(Eigen::VectorXd(table.output)).cwiseQuotient(table.output);
  return {n * column_sums / column_sums.sum(), n * ghosh_row_sums / ghosh_row_sums.sum()};
}

}  // namespace regsim
