#pragma once

#include <utility>
#include <vector>

#include "core/strong_id.hpp"

namespace regsim {

/// One entry of a sparse per-sector vector: a sector and its value (a rate per unit amplitude, a
/// share).
using SectorRate = std::pair<SectorId, double>;
using SparseRates = std::vector<SectorRate>;

}  // namespace regsim
