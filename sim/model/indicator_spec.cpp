// Indicators resolved against the table: a quantity's weights on output, final demand and imports.

#include "model/indicator_spec.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "core/text.hpp"

namespace regsim {

namespace {

/// Quantities that count a category's purchases whatever their origin (docs/scenario-reference.md).
constexpr std::array<std::pair<std::string_view, FinalDemand>, 2> purchases{
    {{"investment", FinalDemand::gfcf}, {"consumption", FinalDemand::household}}};

struct Purchase {
  FinalDemand category;
  bool local_only = false;
  bool imported_only = false;
};

/// `investment`, `consumption`, or either with `.local` or `.imported`.
std::optional<Purchase> purchase_of(std::string_view of) {
  for (const auto& [name, category] : purchases) {
    if (!of.starts_with(name)) continue;
    const std::string_view part = of.substr(name.size());
    if (part.empty() || part == ".local" || part == ".imported")
      return Purchase{category, part == ".local", part == ".imported"};
  }
  return std::nullopt;
}

const std::vector<std::string>& fixed_quantities() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all{"output", "value_added"};
    for (auto c : value_added_names) all.push_back(fmt::format("value_added.{}", c));
    all.emplace_back("final_demand");
    for (auto k : final_demand_names) all.push_back(fmt::format("final_demand.{}", k));
    all.emplace_back("imports");
    for (const auto& [name, category] : purchases) {
      for (const char* part : {"", ".local", ".imported"}) all.push_back(fmt::format("{}{}", name, part));
    }
    return all;
  }();
  return names;
}

/// The weights of `spec.of` on the sectors of `mask`; false (with a diagnostic) for an unknown quantity
/// or a nominal physical one.
bool weigh(Indicator& indicator, const IndicatorSpec& spec, const IoTable& table, HouseholdMode households,
           const Eigen::VectorXd& mask, const std::string& path, Diagnostics& diagnostics) {
  const Eigen::ArrayXd per_output = table.output.array().inverse();
  const auto induced_household = [&](const Eigen::VectorXd& weights) {
    // Under Type II household consumption is h_c (h_r · x): linear in output.
    if (households != HouseholdMode::endogenous) return;
    const Eigen::VectorXd consumption = table.local_final_demand.col(column_of(FinalDemand::household));
    const Eigen::ArrayXd income =
        table.value_added.row(row_of(ValueAdded::compensation)).transpose().array() * per_output;
    indicator.on_output +=
        (weights.dot(consumption) / table.value_added.row(row_of(ValueAdded::compensation)).sum()) * income.matrix();
  };
  const std::string& of = spec.of;
  indicator.basis = spec.basis;
  if (of == "output") {
    indicator.on_output = mask;
    indicator.output_priced = true;
  } else if (of == "value_added") {
    indicator.on_output = mask.array() * table.total_value_added().transpose().array() * per_output;
    indicator.value_added_weight = mask * spec.scale;
    indicator.value_added_parts.fill(true);
  } else if (of.starts_with("value_added.") &&
             std::find(value_added_names.begin(), value_added_names.end(), of.substr(12)) != value_added_names.end()) {
    const auto c =
        std::find(value_added_names.begin(), value_added_names.end(), of.substr(12)) - value_added_names.begin();
    indicator.on_output = mask.array() * table.value_added.row(c).transpose().array() * per_output;
    indicator.value_added_weight = mask * spec.scale;
    at(indicator.value_added_parts, c) = true;
  } else if (of == "final_demand") {
    indicator.on_demand = mask.replicate(1, 5);
    induced_household(mask);
    indicator.output_priced = true;
  } else if (of.starts_with("final_demand.") && std::find(final_demand_names.begin(), final_demand_names.end(),
                                                          of.substr(13)) != final_demand_names.end()) {
    const auto k =
        std::find(final_demand_names.begin(), final_demand_names.end(), of.substr(13)) - final_demand_names.begin();
    indicator.on_demand.col(k) = mask;
    if (enumerator<FinalDemand>(k) == FinalDemand::household) induced_household(mask);
    indicator.output_priced = true;
  } else if (const auto purchase = purchase_of(of)) {
    // What a category buys whatever its origin: investment where it happens (imported equipment
    // included), household consumption (imported goods included), or one of the two parts.
    const auto k = column_of(purchase->category);
    if (!purchase->imported_only) {
      indicator.on_demand.col(k) = mask;
      if (purchase->category == FinalDemand::household) {
        induced_household(mask);
        indicator.output_priced = true;
      }
    }
    if (!purchase->local_only) indicator.on_imported_demand.col(k) = mask;
  } else if (of == "imports") {
    indicator.on_output = mask.array() * table.imported_inputs.transpose().array() * per_output;
    indicator.on_imports = mask;
  } else {
    const auto satellite = std::find_if(table.satellites.begin(), table.satellites.end(),
                                        [&](const Satellite& s) { return s.name == of; });
    if (satellite == table.satellites.end()) {
      std::vector<std::string> known = fixed_quantities();
      for (const auto& s : table.satellites) known.push_back(s.name);
      diagnostics.add(spec.of_where, path + ".of",
                      fmt::format("unknown quantity \"{}\"; expected one of: {}{}", of, join(known, ", "),
                                  did_you_mean(of, known)));
      return false;
    }
    indicator.on_output = mask.array() * satellite->totals.array() * per_output;
    indicator.unit = satellite->unit;
    if (spec.basis == PriceBasis::nominal) {
      diagnostics.add(
          spec.where, path + ".basis",
          fmt::format("{} is a physical quantity ({}): it has no price, so no nominal basis", of, satellite->unit));
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<Indicator> resolve_indicator(const IndicatorSpec& spec, const IoTable& table, HouseholdMode households,
                                           SectorResolver& resolver, Diagnostics& diagnostics) {
  const Eigen::Index n = table.size();
  const std::string path = fmt::format("indicators.{}", spec.name);
  const Eigen::VectorXd mask = resolver.mask(spec.sectors, path + ".sectors");
  Indicator indicator;
  indicator.name = spec.name;
  indicator.of = spec.of;
  indicator.unit = table.units;
  indicator.on_output = Eigen::VectorXd::Zero(n);
  indicator.on_demand = Eigen::MatrixXd::Zero(n, final_demand_width);
  indicator.on_imports = Eigen::VectorXd::Zero(n);
  indicator.on_imported_demand = Eigen::MatrixXd::Zero(n, final_demand_width);
  if (!weigh(indicator, spec, table, households, mask, path, diagnostics)) return std::nullopt;
  indicator.on_output *= spec.scale;
  indicator.on_demand *= spec.scale;
  indicator.on_imports *= spec.scale;
  indicator.on_imported_demand *= spec.scale;
  return indicator;
}

}  // namespace regsim
