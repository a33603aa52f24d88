#include "scenario/parameter_paths.hpp"

#include <fmt/format.h>

namespace regsim {

namespace {

void add_event_paths(std::vector<DrawablePath>& out, const EventSpec& event, std::size_t index) {
  const auto add = [&](std::string_view field, DrawableField which, FieldType type) {
    out.push_back({fmt::format("events.{}.{}", event.id, field), which, type, index, 0});
  };
  if (const auto* demand = std::get_if<DemandEventSpec>(&event.detail)) {
    if (demand->total) {
      add("total", DrawableField::demand_total, FieldType::number);
    } else {
      add("amount", DrawableField::demand_amount, FieldType::number);
    }
    add("from", DrawableField::demand_from, FieldType::date);
    add("to", DrawableField::demand_to, FieldType::date);
    add("dates", DrawableField::demand_dates, FieldType::date);
    if (demand->local_share) add("local_share", DrawableField::local_share, FieldType::number);
    return;
  }
  if (const auto* project = std::get_if<ProjectEventSpec>(&event.detail)) {
    const bool builds = project->capex > Money(0.0);
    const bool operates = project->output > MoneyRate(0.0);
    if (builds) {
      add("capex", DrawableField::project_capex, FieldType::number);
      add("build", DrawableField::build_window, FieldType::date);
      add("build.from", DrawableField::build_from, FieldType::date);
      add("build.to", DrawableField::build_to, FieldType::date);
      if (project->local_share) add("local_share", DrawableField::local_share, FieldType::number);
    }
    if (operates) {
      add("output", DrawableField::project_output, FieldType::number);
      add("online", DrawableField::project_online, FieldType::date);
      add("ramp", DrawableField::project_ramp, FieldType::number);
    }
    add("dates", DrawableField::project_dates, FieldType::date);
  }
}

}  // namespace

std::vector<DrawablePath> drawable_paths(const Scenario& scenario) {
  std::vector<DrawablePath> out;
  for (std::size_t i = 0; i < scenario.events.size(); ++i) add_event_paths(out, scenario.events[i], i);
  for (std::size_t t = 0; t < scenario.trends.size(); ++t) {
    const TrendSpec& trend = scenario.trends[t];
    const std::string_view category = name_in(final_demand_names, trend.category);
    out.push_back({fmt::format("trends.{}", category), DrawableField::trend_rate, FieldType::number, t, 0});
    for (std::size_t s = 0; s < trend.sectors.size(); ++s) {
      out.push_back({fmt::format("trends.{}.sectors.{}", category, trend.sectors[s].code), DrawableField::trend_sector,
                     FieldType::number, t, s});
    }
  }
  return out;
}

bool matches_pattern(std::string_view pattern, std::string_view path) {
  // Greedy matching with backtracking to the last '*', which may not cross a '.'.
  std::size_t p = 0, s = 0, star = std::string_view::npos, resume = 0;
  while (s < path.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = s;
    } else if (p < pattern.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
    } else if (star != std::string_view::npos && path[resume] != '.') {
      p = star + 1;
      s = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace regsim
