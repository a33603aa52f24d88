#pragma once

// Derive a regional table from a national one: aggregate, split, regionalize by location
// quotients, balance final use by GRAS (docs/regionalization.md).

#include <Eigen/Core>
#include <string>
#include <vector>

#include "iomodel/io_table.hpp"
#include "regional/recipe.hpp"

namespace regsim {

/// Sums national sectors into `sectors`: sources[r] lists the national codes of sector r. Every
/// national sector must go to exactly one regional sector. Groups come from `sectors`.
/// Adds a diagnostic at `where[r]` for unknown or repeated codes and at `file` for unmapped ones.
IoTable aggregate_sectors(const IoTable& national, const std::vector<Sector>& sectors,
                          const std::vector<std::vector<std::string>>& sources,
                          const std::vector<SourceLocation>& where, Diagnostics& diagnostics);

/// Carves split.sector out of split.from (inserted right after it): its row is `share` of the
/// parent's row; its column is `share` of the parent's, except the inputs its recipe gives, with
/// the rest rescaled so its column still sums to its output. Every row and column total is kept.
/// Throws InputError when the parent cannot supply the recipe (a cell would turn negative).
IoTable split_sector(const IoTable& table, const SectorSplit& split);

/// What build_regional_table did, for the report and the tests.
struct RegionalBuild {
  IoTable table;
  IoTable national;             ///< the national table after aggregation and splits
  Eigen::VectorXd slq;          ///< simple location quotients
  double lambda = 1.0;          ///< FLQ's λ* (1 for SLQ and CILQ)
  int balancing_iterations = 0;
};

/// The recipe's steps on an already loaded national table (InputError on recipe problems).
RegionalBuild build_regional_table(const RegionalRecipe& recipe, const IoTable& national);

}  // namespace regsim
