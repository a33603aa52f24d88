#include "chain/flow_graph.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <array>
#include <cmath>
#include <sstream>

namespace regsim {

namespace {

struct EdgeData {
  double coefficient = 0.0;
  double flow = 0.0;
  double length = 0.0;  // −ln a_ij, for shortest paths
};

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, boost::no_property, EdgeData>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;

/// DOT's quoted strings escape `"` and `\`.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

// A qualitative palette of pastels readable under black text (ColorBrewer Set3).
constexpr std::array<const char*, 10> palette{"#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3",
                                              "#fdb462", "#b3de69", "#fccde5", "#bc80bd", "#ccebc5"};

template <class G>
std::vector<int> bfs_steps(const G& g, const std::vector<Eigen::Index>& sources, std::size_t n) {
  std::vector<int> steps(n, -1);
  std::vector<Vertex> starts;
  for (const Eigen::Index s : sources) {
    at(steps, s) = 0;
    starts.push_back(narrow<Vertex>(s));
  }
  if (starts.empty()) return steps;
  std::vector<boost::default_color_type> colour(n, boost::white_color);
  boost::queue<Vertex> queue;
  const auto record = boost::record_distances(
      boost::make_iterator_property_map(steps.begin(), boost::get(boost::vertex_index, g)), boost::on_tree_edge());
  boost::breadth_first_search(g, starts.begin(), starts.end(), queue, boost::make_bfs_visitor(record),
                              boost::make_iterator_property_map(colour.begin(), boost::get(boost::vertex_index, g)));
  return steps;
}

}  // namespace

struct FlowGraph::Impl {
  Graph graph;
  std::vector<FlowEdge> edges;
  std::vector<Sector> sectors;
  Eigen::VectorXd output;
  double threshold = 0.0;
};

FlowGraph::FlowGraph(const IoTable& table, const Eigen::MatrixXd& coefficients, double threshold)
    : impl_(std::make_unique<Impl>()) {
  const Eigen::Index n = table.size();
  impl_->graph = Graph(to_size(n));
  impl_->sectors = table.sectors;
  impl_->output = table.output;
  impl_->threshold = threshold;
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < n; ++j) {
      const double a = coefficients(i, j);
      if (a < threshold || a <= 0.0) continue;
      const double flow = a * table.output(j);
      impl_->edges.push_back({i, j, a, flow});
      boost::add_edge(narrow<Vertex>(i), narrow<Vertex>(j), EdgeData{a, flow, -std::log(a)}, impl_->graph);
    }
  }
}

FlowGraph::~FlowGraph() = default;
FlowGraph::FlowGraph(FlowGraph&&) noexcept = default;
FlowGraph& FlowGraph::operator=(FlowGraph&&) noexcept = default;

Eigen::Index FlowGraph::size() const {
  return to_index(boost::num_vertices(impl_->graph));
}
double FlowGraph::threshold() const { return impl_->threshold; }
const std::vector<FlowEdge>& FlowGraph::edges() const { return impl_->edges; }

std::vector<int> FlowGraph::steps_from(const std::vector<Eigen::Index>& sources, Direction direction) const {
  const auto n = boost::num_vertices(impl_->graph);
  if (direction == Direction::downstream) return bfs_steps(impl_->graph, sources, n);
  return bfs_steps(boost::make_reverse_graph(impl_->graph), sources, n);
}

Eigen::VectorXd FlowGraph::betweenness() const {
  const auto n = boost::num_vertices(impl_->graph);
  std::vector<double> centrality(n, 0.0);
  boost::brandes_betweenness_centrality(
      impl_->graph,
      boost::centrality_map(boost::make_iterator_property_map(centrality.begin(), boost::get(boost::vertex_index, impl_->graph)))
          .weight_map(boost::get(&EdgeData::length, impl_->graph)));
  Eigen::VectorXd out = Eigen::Map<const Eigen::VectorXd>(centrality.data(), to_index(n));
  const double pairs = as_real(n - 1) * as_real(n - 2);
  if (pairs > 0.0) out /= pairs;
  return out;
}

std::string FlowGraph::dot(const DotOptions& options) const {
  const Impl& d = *impl_;
  std::vector<std::string> fill(d.sectors.size());
  for (std::size_t c = options.chains.size(); c-- > 0;) {  // the first chain listed wins
    for (const Eigen::Index i : options.chains[c].second) at(fill, i) = palette[c % palette.size()];
  }
  double max_flow = 0.0;
  for (const FlowEdge& e : d.edges) max_flow = std::max(max_flow, e.flow);

  const auto vertex_writer = [&](std::ostream& out, Vertex v) {
    const Sector& s = d.sectors[v];
    const std::string& name = options.chinese && !s.name_zh.empty() ? s.name_zh : s.name;
    out << fmt::format("[label={}, tooltip={}, style=filled, fillcolor=\"{}\"]", quoted(name.empty() ? s.code : name),
                       quoted(fmt::format("{}: output {:.6g}", s.code, d.output(to_index(v)))),
                       fill[v].empty() ? "#ffffff" : fill[v]);
  };
  const auto edge_writer = [&](std::ostream& out, boost::graph_traits<Graph>::edge_descriptor e) {
    const EdgeData& data = d.graph[e];
    // Pen width from 0.5 to 6 by the square root of the flow, so small flows stay visible.
    const double width = max_flow > 0.0 ? 0.5 + 5.5 * std::sqrt(data.flow / max_flow) : 1.0;
    out << fmt::format("[penwidth={:.2f}, tooltip={}]", width, quoted(fmt::format("a = {:.4f}, z = {:.6g}", data.coefficient, data.flow)));
  };
  const auto graph_writer = [&](std::ostream& out) {
    out << "rankdir=LR;\n";
    // One font for the title, the nodes and the edges: Noto CJK draws Chinese (fonts-noto-cjk).
    out << "graph [fontname=\"Noto Sans CJK SC, Sans\"];\n";
    out << "node [shape=box, fontname=\"Noto Sans CJK SC, Sans\"];\n";
    out << "edge [fontname=\"Noto Sans CJK SC, Sans\"];\n";
    if (!options.title.empty()) out << "label=" << quoted(options.title) << ";\nlabelloc=t;\n";
    for (std::size_t c = 0; c < options.chains.size(); ++c) {
      out << fmt::format("// chain {}: {}\n", palette[c % palette.size()], options.chains[c].first);
    }
  };
  std::ostringstream out;
  std::vector<std::string> ids;
  for (const Sector& s : d.sectors) ids.push_back(s.code);
  boost::write_graphviz(out, d.graph, vertex_writer, edge_writer, graph_writer,
                        boost::make_iterator_property_map(ids.begin(), boost::get(boost::vertex_index, d.graph)));
  return out.str();
}

}  // namespace regsim
