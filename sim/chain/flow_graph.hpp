#pragma once

#include <Eigen/Core>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "iomodel/io_table.hpp"

namespace regsim {

/// A local flow i→j: sector j buys from sector i.
struct FlowEdge {
  Eigen::Index from = 0;
  Eigen::Index to = 0;
  double coefficient = 0.0;  ///< a_ij = z_ij / x_j
  double flow = 0.0;         ///< z_ij, in the table's unit
};

/// Downstream follows sales (seller → buyer); upstream follows purchases (buyer → seller).
enum class Direction { downstream, upstream };

/// How `FlowGraph::dot` draws the graph.
struct DotOptions {
  bool chinese = false;  ///< label sectors with name_zh (falling back to the English name)
  std::string title;
  /// Chains to colour: (label, member sectors); a sector in several takes the first.
  std::vector<std::pair<std::string, std::vector<Eigen::Index>>> chains;
};

/// The region's local intermediate flows as a directed graph (docs/chains.md): one vertex per
/// sector, an edge i→j wherever a_ij ≥ threshold, carrying a_ij and z_ij. It is built from
/// coefficients passed in, not from the table's, so a run that changes technology draws the graph of
/// the coefficients in effect. Boost.Graph is kept inside flow_graph.cpp.
class FlowGraph {
public:
  FlowGraph(const IoTable& table, const Eigen::MatrixXd& coefficients, double threshold);
  ~FlowGraph();
  FlowGraph(FlowGraph&&) noexcept;
  FlowGraph& operator=(FlowGraph&&) noexcept;

  [[nodiscard]] Eigen::Index size() const;
  [[nodiscard]] double threshold() const;
  /// Every edge, by seller then buyer.
  [[nodiscard]] const std::vector<FlowEdge>& edges() const;

  /// Breadth-first steps from `sources` (step 0) along edges in `direction`: how many links a
  /// shock needs to reach each sector; -1 where it never does.
  [[nodiscard]] std::vector<int> steps_from(const std::vector<Eigen::Index>& sources, Direction direction) const;

  /// Brandes betweenness centrality with edge length −ln a_ij (the shortest path between two
  /// sectors is their strongest chain of direct requirements), normalized by (n − 1)(n − 2), the
  /// number of ordered pairs of other sectors.
  [[nodiscard]] Eigen::VectorXd betweenness() const;

  /// Graphviz DOT: sectors as nodes (filled by chain), edges with pen width by flow.
  [[nodiscard]] std::string dot(const DotOptions& options) const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace regsim
