#pragma once

// Uniform designs for ensembles: counter-based streams, Latin hypercube strata, and rank
// correlation imposed by Iman and Conover's method (docs/ensembles.md, "Sampling").

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "scenario/scenario.hpp"

namespace regsim {

/// A uniform number in (0, 1) that depends only on (seed, stream, counter): every draw of every
/// parameter has its own, so a design is the same whatever order or thread computes it.
double counter_uniform(std::uint64_t seed, std::uint64_t stream, std::uint64_t counter);

/// A draws × parameters design of uniforms in (0, 1): Latin hypercube (each parameter's draws fall
/// one in each of `draws` equal strata, in an order of their own) or independent. `block` separates
/// designs made from one seed (Saltelli's A and B).
Eigen::MatrixXd uniform_design(std::int64_t draws, std::int64_t parameters, Sampling sampling, std::uint64_t seed,
                               std::uint64_t block = 0);

/// Reorders the columns of `design` named by the correlation matrix's rows so that their rank
/// correlation is close to `correlation` (Iman and Conover 1982): each column keeps its values
/// (so its marginal and its strata), only their pairing across columns changes. `columns[k]` is
/// the design column of the k-th row of `correlation`. Throws std::invalid_argument when
/// `correlation` is not positive definite.
void impose_rank_correlation(Eigen::MatrixXd& design, const std::vector<Eigen::Index>& columns,
                             const Eigen::MatrixXd& correlation);

}  // namespace regsim
