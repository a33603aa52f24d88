#pragma once

#include <Eigen/Core>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/strong_id.hpp"

namespace regsim {

/// Final-demand categories, in the column order of IoTable::local_final_demand.
enum class FinalDemand { household, government, gfcf, inventory, exports };
inline constexpr std::size_t final_demand_count = 5;
inline constexpr std::array<std::string_view, final_demand_count> final_demand_names{
    "household", "government", "gfcf", "inventory", "exports"};

/// Value-added components, in the row order of IoTable::value_added.
enum class ValueAdded { compensation, taxes, depreciation, surplus };
inline constexpr std::size_t value_added_count = 4;
/// The categories as matrix extents: Y has `final_demand_width` columns, V `value_added_height` rows.
inline constexpr Index final_demand_width = final_demand_count;
inline constexpr Index value_added_height = value_added_count;
inline constexpr std::array<std::string_view, value_added_count> value_added_names{
    "compensation", "taxes", "depreciation", "surplus"};

constexpr Eigen::Index column_of(FinalDemand c) {
  return ordinal(c);
}
constexpr Eigen::Index row_of(ValueAdded c) {
  return ordinal(c);
}
/// Positions in the per-category and per-component arrays (names, labels).
constexpr std::size_t index_of(FinalDemand c) {
  return to_size(ordinal(c));
}
constexpr std::size_t index_of(ValueAdded c) {
  return to_size(ordinal(c));
}

/// A sector (an industry) of the table. In a multi-regional table (MRIO) every industry is a
/// product made in a region, and its code is `<region>/<product>`; in a one-region table both
/// are empty and every sector is its own product.
struct Sector {
  std::string code;
  std::string name;
  std::string name_zh;
  std::vector<std::string> groups;
  std::string region;
  std::string product;
  /// What it makes: `product`, or the code in a one-region table.
  [[nodiscard]] const std::string& product_code() const { return product.empty() ? code : product; }
};

/// A satellite account (employment, CO2, energy …): a total per sector and its unit.
struct Satellite {
  std::string name;
  std::string unit;
  Eigen::VectorXd totals;  ///< per sector, in `unit`
};

/// A regional input-output table in non-competitive-import form, in the table's money unit.
/// Notation follows Miller & Blair (2009): Z, f (here split by category), x, v.
/// Invariants (checked by the loader): for every sector i,
///   x_i = Σ_j Z_ij + Σ_k Y_ik                       (row: sales to local users)
///       = Σ_i Z_ij + m_j + Σ_c V_cj                 (column: purchases and value added)
struct IoTable {
  std::vector<Sector> sectors;
  Eigen::MatrixXd local_flows;             ///< Z: n×n local intermediate flows, seller × buyer
  Eigen::MatrixXd local_final_demand;      ///< Y: n×5 local final demand by FinalDemand category
  Eigen::RowVectorXd imported_inputs;      ///< m: 1×n imported intermediate inputs per buying sector
  Eigen::RowVectorXd imported_final_demand;  ///< 1×5 imported final demand per category
  /// n×5 imported final demand by product, when the table has it (final_imports.csv); its columns
  /// sum to imported_final_demand. Empty otherwise.
  Eigen::MatrixXd imported_final_demand_by_product;
  Eigen::MatrixXd value_added;             ///< V: 4×n value added by ValueAdded component
  Eigen::VectorXd output;                  ///< x: total output per sector
  std::vector<Satellite> satellites;
  std::string units;
  int base_year = 0;

  [[nodiscard]] Eigen::Index size() const { return output.size(); }
  /// True when the sectors carry regions and products (an MRIO).
  [[nodiscard]] bool multiregional() const { return !sectors.empty() && !sectors.front().region.empty(); }
  /// Index of a sector code, or nullopt.
  [[nodiscard]] std::optional<SectorId> find_sector(std::string_view code) const;
  /// Σ_k Y_ik: total local final demand per sector.
  [[nodiscard]] Eigen::VectorXd total_final_demand() const { return local_final_demand.rowwise().sum(); }
  /// Value added per sector (column sums of V).
  [[nodiscard]] Eigen::RowVectorXd total_value_added() const { return value_added.colwise().sum(); }
  /// GDP by production: Σ_j Σ_c V_cj.
  [[nodiscard]] double gdp_by_production() const { return value_added.sum(); }
  /// GDP by expenditure: local and imported final demand minus all imports
  /// (= Σ local final demand − imported intermediate inputs).
  [[nodiscard]] double gdp_by_expenditure() const {
    return local_final_demand.sum() - imported_inputs.sum();
  }
};

/// A = Z x̂⁻¹ (Miller & Blair 2009, §2.2): local input coefficients.
Eigen::MatrixXd technical_coefficients(const IoTable& table);

}  // namespace regsim
