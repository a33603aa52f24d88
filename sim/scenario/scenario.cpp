#include "scenario/scenario.hpp"

#include <fmt/format.h>

#include "core/text.hpp"
#include "core/units.hpp"
#include "scenario/document.hpp"
#include "scenario/section_readers.hpp"
#include "scenario/yaml_reader.hpp"
#include "scenario/yaml_tree.hpp"

namespace regsim {

using yaml::Node;

namespace {

const std::vector<std::string> top_level_keys{"regsim",  "name",   "extends",    "remove_events", "time",
                                              "economy", "trends", "indicators", "targets",       "events",
                                              "chains",  "graph",  "seek",       "dynamics",
                                              "uncertainty", "display_unit"};

/// The document's header: the format version, the scenario's name and its display unit.
void read_header(yaml::Reader& reader, const Node& root, Scenario& scenario) {
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
  if (const Node unit = reader.child(root, "display_unit", "", false); unit.IsDefined()) {
    if (auto text = reader.string(unit, "display_unit")) {
      if (*text != "auto" && !parse_money_unit(*text)) {
        reader.error(unit, "display_unit",
                     fmt::format("expected a unit of money (亿元, 万元, 元, \"10k CNY\", \"million USD\") or auto, "
                                 "found {}",
                                 quoted_excerpt(*text)));
      } else {
        scenario.display_unit = *text;
        scenario.display_unit_where = reader.where(unit);
      }
    }
  }
}

/// Validates a whole (already merged) scenario document.
Scenario read_scenario(const Node& root, const std::string& display) {
  Diagnostics diagnostics;
  yaml::Reader reader(display, diagnostics);
  Scenario scenario;
  if (!reader.expect_map(root, "", top_level_keys)) diagnostics.throw_if_any();

  read_header(reader, root, scenario);
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
    IndicatorSpec gdp;
    gdp.name = "gdp";
    gdp.of = "value_added";
    gdp.of_where = gdp.where = reader.where(root);
    scenario.indicators.push_back(std::move(gdp));
  }
  if (const Node targets = reader.child(root, "targets", "", false); targets.IsDefined()) {
    scenario.targets = read_targets(reader, targets, scenario.indicators, horizon);
  }
  if (const Node dynamics = reader.child(root, "dynamics", "", false); dynamics.IsDefined()) {
    scenario.dynamics = read_dynamics(reader, dynamics);
  }
  if (const Node events = reader.child(root, "events", "", false); events.IsDefined()) {
    scenario.events = read_events(reader, events, horizon);
    check_rules(reader, scenario.events, scenario.indicators);
  }
  check_engine(reader, scenario);
  if (const Node chains = reader.child(root, "chains", "", false); chains.IsDefined()) {
    scenario.chains = read_chains(reader, chains);
  }
  if (const Node graph = reader.child(root, "graph", "", false); graph.IsDefined()) {
    scenario.graph = read_graph(reader, graph);
  }
  if (const Node seek = reader.child(root, "seek", "", false); seek.IsDefined()) {
    scenario.seek = read_seek(reader, seek, scenario, horizon);
  }
  if (const Node uncertainty = reader.child(root, "uncertainty", "", false); uncertainty.IsDefined()) {
    scenario.uncertainty = read_uncertainty(reader, uncertainty, scenario);
  }
  diagnostics.throw_if_any();
  scenario.warnings = reader.warnings().items();
  return scenario;
}

}  // namespace

Scenario parse_scenario(const std::string& text, const std::filesystem::path& file) {
  const std::string display = file.string();
  Scenario scenario = read_scenario(yaml::parse(text, display), display);
  scenario.file = file;
  scenario.text = text;
  return scenario;
}

Scenario load_scenario(const std::filesystem::path& file, const std::vector<std::string>& overrides) {
  std::vector<std::filesystem::path> inherited;
  const std::string own_text = read_text(file, {});
  const Node root = assemble_document(file, overrides, inherited);
  Scenario scenario = read_scenario(root, file.string());
  scenario.file = file;
  scenario.extends = inherited;
  scenario.text = inherited.empty() && overrides.empty() ? own_text : yaml::emit(root);
  return scenario;
}

}  // namespace regsim
