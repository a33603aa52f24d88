#include "iomodel/table_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>

#include "core/csv.hpp"
#include "core/text.hpp"

namespace regsim::table_files {

std::string in_quotes(std::string_view s) {
  return quoted_excerpt(s);
}

SourceLocation key_location(const TableSpec& spec, const std::string& key) {
  const auto it = spec.key_locations.find(key);
  return it == spec.key_locations.end() ? SourceLocation{} : it->second;
}

bool relatively_equal(double a, double b, double tolerance) {
  const double scale = std::max({std::abs(a), std::abs(b), 1e-300});
  return std::abs(a - b) <= tolerance * scale;
}

namespace {

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

// A cell's role pair decides whether it may be empty and which sign it must have.
bool may_be_empty(Role row, Role column) {
  if (row == Role::total || column == Role::total) return true;
  return row == Role::value_added && (column == Role::final_demand || column == Role::import_column);
}

std::optional<std::string> sign_problem(Role row, std::size_t row_index, Role column, std::size_t column_index,
                                        double value) {
  if (row == Role::sector && column == Role::sector && value < 0) return "intermediate flows must not be negative";
  // Imported goods can be drawn from inventories too: only the inventory column may be negative.
  const bool inventory =
      column == Role::final_demand && enumerator<FinalDemand>(column_index) == FinalDemand::inventory;
  if (row == Role::imports_row && value < 0 && !inventory) {
    return "imports must not be negative (only imported inventory changes may be)";
  }
  if (row == Role::sector && column == Role::final_demand && value < 0) {
    const auto category = enumerator<FinalDemand>(column_index);
    if (category != FinalDemand::inventory) {
      return fmt::format("{} final demand must not be negative (only inventory changes may be)",
                         final_demand_names[column_index]);
    }
  }
  if (column == Role::import_column && row == Role::sector && value > 0) {
    return "a competitive table's import column holds imports as negative numbers";
  }
  if (row == Role::value_added && column == Role::sector && value < 0) {
    const auto component = enumerator<ValueAdded>(row_index);
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

/// Reads table.csv against the sectors and the economy block's labels. Problems that make cells
/// unreadable go to `diagnostics`; given totals that disagree with the cells go to `consistency`,
/// reported with the balance checks once every cell could be read.
class TableReader {
 public:
  TableReader(const TableSpec& spec, const std::vector<Sector>& sectors, Diagnostics& diagnostics,
              Diagnostics& consistency)
      : spec_(spec),
        sectors_(sectors),
        diagnostics_(diagnostics),
        consistency_(consistency),
        reader_(spec.table) {
    const auto n = std::ssize(sectors);
    t_.flows = Eigen::MatrixXd::Zero(n, n);
    t_.final_demand = Eigen::MatrixXd::Zero(n, final_demand_count);
    t_.import_column = Eigen::VectorXd::Zero(n);
    t_.imported_inputs = Eigen::RowVectorXd::Zero(n);
    t_.imported_final_demand = Eigen::RowVectorXd::Zero(final_demand_count);
    t_.value_added = Eigen::MatrixXd::Zero(value_added_count, n);
    t_.sector_row_location.resize(sectors.size());
  }

  ParsedTable read() {
    CsvRow row;
    if (!reader_.next(row)) {
      diagnostics_.add({reader_.path(), 0, 0}, "", "the table is empty: expected a header row starting with `code`");
      return std::move(t_);
    }
    for (std::size_t j = 0; j < row.size(); ++j) header_.push_back({std::string(row.fields[j]), row.lines[j], row.columns[j]});
    maps_ = build_label_maps(spec_, sectors_, diagnostics_);
    classify_columns();
    row_labels_ = keys_of(maps_.rows);
    while (reader_.next(row)) read_row(row);
    flush_flow_rows();
    check_rows_present();
    check_given_totals();
    return std::move(t_);
  }

 private:
  struct GivenTotal {
    double value;
    SourceLocation where;
    std::string label;
  };

  const std::vector<CsvCell>& header() const { return header_; }
  SourceLocation location_of(const CsvCell& cell) const { return {reader_.path(), cell.line, cell.column}; }

  // Header: classify every column.
  void classify_columns() {
    const auto& head = header();
    if (trim(head[0].text) != "code") {
      diagnostics_.add(
          location_of(head[0]), "header",
          fmt::format("expected the first column to be \"code\", found {}", in_quotes(trim(head[0].text))));
    }
    columns_.resize(head.size());
    column_total_given_.resize(head.size());
    column_sums_.assign(head.size(), 0.0);
    std::map<std::string, std::size_t> seen_columns;
    const auto column_labels = keys_of(maps_.columns);
    for (std::size_t j = 1; j < head.size(); ++j) {
      const std::string label{trim(head[j].text)};
      const auto it = maps_.columns.find(label);
      if (it == maps_.columns.end()) {
        diagnostics_.add(location_of(head[j]), fmt::format("column {}", in_quotes(label)),
                         fmt::format("unknown column: expected a sector code from {}, a mapped final-demand "
                                     "column or \"total\"{}",
                                     spec_.sectors.string(), did_you_mean(label, column_labels)));
        continue;
      }
      if (const auto [first, inserted] = seen_columns.emplace(label, j); !inserted) {
        diagnostics_.add(location_of(head[j]), fmt::format("column {}", in_quotes(label)),
                         fmt::format("appears twice (first at column {})", head[first->second].column));
        continue;
      }
      columns_[j] = it->second;
    }
    for (const auto& sector : sectors_) {
      if (!seen_columns.contains(sector.code)) {
        diagnostics_.add(location_of(head[0]), "header",
                         fmt::format("no column for sector {}", in_quotes(sector.code)));
      }
    }
    for (const auto& [label, role] : maps_.columns) {
      if ((role.role == Role::final_demand || role.role == Role::import_column) && !seen_columns.contains(label)) {
        const std::string key = role.role == Role::import_column
                                    ? "economy.final_demand.imports"
                                    : fmt::format("economy.final_demand.{}", final_demand_names[role.index]);
        diagnostics_.add(key_location(spec_, key), key,
                         fmt::format("column {} is not in {}", in_quotes(label), reader_.path()));
      }
    }
  }

  // Body: classify the row, parse every cell.
  void read_row(const CsvRow& row) {
    const std::string label{trim(row.fields[0])};
    const SourceLocation row_where = reader_.location_of(row, 0);
    const auto it = maps_.rows.find(label);
    if (it == maps_.rows.end()) {
      std::string expected =
          spec_.imports == ImportForm::non_competitive ? "a sector code, \"imports\", " : "a sector code, ";
      std::string hint = did_you_mean(label, row_labels_);
      if (label == imports_label)
        hint = "; an \"imports\" row belongs to non-competitive tables, but economy.imports is competitive";
      diagnostics_.add(row_where, fmt::format("row {}", in_quotes(label)),
                       fmt::format("unknown row: expected {}a mapped value-added row or \"total\"{}", expected, hint));
      return;
    }
    if (const auto [first, inserted] = seen_rows_.emplace(label, row_where.line); !inserted) {
      diagnostics_.add(row_where, fmt::format("row {}", in_quotes(label)),
                       fmt::format("appears twice (first on line {})", first->second));
      return;
    }
    if (row.size() != header().size()) {
      diagnostics_.add(row_where, fmt::format("row {}", in_quotes(label)),
                       fmt::format("expected {} cells like the header, found {}", header().size(), row.size()));
      return;
    }
    const Label row_role = it->second;
    if (row_role.role == Role::sector) {
      t_.sector_row_location[row_role.index] = row_where;
      start_flow_row(row_role.index);
    }
    double row_sum = 0.0;
    std::optional<GivenTotal> row_total;
    for (std::size_t j = 1; j < row.size(); ++j) {
      if (!columns_[j]) continue;
      const Label column_role = *columns_[j];
      // The cell's name for a message, made only when there is one to give.
      const auto key = [&] {
        return fmt::format("row {}, column {}", in_quotes(label), in_quotes(trim(header()[j].text)));
      };
      const auto where = [&] { return reader_.location_of(row, j); };
      const std::string_view field = row.fields[j];
      // The common cell is a bare number: parsed in place, with the general path for the rest.
      double number = 0.0;
      const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), number);
      std::optional<double> value;
      if (error == std::errc{} && end == field.data() + field.size() && std::isfinite(number)) {
        value = number;
      } else {
        const auto text = trim(field);
        if (text.empty()) {
          if (!may_be_empty(row_role.role, column_role.role)) {
            diagnostics_.add(where(), key(), "expected a number, found an empty cell");
          }
          continue;
        }
        value = parse_number(text);
        if (!value) {
          diagnostics_.add(where(), key(), fmt::format("expected a number, found {}", in_quotes(text)));
          continue;
        }
      }
      if (row_role.role != Role::sector || column_role.role != Role::sector || *value < 0) {
        if (auto problem = sign_problem(row_role.role, row_role.index, column_role.role, column_role.index, *value)) {
          diagnostics_.add(where(), key(), fmt::format("{}, found {}", *problem, format_number(*value)));
        }
      }
      if (column_role.role == Role::total) {
        row_total = GivenTotal{*value, where(), label};
        continue;
      }
      if (row_role.role == Role::total) {
        column_total_given_[j] = GivenTotal{*value, where(), std::string(trim(header()[j].text))};
        continue;
      }
      row_sum += *value;
      column_sums_[j] += *value;
      store(row_role, column_role, *value);
    }
    if (row_total) {
      row_totals_given_.push_back(*row_total);
      row_sums_.push_back(row_sum);
    }
  }

  void store(const Label& row, const Label& column, double value) {
    const auto ri = to_index(row.index);
    const auto ci = to_index(column.index);
    switch (row.role) {
      case Role::sector:
        if (column.role == Role::sector) flow_rows_(flow_row_count_ - 1, ci) = value;
        if (column.role == Role::final_demand) t_.final_demand(ri, ci) += value;
        if (column.role == Role::import_column) t_.import_column(ri) += value;
        break;
      case Role::imports_row:
        if (column.role == Role::sector) t_.imported_inputs(ci) = value;
        if (column.role == Role::final_demand) t_.imported_final_demand(ci) += value;
        break;
      case Role::value_added:
        if (column.role == Role::sector) t_.value_added(ri, ci) += value;
        break;
      default:
        break;
    }
  }

  // Flows arrive row by row but Z is stored by column: rows are gathered in a small block and
  // written column by column, so a write is not a cache miss (it was a third of reading a large table).
  static constexpr Eigen::Index flow_block_rows = 64;

  void start_flow_row(std::size_t sector) {
    if (flow_rows_.rows() == 0) flow_rows_.resize(flow_block_rows, t_.flows.cols());
    if (flow_row_count_ == flow_block_rows) flush_flow_rows();
    flow_rows_.row(flow_row_count_).setZero();
    at(flow_row_sectors_, flow_row_count_) = to_index(sector);
    ++flow_row_count_;
  }

  void flush_flow_rows() {
    for (Eigen::Index j = 0; j < t_.flows.cols(); ++j) {
      for (Eigen::Index b = 0; b < flow_row_count_; ++b) {
        t_.flows(at(flow_row_sectors_, b), j) = flow_rows_(b, j);
      }
    }
    flow_row_count_ = 0;
  }

  // Rows that must be there.
  void check_rows_present() {
    const SourceLocation end_of_file{reader_.path(), 0, 0};
    for (const auto& sector : sectors_) {
      if (!seen_rows_.contains(sector.code)) {
        diagnostics_.add(end_of_file, "", fmt::format("no row for sector {}", in_quotes(sector.code)));
      }
    }
    if (spec_.imports == ImportForm::non_competitive && !seen_rows_.contains(std::string(imports_label))) {
      diagnostics_.add(end_of_file, "",
                       "no \"imports\" row: a non-competitive table (economy.imports) lists imported inputs in a row "
                       "named \"imports\"");
    }
    for (std::size_t c = 0; c < value_added_count; ++c) {
      for (const auto& label : spec_.value_added_rows[c]) {
        if (!seen_rows_.contains(label)) {
          const std::string key = fmt::format("economy.value_added.{}", value_added_names[c]);
          diagnostics_.add(key_location(spec_, key), key,
                           fmt::format("row {} is not in {}", in_quotes(label), reader_.path()));
        }
      }
    }
  }

  // Given totals, where present, must match what the cells add up to.
  void check_given_totals() {
    for (std::size_t k = 0; k < row_totals_given_.size(); ++k) {
      const auto& given = row_totals_given_[k];
      if (!relatively_equal(given.value, row_sums_[k], spec_.balance_tolerance)) {
        consistency_.add(given.where, fmt::format("row {}, column \"total\"", in_quotes(given.label)),
                         fmt::format("the row's cells sum to {}, but its total says {}", format_number(row_sums_[k]),
                                     format_number(given.value)));
      }
    }
    for (std::size_t j = 1; j < header().size(); ++j) {
      const auto& given = column_total_given_[j];
      if (given && columns_[j] && columns_[j]->role != Role::total &&
          !relatively_equal(given->value, column_sums_[j], spec_.balance_tolerance)) {
        consistency_.add(given->where, fmt::format("row \"total\", column {}", in_quotes(given->label)),
                         fmt::format("the column's cells sum to {}, but its total says {}",
                                     format_number(column_sums_[j]), format_number(given->value)));
      }
    }
  }

  const TableSpec& spec_;
  const std::vector<Sector>& sectors_;
  Diagnostics& diagnostics_;
  Diagnostics& consistency_;
  CsvReader reader_;
  std::vector<CsvCell> header_;
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> flow_rows_;
  std::array<Eigen::Index, flow_block_rows> flow_row_sectors_{};
  Eigen::Index flow_row_count_ = 0;
  ParsedTable t_;
  LabelMaps maps_;
  std::vector<std::optional<Label>> columns_;
  std::vector<std::string> row_labels_;
  std::map<std::string, std::size_t> seen_rows_;
  std::vector<GivenTotal> row_totals_given_;  // per row with a `total` cell
  std::vector<double> row_sums_;              // matching sums of the row's cells
  std::vector<std::optional<GivenTotal>> column_total_given_;
  std::vector<double> column_sums_;
};

}  // namespace

ParsedTable read_table(const TableSpec& spec, const std::vector<Sector>& sectors, Diagnostics& diagnostics,
                       Diagnostics& consistency) {
  return TableReader(spec, sectors, diagnostics, consistency).read();
}

}  // namespace regsim::table_files
