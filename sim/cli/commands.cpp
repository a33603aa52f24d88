#include "cli/commands.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <ostream>

#include "core/text.hpp"
#include "iomodel/leontief.hpp"
#include "iomodel/multipliers.hpp"
#include "iomodel/table_loader.hpp"
#include "scenario/scenario.hpp"

namespace regsim::cli {

namespace {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

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
  for (std::size_t j = 0; j < header.size(); ++j) width[j] = header[j].size();
  for (const auto& row : rows) {
    for (std::size_t j = 0; j < row.size(); ++j) width[j] = std::max(width[j], row[j].size());
  }
  const auto print_line = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t j = 0; j < cells.size(); ++j) {
      if (j > 0) line += "  ";
      // First column (labels) left-aligned, numbers right-aligned.
      line += j == 0 ? fmt::format("{:<{}}", cells[j], width[j]) : fmt::format("{:>{}}", cells[j], width[j]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  print_line(header);
  for (const auto& row : rows) print_line(row);
}

HouseholdMode household_mode(const std::string& type, const Scenario& scenario) {
  if (type == "I") return HouseholdMode::exogenous;
  if (type == "II") return HouseholdMode::endogenous;
  return scenario.economy.households;
}

std::string type_label(HouseholdMode mode) { return mode == HouseholdMode::endogenous ? "Type II" : "Type I"; }

}  // namespace

int check_command(const std::filesystem::path& scenario_file, std::ostream& out) {
  const Scenario scenario = load_scenario(scenario_file);
  const IoTable table = load_table(scenario.economy);
  const LeontiefModel model(table, scenario.economy.households);

  fmt::print(out, "{}: ok\n", scenario_file.string());
  fmt::print(out, "  scenario \"{}\", {} to {}, reports {}\n", scenario.name, scenario.time.start.to_string(),
             scenario.time.end.to_string(),
             std::array{"daily", "weekly", "monthly", "quarterly", "yearly"}[static_cast<int>(scenario.time.report)]);
  fmt::print(out, "  table: {} sectors, base year {}, units \"{}\", {} imports, {} satellite account(s)\n",
             table.size(), table.base_year, table.units,
             scenario.economy.imports == ImportForm::competitive ? "competitive (converted)" : "non-competitive",
             table.satellites.size());
  fmt::print(out, "  total output {:.6g}; GDP {:.6g} by production, {:.6g} by expenditure\n", table.output.sum(),
             table.gdp_by_production(), table.gdp_by_expenditure());
  fmt::print(out, "  {} model (households {}): productive, reciprocal condition of I - A {:.3g}\n",
             type_label(model.households()),
             model.households() == HouseholdMode::endogenous ? "endogenous" : "exogenous",
             model.reciprocal_condition());
  return exit_ok;
}

int multipliers_command(const MultipliersOptions& options, std::ostream& out) {
  const Scenario scenario = load_scenario(options.scenario);
  const IoTable table = load_table(scenario.economy);
  const HouseholdMode mode = household_mode(options.type, scenario);
  const LeontiefModel model(table, mode);
  const Multipliers multipliers = compute_multipliers(table, model);

  std::optional<MultiplierSplit> split;
  if (options.split) {
    if (mode == HouseholdMode::endogenous) {
      const LeontiefModel type_one = model.with_households(table, HouseholdMode::exogenous);
      split = split_multipliers(table, compute_multipliers(table, type_one), multipliers);
    } else {
      split = split_multipliers(table, multipliers, multipliers);  // induced is then zero
    }
  }

  const auto number = [&](double v) {
    return options.format == OutputFormat::csv ? format_number(v) : fmt::format("{:.6g}", v);
  };
  std::vector<std::string> header{"sector"};
  for (const auto& name : multipliers.names) header.push_back(name);
  if (split) {
    for (const auto& name : split->names) {
      header.push_back(name + "_direct");
      header.push_back(name + "_indirect");
      if (mode == HouseholdMode::endogenous) header.push_back(name + "_induced");
    }
  }
  std::vector<std::vector<std::string>> rows;
  for (Eigen::Index j = 0; j < table.size(); ++j) {
    std::vector<std::string> row{table.sectors[static_cast<std::size_t>(j)].code};
    for (Eigen::Index k = 0; k < multipliers.values.cols(); ++k) row.push_back(number(multipliers.values(j, k)));
    if (split) {
      for (Eigen::Index k = 0; k < split->direct.cols(); ++k) {
        row.push_back(number(split->direct(j, k)));
        row.push_back(number(split->indirect(j, k)));
        if (mode == HouseholdMode::endogenous) row.push_back(number(split->induced(j, k)));
      }
    }
    rows.push_back(std::move(row));
  }
  if (options.format == OutputFormat::table) {
    fmt::print(out, "{} multipliers per unit of final demand: {} ({} sectors, {}, base year {})\n",
               type_label(mode), scenario.name, table.size(), table.units, table.base_year);
  }
  print_rows(out, header, rows, options.format);
  return exit_ok;
}

}  // namespace regsim::cli
