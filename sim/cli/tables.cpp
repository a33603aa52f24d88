#include "cli/tables.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <ostream>

#include "core/csv.hpp"
#include "core/text.hpp"

namespace regsim::cli {

void print_rows(std::ostream& out, const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows, OutputFormat format) {
  if (format == OutputFormat::csv) {
    std::vector<std::string> fields;
    for (const auto& h : header) fields.push_back(csv_field(h));
    out << join(fields, ",") << '\n';
    for (const auto& row : rows) {
      fields.clear();
      for (const auto& cell : row) fields.push_back(csv_field(cell));
      out << join(fields, ",") << '\n';
    }
    return;
  }
  std::vector<std::size_t> width(header.size());
  for (std::size_t j = 0; j < header.size(); ++j) width[j] = display_width(header[j]);
  for (const auto& row : rows) {
    for (std::size_t j = 0; j < row.size(); ++j) width[j] = std::max(width[j], display_width(row[j]));
  }
  // Labels left-aligned (the first column, and any column holding text), numbers right-aligned.
  const auto numeric = [](const std::string& cell) {
    const std::size_t at = cell.starts_with('+') || cell.starts_with('-') ? 1 : 0;
    return cell.empty() || cell == "-" || (at < cell.size() && is_ascii_digit(cell[at]));
  };
  std::vector<bool> left(header.size(), false);
  for (std::size_t j = 0; j < header.size(); ++j) {
    left[j] = j == 0 || std::any_of(rows.begin(), rows.end(), [&](const std::vector<std::string>& row) {
                return j < row.size() && !numeric(row[j]);
              });
  }
  const auto print_line = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t j = 0; j < cells.size(); ++j) {
      if (j > 0) line += "  ";
      const std::string pad(width[j] - display_width(cells[j]), ' ');
      line += left[j] ? cells[j] + pad : pad + cells[j];
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  print_line(header);
  for (const auto& row : rows) print_line(row);
}


void print_summary(std::ostream& out, const RunSummary& run, const Display& display) {
  const auto t = [&](std::string_view english) { return display.text(english); };
  std::vector<std::string> header{t("indicator"), t("unit")};
  for (const auto year : run.years) {
    header.push_back(year == run.base_year ? display.say("{} (table)", year) : std::to_string(year));
  }
  std::vector<std::vector<std::string>> rows;
  for (Index i = 0; i < std::ssize(run.indicators); ++i) {
    std::vector<std::string> level{display.indicator(run, i), display.unit(at(run.indicator_units, i))};
    std::vector<std::string> growth{t("  growth"), "%"};
    for (Eigen::Index y = 0; y < run.indicator_values.cols(); ++y) {
      level.push_back(display.value(run.indicator_values(i, y), at(run.indicator_units, i)));
      growth.push_back(y == 0 ? "" : format_percent(run.indicator_values(i, y) / run.indicator_values(i, y - 1) - 1.0));
    }
    rows.push_back(std::move(level));
    rows.push_back(std::move(growth));
  }
  print_rows(out, header, rows, OutputFormat::table);
  if (!run.deflator_names.empty()) {
    // Price indices of the year against the table's prices (docs/prices.md).
    std::vector<std::vector<std::string>> deflators;
    for (Index d = 0; d < std::ssize(run.deflator_names); ++d) {
      std::vector<std::string> row{display.say("deflator {}", at(run.deflator_names, d)), "1"};
      for (Eigen::Index y = 0; y < run.deflators.cols(); ++y) row.push_back(fmt::format("{:.4f}", run.deflators(d, y)));
      deflators.push_back(std::move(row));
    }
    std::vector<std::string> price_header = header;
    price_header[0] = t("price index");
    out << '\n';
    print_rows(out, price_header, deflators, OutputFormat::table);
  }
  if (run.targets.empty()) return;
  out << '\n';
  std::vector<std::vector<std::string>> targets;
  std::size_t met = 0;
  for (const auto& target : run.targets) {
    const bool growth = target.kind == "growth";
    const auto row = position_of(run.indicators, target.indicator);
    const std::string unit = row ? at(run.indicator_units, *row) : run.units;
    const auto show = [&](double v) { return growth ? format_percent(v) : display.value(v, unit); };
    targets.push_back({row ? display.indicator(run, *row) : target.indicator, std::to_string(target.year),
                       t(target.kind), show(target.target), show(target.simulated),
                       growth ? format_points(target.gap) : display.change(target.gap, unit), display.met(target.met)});
    met += target.met ? 1 : 0;
  }
  print_rows(out, {t("target"), t("year"), t("kind"), t("target"), t("simulated"), t("gap"), t("met")}, targets,
             OutputFormat::table);
  fmt::print(out, "{}\n", display.say("{} of {} targets met", met, run.targets.size()));
}

void print_chain_section(std::ostream& out, const RunSummary& run, const Display& display) {
  if (run.chains.empty() || run.years.size() < 2) return;
  const auto t = [&](std::string_view english) { return display.text(english); };
  const Eigen::Index y = 1;
  std::vector<Index> shown;
  for (Index i = 0; i < std::ssize(run.indicators); ++i) {
    const bool targeted = std::any_of(run.targets.begin(), run.targets.end(), [&](const RunSummary::Target& x) {
      return x.indicator == at(run.indicators, i);
    });
    if (targeted && at(run.indicator_of, i).starts_with("value_added")) shown.push_back(i);
  }
  std::vector<std::string> header{t("chain"), t("label"),
                                  display.with_unit(display.say("value added {}", run.years[1]), run.units),
                                  t("growth")};
  for (const Index i : shown) header.push_back(display.say("share of change in {}", display.indicator(run, i)));
  std::vector<std::vector<std::string>> rows;
  for (const auto& chain : run.chains) {
    std::vector<std::string> row{chain.name, display.chain(chain), display.value(chain.value_added(y), run.units),
                                 format_percent(chain.value_added(y) / chain.value_added(y - 1) - 1.0)};
    for (const Index i : shown) {
      const double change = run.indicator_values(i, y) - run.indicator_values(i, y - 1);
      const double part = chain.indicators(i, y) - chain.indicators(i, y - 1);
      row.push_back(change != 0.0 ? fmt::format("{:.1f} %", 100.0 * part / change) : "-");
    }
    rows.push_back(std::move(row));
  }
  out << '\n';
  print_rows(out, header, rows, OutputFormat::table);
  fmt::print(out, "{}\n",
             display.say("shares of the {} change over {}; chains overlap where a sector belongs to several, so they "
                         "need not sum to 100 %",
                         run.years[1], run.years[0]));
  bool header_printed = false;
  for (const auto& chain : run.chains) {
    if (chain.bottlenecks.empty()) continue;
    if (!header_printed)
      fmt::print(out, "\n{}\n", t("bottleneck inputs (the products that bound members' production, member-days):"));
    header_printed = true;
    std::vector<std::string> parts;
    for (std::size_t b = 0; b < chain.bottlenecks.size() && b < 3; ++b)
      parts.push_back(fmt::format("{} {}", chain.bottlenecks[b], chain.bottleneck_days[b]));
    fmt::print(out, "  {:<20} {}{}\n", chain.name, join(parts, ", "), chain.bottlenecks.size() > 3 ? ", …" : "");
  }
}

/// Prints the scenario's warnings (`file:line:col: key.path: message`) to stderr; their count.
std::size_t print_scenario_warnings(const Scenario& scenario) {
  for (const Diagnostic& warning : scenario.warnings)
    fmt::print(stderr, "regsim: warning: {}\n", format_diagnostic(warning));
  return scenario.warnings.size();
}

}  // namespace regsim::cli
