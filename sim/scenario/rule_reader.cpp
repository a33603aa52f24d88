// Rules (`kind: rule` events): when an indicator crosses a threshold, start, stop or scale an event
// (docs/whatif.md, "Rules").

#include <fmt/format.h>

#include <algorithm>

#include "core/text.hpp"
#include "scenario/section_readers.hpp"
#include "scenario/yaml_tree.hpp"

namespace regsim {

using yaml::Node;

const std::vector<std::string>& rule_keys() {
  static const std::vector<std::string> keys{"id", "kind", "every", "when", "then", "max_times"};
  return keys;
}

RuleSpec read_rule(yaml::Reader& reader, const Node& item, const std::string& path) {
  RuleSpec rule;
  if (const Node every = reader.child(item, "every", path, true); every.IsDefined()) {
    constexpr std::array allowed{ReportFrequency::monthly, ReportFrequency::quarterly, ReportFrequency::yearly};
    std::vector<std::string> options;
    for (const ReportFrequency f : allowed) options.emplace_back(name_of(f));
    if (auto value = reader.choice(every, path + ".every", options)) {
      rule.every = at(allowed, std::find(options.begin(), options.end(), *value) - options.begin());
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
        if (auto value =
                reader.number(threshold, when_path + (rule.below ? ".ytd_growth_below" : ".ytd_growth_above"))) {
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
            } else if (*factor > 1000.0) {
              reader.error(by, then_path + ".by",
                           fmt::format("expected a factor of at most 1000, found {:g}", *factor));
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
        rule.max_times = narrow<int>(*value);
      }
    }
  }
  return rule;
}

/// Rules name indicators and events: both must exist, and a rule acts on a demand or project event.
void check_rules(yaml::Reader& reader, const std::vector<EventSpec>& events,
                 const std::vector<IndicatorSpec>& indicators) {
  std::vector<std::string> indicator_names, levers;
  for (const auto& indicator : indicators) indicator_names.push_back(indicator.name);
  for (const auto& event : events) {
    if (std::holds_alternative<DemandEventSpec>(event.detail) || std::holds_alternative<ProjectEventSpec>(event.detail))
      levers.push_back(event.id);
  }
  for (const auto& event : events) {
    const auto* rule = std::get_if<RuleSpec>(&event.detail);
    if (rule == nullptr) continue;
    const std::string path = fmt::format("events[{}]", event.id);
    if (!rule->indicator.empty() &&
        std::find(indicator_names.begin(), indicator_names.end(), rule->indicator) == indicator_names.end()) {
      reader.error_at(rule->indicator_where, path + ".when.indicator",
                      fmt::format("unknown indicator \"{}\"; declared: {}{}", rule->indicator,
                                  join(indicator_names, ", "), did_you_mean(rule->indicator, indicator_names)));
    }
    if (!rule->event.empty() && std::find(levers.begin(), levers.end(), rule->event) == levers.end()) {
      const auto other =
          std::find_if(events.begin(), events.end(), [&](const EventSpec& e) { return e.id == rule->event; });
      reader.error_at(rule->event_where, path + ".then",
                      other != events.end() ? fmt::format("\"{}\" is a {}; a rule acts on a demand or project event",
                                                          rule->event, event_kind(*other))
                                            : fmt::format("no demand or project event has the id \"{}\"{}", rule->event,
                                                          did_you_mean(rule->event, levers)));
    }
  }
}

}  // namespace regsim
