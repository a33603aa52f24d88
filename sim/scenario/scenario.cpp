#include "scenario/scenario.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "core/text.hpp"
#include "scenario/economy_reader.hpp"
#include "scenario/yaml_reader.hpp"
#include "scenario/yaml_tree.hpp"

namespace regsim {

using yaml::join_path;
using yaml::Node;

// Paths resolve against the folder of the file that wrote them (which, after `extends`, may
// not be the scenario being run).
std::filesystem::path resolve_file(yaml::Reader& reader, const Node& node, const std::string& path) {
  if (!node.IsDefined()) return {};  // a missing required key was reported already
  const auto text = reader.string(node, path);
  if (!text) return {};
  const std::filesystem::path folder = std::filesystem::path(node.location().file).parent_path();
  std::filesystem::path resolved = (folder / *text).lexically_normal();
  if (!std::filesystem::is_regular_file(resolved)) {
    reader.error(node, path, fmt::format("expected an existing file (relative to the scenario), found no file at \"{}\"",
                                         resolved.string()));
    return {};
  }
  return resolved;
}

TableSpec read_economy(yaml::Reader& reader, const Node& node) {
  TableSpec spec;
  const std::string path = "economy";
  spec.key_locations[path] = reader.where(node);
  if (!reader.expect_map(node, path,
                         {"table", "sectors", "satellites", "units", "base_year", "imports", "final_demand",
                          "value_added", "households", "satellite_units", "balance_tolerance"})) {
    return spec;
  }
  spec.table = resolve_file(reader, reader.child(node, "table", path, true), "economy.table");
  spec.sectors = resolve_file(reader, reader.child(node, "sectors", path, true), "economy.sectors");
  if (const Node satellites = reader.child(node, "satellites", path, false); satellites.IsDefined()) {
    spec.satellites = resolve_file(reader, satellites, "economy.satellites");
  }
  if (auto units = reader.string(reader.child(node, "units", path, true), "economy.units")) spec.units = *units;
  if (const Node year = reader.child(node, "base_year", path, true); year.IsDefined()) {
    if (auto value = reader.integer(year, "economy.base_year")) {
      if (*value < 1900 || *value > 2200) {
        reader.error(year, "economy.base_year", fmt::format("expected a year between 1900 and 2200, found {}", *value));
      } else {
        spec.base_year = static_cast<int>(*value);
      }
    }
  }
  if (const Node imports = reader.child(node, "imports", path, false); imports.IsDefined()) {
    if (auto form = reader.choice(imports, "economy.imports", {"non-competitive", "competitive"})) {
      spec.imports = *form == "competitive" ? ImportForm::competitive : ImportForm::non_competitive;
    }
  }
  if (const Node households = reader.child(node, "households", path, false); households.IsDefined()) {
    if (auto mode = reader.choice(households, "economy.households", {"exogenous", "endogenous"})) {
      spec.households = *mode == "endogenous" ? HouseholdMode::endogenous : HouseholdMode::exogenous;
    }
  }

  // final_demand: category -> column label(s); `imports` only for competitive tables.
  const Node final_demand = reader.child(node, "final_demand", path, true);
  if (final_demand.IsDefined()) {
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
          spec.final_demand_columns[static_cast<std::size_t>(FinalDemand::household)].empty()) {
        reader.error(final_demand, join_path(fd_path, "household"),
                     "economy.households is endogenous (Type II), which needs the household consumption column");
      }
    }
  }

  const Node value_added = reader.child(node, "value_added", path, true);
  if (value_added.IsDefined()) {
    const std::string va_path = "economy.value_added";
    spec.key_locations[va_path] = reader.where(value_added);
    if (reader.expect_map(value_added, va_path, {value_added_names.begin(), value_added_names.end()})) {
      for (std::size_t c = 0; c < value_added_count; ++c) {
        const std::string key{value_added_names[c]};
        const bool required = static_cast<ValueAdded>(c) == ValueAdded::compensation;
        const Node value = reader.child(value_added, key, va_path, required);
        if (!value.IsDefined()) continue;
        spec.key_locations[join_path(va_path, key)] = reader.where(value);
        if (auto labels = reader.string_list(value, join_path(va_path, key))) spec.value_added_rows[c] = *labels;
      }
    }
  }

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
  return spec;
}

namespace {

TimeSpec read_time(yaml::Reader& reader, const Node& node) {
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
  const Node report = reader.child(node, "report", path, false);
  if (report.IsDefined()) {
    static const std::vector<std::string> options{"daily", "weekly", "monthly", "quarterly", "yearly"};
    if (const auto value = reader.choice(report, "time.report", options)) {
      const auto index = std::find(options.begin(), options.end(), *value) - options.begin();
      time.report = static_cast<ReportFrequency>(index);
    }
  }
  return time;
}

std::vector<SectorShare> read_sectors(yaml::Reader& reader, const Node& node, const std::string& path) {
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

/// The horizon event dates are checked against; `known` is false when `time` itself is broken.
struct Horizon {
  TimeSpec time;
  bool known = false;
};

void check_within(yaml::Reader& reader, const Node& node, const std::string& path, Date date,
                  const Horizon& horizon) {
  if (horizon.known && (date < horizon.time.start || date > horizon.time.end)) {
    reader.error(node, path,
                 fmt::format("expected a date within the horizon {} to {}, found {}", horizon.time.start.to_string(),
                             horizon.time.end.to_string(), date.to_string()));
  }
}

/// `from` (required) and `to` (optional, inclusive; the horizon's end when absent) of a window.
std::pair<Date, Date> read_window(yaml::Reader& reader, const Node& map, const std::string& path,
                                  const Horizon& horizon, bool to_required) {
  const Node from = reader.child(map, "from", path, true);
  const Node to = reader.child(map, "to", path, to_required);
  const auto from_date = from.IsDefined() ? reader.date(from, path + ".from") : std::nullopt;
  const auto to_date = to.IsDefined() ? reader.date(to, path + ".to") : std::optional<Date>(horizon.time.end);
  if (from_date) check_within(reader, from, path + ".from", *from_date, horizon);
  if (to.IsDefined() && to_date && from_date) {
    if (*to_date < *from_date) {
      reader.error(to, path + ".to",
                   fmt::format("expected a date on or after from ({}), found {}", from_date->to_string(),
                               to_date->to_string()));
    } else {
      check_within(reader, to, path + ".to", *to_date, horizon);
    }
  }
  return {from_date.value_or(Date{}), to_date.value_or(Date{})};
}

std::optional<FinalDemand> read_category(yaml::Reader& reader, const Node& node, const std::string& path) {
  static const std::vector<std::string> categories(final_demand_names.begin(), final_demand_names.end());
  const auto value = reader.choice(node, path, categories);
  if (!value) return std::nullopt;
  return static_cast<FinalDemand>(std::find(categories.begin(), categories.end(), *value) - categories.begin());
}

/// `180d` or `180`: a whole number of days, at least 0.
std::optional<int> read_days(yaml::Reader& reader, const Node& node, const std::string& path) {
  if (node.IsScalar()) {
    std::string text{trim(node.Scalar())};
    if (!text.empty() && text.back() == 'd') text.pop_back();
    const auto value = parse_number(text);
    if (value && *value >= 0 && *value <= 36500 && *value == static_cast<double>(static_cast<int>(*value))) {
      return static_cast<int>(*value);
    }
  }
  reader.error(node, path,
               fmt::format("expected a number of days such as 180d, found {}",
                           node.IsScalar() ? fmt::format("\"{}\"", node.Scalar()) : std::string("no text value")));
  return std::nullopt;
}

const std::vector<std::string> demand_keys{"id", "kind", "category", "sectors", "amount", "from", "to"};
const std::vector<std::string> project_keys{"id",   "kind",   "sector", "capex", "build", "mix",
                                            "online", "output", "ramp",   "market"};

DemandEventSpec read_demand(yaml::Reader& reader, const Node& item, const std::string& path, const Horizon& horizon) {
  DemandEventSpec event;
  if (const Node category = reader.child(item, "category", path, true); category.IsDefined()) {
    if (auto value = read_category(reader, category, path + ".category")) event.category = *value;
  }
  if (const Node sectors = reader.child(item, "sectors", path, true); sectors.IsDefined()) {
    event.sectors = read_sectors(reader, sectors, path + ".sectors");
  }
  if (const Node amount = reader.child(item, "amount", path, true); amount.IsDefined()) {
    if (auto value = reader.number(amount, path + ".amount")) event.amount = *value;
  }
  std::tie(event.from, event.to) = read_window(reader, item, path, horizon, false);
  return event;
}

ProjectEventSpec read_project(yaml::Reader& reader, const Node& item, const std::string& path,
                              const Horizon& horizon) {
  ProjectEventSpec project;
  if (const Node sector = reader.child(item, "sector", path, true); sector.IsDefined()) {
    if (auto code = reader.string(sector, path + ".sector")) project.sector = {*code, 1.0, reader.where(sector)};
  }
  const Node capex = reader.child(item, "capex", path, false);
  const Node output = reader.child(item, "output", path, false);
  if (!capex.IsDefined() && !output.IsDefined()) {
    reader.error(item, path, "a project needs capex (a build phase), output (an operating phase) or both");
  }
  if (capex.IsDefined()) {
    if (auto value = reader.number(capex, path + ".capex")) {
      if (*value <= 0.0) {
        reader.error(capex, path + ".capex", fmt::format("expected an amount above 0, found {}", *value));
      } else {
        project.capex = *value;
      }
    }
    const std::string build_path = path + ".build";
    if (const Node build = reader.child(item, "build", path, true); build.IsDefined()) {
      if (reader.expect_map(build, build_path, {"from", "to", "profile"})) {
        std::tie(project.build_from, project.build_to) = read_window(reader, build, build_path, horizon, true);
        if (const Node profile = reader.child(build, "profile", build_path, false); profile.IsDefined()) {
          if (auto value = reader.choice(profile, build_path + ".profile", {"uniform", "s-curve"})) {
            project.profile = *value == "s-curve" ? BuildProfile::s_curve : BuildProfile::uniform;
          }
        }
      }
    }
    if (const Node mix = reader.child(item, "mix", path, true); mix.IsDefined()) {
      project.mix = read_sectors(reader, mix, path + ".mix");
    }
  } else {
    for (const char* key : {"build", "mix"}) {
      if (const Node stray = reader.child(item, key, path, false); stray.IsDefined()) {
        reader.error(stray, fmt::format("{}.{}", path, key), "belongs to the build phase, which needs capex");
      }
    }
  }
  if (output.IsDefined()) {
    if (auto value = reader.number(output, path + ".output")) {
      if (*value <= 0.0) {
        reader.error(output, path + ".output", fmt::format("expected an annual output above 0, found {}", *value));
      } else {
        project.output = *value;
      }
    }
    if (const Node online = reader.child(item, "online", path, true); online.IsDefined()) {
      if (auto date = reader.date(online, path + ".online")) {
        project.online = *date;
        check_within(reader, online, path + ".online", *date, horizon);
      }
    }
    if (const Node ramp = reader.child(item, "ramp", path, false); ramp.IsDefined()) {
      if (auto days = read_days(reader, ramp, path + ".ramp")) project.ramp_days = *days;
    }
    if (const Node market = reader.child(item, "market", path, false); market.IsDefined()) {
      if (auto value = reader.choice(market, path + ".market", {"outside", "local"})) {
        project.market = *value == "local" ? Market::local : Market::outside;
      }
    }
  } else {
    for (const char* key : {"online", "ramp", "market"}) {
      if (const Node stray = reader.child(item, key, path, false); stray.IsDefined()) {
        reader.error(stray, fmt::format("{}.{}", path, key), "belongs to the operating phase, which needs output");
      }
    }
  }
  return project;
}

const std::vector<std::string> rule_keys{"id", "kind", "every", "when", "then", "max_times"};

RuleSpec read_rule(yaml::Reader& reader, const Node& item, const std::string& path) {
  RuleSpec rule;
  if (const Node every = reader.child(item, "every", path, true); every.IsDefined()) {
    if (auto value = reader.choice(every, path + ".every", {"monthly", "quarterly", "yearly"})) {
      rule.every = *value == "monthly" ? ReportFrequency::monthly
                   : *value == "yearly" ? ReportFrequency::yearly
                                        : ReportFrequency::quarterly;
    }
  }
  const std::string when_path = path + ".when";
  if (const Node when = reader.child(item, "when", path, true); when.IsDefined()) {
    if (reader.expect_map(when, when_path, {"indicator", "ytd_growth_below", "ytd_growth_above"})) {
      if (const Node indicator = reader.child(when, "indicator", when_path, true); indicator.IsDefined()) {
        if (auto name = reader.string(indicator, when_path + ".indicator")) rule.indicator = *name;
        rule.indicator_where = reader.where(indicator);
      }
      const Node below = reader.child(when, "ytd_growth_below", when_path, false);
      const Node above = reader.child(when, "ytd_growth_above", when_path, false);
      if (below.IsDefined() == above.IsDefined()) {
        reader.error(when, when_path, "expected exactly one of ytd_growth_below or ytd_growth_above (0.12 is +12 %)");
      } else {
        rule.below = below.IsDefined();
        const Node& threshold = rule.below ? below : above;
        if (auto value = reader.number(threshold, when_path + (rule.below ? ".ytd_growth_below" : ".ytd_growth_above"))) {
          rule.threshold = *value;
        }
      }
    }
  }
  const std::string then_path = path + ".then";
  if (const Node then = reader.child(item, "then", path, true); then.IsDefined()) {
    if (reader.expect_map(then, then_path, {"scale", "by", "start", "stop"})) {
      const Node scale = reader.child(then, "scale", then_path, false);
      const Node start = reader.child(then, "start", then_path, false);
      const Node stop = reader.child(then, "stop", then_path, false);
      const int actions = (scale.IsDefined() ? 1 : 0) + (start.IsDefined() ? 1 : 0) + (stop.IsDefined() ? 1 : 0);
      const Node by = reader.child(then, "by", then_path, false);
      if (actions != 1) {
        reader.error(then, then_path, "expected exactly one action: scale: ID with by: factor, start: ID or stop: ID");
      } else {
        const Node& target = scale.IsDefined() ? scale : start.IsDefined() ? start : stop;
        rule.action = scale.IsDefined() ? RuleAction::scale : start.IsDefined() ? RuleAction::start : RuleAction::stop;
        const char* action = scale.IsDefined() ? "scale" : start.IsDefined() ? "start" : "stop";
        if (auto id = reader.string(target, fmt::format("{}.{}", then_path, action))) rule.event = *id;
        rule.event_where = reader.where(target);
        if (rule.action == RuleAction::scale) {
          if (!by.IsDefined()) {
            reader.error(then, then_path + ".by", "this key is required with scale (1.25 is +25 %)");
          } else if (auto factor = reader.number(by, then_path + ".by")) {
            if (*factor < 0.0) {
              reader.error(by, then_path + ".by", fmt::format("expected a factor of 0 or more, found {}", *factor));
            } else {
              rule.by = *factor;
            }
          }
        } else if (by.IsDefined()) {
          reader.error(by, then_path + ".by", "belongs to scale; start and stop take no factor");
        }
      }
    }
  }
  if (const Node times = reader.child(item, "max_times", path, false); times.IsDefined()) {
    if (auto value = reader.integer(times, path + ".max_times")) {
      if (*value < 1 || *value > 1000) {
        reader.error(times, path + ".max_times", fmt::format("expected 1 to 1000 firings, found {}", *value));
      } else {
        rule.max_times = static_cast<int>(*value);
      }
    }
  }
  return rule;
}

/// Rules name indicators and events: both must exist, and a rule acts on a demand or project event.
void check_rules(yaml::Reader& reader, const std::vector<EventSpec>& events, const std::vector<IndicatorSpec>& indicators) {
  std::vector<std::string> indicator_names, levers;
  for (const auto& indicator : indicators) indicator_names.push_back(indicator.name);
  for (const auto& event : events) {
    if (!std::holds_alternative<RuleSpec>(event.detail)) levers.push_back(event.id);
  }
  for (const auto& event : events) {
    const auto* rule = std::get_if<RuleSpec>(&event.detail);
    if (rule == nullptr) continue;
    const std::string path = fmt::format("events[{}]", event.id);
    if (!rule->indicator.empty() &&
        std::find(indicator_names.begin(), indicator_names.end(), rule->indicator) == indicator_names.end()) {
      reader.error_at(rule->indicator_where, path + ".when.indicator",
                      fmt::format("unknown indicator \"{}\"; declared: {}{}", rule->indicator, join(indicator_names, ", "),
                                  did_you_mean(rule->indicator, indicator_names)));
    }
    if (!rule->event.empty() && std::find(levers.begin(), levers.end(), rule->event) == levers.end()) {
      const bool is_rule = std::any_of(events.begin(), events.end(), [&](const EventSpec& e) { return e.id == rule->event; });
      reader.error_at(rule->event_where, path + ".then",
                      is_rule ? fmt::format("\"{}\" is a rule; a rule acts on a demand or project event", rule->event)
                              : fmt::format("no demand or project event has the id \"{}\"{}", rule->event,
                                            did_you_mean(rule->event, levers)));
    }
  }
}

// Ids name attribution rows and `--set events.<id>…` paths, so they stay simple.
bool valid_event_id(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
  });
}

std::vector<EventSpec> read_events(yaml::Reader& reader, const Node& node, const Horizon& horizon) {
  std::vector<EventSpec> events;
  if (!node.IsSequence()) {
    reader.error(node, "events", "expected a list of events");
    return events;
  }
  std::map<std::string, SourceLocation> first;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const Node& item = node[i];
    // Messages name the event by its id once known: events[vouchers].amount.
    std::string path = fmt::format("events[{}]", i);
    const Node id = item.get("id");
    if (id.IsScalar() && !id.Scalar().empty()) path = fmt::format("events[{}]", id.Scalar());
    if (!item.IsMap()) {
      reader.expect_map(item, path, {});
      continue;
    }
    EventSpec event;
    event.where = reader.where(item);
    if (!id.IsDefined()) reader.error(item, path + ".id", "this key is required");
    if (id.IsDefined()) {
      if (auto value = reader.string(id, path + ".id")) {
        event.id = *value;
        if (!valid_event_id(event.id)) {
          reader.error(id, path + ".id", "expected letters, digits, '-' and '_' only");
        } else if (event.id == "baseline") {
          reader.error(id, path + ".id", "\"baseline\" is reserved (it names the no-event row of attribution)");
        } else if (const auto [it, inserted] = first.emplace(event.id, event.where); !inserted) {
          const bool same_file = it->second.file == event.where.file;
          reader.error(id, path + ".id",
                       same_file ? fmt::format("duplicate event id (first on line {})", it->second.line)
                                 : fmt::format("duplicate event id (first at {}:{})", it->second.file, it->second.line));
        }
      }
    }
    const Node kind = reader.child(item, "kind", path, true);
    const auto kind_name =
        kind.IsDefined() ? reader.choice(kind, path + ".kind", {"demand", "project", "rule"}) : std::nullopt;
    if (!kind_name) {
      // Without a kind the keys cannot be checked further; report only the unknown ones.
      std::vector<std::string> any = demand_keys;
      any.insert(any.end(), project_keys.begin(), project_keys.end());
      any.insert(any.end(), rule_keys.begin(), rule_keys.end());
      reader.expect_map(item, path, any);
      continue;
    }
    if (*kind_name == "demand") {
      reader.expect_map(item, path, demand_keys);
      event.detail = read_demand(reader, item, path, horizon);
    } else if (*kind_name == "rule") {
      reader.expect_map(item, path, rule_keys);
      event.detail = read_rule(reader, item, path);
    } else {
      reader.expect_map(item, path, project_keys);
      event.detail = read_project(reader, item, path, horizon);
    }
    events.push_back(std::move(event));
  }
  return events;
}

std::optional<double> read_growth(yaml::Reader& reader, const Node& node, const std::string& path) {
  const auto value = reader.number(node, path);
  if (value && *value <= -1.0) {
    reader.error(node, path, fmt::format("expected an annual growth rate above -1 (0.05 is +5 %), found {}", *value));
    return std::nullopt;
  }
  return value;
}

std::vector<TrendSpec> read_trends(yaml::Reader& reader, const Node& node, HouseholdMode households) {
  std::vector<TrendSpec> trends;
  std::vector<std::string> categories(final_demand_names.begin(), final_demand_names.end());
  if (!reader.expect_map(node, "trends", categories)) return trends;
  for (const auto& [key, value] : node) {
    const std::string path = yaml::join_path("trends", key.Scalar());
    const auto found = std::find(categories.begin(), categories.end(), key.Scalar());
    if (found == categories.end()) continue;  // reported by expect_map
    TrendSpec trend;
    trend.category = static_cast<FinalDemand>(found - categories.begin());
    trend.where = reader.where(key);
    if (trend.category == FinalDemand::household && households == HouseholdMode::endogenous) {
      reader.error(key, path,
                   "household consumption is endogenous (economy.households: endogenous): it follows income, so it "
                   "cannot have its own trend");
      continue;
    }
    if (value.IsMap()) {
      if (!reader.expect_map(value, path, {"default", "sectors"})) continue;
      if (const Node rate = reader.child(value, "default", path, false); rate.IsDefined()) {
        if (auto g = read_growth(reader, rate, path + ".default")) trend.rate = *g;
      }
      if (const Node sectors = reader.child(value, "sectors", path, false); sectors.IsDefined()) {
        if (!sectors.IsMap()) {
          reader.error(sectors, path + ".sectors", "expected a map of sector code to growth rate");
        } else {
          for (const auto& [code, rate] : sectors) {
            if (auto g = read_growth(reader, rate, yaml::join_path(path + ".sectors", code.Scalar()))) {
              trend.sectors.push_back({code.Scalar(), *g, reader.where(code)});
            }
          }
        }
      }
    } else if (auto g = read_growth(reader, value, path)) {
      trend.rate = *g;
    }
    trends.push_back(std::move(trend));
  }
  return trends;
}

std::vector<IndicatorSpec> read_indicators(yaml::Reader& reader, const Node& node) {
  std::vector<IndicatorSpec> indicators;
  if (!node.IsMap()) {
    reader.error(node, "indicators", "expected a map of indicator name to {of, sectors, scale}");
    return indicators;
  }
  reader.expect_map(node, "indicators", {});  // only to report names written twice
  for (const auto& [key, value] : node) {
    IndicatorSpec indicator;
    indicator.name = key.Scalar();
    indicator.where = reader.where(key);
    const std::string path = yaml::join_path("indicators", indicator.name);
    if (!valid_event_id(indicator.name)) {
      reader.error(key, path, "expected a name of letters, digits, '-' and '_' only");
      continue;
    }
    if (!reader.expect_map(value, path, {"of", "sectors", "scale"})) continue;
    if (const Node of = reader.child(value, "of", path, true); of.IsDefined()) {
      if (auto text = reader.string(of, path + ".of")) {
        indicator.of = *text;
        indicator.of_where = reader.where(of);
      }
    }
    if (const Node sectors = reader.child(value, "sectors", path, false); sectors.IsDefined()) {
      if (auto terms = reader.string_list(sectors, path + ".sectors")) {
        for (std::size_t i = 0; i < terms->size(); ++i) {
          const Node& term = sectors.IsSequence() ? sectors[i] : sectors;
          indicator.sectors.push_back({(*terms)[i], 1.0, reader.where(term)});
        }
      }
    }
    if (const Node scale = reader.child(value, "scale", path, false); scale.IsDefined()) {
      if (auto factor = reader.number(scale, path + ".scale")) indicator.scale = *factor;
    }
    indicators.push_back(std::move(indicator));
  }
  return indicators;
}

std::vector<TargetSpec> read_targets(yaml::Reader& reader, const Node& node,
                                     const std::vector<IndicatorSpec>& indicators, const Horizon& horizon,
                                     const std::string& key = "targets") {
  std::vector<TargetSpec> targets;
  if (!node.IsSequence()) {
    reader.error(node, key, "expected a list of {indicator, year, growth | level}");
    return targets;
  }
  std::vector<std::string> names;
  for (const auto& indicator : indicators) names.push_back(indicator.name);
  for (std::size_t i = 0; i < node.size(); ++i) {
    const std::string path = fmt::format("{}[{}]", key, i);
    const Node& item = node[i];
    if (!reader.expect_map(item, path, {"indicator", "year", "growth", "level"})) continue;
    TargetSpec target;
    target.where = reader.where(item);
    if (const Node indicator = reader.child(item, "indicator", path, true); indicator.IsDefined()) {
      if (auto name = reader.string(indicator, path + ".indicator")) {
        target.indicator = *name;
        if (std::find(names.begin(), names.end(), *name) == names.end()) {
          reader.error(indicator, path + ".indicator",
                       fmt::format("unknown indicator \"{}\"; declared: {}{}", *name, join(names, ", "),
                                   did_you_mean(*name, names)));
        }
      }
    }
    if (const Node year = reader.child(item, "year", path, true); year.IsDefined()) {
      if (auto value = reader.integer(year, path + ".year")) {
        target.year = static_cast<int>(*value);
        if (horizon.known && (*value < horizon.time.start.year() || *value > horizon.time.end.year())) {
          reader.error(year, path + ".year",
                       fmt::format("expected a simulated year, {} to {}, found {}", horizon.time.start.year(),
                                   horizon.time.end.year(), *value));
        }
      }
    }
    const Node growth = reader.child(item, "growth", path, false);
    const Node level = reader.child(item, "level", path, false);
    if (growth.IsDefined() == level.IsDefined()) {
      reader.error(item, path, "expected exactly one of growth (0.055 is +5.5 % on the year before) or level");
    } else if (growth.IsDefined()) {
      if (auto value = reader.number(growth, path + ".growth")) target.value = *value;
    } else {
      target.kind = TargetKind::level;
      if (auto value = reader.number(level, path + ".level")) target.value = *value;
    }
    targets.push_back(std::move(target));
  }
  return targets;
}

std::vector<SectorShare> read_terms(yaml::Reader& reader, const Node& node, const std::string& path) {
  std::vector<SectorShare> terms;
  if (auto names = reader.string_list(node, path)) {
    for (std::size_t i = 0; i < names->size(); ++i) {
      const Node& term = node.IsSequence() ? node[i] : node;
      terms.push_back({(*names)[i], 1.0, reader.where(term)});
    }
  }
  return terms;
}

void read_label(yaml::Reader& reader, const Node& node, const std::string& path, ChainSpec& chain) {
  if (node.IsScalar()) {
    chain.label_en = node.Scalar();
    return;
  }
  if (!reader.expect_map(node, path, {"en", "zh"})) return;
  if (const Node en = reader.child(node, "en", path, false); en.IsDefined()) {
    if (auto text = reader.string(en, path + ".en")) chain.label_en = *text;
  }
  if (const Node zh = reader.child(node, "zh", path, false); zh.IsDefined()) {
    if (auto text = reader.string(zh, path + ".zh")) chain.label_zh = *text;
  }
}

std::optional<int> read_depth(yaml::Reader& reader, const Node& map, const std::string& key, const std::string& path,
                              int fallback) {
  const Node node = reader.child(map, key, path, false);
  if (!node.IsDefined()) return fallback;
  const auto value = reader.integer(node, path + "." + key);
  if (!value) return std::nullopt;
  if (*value < 0 || *value > 10) {
    reader.error(node, path + "." + key, fmt::format("expected a depth from 0 to 10, found {}", *value));
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

std::optional<double> read_threshold(yaml::Reader& reader, const Node& node, const std::string& path) {
  const auto value = reader.number(node, path);
  if (value && (*value <= 0.0 || *value >= 1.0)) {
    reader.error(node, path, fmt::format("expected a coefficient threshold between 0 and 1 (exclusive), found {}", *value));
    return std::nullopt;
  }
  return value;
}

std::vector<ChainSpec> read_chains(yaml::Reader& reader, const Node& node) {
  std::vector<ChainSpec> chains;
  if (!node.IsMap()) {
    reader.error(node, "chains", "expected a map of chain name to {label, core, upstream, downstream} or {label, derive}");
    return chains;
  }
  reader.expect_map(node, "chains", {});  // only to report names written twice
  for (const auto& [key, value] : node) {
    ChainSpec chain;
    chain.name = key.Scalar();
    chain.where = reader.where(key);
    const std::string path = yaml::join_path("chains", chain.name);
    if (!valid_event_id(chain.name)) {
      reader.error(key, path, "expected a name of letters, digits, '-' and '_' only");
      continue;
    }
    if (!reader.expect_map(value, path, {"label", "core", "upstream", "downstream", "derive"})) continue;
    if (const Node label = reader.child(value, "label", path, false); label.IsDefined()) {
      read_label(reader, label, path + ".label", chain);
    }
    if (chain.label_en.empty()) chain.label_en = chain.name;
    const Node derive = reader.child(value, "derive", path, false);
    if (derive.IsDefined()) {
      for (const char* declared : {"core", "upstream", "downstream"}) {
        if (const Node extra = reader.child(value, declared, path, false); extra.IsDefined()) {
          reader.error(extra, path + "." + declared,
                       "a derived chain takes its core inside derive: {core, upstream_depth, downstream_depth, threshold}");
        }
      }
      const std::string derive_path = path + ".derive";
      if (!reader.expect_map(derive, derive_path, {"core", "upstream_depth", "downstream_depth", "threshold"})) continue;
      ChainDerivation how;
      if (const Node core = reader.child(derive, "core", derive_path, true); core.IsDefined()) {
        chain.core = read_terms(reader, core, derive_path + ".core");
      }
      if (auto depth = read_depth(reader, derive, "upstream_depth", derive_path, how.upstream_depth)) how.upstream_depth = *depth;
      if (auto depth = read_depth(reader, derive, "downstream_depth", derive_path, how.downstream_depth)) {
        how.downstream_depth = *depth;
      }
      if (const Node threshold = reader.child(derive, "threshold", derive_path, false); threshold.IsDefined()) {
        if (auto t = read_threshold(reader, threshold, derive_path + ".threshold")) how.threshold = *t;
      }
      chain.derive = how;
    } else {
      if (const Node core = reader.child(value, "core", path, true); core.IsDefined()) {
        chain.core = read_terms(reader, core, path + ".core");
      }
      if (const Node up = reader.child(value, "upstream", path, false); up.IsDefined()) {
        chain.upstream = read_terms(reader, up, path + ".upstream");
      }
      if (const Node down = reader.child(value, "downstream", path, false); down.IsDefined()) {
        chain.downstream = read_terms(reader, down, path + ".downstream");
      }
    }
    chains.push_back(std::move(chain));
  }
  return chains;
}

GraphSpec read_graph(yaml::Reader& reader, const Node& node) {
  GraphSpec graph;
  if (!reader.expect_map(node, "graph", {"threshold"})) return graph;
  if (const Node threshold = reader.child(node, "threshold", "graph", false); threshold.IsDefined()) {
    if (auto t = read_threshold(reader, threshold, "graph.threshold")) graph.threshold = *t;
  }
  return graph;
}

/// `seek:` (docs/whatif.md): its targets, and instruments that name events of the scenario.
SeekSpec read_seek(yaml::Reader& reader, const Node& node, const Scenario& scenario, const Horizon& horizon) {
  SeekSpec seek;
  seek.where = reader.where(node);
  if (!reader.expect_map(node, "seek", {"targets", "instruments"})) return seek;
  if (const Node targets = reader.child(node, "targets", "seek", true); targets.IsDefined()) {
    seek.targets = read_targets(reader, targets, scenario.indicators, horizon, "seek.targets");
    if (targets.IsSequence() && targets.size() == 0) reader.error(targets, "seek.targets", "expected at least one target");
  }
  const Node instruments = reader.child(node, "instruments", "seek", true);
  if (!instruments.IsDefined()) return seek;
  if (!instruments.IsSequence() || instruments.size() == 0) {
    reader.error(instruments, "seek.instruments", "expected a list of {event, field, min, max} or {event, field, earliest, latest}");
    return seek;
  }
  std::vector<std::string> ids;
  for (const auto& event : scenario.events) ids.push_back(event.id);
  for (std::size_t i = 0; i < instruments.size(); ++i) {
    const Node& item = instruments[i];
    const std::string path = fmt::format("seek.instruments[{}]", i);
    if (!reader.expect_map(item, path, {"event", "field", "min", "max", "earliest", "latest"})) continue;
    InstrumentSpec instrument;
    instrument.where = reader.where(item);
    const EventSpec* event = nullptr;
    if (const Node id = reader.child(item, "event", path, true); id.IsDefined()) {
      if (auto value = reader.string(id, path + ".event")) {
        instrument.event = *value;
        const auto found = std::find_if(scenario.events.begin(), scenario.events.end(),
                                        [&](const EventSpec& e) { return e.id == *value; });
        if (found == scenario.events.end()) {
          reader.error(id, path + ".event",
                       fmt::format("no event has the id \"{}\"{}", *value, did_you_mean(*value, ids)));
        } else {
          event = &*found;
        }
      }
    }
    const Node field = reader.child(item, "field", path, true);
    if (field.IsDefined() && event != nullptr) {
      const auto* project = std::get_if<ProjectEventSpec>(&event->detail);
      const std::vector<std::string> fields =
          std::holds_alternative<DemandEventSpec>(event->detail) ? std::vector<std::string>{"amount", "from"}
          : project != nullptr                                  ? std::vector<std::string>{"capex", "output", "online"}
                                                                : std::vector<std::string>{};
      if (fields.empty()) {
        reader.error(field, path + ".field", fmt::format("\"{}\" is a rule; instruments are demand or project events", event->id));
      } else if (auto value = reader.choice(field, path + ".field", fields)) {
        instrument.field = *value;
        if (project != nullptr && ((*value == "capex" && project->capex <= 0.0) ||
                                   (*value != "capex" && project->output <= 0.0))) {
          reader.error(field, path + ".field",
                       fmt::format("event \"{}\" has no {} phase to move", event->id, *value == "capex" ? "build" : "operating"));
        }
      }
    }
    const bool date_field = instrument.is_date();
    const char* low_key = date_field ? "earliest" : "min";
    const char* high_key = date_field ? "latest" : "max";
    for (const char* stray : date_field ? std::array{"min", "max"} : std::array{"earliest", "latest"}) {
      if (instrument.field.empty()) break;
      if (const Node n = reader.child(item, stray, path, false); n.IsDefined()) {
        reader.error(n, fmt::format("{}.{}", path, stray),
                     fmt::format("field {} takes {} and {}", instrument.field, low_key, high_key));
      }
    }
    const Node low = reader.child(item, low_key, path, !instrument.field.empty());
    const Node high = reader.child(item, high_key, path, !instrument.field.empty());
    if (instrument.field.empty() || !low.IsDefined() || !high.IsDefined()) continue;
    if (date_field) {
      const auto earliest = reader.date(low, path + ".earliest");
      const auto latest = reader.date(high, path + ".latest");
      if (earliest) check_within(reader, low, path + ".earliest", *earliest, horizon);
      if (latest) check_within(reader, high, path + ".latest", *latest, horizon);
      if (earliest && latest && *latest <= *earliest) {
        reader.error(high, path + ".latest", fmt::format("expected a date after earliest ({}), found {}",
                                                          earliest->to_string(), latest->to_string()));
      }
      instrument.earliest = earliest.value_or(Date{});
      instrument.latest = latest.value_or(Date{});
    } else {
      const auto min = reader.number(low, path + ".min");
      const auto max = reader.number(high, path + ".max");
      if (min && max && *max <= *min) {
        reader.error(high, path + ".max", fmt::format("expected a value above min ({}), found {}", *min, *max));
      }
      if (min && instrument.field != "amount" && *min <= 0.0) {
        reader.error(low, path + ".min", fmt::format("expected a minimum above 0 (a project's {} is positive), found {}",
                                                      instrument.field, *min));
      }
      instrument.min = min.value_or(0.0);
      instrument.max = max.value_or(0.0);
    }
    for (const InstrumentSpec& other : seek.instruments) {
      if (other.event == instrument.event && other.field == instrument.field) {
        reader.error(item, path, fmt::format("{}.{} is already an instrument (on line {})", instrument.event,
                                             instrument.field, other.where.line));
      }
    }
    seek.instruments.push_back(std::move(instrument));
  }
  return seek;
}

const std::vector<std::string> top_level_keys{"regsim",  "name",       "extends", "remove_events", "time",  "economy",
                                              "trends",  "indicators", "targets", "events",        "chains", "graph",
                                              "seek"};

/// Validates a whole (already merged) scenario document.
Scenario read_scenario(const Node& root, const std::string& display) {
  Diagnostics diagnostics;
  yaml::Reader reader(display, diagnostics);
  Scenario scenario;
  if (!reader.expect_map(root, "", top_level_keys)) diagnostics.throw_if_any();

  if (const Node version = reader.child(root, "regsim", "", true); version.IsDefined()) {
    if (auto value = reader.integer(version, "regsim"); value && *value != scenario_format_version) {
      reader.error(version, "regsim",
                   fmt::format("expected scenario format {} (the one this regsim reads), found {}",
                               scenario_format_version, *value));
    }
  }
  if (const Node name = reader.child(root, "name", "", true); name.IsDefined()) {
    if (auto value = reader.string(name, "name")) {
      if (value->empty()) {
        reader.error(name, "name", "expected a non-empty name");
      } else {
        scenario.name = *value;
      }
    }
  }
  Horizon horizon;
  if (const Node time = reader.child(root, "time", "", true); time.IsDefined()) {
    const std::size_t before = diagnostics.size();
    scenario.time = read_time(reader, time);
    horizon = {scenario.time, diagnostics.size() == before};  // dates are only checked against a valid horizon
  }
  if (const Node economy = reader.child(root, "economy", "", true); economy.IsDefined()) {
    scenario.economy = read_economy(reader, economy);
  }
  if (const Node trends = reader.child(root, "trends", "", false); trends.IsDefined()) {
    scenario.trends = read_trends(reader, trends, scenario.economy.households);
  }
  if (const Node indicators = reader.child(root, "indicators", "", false); indicators.IsDefined()) {
    scenario.indicators = read_indicators(reader, indicators);
  } else {
    scenario.indicators.push_back({"gdp", "value_added", reader.where(root), {}, 1.0, reader.where(root)});
  }
  if (const Node targets = reader.child(root, "targets", "", false); targets.IsDefined()) {
    scenario.targets = read_targets(reader, targets, scenario.indicators, horizon);
  }
  if (const Node events = reader.child(root, "events", "", false); events.IsDefined()) {
    scenario.events = read_events(reader, events, horizon);
    check_rules(reader, scenario.events, scenario.indicators);
  }
  if (const Node chains = reader.child(root, "chains", "", false); chains.IsDefined()) {
    scenario.chains = read_chains(reader, chains);
  }
  if (const Node graph = reader.child(root, "graph", "", false); graph.IsDefined()) {
    scenario.graph = read_graph(reader, graph);
  }
  if (const Node seek = reader.child(root, "seek", "", false); seek.IsDefined()) {
    scenario.seek = read_seek(reader, seek, scenario, horizon);
  }
  diagnostics.throw_if_any();
  return scenario;
}

std::string read_text(const std::filesystem::path& file, const SourceLocation& requested_at) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    if (requested_at.file.empty()) {
      throw InputError(SourceLocation{file.string(), 0, 0}, "", "cannot open the scenario file for reading");
    }
    throw InputError(requested_at, "extends", fmt::format("cannot open \"{}\" for reading", file.string()));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string event_id(const Node& event) { return event.get("id").Scalar(); }

/// Inherited events, less `remove_events`, with the overlay's events replacing by id or appended.
Node merge_events(const Node& base, const Node& overlay, const Node& remove, yaml::Reader& reader) {
  std::vector<Node> events = base.items();
  if (remove.IsDefined()) {
    std::vector<std::string> inherited;
    for (const Node& event : events) inherited.push_back(event_id(event));
    if (auto ids = reader.string_list(remove, "remove_events")) {
      for (std::size_t i = 0; i < ids->size(); ++i) {
        const std::string& id = (*ids)[i];
        const auto found = std::find_if(events.begin(), events.end(), [&](const Node& e) { return event_id(e) == id; });
        if (found == events.end()) {
          reader.error(remove.IsSequence() ? remove[i] : remove, fmt::format("remove_events[{}]", i),
                       fmt::format("no inherited event has the id \"{}\"{}", id, did_you_mean(id, inherited)));
        } else {
          events.erase(found);
        }
      }
    }
  }
  for (const Node& event : overlay.items()) {
    const std::string id = event_id(event);
    const auto same = std::find_if(events.begin(), events.end(),
                                   [&](const Node& e) { return !id.empty() && event_id(e) == id; });
    if (same != events.end()) {
      *same = event;
    } else {
      events.push_back(event);
    }
  }
  return Node::sequence(std::move(events), overlay.IsDefined() ? overlay.location() : base.location());
}

/// One scenario document with everything it extends merged in. `chain` holds the files on the
/// way here, to catch a file that extends itself through others.
Node load_document(const std::filesystem::path& file, std::vector<std::filesystem::path>& chain,
                   std::vector<std::filesystem::path>& inherited, const SourceLocation& requested_at) {
  const std::string display = file.string();
  const Node document = yaml::parse(read_text(file, requested_at), display);
  const Node extends = document.get("extends");
  const Node remove = document.get("remove_events");
  Diagnostics diagnostics;
  yaml::Reader reader(display, diagnostics);
  if (!extends.IsDefined()) {
    if (remove.IsDefined()) reader.error(remove, "remove_events", "removes inherited events, so it needs extends");
    diagnostics.throw_if_any();
    return document;
  }
  const auto target = reader.string(extends, "extends");
  diagnostics.throw_if_any();
  const std::filesystem::path base_file = (file.parent_path() / *target).lexically_normal();
  std::error_code ignored;
  const std::filesystem::path canonical = std::filesystem::weakly_canonical(base_file, ignored);
  if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
    std::vector<std::string> names;
    for (const auto& f : chain) names.push_back(f.filename().string());
    names.push_back(base_file.filename().string());
    reader.error(extends, "extends", fmt::format("cyclic extends: {}", join(names, " -> ")));
    diagnostics.throw_if_any();
  }
  chain.push_back(canonical);
  inherited.push_back(base_file);
  const Node base = load_document(base_file, chain, inherited, reader.where(extends));
  chain.pop_back();

  Node merged = yaml::merge(yaml::without_entry(base, "events"),
                            yaml::without_entry(yaml::without_entry(yaml::without_entry(document, "events"), "extends"),
                                                "remove_events"));
  const Node events = merge_events(base.get("events"), document.get("events"), remove, reader);
  if (events.size() > 0 || base.get("events").IsDefined() || document.get("events").IsDefined()) {
    merged = yaml::with_entry(merged, "events", events);
  }
  diagnostics.throw_if_any();
  return merged;
}

/// `--set a.b.c=value`: keys through maps; through the events list, a key is an event id.
Node apply_override(const Node& node, const std::vector<std::string>& keys, std::size_t depth, const Node& value,
                    const std::string& text) {
  const SourceLocation where{"--set", 1, 1};
  if (depth == keys.size()) return value;
  const std::string& key = keys[depth];
  const std::string path = join(std::vector<std::string>(keys.begin(), keys.begin() + static_cast<long>(depth) + 1), ".");
  if (node.IsSequence()) {
    std::vector<Node> items = node.items();
    std::vector<std::string> ids;
    for (Node& item : items) {
      ids.push_back(event_id(item));
      if (ids.back() == key) {
        item = apply_override(item, keys, depth + 1, value, text);
        return Node::sequence(std::move(items), node.location());
      }
    }
    throw InputError(where, path,
                     fmt::format("no event has the id \"{}\" (in {}){}", key, text, did_you_mean(key, ids)));
  }
  if (node.IsDefined() && !node.IsMap()) {
    throw InputError(where, path, fmt::format("cannot set a key inside a value that is not a map (in {})", text));
  }
  const Node current = node.IsMap() ? node : Node::map({}, where);
  return yaml::with_entry(current, key, apply_override(current.get(key), keys, depth + 1, value, text));
}

Node apply_overrides(Node root, const std::vector<std::string>& overrides) {
  for (const std::string& text : overrides) {
    const auto equals = text.find('=');
    const SourceLocation where{"--set", 1, 1};
    if (equals == std::string::npos || equals == 0) {
      throw InputError(where, "", fmt::format("expected key.path=value, found \"{}\"", text));
    }
    const std::vector<std::string> keys = split_trimmed(text.substr(0, equals), '.');
    if (std::any_of(keys.begin(), keys.end(), [](const std::string& k) { return k.empty(); })) {
      throw InputError(where, "", fmt::format("expected key.path=value with no empty key, found \"{}\"", text));
    }
    const Node value = yaml::parse(text.substr(equals + 1), "--set");
    root = apply_override(root, keys, 0, value.IsDefined() ? value : Node::null(where), text);
  }
  return root;
}

}  // namespace

std::string extension_document(const std::filesystem::path& base, const std::filesystem::path& written_to,
                               const std::string& name, const std::vector<std::string>& overrides,
                               const std::string& header) {
  std::vector<std::filesystem::path> chain{std::filesystem::weakly_canonical(base)};
  std::vector<std::filesystem::path> inherited;
  const Node full = apply_overrides(load_document(base, chain, inherited, {}), overrides);
  // Overrides of events are written as whole events (taken from the overridden document); the
  // rest as the keys they set, which `extends` merges in.
  std::vector<std::string> settings;
  std::vector<std::string> changed_events;
  for (const std::string& text : overrides) {
    const std::vector<std::string> keys = split_trimmed(text.substr(0, text.find('=')), '.');
    if (keys.size() >= 2 && keys[0] == "events") {
      if (std::find(changed_events.begin(), changed_events.end(), keys[1]) == changed_events.end()) {
        changed_events.push_back(keys[1]);
      }
    } else {
      settings.push_back(text);
    }
  }
  const SourceLocation here{written_to.string(), 0, 0};
  Node document = Node::map({}, here);
  document = yaml::with_entry(document, "regsim", Node::scalar(std::to_string(scenario_format_version), here));
  const std::filesystem::path folder = written_to.parent_path().empty() ? "." : written_to.parent_path();
  const std::filesystem::path relative = std::filesystem::relative(std::filesystem::absolute(base),
                                                                  std::filesystem::absolute(folder));
  document = yaml::with_entry(document, "extends", Node::scalar(relative.generic_string(), here));
  document = yaml::with_entry(document, "name", Node::scalar(name, here));
  document = apply_overrides(document, settings);
  if (!changed_events.empty()) {
    std::vector<Node> events;
    for (const Node& event : full.get("events").items()) {
      if (std::find(changed_events.begin(), changed_events.end(), event_id(event)) != changed_events.end()) {
        events.push_back(event);
      }
    }
    document = yaml::with_entry(document, "events", Node::sequence(std::move(events), here));
  }
  std::string text;
  std::istringstream lines(header);
  for (std::string line; std::getline(lines, line);) text += line.empty() ? "#\n" : "# " + line + "\n";
  return text + yaml::emit(document);
}

Scenario parse_scenario(const std::string& text, const std::filesystem::path& file) {
  const std::string display = file.string();
  Scenario scenario = read_scenario(yaml::parse(text, display), display);
  scenario.file = file;
  scenario.text = text;
  return scenario;
}

Scenario load_scenario(const std::filesystem::path& file, const std::vector<std::string>& overrides) {
  std::vector<std::filesystem::path> chain;
  std::error_code ignored;
  chain.push_back(std::filesystem::weakly_canonical(file, ignored));
  std::vector<std::filesystem::path> inherited;
  const std::string own_text = read_text(file, {});
  Node root = load_document(file, chain, inherited, {});
  root = apply_overrides(root, overrides);
  Scenario scenario = read_scenario(root, file.string());
  scenario.file = file;
  scenario.extends = inherited;
  scenario.text = inherited.empty() && overrides.empty() ? own_text : yaml::emit(root);
  return scenario;
}

}  // namespace regsim
