#pragma once

// The ensemble's parameters: each field an `uncertainty.parameters` entry resolved to, and how a
// drawn number changes it in a scenario (docs/ensembles.md, "Paths").

#include <cstdint>
#include <string>
#include <vector>

#include "scenario/parameter_paths.hpp"
#include "scenario/scenario.hpp"

namespace regsim {

/// One drawn field: the entry it comes from (`spec`, its position in uncertainty.parameters) and
/// the field it changes.
struct EnsembleParameter {
  std::size_t spec = 0;
  DrawablePath field;
};

/// Every field the scenario's uncertainty block draws, in the order of its entries.
std::vector<EnsembleParameter> ensemble_parameters(const Scenario& scenario);

/// Applies one draw: `values[k]` (a shift in days, a factor or a value, as parameter k's action
/// says) to a copy of the base scenario's events and trends in `scenario`. A value the field cannot
/// take (a date outside the horizon or out of order, a negative capex, a share above 1) is held at
/// the edge of its range when the entry says `clip: true`, else an InputError at the entry naming
/// the draw.
void apply_draw(Scenario& scenario, const std::vector<EnsembleParameter>& parameters, const double* values,
                std::int64_t draw);

}  // namespace regsim
