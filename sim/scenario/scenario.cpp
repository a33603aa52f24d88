#include "scenario/scenario.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "scenario/yaml_reader.hpp"

namespace regsim {

namespace {

using yaml::join_path;

std::filesystem::path resolve_file(yaml::Reader& reader, const YAML::Node& node, const std::string& path,
                                   const std::filesystem::path& folder) {
  if (!node.IsDefined()) return {};  // a missing required key was reported already
  const auto text = reader.string(node, path);
  if (!text) return {};
  std::filesystem::path resolved = (folder / *text).lexically_normal();
  if (!std::filesystem::is_regular_file(resolved)) {
    reader.error(node, path, fmt::format("expected an existing file (relative to the scenario), found no file at \"{}\"",
                                         resolved.string()));
    return {};
  }
  return resolved;
}

TimeSpec read_time(yaml::Reader& reader, const YAML::Node& node) {
  TimeSpec time;
  const std::string path = "time";
  if (!reader.expect_map(node, path, {"start", "end", "report"})) return time;
  const auto start = reader.date(reader.child(node, "start", path, true), "time.start");
  const auto end = reader.date(reader.child(node, "end", path, true), "time.end");
  if (start) time.start = *start;
  if (end) time.end = *end;
  if (start && end && *end < *start) {
    reader.error(reader.child(node, "end", path, false), "time.end",
                 fmt::format("expected a date on or after time.start ({}), found {}", start->to_string(),
                             end->to_string()));
  }
  const YAML::Node report = reader.child(node, "report", path, false);
  if (report.IsDefined()) {
    static const std::vector<std::string> options{"daily", "weekly", "monthly", "quarterly", "yearly"};
    if (const auto value = reader.choice(report, "time.report", options)) {
      const auto index = std::find(options.begin(), options.end(), *value) - options.begin();
      time.report = static_cast<ReportFrequency>(index);
    }
  }
  return time;
}

TableSpec read_economy(yaml::Reader& reader, const YAML::Node& node, const std::filesystem::path& folder) {
  TableSpec spec;
  const std::string path = "economy";
  spec.key_locations[path] = reader.where(node);
  if (!reader.expect_map(node, path,
                         {"table", "sectors", "satellites", "units", "base_year", "imports", "final_demand",
                          "value_added", "households", "satellite_units", "balance_tolerance"})) {
    return spec;
  }
  spec.table = resolve_file(reader, reader.child(node, "table", path, true), "economy.table", folder);
  spec.sectors = resolve_file(reader, reader.child(node, "sectors", path, true), "economy.sectors", folder);
  if (const YAML::Node satellites = reader.child(node, "satellites", path, false); satellites.IsDefined()) {
    spec.satellites = resolve_file(reader, satellites, "economy.satellites", folder);
  }
  if (auto units = reader.string(reader.child(node, "units", path, true), "economy.units")) spec.units = *units;
  if (const YAML::Node year = reader.child(node, "base_year", path, true); year.IsDefined()) {
    if (auto value = reader.integer(year, "economy.base_year")) {
      if (*value < 1900 || *value > 2200) {
        reader.error(year, "economy.base_year", fmt::format("expected a year between 1900 and 2200, found {}", *value));
      } else {
        spec.base_year = static_cast<int>(*value);
      }
    }
  }
  if (const YAML::Node imports = reader.child(node, "imports", path, false); imports.IsDefined()) {
    if (auto form = reader.choice(imports, "economy.imports", {"non-competitive", "competitive"})) {
      spec.imports = *form == "competitive" ? ImportForm::competitive : ImportForm::non_competitive;
    }
  }
  if (const YAML::Node households = reader.child(node, "households", path, false); households.IsDefined()) {
    if (auto mode = reader.choice(households, "economy.households", {"exogenous", "endogenous"})) {
      spec.households = *mode == "endogenous" ? HouseholdMode::endogenous : HouseholdMode::exogenous;
    }
  }

  // final_demand: category -> column label(s); `imports` only for competitive tables.
  const YAML::Node final_demand = reader.child(node, "final_demand", path, true);
  if (final_demand.IsDefined()) {
    const std::string fd_path = "economy.final_demand";
    std::vector<std::string> keys(final_demand_names.begin(), final_demand_names.end());
    keys.emplace_back("imports");
    if (reader.expect_map(final_demand, fd_path, keys)) {
      for (std::size_t k = 0; k < final_demand_count; ++k) {
        const std::string key{final_demand_names[k]};
        const YAML::Node value = reader.child(final_demand, key, fd_path, false);
        if (!value.IsDefined()) continue;
        spec.key_locations[join_path(fd_path, key)] = reader.where(value);
        if (auto labels = reader.string_list(value, join_path(fd_path, key))) spec.final_demand_columns[k] = *labels;
      }
      const YAML::Node imports = reader.child(final_demand, "imports", fd_path, false);
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
          spec.final_demand_columns[static_cast<std::size_t>(FinalDemand::household)].empty()) {
        reader.error(final_demand, join_path(fd_path, "household"),
                     "economy.households is endogenous (Type II), which needs the household consumption column");
      }
    }
  }

  const YAML::Node value_added = reader.child(node, "value_added", path, true);
  if (value_added.IsDefined()) {
    const std::string va_path = "economy.value_added";
    spec.key_locations[va_path] = reader.where(value_added);
    if (reader.expect_map(value_added, va_path, {value_added_names.begin(), value_added_names.end()})) {
      for (std::size_t c = 0; c < value_added_count; ++c) {
        const std::string key{value_added_names[c]};
        const bool required = static_cast<ValueAdded>(c) == ValueAdded::compensation;
        const YAML::Node value = reader.child(value_added, key, va_path, required);
        if (!value.IsDefined()) continue;
        spec.key_locations[join_path(va_path, key)] = reader.where(value);
        if (auto labels = reader.string_list(value, join_path(va_path, key))) spec.value_added_rows[c] = *labels;
      }
    }
  }

  if (const YAML::Node units = reader.child(node, "satellite_units", path, false); units.IsDefined()) {
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
  if (const YAML::Node tolerance = reader.child(node, "balance_tolerance", path, false); tolerance.IsDefined()) {
    if (auto value = reader.number(tolerance, "economy.balance_tolerance")) {
      if (*value <= 0.0 || *value >= 0.1) {
        reader.error(tolerance, "economy.balance_tolerance",
                     fmt::format("expected a relative tolerance above 0 and below 0.1, found {}", *value));
      } else {
        spec.balance_tolerance = *value;
      }
    }
  }
  return spec;
}

std::vector<SectorShare> read_sectors(yaml::Reader& reader, const YAML::Node& node, const std::string& path) {
  std::vector<SectorShare> shares;
  if (node.IsScalar()) {
    shares.push_back({node.Scalar(), 1.0, reader.where(node)});
    return shares;
  }
  if (!node.IsMap() || node.size() == 0) {
    reader.error(node, path, "expected a sector code or a map of sector code to share");
    return shares;
  }
  double total = 0.0;
  bool numbers_ok = true;
  for (const auto& entry : node) {
    const std::string code = entry.first.Scalar();
    const auto share = reader.number(entry.second, yaml::join_path(path, code));
    if (!share) {
      numbers_ok = false;
      continue;
    }
    if (*share <= 0.0) {
      reader.error(entry.second, yaml::join_path(path, code), fmt::format("expected a share above 0, found {}", *share));
      numbers_ok = false;
      continue;
    }
    total += *share;
    shares.push_back({code, *share, reader.where(entry.first)});
  }
  if (numbers_ok && std::abs(total - 1.0) > 1e-9) {
    reader.error(node, path, fmt::format("expected shares summing to 1, found a sum of {:.6g}", total));
  }
  return shares;
}

std::vector<DemandEventSpec> read_events(yaml::Reader& reader, const YAML::Node& node, const TimeSpec& time,
                                         bool time_ok) {
  std::vector<DemandEventSpec> events;
  if (!node.IsSequence()) {
    reader.error(node, "events", "expected a list of events");
    return events;
  }
  std::map<std::string, std::size_t> first_line;
  static const std::vector<std::string> categories(final_demand_names.begin(), final_demand_names.end());
  for (std::size_t i = 0; i < node.size(); ++i) {
    const YAML::Node item = node[i];
    // Messages name the event by its id once known: events[vouchers].amount.
    std::string path = fmt::format("events[{}]", i);
    const YAML::Node id = reader.child(item, "id", path, false);
    if (id.IsScalar() && !id.Scalar().empty()) path = fmt::format("events[{}]", id.Scalar());
    if (!reader.expect_map(item, path, {"id", "kind", "category", "sectors", "amount", "from", "to"})) continue;
    DemandEventSpec event;
    event.where = reader.where(item);
    if (!id.IsDefined()) reader.error(item, path + ".id", "this key is required");
    if (id.IsDefined()) {
      if (auto value = reader.string(id, path + ".id")) {
        event.id = *value;
        if (const auto [it, inserted] = first_line.emplace(event.id, event.where.line); !inserted) {
          reader.error(id, path + ".id", fmt::format("duplicate event id (first on line {})", it->second));
        }
      }
    }
    if (const YAML::Node kind = reader.child(item, "kind", path, true); kind.IsDefined()) {
      reader.choice(kind, path + ".kind", {"demand"});
    }
    if (const YAML::Node category = reader.child(item, "category", path, true); category.IsDefined()) {
      if (auto value = reader.choice(category, path + ".category", categories)) {
        event.category = static_cast<FinalDemand>(std::find(categories.begin(), categories.end(), *value) -
                                                  categories.begin());
      }
    }
    if (const YAML::Node sectors = reader.child(item, "sectors", path, true); sectors.IsDefined()) {
      event.sectors = read_sectors(reader, sectors, path + ".sectors");
    }
    if (const YAML::Node amount = reader.child(item, "amount", path, true); amount.IsDefined()) {
      if (auto value = reader.number(amount, path + ".amount")) event.amount = *value;
    }
    const YAML::Node from = reader.child(item, "from", path, true);
    const YAML::Node to = reader.child(item, "to", path, false);
    const auto from_date = from.IsDefined() ? reader.date(from, path + ".from") : std::nullopt;
    const auto to_date = to.IsDefined() ? reader.date(to, path + ".to") : std::optional<Date>(time.end);
    if (from_date) event.from = *from_date;
    if (to_date) event.to = *to_date;
    if (time_ok && from_date && (*from_date < time.start || *from_date > time.end)) {
      reader.error(from, path + ".from",
                   fmt::format("expected a date within the horizon {} to {}, found {}", time.start.to_string(),
                               time.end.to_string(), from_date->to_string()));
    }
    if (time_ok && to.IsDefined() && to_date && from_date) {
      if (*to_date < *from_date) {
        reader.error(to, path + ".to",
                     fmt::format("expected a date on or after from ({}), found {}", from_date->to_string(),
                                 to_date->to_string()));
      } else if (*to_date > time.end) {
        reader.error(to, path + ".to",
                     fmt::format("expected a date within the horizon {} to {}, found {}", time.start.to_string(),
                                 time.end.to_string(), to_date->to_string()));
      }
    }
    events.push_back(std::move(event));
  }
  return events;
}

}  // namespace

Scenario parse_scenario(const std::string& text, const std::filesystem::path& file) {
  Diagnostics diagnostics;
  const std::string display = file.string();
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw InputError(SourceLocation{display, static_cast<std::size_t>(e.mark.line) + 1,
                                    static_cast<std::size_t>(e.mark.column) + 1},
                     "", fmt::format("not valid YAML: {}", e.msg));
  }
  yaml::Reader reader(display, diagnostics);
  Scenario scenario;
  scenario.file = file;
  scenario.text = text;
  if (!reader.expect_map(root, "", {"regsim", "name", "time", "economy", "events"})) diagnostics.throw_if_any();

  if (const YAML::Node version = reader.child(root, "regsim", "", true); version.IsDefined()) {
    if (auto value = reader.integer(version, "regsim"); value && *value != scenario_format_version) {
      reader.error(version, "regsim",
                   fmt::format("expected scenario format {} (the one this regsim reads), found {}",
                               scenario_format_version, *value));
    }
  }
  if (const YAML::Node name = reader.child(root, "name", "", true); name.IsDefined()) {
    if (auto value = reader.string(name, "name")) {
      if (value->empty()) {
        reader.error(name, "name", "expected a non-empty name");
      } else {
        scenario.name = *value;
      }
    }
  }
  bool time_ok = false;
  if (const YAML::Node time = reader.child(root, "time", "", true); time.IsDefined()) {
    const std::size_t before = diagnostics.size();
    scenario.time = read_time(reader, time);
    time_ok = diagnostics.size() == before;  // event dates are only checked against a valid horizon
  }
  if (const YAML::Node economy = reader.child(root, "economy", "", true); economy.IsDefined()) {
    scenario.economy = read_economy(reader, economy, file.parent_path());
  }
  if (const YAML::Node events = reader.child(root, "events", "", false); events.IsDefined()) {
    scenario.events = read_events(reader, events, scenario.time, time_ok);
  }
  diagnostics.throw_if_any();
  return scenario;
}

Scenario load_scenario(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(SourceLocation{file.string(), 0, 0}, "", "cannot open the scenario file for reading");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_scenario(text.str(), file);
}

}  // namespace regsim
