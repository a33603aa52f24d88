#include "model/quantities.hpp"

#include "model/prices.hpp"

namespace regsim {

Quantities::Quantities(const IoTable& table, HouseholdMode households) : table_(table) {
  const Eigen::ArrayXd per_output = table.output.array().inverse();
  value_added_ = table.total_value_added().transpose().array() * per_output;
  imports_ = table.imported_inputs.transpose().array() * per_output;
  for (const auto& satellite : table.satellites) satellites_.push_back(satellite.totals.array() * per_output);
  if (households == HouseholdMode::endogenous) {
    const Eigen::RowVectorXd compensation = table.value_added.row(row_of(ValueAdded::compensation));
    income_ = compensation.transpose().array() * per_output;
    consumption_shares_ = table.local_final_demand.col(column_of(FinalDemand::household)) / compensation.sum();
  }
}

void Quantities::describe(std::vector<Quantity>& out) const {
  for (const char* name : {"output", "value_added", "final_demand", "imports"})
    out.push_back({name, table_.units, {}, {}});
  for (const auto& satellite : table_.satellites) out.push_back({satellite.name, satellite.unit, {}, {}});
}

void Quantities::record_table(std::vector<Quantity>& out) const {
  out[0].yearly.row(0) = table_.output.transpose();
  out[1].yearly.row(0) = table_.total_value_added();
  out[2].yearly.row(0) = table_.total_final_demand().transpose();
  out[3].yearly.row(0) = table_.imported_inputs;
  for (std::size_t s = 0; s < satellites_.size(); ++s)
    out[4 + s].yearly.row(0) = table_.satellites[s].totals.transpose();
}

double indicator_value(const Indicator& indicator, const IndicatorState& state) {
  return indicator.on_output.dot(state.output) + indicator.on_demand.cwiseProduct(state.demand).sum() +
         indicator.on_imports.dot(state.import_change) +
         indicator.on_imported_demand.cwiseProduct(state.imported_demand).sum();
}

Eigen::RowVectorXd indicator_terms(const Indicator& indicator, const IndicatorState& state) {
  return (indicator.on_output.cwiseProduct(state.output) +
          indicator.on_demand.cwiseProduct(state.demand).rowwise().sum() +
          indicator.on_imports.cwiseProduct(state.import_change) +
          indicator.on_imported_demand.cwiseProduct(state.imported_demand).rowwise().sum())
      .transpose();
}

Eigen::RowVectorXd price_terms(const Indicator& indicator, const IndicatorState& state, const PriceChange& change) {
  Eigen::VectorXd terms = indicator.on_demand.cwiseProduct(state.demand).rowwise().sum().cwiseProduct(change.price);
  if (indicator.output_priced) terms += indicator.on_output.cwiseProduct(state.output).cwiseProduct(change.price);
  if (indicator.value_added_weight.size() > 0) {
    for (std::size_t c = 0; c < value_added_count; ++c) {
      if (indicator.value_added_parts[c])
        terms += indicator.value_added_weight.cwiseProduct(change.value_added[c]).cwiseProduct(state.output);
    }
  }
  return terms.transpose();
}

}  // namespace regsim
