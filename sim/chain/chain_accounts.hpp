#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "chain/chain.hpp"
#include "chain/flow_graph.hpp"
#include "chain/linkages.hpp"
#include "iomodel/leontief.hpp"
#include "model/simulation.hpp"

namespace regsim {

/// One chain through a run (docs/chains.md, "Chain accounts"): sums over its member sectors of
/// every reported quantity, the value added its final demand induces outside it, and the part of
/// each indicator that arises in its sectors.
struct ChainAccount {
  std::vector<std::string> measures;  ///< output, value_added, each satellite, induced_value_added
  std::vector<std::string> units;
  Eigen::MatrixXd series;      ///< report dates × measures, annual rates
  Eigen::MatrixXd yearly;      ///< years × measures, amounts (the base-year row is the table's)
  Eigen::MatrixXd indicators;  ///< indicators × years: Σ over members of each indicator's sector terms
  /// ARIO runs: the input products that bound its members' production, most member-days first, and
  /// on how many member-days each did (from DynamicsTrace::limiting_input).
  std::vector<std::string> bottlenecks;
  std::vector<std::int64_t> bottleneck_days;
};

/// The products with member-days (`days`, per product), most first, ties in product order: the
/// order ChainAccount::bottlenecks lists them in, also when read back from a run file.
std::vector<std::size_t> bottleneck_order(std::span<const std::int64_t> days);

/// induced_value_added = Σ_{i ∉ S} v_i (L f_S)_i, with f_S the exogenous final demand of the
/// chain's members and L the run's model (Type I or II): one solve per report date and year.
ChainAccount chain_account(const Chain& chain, const IoTable& table, const LeontiefModel& model,
                           const SimulationResult& result);

/// Everything a run file holds about chains and the flow graph.
struct ChainResults {
  std::vector<Chain> chains;
  std::vector<ChainAccount> accounts;  ///< per chain
  FlowGraph graph;                     ///< of the table's coefficients, at the scenario's graph.threshold
  Linkages linkages;                   ///< Rasmussen, Type I
};

/// Resolves the scenario's chains (InputError on unknown names) and computes their accounts, the
/// graph and the linkages: O(n²) per report date and chain, plus the graph's O(n²) edges.
ChainResults run_chains(const Scenario& scenario, const IoTable& table, const LeontiefModel& model,
                        const SimulationResult& result);

}  // namespace regsim
