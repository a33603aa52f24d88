#pragma once

// The scenario fields an ensemble may draw (docs/ensembles.md, "Paths"), named by `--set` key
// paths. The reader resolves `uncertainty.parameters[i].path` patterns against this list; the
// ensemble applies draws to the same fields.

#include <string>
#include <string_view>
#include <vector>

#include "scenario/scenario.hpp"

namespace regsim {

/// A date moves by whole days (`shift`); a number is scaled or replaced.
enum class FieldType { date, number };

/// Which value of the scenario a drawable path names.
enum class DrawableField {
  demand_amount,    ///< events.<id>.amount
  demand_total,     ///< events.<id>.total
  demand_from,      ///< events.<id>.from
  demand_to,        ///< events.<id>.to
  demand_dates,     ///< events.<id>.dates: from and to together
  local_share,      ///< events.<id>.local_share (when written)
  project_capex,    ///< events.<id>.capex
  project_output,   ///< events.<id>.output
  project_online,   ///< events.<id>.online
  project_ramp,     ///< events.<id>.ramp (days, a number)
  build_from,       ///< events.<id>.build.from
  build_to,         ///< events.<id>.build.to
  build_window,     ///< events.<id>.build: from and to together
  project_dates,    ///< events.<id>.dates: the build window and online together
  trend_rate,       ///< trends.<category>
  trend_sector,     ///< trends.<category>.sectors.<code>
};

/// One drawable value: its path, what it is, and where it lives in the Scenario.
struct DrawablePath {
  std::string path;
  DrawableField field = DrawableField::demand_amount;
  FieldType type = FieldType::number;
  std::size_t index = 0;   ///< position in Scenario::events or Scenario::trends
  std::size_t sector = 0;  ///< trend_sector: position in TrendSpec::sectors
};

/// Every value of the scenario an ensemble may draw, events in file order then trends.
std::vector<DrawablePath> drawable_paths(const Scenario& scenario);

/// `*` matches any run of characters other than '.'.
bool matches_pattern(std::string_view pattern, std::string_view path);

}  // namespace regsim
