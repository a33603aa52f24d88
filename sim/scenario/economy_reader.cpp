// The `economy:` block: which table, its format and closure (docs/table-format.md).

#include <fmt/format.h>

#include "iomodel/table_hdf5.hpp"
#include "scenario/section_readers.hpp"
#include "scenario/yaml_tree.hpp"

namespace regsim {

using yaml::join_path;
using yaml::Node;

namespace {

// The files, units, base year, import form and closure.
void read_table_basics(yaml::Reader& reader, const Node& node, const std::string& path, TableSpec& spec) {
  spec.table = resolve_file(reader, reader.child(node, "table", path, true), "economy.table");
  spec.sectors = resolve_file(reader, reader.child(node, "sectors", path, true), "economy.sectors");
  if (const Node satellites = reader.child(node, "satellites", path, false); satellites.IsDefined()) {
    spec.satellites = resolve_file(reader, satellites, "economy.satellites");
  }
  if (const Node imports = reader.child(node, "final_imports", path, false); imports.IsDefined()) {
    spec.final_imports = resolve_file(reader, imports, "economy.final_imports");
  }
  if (auto units = reader.string(reader.child(node, "units", path, true), "economy.units")) spec.units = *units;
  if (const Node year = reader.child(node, "base_year", path, true); year.IsDefined()) {
    if (auto value = read_base_year(reader, year, "economy.base_year")) spec.base_year = *value;
  }
  if (const Node imports = reader.child(node, "imports", path, false); imports.IsDefined()) {
    if (auto form = reader.choice(imports, "economy.imports", {"non-competitive", "competitive"})) {
      spec.imports = *form == "competitive" ? ImportForm::competitive : ImportForm::non_competitive;
    }
  }
  if (const Node households = reader.child(node, "households", path, false); households.IsDefined()) {
    const std::vector<std::string> options(household_mode_names.begin(), household_mode_names.end());
    if (auto mode = reader.choice(households, "economy.households", options)) {
      spec.households =
          *mode == name_of(HouseholdMode::endogenous) ? HouseholdMode::endogenous : HouseholdMode::exogenous;
    }
  }
}

// final_demand: category -> column label(s); `imports` only for competitive tables.
void read_final_demand_columns(yaml::Reader& reader, const Node& node, const std::string& path, TableSpec& spec) {
  const Node final_demand = reader.child(node, "final_demand", path, true);
  if (!final_demand.IsDefined()) return;
  const std::string fd_path = "economy.final_demand";
  std::vector<std::string> keys(final_demand_names.begin(), final_demand_names.end());
  keys.emplace_back("imports");
  if (reader.expect_map(final_demand, fd_path, keys)) {
    for (std::size_t k = 0; k < final_demand_count; ++k) {
      const std::string key{final_demand_names[k]};
      const Node value = reader.child(final_demand, key, fd_path, false);
      if (!value.IsDefined()) continue;
      spec.key_locations[join_path(fd_path, key)] = reader.where(value);
      if (auto labels = reader.string_list(value, join_path(fd_path, key))) spec.final_demand_columns[k] = *labels;
    }
    const Node imports = reader.child(final_demand, "imports", fd_path, false);
    const std::string imports_path = join_path(fd_path, "imports");
    if (imports.IsDefined()) {
      spec.key_locations[imports_path] = reader.where(imports);
      if (spec.imports != ImportForm::competitive) {
        reader.error(imports, imports_path,
                     "an import column belongs to competitive tables; set economy.imports: competitive, or "
                     "give imports as a row named \"imports\"");
      } else if (auto labels = reader.string_list(imports, imports_path)) {
        spec.import_columns = *labels;
      }
    } else if (spec.imports == ImportForm::competitive) {
      reader.error(final_demand, imports_path,
                   "a competitive table needs the column that holds imports (as negative numbers)");
    }
    if (spec.households == HouseholdMode::endogenous &&
        spec.final_demand_columns[index_of(FinalDemand::household)].empty()) {
      reader.error(final_demand, join_path(fd_path, "household"),
                   "economy.households is endogenous (Type II), which needs the household consumption column");
    }
  }
}

// value_added: component -> row label(s); compensation is required.
void read_value_added_rows(yaml::Reader& reader, const Node& node, const std::string& path, TableSpec& spec) {
  const Node value_added = reader.child(node, "value_added", path, true);
  if (value_added.IsDefined()) {
    const std::string va_path = "economy.value_added";
    spec.key_locations[va_path] = reader.where(value_added);
    if (reader.expect_map(value_added, va_path, {value_added_names.begin(), value_added_names.end()})) {
      for (std::size_t c = 0; c < value_added_count; ++c) {
        const std::string key{value_added_names[c]};
        const bool required = enumerator<ValueAdded>(c) == ValueAdded::compensation;
        const Node value = reader.child(value_added, key, va_path, required);
        if (!value.IsDefined()) continue;
        spec.key_locations[join_path(va_path, key)] = reader.where(value);
        if (auto labels = reader.string_list(value, join_path(va_path, key))) spec.value_added_rows[c] = *labels;
      }
    }
  }
}

// satellite_units and balance_tolerance.
void read_table_options(yaml::Reader& reader, const Node& node, const std::string& path, TableSpec& spec) {
  if (const Node units = reader.child(node, "satellite_units", path, false); units.IsDefined()) {
    const std::string units_path = "economy.satellite_units";
    if (!units.IsMap()) {
      reader.error(units, units_path, "expected a map of account name to unit");
    } else {
      for (const auto& entry : units) {
        const std::string account = entry.first.Scalar();
        spec.key_locations[join_path(units_path, account)] = reader.where(entry.first);
        if (auto unit = reader.string(entry.second, join_path(units_path, account))) {
          spec.satellite_units[account] = *unit;
        }
      }
    }
  }
  if (const Node tolerance = reader.child(node, "balance_tolerance", path, false); tolerance.IsDefined()) {
    if (auto value = reader.number(tolerance, "economy.balance_tolerance")) {
      if (*value <= 0.0 || *value >= 0.1) {
        reader.error(tolerance, "economy.balance_tolerance",
                     fmt::format("expected a relative tolerance above 0 and below 0.1, found {}", *value));
      } else {
        spec.balance_tolerance = *value;
      }
    }
  }
}

// A table in HDF5 carries its sectors, categories, components, satellites, units and base year:
// the block names the file and the closure, nothing that could contradict the file.
TableSpec read_hdf5_economy(yaml::Reader& reader, const Node& node, const std::string& path, TableSpec spec) {
  for (const char* key : {"sectors", "satellites", "final_imports", "units", "base_year", "imports", "final_demand",
                          "value_added", "satellite_units"}) {
    if (const Node given = reader.child(node, key, path, false); given.IsDefined()) {
      reader.error(given, join_path(path, key),
                   fmt::format("an HDF5 table carries its own sectors, categories, units and base year; remove "
                               "economy.{} (docs/table-format.md, \"Tables in HDF5\")",
                               key));
    }
  }
  if (const Node households = reader.child(node, "households", path, false); households.IsDefined()) {
    const std::vector<std::string> options(household_mode_names.begin(), household_mode_names.end());
    if (auto mode = reader.choice(households, "economy.households", options)) {
      spec.households =
          *mode == name_of(HouseholdMode::endogenous) ? HouseholdMode::endogenous : HouseholdMode::exogenous;
    }
  }
  read_table_options(reader, node, path, spec);
  return spec;
}

}  // namespace

TableSpec read_economy(yaml::Reader& reader, const Node& node) {
  TableSpec spec;
  const std::string path = "economy";
  spec.key_locations[path] = reader.where(node);
  if (node.IsMap()) {
    if (const Node table = reader.child(node, "table", path, false); table.IsDefined() && table.IsScalar() &&
                                                                       is_hdf5_table(table.Scalar())) {
      spec.table = resolve_file(reader, table, "economy.table");
      if (!reader.expect_map(node, path,
                             {"table", "sectors", "satellites", "final_imports", "units", "base_year", "imports",
                              "final_demand", "value_added", "households", "satellite_units",
                              "balance_tolerance"})) {
        return spec;
      }
      return read_hdf5_economy(reader, node, path, std::move(spec));
    }
  }
  if (!reader.expect_map(node, path,
                         {"table", "sectors", "satellites", "final_imports", "units", "base_year", "imports",
                          "final_demand", "value_added", "households", "satellite_units", "balance_tolerance"})) {
    return spec;
  }
  read_table_basics(reader, node, path, spec);
  read_final_demand_columns(reader, node, path, spec);
  read_value_added_rows(reader, node, path, spec);
  read_table_options(reader, node, path, spec);
  return spec;
}

}  // namespace regsim
