#pragma once

#include <optional>

#include "core/error.hpp"
#include "iomodel/io_table.hpp"
#include "model/sector_resolver.hpp"
#include "model/simulation.hpp"
#include "scenario/scenario.hpp"

namespace regsim {

/// An indicator's weights (docs/scenario-reference.md, "Indicators"): what `of` counts, on which
/// sectors, scaled; an unknown quantity or a nominal physical one is a diagnostic and no indicator.
std::optional<Indicator> resolve_indicator(const IndicatorSpec& spec, const IoTable& table, HouseholdMode households,
                                           SectorResolver& resolver, Diagnostics& diagnostics);

}  // namespace regsim
