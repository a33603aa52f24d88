// `dynamics:` (docs/dynamics.md): which engine runs the scenario, and the ARIO parameters.

#include <fmt/format.h>

#include <algorithm>

#include "scenario/section_readers.hpp"
#include "scenario/yaml_tree.hpp"

namespace regsim {

using yaml::Node;

namespace {

template <class Enum, std::size_t N>
void read_choice(yaml::Reader& reader, const Node& map, const std::string& key, const std::string& path,
                 const std::array<std::string_view, N>& names, Enum& out) {
  const Node node = reader.child(map, key, path, false);
  if (!node.IsDefined()) return;
  const std::vector<std::string> options(names.begin(), names.end());
  if (auto value = reader.choice(node, yaml::join_path(path, key), options)) {
    out = enumerator<Enum>(std::find(options.begin(), options.end(), *value) - options.begin());
  }
}

/// A duration in days of at least one day.
void read_positive_days(yaml::Reader& reader, const Node& map, const std::string& key, const std::string& path,
                        int& out) {
  const Node node = reader.child(map, key, path, false);
  if (!node.IsDefined()) return;
  const std::string key_path = yaml::join_path(path, key);
  if (auto days = read_days(reader, node, key_path)) {
    if (*days < 1) {
      reader.error(node, key_path, "expected at least 1 day, found 0");
    } else {
      out = *days;
    }
  }
}

void read_number(yaml::Reader& reader, const Node& map, const std::string& key, const std::string& path, double low,
                 double high, const char* what, double& out) {
  const Node node = reader.child(map, key, path, false);
  if (!node.IsDefined()) return;
  if (auto value = read_bounded(reader, node, yaml::join_path(path, key), low, high, what)) out = *value;
}

/// `inventory: {days, restoration, psi, infinite}`; days is a number or {default, products}.
void read_inventory(yaml::Reader& reader, const Node& node, const std::string& path, DynamicsSpec& spec) {
  if (!reader.expect_map(node, path, {"days", "restoration", "psi", "infinite"})) return;
  if (const Node days = reader.child(node, "days", path, false); days.IsDefined()) {
    const std::string days_path = path + ".days";
    if (days.IsMap()) {
      if (reader.expect_map(days, days_path, {"default", "products"})) {
        read_number(reader, days, "default", days_path, 0.0, 3650.0, "a number of days", spec.inventory_days);
        if (const Node products = reader.child(days, "products", days_path, false); products.IsDefined()) {
          if (!products.IsMap()) {
            reader.error(products, days_path + ".products", "expected a map of product to days of inventory");
          } else {
            reader.expect_map(products, days_path + ".products", {});  // only to report products written twice
            for (const auto& [product, value] : products) {
              const std::string product_path = yaml::join_path(days_path + ".products", product.Scalar());
              if (auto d = read_bounded(reader, value, product_path, 0.0, 3650.0, "a number of days")) {
                spec.product_days.push_back({product.Scalar(), *d, reader.where(product)});
              }
            }
          }
        }
      }
    } else if (auto value = read_bounded(reader, days, days_path, 0.0, 3650.0, "a number of days")) {
      spec.inventory_days = *value;
    }
  }
  read_positive_days(reader, node, "restoration", path, spec.restoration_days);
  read_number(reader, node, "psi", path, 0.0, 1.0, "a share of the target inventory", spec.psi);
  if (const Node infinite = reader.child(node, "infinite", path, false); infinite.IsDefined()) {
    spec.infinite_inventory = read_terms(reader, infinite, path + ".infinite");
  }
}

}  // namespace

DynamicsSpec read_dynamics(yaml::Reader& reader, const Node& node) {
  DynamicsSpec spec;
  spec.where = reader.where(node);
  const std::string path = "dynamics";
  if (node.IsScalar()) {
    const std::vector<std::string> options(dynamics_model_names.begin(), dynamics_model_names.end());
    if (auto value = reader.choice(node, path, options)) {
      spec.model = enumerator<DynamicsModel>(std::find(options.begin(), options.end(), *value) - options.begin());
    }
    return spec;
  }
  if (!reader.expect_map(node, path,
                         {"model", "step", "days_per_year", "inventory", "overproduction", "capital", "orders",
                          "unmet_demand", "quirks", "attribution"})) {
    return spec;
  }
  read_choice(reader, node, "model", path, dynamics_model_names, spec.model);
  if (const Node step = reader.child(node, "step", path, false); step.IsDefined()) {
    if (auto days = read_days(reader, step, path + ".step"); days && *days != 1) {
      reader.error(step, path + ".step", fmt::format("expected 1d (the ARIO engine steps daily), found {}d", *days));
    }
  }
  read_number(reader, node, "days_per_year", path, 1.0, 366.0, "a number of days", spec.days_per_year);
  if (const Node inventory = reader.child(node, "inventory", path, false); inventory.IsDefined()) {
    read_inventory(reader, inventory, path + ".inventory", spec);
  }
  if (const Node over = reader.child(node, "overproduction", path, false); over.IsDefined()) {
    const std::string over_path = path + ".overproduction";
    if (reader.expect_map(over, over_path, {"max", "tau"})) {
      read_number(reader, over, "max", over_path, 1.0, 10.0, "a factor", spec.overproduction_max);
      read_positive_days(reader, over, "tau", over_path, spec.overproduction_tau_days);
    }
  }
  if (const Node capital = reader.child(node, "capital", path, false); capital.IsDefined()) {
    const std::string capital_path = path + ".capital";
    if (reader.expect_map(capital, capital_path, {"to_value_added"})) {
      read_number(reader, capital, "to_value_added", capital_path, 0.0, 1000.0, "a ratio",
                  spec.capital_to_value_added);
    }
  }
  read_choice(reader, node, "orders", path, order_module_names, spec.orders);
  read_choice(reader, node, "unmet_demand", path, unmet_demand_names, spec.unmet_demand);
  read_choice(reader, node, "quirks", path, quirks_names, spec.quirks);
  if (const Node attribution = reader.child(node, "attribution", path, false); attribution.IsDefined()) {
    if (auto value = reader.choice(attribution, path + ".attribution", {"reruns", "none"})) {
      spec.attribution = *value == "reruns";
    }
  }
  return spec;
}

/// What only one engine can run is refused in the other, where the scenario wrote it.
void check_engine(yaml::Reader& reader, const Scenario& scenario) {
  const bool ario = scenario.dynamics.model == DynamicsModel::ario;
  for (const EventSpec& event : scenario.events) {
    const std::string path = fmt::format("events[{}].kind", event.id);
    if (!ario && std::holds_alternative<DisruptionEventSpec>(event.detail)) {
      reader.error_at(event.where, path,
                      "a disruption needs supply constraints: set dynamics: {model: ario} (the leontief engine meets "
                      "any demand)");
    }
  }
  if (ario && scenario.economy.households == HouseholdMode::endogenous) {
    reader.error_at(scenario.dynamics.where, "dynamics.model",
                    "the ario engine needs economy.households: exogenous (households are final demand in ARIO)");
  }
}

}  // namespace regsim
