#include "iomodel/table_loader.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "core/csv.hpp"
#include "core/text.hpp"
#include "iomodel/competitive.hpp"

namespace regsim {

namespace {

constexpr std::string_view imports_label = "imports";
constexpr std::string_view total_label = "total";

std::string in_quotes(std::string_view s) { return fmt::format("\"{}\"", s); }

SourceLocation key_location(const TableSpec& spec, const std::string& key) {
  const auto it = spec.key_locations.find(key);
  return it == spec.key_locations.end() ? SourceLocation{} : it->second;
}

bool relatively_equal(double a, double b, double tolerance) {
  const double scale = std::max({std::abs(a), std::abs(b), 1e-300});
  return std::abs(a - b) <= tolerance * scale;
}

// ---- sectors.csv ---------------------------------------------------------------------------

std::vector<Sector> read_sectors(const TableSpec& spec, Diagnostics& diagnostics) {
  return read_sector_list(spec.sectors, diagnostics);
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
  std::vector<std::string> known{"code", "name", "name_zh", "groups"};
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
  if (!column.contains("code") || !column.contains("name") || (!extra_column.empty() && !column.contains(extra_column))) {
    diagnostics.add(file.location_of(file.rows[0][0]), "header",
                    extra_column.empty() ? std::string("expected at least the columns `code` and `name`")
                                         : fmt::format("expected at least the columns `code`, `name` and `{}`", extra_column));
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
    Sector sector{field("code"), field("name"), field("name_zh"), split_trimmed(field("groups"), ';')};
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

// ---- table.csv -----------------------------------------------------------------------------

enum class Role { sector, final_demand, import_column, imports_row, value_added, total };

struct Label {
  Role role;
  std::size_t index = 0;  // sector, category or component
};

struct LabelMaps {
  std::map<std::string, Label> columns;
  std::map<std::string, Label> rows;
};

LabelMaps build_label_maps(const TableSpec& spec, const std::vector<Sector>& sectors, Diagnostics& diagnostics) {
  LabelMaps maps;
  for (std::size_t i = 0; i < sectors.size(); ++i) {
    maps.columns.emplace(sectors[i].code, Label{Role::sector, i});
    maps.rows.emplace(sectors[i].code, Label{Role::sector, i});
  }
  const auto claim = [&](std::map<std::string, Label>& map, const std::string& label, Label role,
                         const std::string& key) {
    if (!map.emplace(label, role).second) {
      diagnostics.add(key_location(spec, key), key,
                      fmt::format("{} is already used by a sector or another mapping", in_quotes(label)));
    }
  };
  for (std::size_t k = 0; k < final_demand_count; ++k) {
    const std::string key = fmt::format("economy.final_demand.{}", final_demand_names[k]);
    for (const auto& label : spec.final_demand_columns[k]) claim(maps.columns, label, {Role::final_demand, k}, key);
  }
  for (const auto& label : spec.import_columns) {
    claim(maps.columns, label, {Role::import_column, 0}, "economy.final_demand.imports");
  }
  for (std::size_t c = 0; c < value_added_count; ++c) {
    const std::string key = fmt::format("economy.value_added.{}", value_added_names[c]);
    for (const auto& label : spec.value_added_rows[c]) claim(maps.rows, label, {Role::value_added, c}, key);
  }
  maps.columns.emplace(std::string(total_label), Label{Role::total});
  maps.rows.emplace(std::string(total_label), Label{Role::total});
  if (spec.imports == ImportForm::non_competitive) {
    maps.rows.emplace(std::string(imports_label), Label{Role::imports_row});
  }
  return maps;
}

std::vector<std::string> keys_of(const std::map<std::string, Label>& map) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : map) keys.push_back(k);
  return keys;
}

struct ParsedTable {
  Eigen::MatrixXd flows;
  Eigen::MatrixXd final_demand;
  Eigen::VectorXd import_column;  // competitive: Σ of import columns (≤ 0)
  Eigen::RowVectorXd imported_inputs;
  Eigen::RowVectorXd imported_final_demand;
  Eigen::MatrixXd value_added;
  std::vector<SourceLocation> sector_row_location;
};

// A cell's role pair decides whether it may be empty and which sign it must have.
bool may_be_empty(Role row, Role column) {
  if (row == Role::total || column == Role::total) return true;
  return row == Role::value_added && (column == Role::final_demand || column == Role::import_column);
}

std::optional<std::string> sign_problem(Role row, std::size_t row_index, Role column, std::size_t column_index,
                                        double value) {
  if (row == Role::sector && column == Role::sector && value < 0) return "intermediate flows must not be negative";
  if (row == Role::imports_row && value < 0) return "imports must not be negative";
  if (row == Role::sector && column == Role::final_demand && value < 0) {
    const auto category = static_cast<FinalDemand>(column_index);
    if (category != FinalDemand::inventory) {
      return fmt::format("{} final demand must not be negative (only inventory changes may be)",
                         final_demand_names[column_index]);
    }
  }
  if (column == Role::import_column && row == Role::sector && value > 0) {
    return "a competitive table's import column holds imports as negative numbers";
  }
  if (row == Role::value_added && column == Role::sector && value < 0) {
    const auto component = static_cast<ValueAdded>(row_index);
    if (component == ValueAdded::compensation || component == ValueAdded::depreciation) {
      return fmt::format("{} must not be negative (only taxes and operating surplus may be)",
                         value_added_names[row_index]);
    }
  }
  if (row == Role::value_added && column != Role::sector && column != Role::total && value != 0) {
    return "value added is recorded in sector columns only; leave final-demand cells of value-added rows empty";
  }
  return std::nullopt;
}

// Problems that make cells unreadable go to `diagnostics`; given totals that disagree with the cells
// go to `consistency`, reported with the balance checks once every cell could be read.
ParsedTable read_table(const TableSpec& spec, const std::vector<Sector>& sectors, Diagnostics& diagnostics,
                       Diagnostics& consistency) {
  const CsvFile file = read_csv(spec.table);
  const auto n = static_cast<Eigen::Index>(sectors.size());
  ParsedTable t;
  t.flows = Eigen::MatrixXd::Zero(n, n);
  t.final_demand = Eigen::MatrixXd::Zero(n, final_demand_count);
  t.import_column = Eigen::VectorXd::Zero(n);
  t.imported_inputs = Eigen::RowVectorXd::Zero(n);
  t.imported_final_demand = Eigen::RowVectorXd::Zero(final_demand_count);
  t.value_added = Eigen::MatrixXd::Zero(value_added_count, n);
  t.sector_row_location.resize(sectors.size());

  if (file.rows.empty()) {
    diagnostics.add({file.path, 0, 0}, "", "the table is empty: expected a header row starting with `code`");
    return t;
  }
  const LabelMaps maps = build_label_maps(spec, sectors, diagnostics);

  // Header: classify every column.
  const auto& header = file.rows[0];
  if (trim(header[0].text) != "code") {
    diagnostics.add(file.location_of(header[0]), "header",
                    fmt::format("expected the first column to be \"code\", found {}", in_quotes(trim(header[0].text))));
  }
  std::vector<std::optional<Label>> columns(header.size());
  std::map<std::string, std::size_t> seen_columns;
  const auto column_labels = keys_of(maps.columns);
  for (std::size_t j = 1; j < header.size(); ++j) {
    const std::string label{trim(header[j].text)};
    const auto it = maps.columns.find(label);
    if (it == maps.columns.end()) {
      diagnostics.add(file.location_of(header[j]), fmt::format("column {}", in_quotes(label)),
                      fmt::format("unknown column: expected a sector code from {}, a mapped final-demand "
                                  "column or \"total\"{}",
                                  spec.sectors.string(), did_you_mean(label, column_labels)));
      continue;
    }
    if (const auto [first, inserted] = seen_columns.emplace(label, j); !inserted) {
      diagnostics.add(file.location_of(header[j]), fmt::format("column {}", in_quotes(label)),
                      fmt::format("appears twice (first at column {})", header[first->second].column));
      continue;
    }
    columns[j] = it->second;
  }
  for (const auto& sector : sectors) {
    if (!seen_columns.contains(sector.code)) {
      diagnostics.add(file.location_of(header[0]), "header",
                      fmt::format("no column for sector {}", in_quotes(sector.code)));
    }
  }
  for (const auto& [label, role] : maps.columns) {
    if ((role.role == Role::final_demand || role.role == Role::import_column) && !seen_columns.contains(label)) {
      const std::string key = role.role == Role::import_column
                                  ? "economy.final_demand.imports"
                                  : fmt::format("economy.final_demand.{}", final_demand_names[role.index]);
      diagnostics.add(key_location(spec, key), key,
                      fmt::format("column {} is not in {}", in_quotes(label), file.path));
    }
  }

  // Body: classify every row, parse every cell.
  struct GivenTotal {
    double value;
    SourceLocation where;
    std::string label;
  };
  std::vector<GivenTotal> row_totals_given;               // per row with a `total` cell
  std::vector<double> row_sums;                           // matching sums of the row's cells
  std::vector<std::optional<GivenTotal>> column_total_given(header.size());
  std::vector<double> column_sums(header.size(), 0.0);
  std::map<std::string, std::size_t> seen_rows;
  const auto row_labels = keys_of(maps.rows);

  for (std::size_t r = 1; r < file.rows.size(); ++r) {
    const auto& row = file.rows[r];
    const std::string label{trim(row[0].text)};
    const SourceLocation row_where = file.location_of(row[0]);
    const auto it = maps.rows.find(label);
    if (it == maps.rows.end()) {
      std::string expected = spec.imports == ImportForm::non_competitive ? "a sector code, \"imports\", " : "a sector code, ";
      std::string hint = did_you_mean(label, row_labels);
      if (label == imports_label) hint = "; an \"imports\" row belongs to non-competitive tables, but economy.imports is competitive";
      diagnostics.add(row_where, fmt::format("row {}", in_quotes(label)),
                      fmt::format("unknown row: expected {}a mapped value-added row or \"total\"{}", expected, hint));
      continue;
    }
    if (const auto [first, inserted] = seen_rows.emplace(label, row_where.line); !inserted) {
      diagnostics.add(row_where, fmt::format("row {}", in_quotes(label)),
                      fmt::format("appears twice (first on line {})", first->second));
      continue;
    }
    if (row.size() != header.size()) {
      diagnostics.add(row_where, fmt::format("row {}", in_quotes(label)),
                      fmt::format("expected {} cells like the header, found {}", header.size(), row.size()));
      continue;
    }
    const Label row_role = it->second;
    if (row_role.role == Role::sector) t.sector_row_location[row_role.index] = row_where;

    double row_sum = 0.0;
    std::optional<GivenTotal> row_total;
    for (std::size_t j = 1; j < row.size(); ++j) {
      if (!columns[j]) continue;
      const Label column_role = *columns[j];
      const CsvCell& cell = row[j];
      const std::string key = fmt::format("row {}, column {}", in_quotes(label), in_quotes(trim(header[j].text)));
      const auto text = trim(cell.text);
      if (text.empty()) {
        if (!may_be_empty(row_role.role, column_role.role)) {
          diagnostics.add(file.location_of(cell), key, "expected a number, found an empty cell");
        }
        continue;
      }
      const auto value = parse_number(text);
      if (!value) {
        diagnostics.add(file.location_of(cell), key, fmt::format("expected a number, found {}", in_quotes(text)));
        continue;
      }
      if (auto problem = sign_problem(row_role.role, row_role.index, column_role.role, column_role.index, *value)) {
        diagnostics.add(file.location_of(cell), key, fmt::format("{}, found {}", *problem, format_number(*value)));
      }
      if (column_role.role == Role::total) {
        row_total = GivenTotal{*value, file.location_of(cell), label};
        continue;
      }
      if (row_role.role == Role::total) {
        column_total_given[j] = GivenTotal{*value, file.location_of(cell), std::string(trim(header[j].text))};
        continue;
      }
      row_sum += *value;
      column_sums[j] += *value;
      const auto ri = static_cast<Eigen::Index>(row_role.index);
      const auto ci = static_cast<Eigen::Index>(column_role.index);
      switch (row_role.role) {
        case Role::sector:
          if (column_role.role == Role::sector) t.flows(ri, ci) = *value;
          if (column_role.role == Role::final_demand) t.final_demand(ri, ci) += *value;
          if (column_role.role == Role::import_column) t.import_column(ri) += *value;
          break;
        case Role::imports_row:
          if (column_role.role == Role::sector) t.imported_inputs(ci) = *value;
          if (column_role.role == Role::final_demand) t.imported_final_demand(ci) += *value;
          break;
        case Role::value_added:
          if (column_role.role == Role::sector) t.value_added(ri, ci) += *value;
          break;
        default:
          break;
      }
    }
    if (row_total) {
      row_totals_given.push_back(*row_total);
      row_sums.push_back(row_sum);
    }
  }

  // Rows that must be there.
  const SourceLocation end_of_file{file.path, 0, 0};
  for (const auto& sector : sectors) {
    if (!seen_rows.contains(sector.code)) {
      diagnostics.add(end_of_file, "", fmt::format("no row for sector {}", in_quotes(sector.code)));
    }
  }
  if (spec.imports == ImportForm::non_competitive && !seen_rows.contains(std::string(imports_label))) {
    diagnostics.add(end_of_file, "",
                    "no \"imports\" row: a non-competitive table (economy.imports) lists imported inputs in a row "
                    "named \"imports\"");
  }
  for (std::size_t c = 0; c < value_added_count; ++c) {
    for (const auto& label : spec.value_added_rows[c]) {
      if (!seen_rows.contains(label)) {
        const std::string key = fmt::format("economy.value_added.{}", value_added_names[c]);
        diagnostics.add(key_location(spec, key), key, fmt::format("row {} is not in {}", in_quotes(label), file.path));
      }
    }
  }

  // Given totals, where present, must match what the cells add up to.
  for (std::size_t k = 0; k < row_totals_given.size(); ++k) {
    const auto& given = row_totals_given[k];
    if (!relatively_equal(given.value, row_sums[k], spec.balance_tolerance)) {
      consistency.add(given.where, fmt::format("row {}, column \"total\"", in_quotes(given.label)),
                      fmt::format("the row's cells sum to {}, but its total says {}", format_number(row_sums[k]),
                                  format_number(given.value)));
    }
  }
  for (std::size_t j = 1; j < header.size(); ++j) {
    const auto& given = column_total_given[j];
    if (given && columns[j] && columns[j]->role != Role::total &&
        !relatively_equal(given->value, column_sums[j], spec.balance_tolerance)) {
      consistency.add(given->where, fmt::format("row \"total\", column {}", in_quotes(given->label)),
                      fmt::format("the column's cells sum to {}, but its total says {}",
                                  format_number(column_sums[j]), format_number(given->value)));
    }
  }
  return t;
}

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
  const CsvFile file = read_csv(spec.satellites);
  if (file.rows.empty()) {
    diagnostics.add({file.path, 0, 0}, "", "the satellite file is empty: expected a header `code,<account>,…`");
    return satellites;
  }
  const auto& header = file.rows[0];
  if (trim(header[0].text) != "code") {
    diagnostics.add(file.location_of(header[0]), "header",
                    fmt::format("expected the first column to be \"code\", found {}", in_quotes(trim(header[0].text))));
  }
  const auto n = static_cast<Eigen::Index>(sectors.size());
  std::set<std::string> names;
  for (std::size_t j = 1; j < header.size(); ++j) {
    const std::string name{trim(header[j].text)};
    if (name.empty() || !names.insert(name).second) {
      diagnostics.add(file.location_of(header[j]), "header",
                      name.empty() ? "expected an account name, found an empty cell"
                                   : fmt::format("account {} appears twice", in_quotes(name)));
    }
    const auto unit = spec.satellite_units.find(name);
    satellites.push_back({name, unit == spec.satellite_units.end() ? "" : unit->second, Eigen::VectorXd::Zero(n)});
  }
  for (const auto& [name, unit] : spec.satellite_units) {
    if (!names.contains(name)) {
      const std::string key = fmt::format("economy.satellite_units.{}", name);
      diagnostics.add(key_location(spec, key), key, fmt::format("no account {} in {}", in_quotes(name), file.path));
    }
  }
  std::vector<std::string> codes;
  for (const auto& s : sectors) codes.push_back(s.code);
  std::map<std::string, std::size_t> seen;
  for (std::size_t r = 1; r < file.rows.size(); ++r) {
    const auto& row = file.rows[r];
    const std::string code{trim(row[0].text)};
    const SourceLocation where = file.location_of(row[0]);
    const auto index = std::find(codes.begin(), codes.end(), code);
    if (index == codes.end()) {
      diagnostics.add(where, fmt::format("row {}", in_quotes(code)),
                      fmt::format("unknown sector code{}", did_you_mean(code, codes)));
      continue;
    }
    if (const auto [first, inserted] = seen.emplace(code, where.line); !inserted) {
      diagnostics.add(where, fmt::format("row {}", in_quotes(code)),
                      fmt::format("appears twice (first on line {})", first->second));
      continue;
    }
    if (row.size() != header.size()) {
      diagnostics.add(where, fmt::format("row {}", in_quotes(code)),
                      fmt::format("expected {} cells like the header, found {}", header.size(), row.size()));
      continue;
    }
    const auto i = static_cast<Eigen::Index>(index - codes.begin());
    for (std::size_t j = 1; j < row.size(); ++j) {
      const auto value = parse_number(row[j].text);
      if (!value) {
        diagnostics.add(file.location_of(row[j]),
                        fmt::format("row {}, column {}", in_quotes(code), in_quotes(trim(header[j].text))),
                        fmt::format("expected a number, found {}", in_quotes(trim(row[j].text))));
        continue;
      }
      satellites[j - 1].totals(i) = *value;
    }
  }
  for (const auto& code : codes) {
    if (!seen.contains(code)) diagnostics.add({file.path, 0, 0}, "", fmt::format("no row for sector {}", in_quotes(code)));
  }
  return satellites;
}

}  // namespace

IoTable load_table(const TableSpec& spec) {
  Diagnostics diagnostics;
  if (spec.value_added_rows[static_cast<std::size_t>(ValueAdded::compensation)].empty()) {
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
  const Eigen::VectorXd row_totals = parsed.flows.rowwise().sum() + parsed.final_demand.rowwise().sum() +
                                     parsed.import_column;
  const Eigen::RowVectorXd column_totals =
      parsed.flows.colwise().sum() + parsed.imported_inputs + parsed.value_added.colwise().sum();
  for (std::size_t i = 0; i < sectors.size(); ++i) {
    const auto ii = static_cast<Eigen::Index>(i);
    const auto key = fmt::format("sector {}", in_quotes(sectors[i].code));
    const SourceLocation& where = parsed.sector_row_location[i];
    if (!(row_totals(ii) > 0.0)) {
      diagnostics.add(where, key,
                      fmt::format("output (row total) must be positive, found {}: merge the sector into another "
                                  "or drop it",
                                  format_number(row_totals(ii))));
      continue;
    }
    if (!relatively_equal(row_totals(ii), column_totals(ii), spec.balance_tolerance)) {
      const double gap = row_totals(ii) - column_totals(ii);
      diagnostics.add(where, key,
                      fmt::format("row total (output) {} differs from column total (inputs + value added) {} by "
                                  "{} ({:.3g} of output; the tolerance is {:g})",
                                  format_number(row_totals(ii)), format_number(column_totals(ii)),
                                  format_number(gap), std::abs(gap) / std::abs(row_totals(ii)),
                                  spec.balance_tolerance));
    }
  }
  diagnostics.throw_if_any();

  IoTable table;
  table.output = row_totals;
  table.value_added = std::move(parsed.value_added);
  if (spec.imports == ImportForm::competitive) {
    const CompetitiveFlows competitive{std::move(parsed.flows), std::move(parsed.final_demand),
                                       -parsed.import_column};
    NonCompetitiveFlows converted =
        convert_competitive(competitive, sectors, parsed.sector_row_location, diagnostics);
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
  table.sectors = std::move(sectors);
  table.satellites = std::move(satellites);
  table.units = spec.units;
  table.base_year = spec.base_year;
  return table;
}

}  // namespace regsim
