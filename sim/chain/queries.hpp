#pragma once

// The questions `regsim chains` answers, as library calls (docs/chains.md): where a structural
// path analysis starts and ends, which chain is meant, and how a shock spreads.

#include <Eigen/Core>
#include <string>
#include <vector>

#include "chain/chain.hpp"
#include "chain/flow_graph.hpp"
#include "chain/structural_paths.hpp"
#include "iomodel/io_table.hpp"
#include "iomodel/leontief.hpp"
#include "model/simulation.hpp"

namespace regsim {

/// The sectors of the chain called `name` (its core when `core_only`, else all its members), or
/// the sector with that code. InputError at `option` (the key or flag that named it) otherwise.
std::vector<Eigen::Index> chain_or_sector(const std::string& name, const std::string& option, const IoTable& table,
                                          const std::vector<Chain>& chains, bool core_only);

/// The chain called `name`; InputError at `option` listing the scenario's chains otherwise.
const Chain& chain_named(const std::string& name, const std::string& option, const std::vector<Chain>& chains);

/// Structural paths from the base final demand of `from` (a chain's core or a sector) to the
/// indicator `to`, which must be a non-negative quantity per unit of output (value added, output,
/// a satellite). `model` is Type I; `coefficients` its A.
struct PathQuery {
  std::vector<Eigen::Index> from;  ///< the sectors whose final demand starts the paths
  const Indicator* to = nullptr;
  PathAnalysis analysis;
};
PathQuery paths_between(const std::string& from, const std::string& to, const PathOptions& options,
                        const IoTable& table, const LeontiefModel& model, const Eigen::MatrixXd& coefficients,
                        const std::vector<Indicator>& indicators, const std::vector<Chain>& chains);

/// How a shock to some sectors spreads along the flow graph: for each sector it reaches, the
/// steps downstream (to buyers) and upstream (to suppliers), −1 for never; nearest downstream first
/// (sectors reached only upstream last), table order among equals.
struct ShockReach {
  Eigen::Index sector = 0;
  int downstream = -1;
  int upstream = -1;
};
std::vector<ShockReach> shock_spread(const FlowGraph& graph, const std::vector<Eigen::Index>& sources);

}  // namespace regsim
