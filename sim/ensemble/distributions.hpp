#pragma once

// Distributions of uncertain parameters, drawn by inversion: every draw is quantile(u) of a
// uniform u in (0, 1), so Latin hypercube strata and rank correlations carry over to any
// distribution (docs/ensembles.md, "Distributions").

#include "scenario/scenario.hpp"

namespace regsim {

/// Φ(x), the standard normal distribution function.
double normal_cdf(double x);
/// Φ⁻¹(p) for p in (0, 1), to full double precision (a rational first guess refined by a Halley step).
double normal_quantile(double p);

/// The value with probability `u` below it (u in (0, 1)).
double quantile(const DistributionSpec& distribution, double u);

/// How the distribution is written back in messages and run files: `triangular(-30, 0, 180)`.
std::string describe(const DistributionSpec& distribution);

}  // namespace regsim
