#include "iomodel/table_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "core/csv.hpp"
#include "core/text.hpp"
#include "iomodel/competitive.hpp"
#include "iomodel/sector_columns.hpp"
#include "iomodel/table_hdf5.hpp"
#include "iomodel/table_reader.hpp"

namespace regsim {

using table_files::imports_label;
using table_files::in_quotes;
using table_files::key_location;
using table_files::ParsedTable;
using table_files::read_table;
using table_files::relatively_equal;
using table_files::total_label;

namespace {

// ---- sectors.csv ---------------------------------------------------------------------------

std::vector<Sector> read_sectors(const TableSpec& spec, Diagnostics& diagnostics) {
  return read_sector_list(spec.sectors, diagnostics);
}

// In an MRIO an industry is a product made in a region, and its code says so: `<region>/<product>`.
bool valid_industry_code(const Sector& sector, const SourceLocation& where, Diagnostics& diagnostics) {
  const std::string path = fmt::format("sector {}", in_quotes(sector.code));
  if (sector.region.empty() || sector.product.empty()) {
    diagnostics.add(where, path, "a multi-regional table needs a region and a product on every row, found an empty cell");
    return false;
  }
  if (sector.region.find('/') != std::string::npos || sector.product.find('/') != std::string::npos) {
    diagnostics.add(where, path,
                    fmt::format("region and product must not contain '/', found {} and {}", in_quotes(sector.region),
                                in_quotes(sector.product)));
    return false;
  }
  if (const std::string expected = sector.region + "/" + sector.product; sector.code != expected) {
    diagnostics.add(where, path,
                    fmt::format("the code of an industry is <region>/<product>: expected {}, found {}",
                                in_quotes(expected), in_quotes(sector.code)));
    return false;
  }
  return true;
}

}  // namespace

std::vector<Sector> read_sector_list(const std::filesystem::path& path, Diagnostics& diagnostics,
                                     const std::string& extra_column, std::vector<std::string>* extra) {
  const CsvFile file = read_csv(path);
  std::vector<Sector> sectors;
  if (file.rows.empty()) {
    diagnostics.add({file.path, 0, 0}, "", "the sector list is empty: expected a header `code,name,name_zh,groups`");
    return sectors;
  }
  std::vector<std::string> known{"code", "name", "name_zh", "groups", "region", "product"};
  if (!extra_column.empty()) known.push_back(extra_column);
  std::map<std::string, std::size_t> column;
  for (std::size_t j = 0; j < file.rows[0].size(); ++j) {
    const CsvCell& cell = file.rows[0][j];
    const std::string label{trim(cell.text)};
    if (std::find(known.begin(), known.end(), label) == known.end()) {
      diagnostics.add(file.location_of(cell), "header",
                      fmt::format("unknown column {}: expected {}{}", in_quotes(label), join(known, ", "),
                                  did_you_mean(label, known)));
    } else if (!column.emplace(label, j).second) {
      diagnostics.add(file.location_of(cell), "header", fmt::format("column {} appears twice", in_quotes(label)));
    }
  }
  if (!column.contains("code") || !column.contains("name") ||
      (!extra_column.empty() && !column.contains(extra_column))) {
    diagnostics.add(file.location_of(file.rows[0][0]), "header",
                    extra_column.empty()
                        ? std::string("expected at least the columns `code` and `name`")
                        : fmt::format("expected at least the columns `code`, `name` and `{}`", extra_column));
    return sectors;
  }
  const bool regions = column.contains("region") || column.contains("product");
  if (regions && !(column.contains("region") && column.contains("product"))) {
    diagnostics.add(file.location_of(file.rows[0][0]), "header",
                    "a multi-regional sector list needs both columns `region` and `product`");
    return sectors;
  }
  std::map<std::string, std::size_t> first_line;
  for (std::size_t r = 1; r < file.rows.size(); ++r) {
    const auto& row = file.rows[r];
    const auto field = [&](const std::string& name) -> std::string {
      const auto it = column.find(name);
      if (it == column.end() || it->second >= row.size()) return {};
      return std::string(trim(row[it->second].text));
    };
    Sector sector{field("code"),   field("name"),   field("name_zh"), split_trimmed(field("groups"), ';'),
                  field("region"), field("product")};
    const SourceLocation where = file.location_of(row[0]);
    if (row.size() != file.rows[0].size()) {
      diagnostics.add(where, fmt::format("row {}", r + 1),
                      fmt::format("expected {} cells, found {}", file.rows[0].size(), row.size()));
      continue;
    }
    if (sector.code.empty()) {
      diagnostics.add(where, fmt::format("row {}", r + 1), "expected a sector code, found an empty cell");
      continue;
    }
    if (sector.code == imports_label || sector.code == total_label || sector.code == "code") {
      diagnostics.add(where, fmt::format("sector {}", in_quotes(sector.code)),
                      fmt::format("{} is reserved for the table's own rows and columns", in_quotes(sector.code)));
      continue;
    }
    if (regions && !valid_industry_code(sector, where, diagnostics)) continue;
    if (const auto [it, inserted] = first_line.emplace(sector.code, where.line); !inserted) {
      diagnostics.add(where, fmt::format("sector {}", in_quotes(sector.code)),
                      fmt::format("duplicate sector code (first on line {})", it->second));
      continue;
    }
    sectors.push_back(std::move(sector));
    if (extra != nullptr) extra->push_back(field(extra_column));
  }
  if (sectors.empty() && diagnostics.empty()) {
    diagnostics.add({file.path, 0, 0}, "", "the sector list has a header but no sectors");
  }
  return sectors;
}

namespace {

// ---- satellites.csv ------------------------------------------------------------------------

std::vector<Satellite> read_satellites(const TableSpec& spec, const std::vector<Sector>& sectors,
                                       Diagnostics& diagnostics) {
  std::vector<Satellite> satellites;
  if (spec.satellites.empty()) {
    for (const auto& [name, unit] : spec.satellite_units) {
      const std::string key = fmt::format("economy.satellite_units.{}", name);
      diagnostics.add(key_location(spec, key), key, "a unit is given but economy.satellites names no file");
    }
    return satellites;
  }
  const SectorColumns file = read_sector_columns(spec.satellites, sectors, "account", diagnostics);
  for (Index j = 0; j < std::ssize(file.names); ++j) {
    const auto unit = spec.satellite_units.find(at(file.names, j));
    satellites.push_back(
        {at(file.names, j), unit == spec.satellite_units.end() ? "" : unit->second, file.values.col(j)});
  }
  for (const auto& [name, unit] : spec.satellite_units) {
    if (std::find(file.names.begin(), file.names.end(), name) == file.names.end()) {
      const std::string key = fmt::format("economy.satellite_units.{}", name);
      diagnostics.add(key_location(spec, key), key, fmt::format("no account {} in {}", in_quotes(name), file.path.string()));
    }
  }
  return satellites;
}

// ---- final_imports.csv ---------------------------------------------------------------------

/// Imported final demand by product: columns named by category, each summing to the `imports` row.
Eigen::MatrixXd read_final_imports(const TableSpec& spec, const std::vector<Sector>& sectors,
                                   const Eigen::RowVectorXd& by_category, Diagnostics& diagnostics) {
  const SectorColumns file = read_sector_columns(spec.final_imports, sectors, "category", diagnostics);
  const std::vector<std::string> categories(final_demand_names.begin(), final_demand_names.end());
  Eigen::MatrixXd out = Eigen::MatrixXd::Zero(std::ssize(sectors), final_demand_width);
  for (Index j = 0; j < std::ssize(file.names); ++j) {
    const auto found = std::find(categories.begin(), categories.end(), at(file.names, j));
    if (found == categories.end()) {
      diagnostics.add(
          at(file.name_where, j), "header",
          fmt::format("unknown final-demand category {}; expected one of: {}{}", in_quotes(at(file.names, j)),
                      join(categories, ", "), did_you_mean(at(file.names, j), categories)));
      continue;
    }
    const auto k = found - categories.begin();
    const Eigen::VectorXd column = file.values.col(j);
    if (enumerator<FinalDemand>(k) != FinalDemand::inventory && column.minCoeff() < 0.0) {
      Eigen::Index i = 0;
      column.minCoeff(&i);
      diagnostics.add(at(file.row_where, i),
                      fmt::format("row {}, column {}", in_quotes(at(sectors, i).code), in_quotes(at(file.names, j))),
                      fmt::format("imported {} demand must not be negative, found {}", at(file.names, j),
                                  format_number(column(i))));
    }
    out.col(k) = column;
  }
  for (Eigen::Index k = 0; k < out.cols(); ++k) {
    const double sum = out.col(k).sum();
    if (!relatively_equal(sum, by_category(k), spec.balance_tolerance) &&
        std::abs(sum - by_category(k)) > 1e-9 * std::max(1.0, std::abs(by_category(k)))) {
      diagnostics.add({file.path, 0, 0}, fmt::format("column {}", in_quotes(std::string(at(final_demand_names, k)))),
                      fmt::format("sums to {}, but the table's imports row has {} under that category",
                                  format_number(sum), format_number(by_category(k))));
    }
  }
  return out;
}

}  // namespace

IoTable load_table(const TableSpec& spec) {
  if (is_hdf5_table(spec.table)) return read_hdf5_table(spec.table, spec.balance_tolerance);
  Diagnostics diagnostics;
  if (spec.value_added_rows[index_of(ValueAdded::compensation)].empty()) {
    diagnostics.add(key_location(spec, "economy.value_added"), "economy.value_added",
                    "expected a `compensation` row: income multipliers and the Type II closure need it");
  }
  std::vector<Sector> sectors = read_sectors(spec, diagnostics);
  diagnostics.throw_if_any();  // without a clean sector list every later message would mislead

  Diagnostics consistency;
  ParsedTable parsed = read_table(spec, sectors, diagnostics, consistency);
  std::vector<Satellite> satellites = read_satellites(spec, sectors, diagnostics);
  diagnostics.throw_if_any();
  diagnostics = std::move(consistency);

  // Row totals are output; column totals must agree.
  const Eigen::VectorXd row_totals =
      parsed.flows.rowwise().sum() + parsed.final_demand.rowwise().sum() + parsed.import_column;
  const Eigen::RowVectorXd column_totals =
      parsed.flows.colwise().sum() + parsed.imported_inputs + parsed.value_added.colwise().sum();
  for (Index i = 0; i < std::ssize(sectors); ++i) {
    const auto key = fmt::format("sector {}", in_quotes(at(sectors, i).code));
    const SourceLocation& where = at(parsed.sector_row_location, i);
    if (!(row_totals(i) > 0.0)) {
      diagnostics.add(where, key,
                      fmt::format("output (row total) must be positive, found {}: merge the sector into another "
                                  "or drop it",
                                  format_number(row_totals(i))));
      continue;
    }
    if (!relatively_equal(row_totals(i), column_totals(i), spec.balance_tolerance)) {
      const double gap = row_totals(i) - column_totals(i);
      diagnostics.add(where, key,
                      fmt::format("row total (output) {} differs from column total (inputs + value added) {} by "
                                  "{} ({:.3g} of output; the tolerance is {:g})",
                                  format_number(row_totals(i)), format_number(column_totals(i)), format_number(gap),
                                  std::abs(gap) / std::abs(row_totals(i)), spec.balance_tolerance));
    }
  }
  diagnostics.throw_if_any();

  IoTable table;
  table.output = row_totals;
  table.value_added = std::move(parsed.value_added);
  if (spec.imports == ImportForm::competitive) {
    const CompetitiveFlows competitive{std::move(parsed.flows), std::move(parsed.final_demand), -parsed.import_column};
    NonCompetitiveFlows converted = convert_competitive(competitive, sectors, parsed.sector_row_location, diagnostics);
    diagnostics.throw_if_any();
    table.local_flows = std::move(converted.local_flows);
    table.local_final_demand = std::move(converted.local_final_demand);
    table.imported_inputs = std::move(converted.imported_inputs);
    table.imported_final_demand = std::move(converted.imported_final_demand);
  } else {
    table.local_flows = std::move(parsed.flows);
    table.local_final_demand = std::move(parsed.final_demand);
    table.imported_inputs = std::move(parsed.imported_inputs);
    table.imported_final_demand = std::move(parsed.imported_final_demand);
  }
  if (!spec.final_imports.empty()) {
    if (spec.imports == ImportForm::competitive) {
      diagnostics.add(key_location(spec, "economy.final_imports"), "economy.final_imports",
                      "a competitive table's imports are converted by product already: final_imports is for "
                      "non-competitive tables");
    } else {
      table.imported_final_demand_by_product =
          read_final_imports(spec, sectors, table.imported_final_demand, diagnostics);
    }
    diagnostics.throw_if_any();
  }
  table.sectors = std::move(sectors);
  table.satellites = std::move(satellites);
  table.units = spec.units;
  table.base_year = spec.base_year;
  return table;
}

}  // namespace regsim
