// `indicators:`, `targets:` and `seek:`: what a run measures and aims at (docs/scenario-reference.md,
// docs/whatif.md).

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/text.hpp"
#include "scenario/section_readers.hpp"
#include "scenario/yaml_tree.hpp"

namespace regsim {

using yaml::Node;

std::vector<IndicatorSpec> read_indicators(yaml::Reader& reader, const Node& node) {
  std::vector<IndicatorSpec> indicators;
  each_named(reader, node, "indicators", {"of", "sectors", "scale", "basis", "label"},
             "expected a map of indicator name to {of, sectors, scale, basis, label}",
             [&](const Node& key, const Node& value, const std::string& path) {
               IndicatorSpec indicator;
               indicator.name = key.Scalar();
               indicator.where = reader.where(key);
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
                 if (auto factor = read_bounded(reader, scale, path + ".scale", -1e12, 1e12, "a scale factor")) {
                   indicator.scale = *factor;
                 }
               }
               if (const Node basis = reader.child(value, "basis", path, false); basis.IsDefined()) {
                 if (auto name = reader.choice(basis, path + ".basis", {"real", "nominal"})) {
                   indicator.basis = *name == "nominal" ? PriceBasis::nominal : PriceBasis::real;
                 }
               }
               if (const Node label = reader.child(value, "label", path, false); label.IsDefined()) {
                 read_labels(reader, label, path + ".label", indicator.label_en, indicator.label_zh);
               }
               indicators.push_back(std::move(indicator));
             });
  return indicators;
}

IdVector<TargetId, TargetSpec> read_targets(yaml::Reader& reader, const Node& node,
                                            const std::vector<IndicatorSpec>& indicators, const Horizon& horizon,
                                            const std::string& key) {
  IdVector<TargetId, TargetSpec> targets;
  std::vector<std::string> names;
  for (const auto& indicator : indicators) names.push_back(indicator.name);
  reader.each_item(
      node, key, {"indicator", "year", "growth", "level"}, "expected a list of {indicator, year, growth | level}",
      [&](const Node& item, const std::string& path) {
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
            if (*value < 0 || *value > 9999) {
              reader.error(year, path + ".year", fmt::format("expected a year, found {}", *value));
            } else {
              target.year = narrow<int>(*value);
              if (horizon.known && (*value < horizon.time.start.year() || *value > horizon.time.end.year())) {
                reader.error(year, path + ".year",
                             fmt::format("expected a simulated year, {} to {}, found {}", horizon.time.start.year(),
                                         horizon.time.end.year(), *value));
              }
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
      });
  return targets;
}

namespace {

/// The event an instrument names; reported (and null) when the scenario has none with that id.
const EventSpec* instrument_event(yaml::Reader& reader, const Node& item, const std::string& path,
                                  const Scenario& scenario, InstrumentSpec& instrument) {
  std::vector<std::string> ids;
  for (const auto& e : scenario.events) ids.push_back(e.id);
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
  return event;
}

/// The field an instrument moves: one its event has (a demand's amount or start, a project's capex,
/// output or date on line), in a phase the project has.
void read_instrument_field(yaml::Reader& reader, const Node& item, const std::string& path, const EventSpec* event,
                           InstrumentSpec& instrument) {
  const Node field = reader.child(item, "field", path, true);
  if (field.IsDefined() && event != nullptr) {
    const auto* project = std::get_if<ProjectEventSpec>(&event->detail);
    const auto* demand = std::get_if<DemandEventSpec>(&event->detail);
    const std::vector<std::string> fields = demand != nullptr
                                                ? std::vector<std::string>{demand->total ? "total" : "amount", "from"}
                                            : project != nullptr ? std::vector<std::string>{"capex", "output", "online"}
                                                                 : std::vector<std::string>{};
    if (fields.empty()) {
      reader.error(field, path + ".field",
                   fmt::format("\"{}\" is a {}; instruments are demand or project events", event->id,
                               event_kind(*event)));
    } else if (auto value = reader.choice(field, path + ".field", fields)) {
      instrument.field = *value;
      if (project != nullptr && ((*value == "capex" && project->capex <= Money(0.0)) ||
                                 (*value != "capex" && project->output <= MoneyRate(0.0)))) {
        reader.error(
            field, path + ".field",
            fmt::format("event \"{}\" has no {} phase to move", event->id, *value == "capex" ? "build" : "operating"));
      }
    }
  }
}

/// The range an instrument may move in: min and max for amounts, earliest and latest for dates.
/// False when there is no field or no range to read (the problem is reported).
bool read_instrument_range(yaml::Reader& reader, const Node& item, const std::string& path, const Horizon& horizon,
                           InstrumentSpec& instrument) {
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
  if (instrument.field.empty() || !low.IsDefined() || !high.IsDefined()) return false;
  if (date_field) {
    const auto earliest = reader.date(low, path + ".earliest");
    const auto latest = reader.date(high, path + ".latest");
    if (earliest) check_within(reader, low, path + ".earliest", *earliest, horizon);
    if (latest) check_within(reader, high, path + ".latest", *latest, horizon);
    if (earliest && latest && *latest <= *earliest) {
      reader.error(
          high, path + ".latest",
          fmt::format("expected a date after earliest ({}), found {}", earliest->to_string(), latest->to_string()));
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
      reader.error(
          low, path + ".min",
          fmt::format("expected a minimum above 0 (a project's {} is positive), found {}", instrument.field, *min));
    }
    instrument.min = min.value_or(0.0);
    instrument.max = max.value_or(0.0);
  }
  return true;
}

}  // namespace

/// `seek:` (docs/whatif.md): its targets, and instruments that name events of the scenario.
SeekSpec read_seek(yaml::Reader& reader, const Node& node, const Scenario& scenario, const Horizon& horizon) {
  SeekSpec seek;
  seek.where = reader.where(node);
  if (!reader.expect_map(node, "seek", {"targets", "instruments"})) return seek;
  if (const Node targets = reader.child(node, "targets", "seek", true); targets.IsDefined()) {
    seek.targets = read_targets(reader, targets, scenario.indicators, horizon, "seek.targets");
    if (targets.IsSequence() && targets.size() == 0)
      reader.error(targets, "seek.targets", "expected at least one target");
  }
  const Node instruments = reader.child(node, "instruments", "seek", true);
  if (!instruments.IsDefined()) return seek;
  if (!instruments.IsSequence() || instruments.size() == 0) {
    reader.error(instruments, "seek.instruments",
                 "expected a list of {event, field, min, max} or {event, field, earliest, latest}");
    return seek;
  }
  for (std::size_t i = 0; i < instruments.size(); ++i) {
    const Node& item = instruments[i];
    const std::string path = fmt::format("seek.instruments[{}]", i);
    if (!reader.expect_map(item, path, {"event", "field", "min", "max", "earliest", "latest"})) continue;
    InstrumentSpec instrument;
    instrument.where = reader.where(item);
    const EventSpec* event = instrument_event(reader, item, path, scenario, instrument);
    read_instrument_field(reader, item, path, event, instrument);
    if (!read_instrument_range(reader, item, path, horizon, instrument)) continue;
    for (const InstrumentSpec& other : seek.instruments) {
      if (other.event == instrument.event && other.field == instrument.field) {
        reader.error(item, path,
                     fmt::format("{}.{} is already an instrument (on line {})", instrument.event, instrument.field,
                                 other.where.line));
      }
    }
    seek.instruments.push_back(std::move(instrument));
  }
  return seek;
}

}  // namespace regsim
