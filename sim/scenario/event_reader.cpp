// `events:` (demand events, projects, disruptions; rules are read in rule_reader.cpp, prices in
// price_reader.cpp) and `trends:` (docs/scenario-reference.md).

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

#include "core/text.hpp"
#include "scenario/section_readers.hpp"
#include "scenario/yaml_tree.hpp"

namespace regsim {

std::string_view event_kind(const EventSpec& event) {
  constexpr std::array<std::string_view, 5> kinds{"demand", "project", "rule", "disruption", "price"};
  return kinds[event.detail.index()];
}

using yaml::Node;

namespace {

const std::vector<std::string> demand_keys{"id",   "kind", "category", "sectors",    "amount",
                                           "total", "from", "to",       "local_share"};
const std::vector<std::string> project_keys{"id",     "kind",   "sector", "capex",  "build",      "mix",
                                            "online", "output", "ramp",   "market", "local_share"};

std::optional<double> read_local_share(yaml::Reader& reader, const Node& map, const std::string& path) {
  const Node share = reader.child(map, "local_share", path, false);
  if (!share.IsDefined()) return std::nullopt;
  return read_bounded(reader, share, path + ".local_share", 0.0, 1.0, "a share of local supply");
}

DemandEventSpec read_demand(yaml::Reader& reader, const Node& item, const std::string& path, const Horizon& horizon) {
  DemandEventSpec event;
  if (const Node category = reader.child(item, "category", path, true); category.IsDefined()) {
    if (auto value = read_category(reader, category, path + ".category")) event.category = *value;
  }
  if (const Node sectors = reader.child(item, "sectors", path, true); sectors.IsDefined()) {
    event.sectors = read_sectors(reader, sectors, path + ".sectors");
  }
  const Node amount = reader.child(item, "amount", path, false);
  const Node total = reader.child(item, "total", path, false);
  if (amount.IsDefined() == total.IsDefined()) {
    reader.error(item, path,
                 amount.IsDefined() ? "expected one of amount (an annual rate) or total (spent over the window), found both"
                                    : "expected amount (an annual rate) or total (spent over the window)");
  } else if (amount.IsDefined()) {
    if (auto value = read_money(reader, amount, path + ".amount", false, "an annual amount")) {
      event.amount = MoneyRate(*value);
    }
  } else if (auto value = read_money(reader, total, path + ".total", false, "an amount spent over the window")) {
    event.total = Money(*value);
  }
  std::tie(event.from, event.to) = read_window(reader, item, path, horizon, false);
  event.local_share = read_local_share(reader, item, path);
  if (event.local_share && event.category == FinalDemand::exports) {
    reader.error(reader.child(item, "local_share", path, false), path + ".local_share",
                 "exports are sold outside the region, none of them is imported: remove local_share");
  }
  return event;
}

ProjectEventSpec read_project(yaml::Reader& reader, const Node& item, const std::string& path, const Horizon& horizon) {
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
    if (auto value = read_money(reader, capex, path + ".capex", true, "an amount")) project.capex = Money(*value);
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
    project.local_share = read_local_share(reader, item, path);
  } else {
    for (const char* key : {"build", "mix", "local_share"}) {
      if (const Node stray = reader.child(item, key, path, false); stray.IsDefined()) {
        reader.error(stray, fmt::format("{}.{}", path, key), "belongs to the build phase, which needs capex");
      }
    }
  }
  if (output.IsDefined()) {
    if (auto value = read_money(reader, output, path + ".output", true, "an annual output")) {
      project.output = MoneyRate(*value);
    }
    if (const Node online = reader.child(item, "online", path, true); online.IsDefined()) {
      if (auto date = reader.date(online, path + ".online")) {
        project.online = *date;
        check_within(reader, online, path + ".online", *date, horizon);
        if (project.capex > Money(0.0) && project.build_to != Date{} && *date <= project.build_to) {
          reader.warn(online, path + ".online",
                      fmt::format("the plant is on line on {}, before its build window ends on {}", date->to_string(),
                                  project.build_to.to_string()));
        }
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

const std::vector<std::string> disruption_keys{"id",       "kind",     "on",       "capital_lost", "capacity_lost",
                                               "duration", "recovery", "rebuild"};

/// `capital_lost`: a map of industry to amount, `{amount, sectors, by}` or `{share, sectors}`;
/// `capacity_lost`: `{share, sectors}`.
LossSpec read_loss(yaml::Reader& reader, const Node& node, const std::string& path, bool capital) {
  LossSpec loss;
  loss.where = reader.where(node);
  const char* expected = capital ? "expected a map of industry code to amount, {amount, sectors, by} or {share, sectors}"
                                 : "expected {share, sectors}";
  if (!node.IsMap()) {
    reader.error(node, path, expected);
    return loss;
  }
  const bool has_amount = node.get("amount").IsDefined();
  const bool has_share = node.get("share").IsDefined();
  if (capital && !has_amount && !has_share) {
    loss.form = LossSpec::Form::per_industry;
    reader.expect_map(node, path, {});  // only to report industries written twice
    for (const auto& [code, amount] : node) {
      const std::string item_path = yaml::join_path(path, code.Scalar());
      if (auto value = read_money(reader, amount, item_path, true, "an amount of capital")) {
        loss.amounts.push_back({code.Scalar(), *value, reader.where(code)});
      }
    }
    return loss;
  }
  if (has_amount && has_share) {
    reader.error(node, path, "expected either amount (with by) or share, not both");
    return loss;
  }
  if (has_amount && !capital) {
    reader.error(node.get("amount"), path + ".amount", "a capacity loss is a share of capacity: expected {share, sectors}");
    return loss;
  }
  if (has_amount) {
    loss.form = LossSpec::Form::split;
    reader.expect_map(node, path, {"amount", "sectors", "by"});
    if (auto value = read_money(reader, node.get("amount"), path + ".amount", true, "an amount of capital")) {
      loss.amount = Money(*value);
    }
    if (const Node by = reader.child(node, "by", path, false); by.IsDefined()) {
      const std::vector<std::string> options(loss_split_names.begin(), loss_split_names.end());
      if (auto value = reader.choice(by, path + ".by", options)) {
        loss.by = enumerator<LossSplit>(std::find(options.begin(), options.end(), *value) - options.begin());
      }
    }
  } else {
    loss.form = capital ? LossSpec::Form::capital_share : LossSpec::Form::capacity_share;
    reader.expect_map(node, path, {"share", "sectors"});
    if (const Node share = reader.child(node, "share", path, true); share.IsDefined()) {
      if (auto value = read_bounded(reader, share, path + ".share", 0.0, 1.0, "a share")) {
        if (*value <= 0.0) {
          reader.error(share, path + ".share", "expected a share above 0 and at most 1 (0.2 is 20 %), found 0");
        }
        loss.share = *value;
      }
    }
  }
  if (const Node sectors = reader.child(node, "sectors", path, true); sectors.IsDefined()) {
    loss.sectors = read_terms(reader, sectors, path + ".sectors");
  }
  return loss;
}

/// `recovery: {curve, tau}` or `rebuild: {sectors, tau, factor}` of a disruption.
void read_aftermath(yaml::Reader& reader, const Node& item, const std::string& path, DisruptionEventSpec& event) {
  const Node recovery = reader.child(item, "recovery", path, false);
  const Node rebuild = reader.child(item, "rebuild", path, false);
  const bool capacity = event.loss.form == LossSpec::Form::capacity_share;
  if (recovery.IsDefined() && rebuild.IsDefined()) {
    reader.error(item, path, "expected recovery or rebuild, not both");
    return;
  }
  if (!recovery.IsDefined() && !rebuild.IsDefined()) {
    if (!capacity) {
      reader.error(item, path, "lost capital comes back by recovery: {curve, tau} or rebuild: {sectors, tau}");
    }
    return;
  }
  if (rebuild.IsDefined()) {
    const std::string rebuild_path = path + ".rebuild";
    if (capacity) {
      reader.error(rebuild, rebuild_path, "a capacity loss destroys no capital, so there is nothing to rebuild");
      return;
    }
    event.rebuild = true;
    if (!reader.expect_map(rebuild, rebuild_path, {"sectors", "tau", "factor"})) return;
    if (const Node sectors = reader.child(rebuild, "sectors", rebuild_path, true); sectors.IsDefined()) {
      event.rebuild_sectors = read_sectors(reader, sectors, rebuild_path + ".sectors");
    }
    if (const Node tau = reader.child(rebuild, "tau", rebuild_path, false); tau.IsDefined()) {
      if (auto days = read_days(reader, tau, rebuild_path + ".tau")) {
        if (*days < 1) reader.error(tau, rebuild_path + ".tau", "expected at least 1 day, found 0");
        event.rebuild_tau_days = std::max(1, *days);
      }
    }
    if (const Node factor = reader.child(rebuild, "factor", rebuild_path, false); factor.IsDefined()) {
      if (auto value = read_bounded(reader, factor, rebuild_path + ".factor", 0.0, 10.0, "a factor")) {
        if (*value <= 0.0) reader.error(factor, rebuild_path + ".factor", "expected a factor above 0, found 0");
        event.rebuild_factor = *value;
      }
    }
    return;
  }
  const std::string recovery_path = path + ".recovery";
  if (!reader.expect_map(recovery, recovery_path, {"curve", "tau"})) return;
  if (const Node curve = reader.child(recovery, "curve", recovery_path, false); curve.IsDefined()) {
    const std::vector<std::string> options(recovery_curve_names.begin(), recovery_curve_names.end());
    if (auto value = reader.choice(curve, recovery_path + ".curve", options)) {
      event.curve = enumerator<RecoveryCurve>(std::find(options.begin(), options.end(), *value) - options.begin());
    }
  }
  if (const Node tau = reader.child(recovery, "tau", recovery_path, true); tau.IsDefined()) {
    if (auto days = read_days(reader, tau, recovery_path + ".tau")) {
      if (*days < 1) reader.error(tau, recovery_path + ".tau", "expected at least 1 day, found 0");
      event.recovery_tau_days = std::max(1, *days);
    }
  }
}

DisruptionEventSpec read_disruption(yaml::Reader& reader, const Node& item, const std::string& path,
                                    const Horizon& horizon) {
  DisruptionEventSpec event;
  if (const Node on = reader.child(item, "on", path, true); on.IsDefined()) {
    if (auto date = reader.date(on, path + ".on")) {
      event.on = *date;
      check_within(reader, on, path + ".on", *date, horizon);
    }
  }
  const Node capital = reader.child(item, "capital_lost", path, false);
  const Node capacity = reader.child(item, "capacity_lost", path, false);
  if (capital.IsDefined() == capacity.IsDefined()) {
    reader.error(item, path, "a disruption needs exactly one of capital_lost or capacity_lost");
    return event;
  }
  event.loss = capital.IsDefined() ? read_loss(reader, capital, path + ".capital_lost", true)
                                   : read_loss(reader, capacity, path + ".capacity_lost", false);
  if (const Node duration = reader.child(item, "duration", path, false); duration.IsDefined()) {
    if (auto days = read_days(reader, duration, path + ".duration")) event.duration_days = *days;
  }
  read_aftermath(reader, item, path, event);
  return event;
}

}  // namespace

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
        if (!is_simple_name(event.id)) {
          reader.error(id, path + ".id", "expected letters, digits, '-' and '_' only");
        } else if (event.id == "baseline") {
          reader.error(id, path + ".id", "\"baseline\" is reserved (it names the no-event row of attribution)");
        } else if (const auto [it, inserted] = first.emplace(event.id, event.where); !inserted) {
          const bool same_file = it->second.file == event.where.file;
          reader.error(id, path + ".id",
                       same_file
                           ? fmt::format("duplicate event id (first on line {})", it->second.line)
                           : fmt::format("duplicate event id (first at {}:{})", it->second.file, it->second.line));
        }
      }
    }
    const Node kind = reader.child(item, "kind", path, true);
    const auto kind_name =
        kind.IsDefined() ? reader.choice(kind, path + ".kind", {"demand", "project", "rule", "disruption", "price"})
                         : std::nullopt;
    if (!kind_name) {
      // Without a kind the keys cannot be checked further; report only the unknown ones.
      std::vector<std::string> any = demand_keys;
      any.insert(any.end(), project_keys.begin(), project_keys.end());
      any.insert(any.end(), rule_keys().begin(), rule_keys().end());
      any.insert(any.end(), disruption_keys.begin(), disruption_keys.end());
      any.insert(any.end(), price_keys().begin(), price_keys().end());
      reader.expect_map(item, path, any);
      continue;
    }
    if (*kind_name == "demand") {
      reader.expect_map(item, path, demand_keys);
      event.detail = read_demand(reader, item, path, horizon);
    } else if (*kind_name == "rule") {
      reader.expect_map(item, path, rule_keys());
      event.detail = read_rule(reader, item, path);
    } else if (*kind_name == "price") {
      reader.expect_map(item, path, price_keys());
      event.detail = read_price(reader, item, path, horizon);
    } else if (*kind_name == "disruption") {
      reader.expect_map(item, path, disruption_keys);
      event.detail = read_disruption(reader, item, path, horizon);
    } else {
      reader.expect_map(item, path, project_keys);
      event.detail = read_project(reader, item, path, horizon);
    }
    events.push_back(std::move(event));
  }
  return events;
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
    trend.category = enumerator<FinalDemand>(found - categories.begin());
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

}  // namespace regsim
