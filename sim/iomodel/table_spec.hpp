#pragma once

#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "iomodel/io_table.hpp"

namespace regsim {

/// How imports appear in the table file.
enum class ImportForm {
  non_competitive,  ///< an `imports` row: imported inputs per buyer, imported final demand per category
  competitive,      ///< flows include imported goods; imports are a negative final-demand column
};

/// Whether households are part of final demand (Type I) or closed into the model (Type II).
enum class HouseholdMode { exogenous, endogenous };
/// The names scenarios and run files use, in enum order.
inline constexpr std::array<std::string_view, 2> household_mode_names{"exogenous", "endogenous"};
constexpr std::string_view name_of(HouseholdMode mode) {
  return name_in(household_mode_names, mode);
}

/// Where the table's CSV files are and how to read their labels: the `economy:` block of a scenario,
/// with paths already resolved against the scenario's folder. Plain data, no YAML.
struct TableSpec {
  std::filesystem::path table;
  std::filesystem::path sectors;
  std::filesystem::path satellites;  ///< empty: no satellite accounts
  /// Imported final demand by product (`final_imports.csv`); empty: by category only.
  std::filesystem::path final_imports;
  std::string units;
  int base_year = 0;
  ImportForm imports = ImportForm::non_competitive;
  /// Column labels per final-demand category; several columns are summed (e.g. rural + urban households).
  std::array<std::vector<std::string>, final_demand_count> final_demand_columns;
  /// Competitive form only: the column(s) holding imports as negative numbers.
  std::vector<std::string> import_columns;
  /// Row labels per value-added component; several rows are summed.
  std::array<std::vector<std::string>, value_added_count> value_added_rows;
  HouseholdMode households = HouseholdMode::exogenous;
  /// Units of satellite accounts by account name; accounts not listed have unit "".
  std::map<std::string, std::string> satellite_units;
  /// Largest accepted |row total − column total| / max(|row total|, |column total|).
  double balance_tolerance = 1e-6;
  /// Where each key of the spec was written (key path -> location), so that problems a mapping
  /// causes in the CSV (a missing column, say) can also point at the key that named it.
  std::map<std::string, SourceLocation> key_locations;
};

}  // namespace regsim
