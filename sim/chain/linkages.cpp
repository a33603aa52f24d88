#include "chain/linkages.hpp"

#include "core/error.hpp"

namespace regsim {

std::string_view class_name(SectorClass c) {
  switch (c) {
    case SectorClass::key:
      return "key";
    case SectorClass::backward:
      return "backward-oriented";
    case SectorClass::forward:
      return "forward-oriented";
    case SectorClass::weak:
      return "weak";
  }
  return "weak";
}

Linkages compute_linkages(const IoTable& table, const LeontiefModel& type_one) {
  if (type_one.households() != HouseholdMode::exogenous) {
    throw std::logic_error("compute_linkages needs a Type I model");
  }
  const Eigen::Index n = table.size();
  const auto count = static_cast<double>(n);
  // Column sums of L: Lᵀ 1. Row sums of G = x̂⁻¹ L x̂: x̂⁻¹ (L x).
  const Eigen::VectorXd column_sums = type_one.weighted_column_sums(Eigen::MatrixXd::Ones(n, 1)).col(0);
  const Eigen::VectorXd ghosh_rows = type_one.output_for(Eigen::VectorXd(table.output)).cwiseQuotient(table.output);
  Linkages out;
  out.backward = count * column_sums / column_sums.sum();
  out.forward = count * ghosh_rows / ghosh_rows.sum();
  for (Eigen::Index i = 0; i < n; ++i) {
    const bool backward = out.backward(i) > 1.0;
    const bool forward = out.forward(i) > 1.0;
    out.classes.push_back(backward && forward ? SectorClass::key
                          : backward          ? SectorClass::backward
                          : forward           ? SectorClass::forward
                                              : SectorClass::weak);
  }
  return out;
}

ChainLinkage chain_linkage(const Linkages& linkages, const std::vector<Eigen::Index>& members, const Eigen::VectorXd& output) {
  ChainLinkage out;
  double weight = 0.0;
  for (const Eigen::Index i : members) {
    out.backward += output(i) * linkages.backward(i);
    out.forward += output(i) * linkages.forward(i);
    weight += output(i);
  }
  if (weight > 0.0) {
    out.backward /= weight;
    out.forward /= weight;
  }
  return out;
}

}  // namespace regsim
