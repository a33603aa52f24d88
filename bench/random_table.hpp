#pragma once

#include <cstdint>

#include "iomodel/io_table.hpp"

namespace regsim::bench {

/// A dense, balanced, productive n-sector table drawn from a fixed seed: outputs in [1, 2)·10⁴,
/// input coefficients uniform with column sums near 0.5, final demand (household and exports)
/// closing the rows, value added split into compensation and surplus, employment and CO2
/// satellites. Same seed, same table.
IoTable random_table(Eigen::Index n, std::uint64_t seed = 42);

}  // namespace regsim::bench
