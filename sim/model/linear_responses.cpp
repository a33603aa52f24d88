#include "model/linear_responses.hpp"

#include <algorithm>

#include "model/quantities.hpp"

namespace regsim {

namespace {

Eigen::MatrixXd output_weights(const SimulationSpec& spec) {
  Eigen::MatrixXd weights(spec.base_demand.rows(), std::ssize(spec.indicators));
  for (Eigen::Index i = 0; i < weights.cols(); ++i) weights.col(i) = spec.indicators[IndicatorId(i).value()].on_output;
  return weights;
}

bool same_pattern(std::span<const SectorRate> a, std::span<const SectorRate> b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

}  // namespace

Eigen::MatrixXd indicator_multipliers(const LeontiefModel& model, const SimulationSpec& spec) {
  return model.weighted_column_sums(output_weights(spec));
}

std::pair<std::vector<double>, Eigen::VectorXd> indicator_base_rates(const LeontiefModel& model,
                                                                     const SimulationSpec& spec) {
  Eigen::VectorXd base_output = model.output_for(Eigen::VectorXd(spec.base_demand.rowwise().sum()));
  const Eigen::VectorXd no_change = Eigen::VectorXd::Zero(spec.base_demand.rows());
  std::vector<double> rates;
  for (const Indicator& indicator : spec.indicators) {
    rates.push_back(
        indicator_value(indicator, {base_output, spec.base_demand, no_change, spec.base_imported_demand}));
  }
  return {std::move(rates), std::move(base_output)};
}

LinearResponses::LinearResponses(const LeontiefModel& model, const SimulationSpec& central, std::size_t max_bytes)
    : model_(&model),
      base_demand_(central.base_demand),
      base_imported_demand_(central.base_imported_demand),
      indicator_weights_(output_weights(central)),
      components_(central.components),
      rates_(central.rates),
      multipliers_(indicator_multipliers(model, central)) {
  std::tie(base_rates_, base_output_) = indicator_base_rates(model, central);
  const auto n = central.base_demand.rows();
  const auto count = std::ssize(components_);
  if (as_real(n) * as_real(count) * sizeof(double) > as_real(max_bytes)) return;
  // Every pattern as a column, solved at once: output depends on final demand whatever its category.
  Eigen::MatrixXd patterns = Eigen::MatrixXd::Zero(n, count);
  for (Eigen::Index c = 0; c < count; ++c) {
    for (const auto& [s, rate] : central.demand(components_[ComponentId(c).value()])) patterns(s.index(), c) += rate;
  }
  responses_ = model.output_for(patterns);
}

bool LinearResponses::shares_base(const SimulationSpec& spec, const LeontiefModel& model) const {
  return &model == model_ && spec.base_demand == base_demand_ && spec.base_imported_demand == base_imported_demand_ &&
         std::ssize(spec.indicators) == indicator_weights_.cols() && output_weights(spec) == indicator_weights_;
}

const double* LinearResponses::response(const SimulationSpec& spec, ComponentId c) const {
  if (responses_.size() == 0 || c.value() >= components_.size() || c.value() >= spec.components.size()) return nullptr;
  const Component& mine = components_[c.value()];
  const Component& theirs = spec.components[c.value()];
  if (mine.category != theirs.category || mine.demand_size != theirs.demand_size ||
      mine.imports_size != theirs.imports_size) {
    return nullptr;
  }
  const std::span<const SectorRate> my_rates(rates_.data() + mine.first, mine.demand_size + mine.imports_size);
  const std::span<const SectorRate> their_rates(spec.rates.data() + theirs.first, theirs.demand_size + theirs.imports_size);
  if (!same_pattern(my_rates, their_rates)) return nullptr;
  return responses_.col(c.index()).data();
}

}  // namespace regsim
