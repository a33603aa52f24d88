#include "chain/queries.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/text.hpp"

namespace regsim {

std::vector<Eigen::Index> chain_or_sector(const std::string& name, const std::string& option, const IoTable& table,
                                          const std::vector<Chain>& chains, bool core_only) {
  for (const Chain& chain : chains) {
    if (chain.name == name) return core_only ? chain.with_role(ChainRole::core) : chain.members;
  }
  if (const auto id = table.find_sector(name)) return {id->index()};
  std::vector<std::string> known;
  for (const Chain& chain : chains) known.push_back(chain.name);
  for (const Sector& sector : table.sectors) known.push_back(sector.code);
  throw InputError(SourceLocation{}, option,
                   fmt::format("expected a chain or sector, found \"{}\"{}", name, did_you_mean(name, known)));
}

const Chain& chain_named(const std::string& name, const std::string& option, const std::vector<Chain>& chains) {
  for (const Chain& chain : chains) {
    if (chain.name == name) return chain;
  }
  std::vector<std::string> known;
  for (const Chain& chain : chains) known.push_back(chain.name);
  throw InputError(SourceLocation{}, option,
                   fmt::format("expected a chain of the scenario ({}), found \"{}\"{}",
                               known.empty() ? std::string("it declares none") : join(known, ", "), name,
                               did_you_mean(name, known)));
}

PathQuery paths_between(const std::string& from, const std::string& to, const PathOptions& options,
                        const IoTable& table, const LeontiefModel& model, const Eigen::MatrixXd& coefficients,
                        const std::vector<Indicator>& indicators, const std::vector<Chain>& chains) {
  if (from.empty()) throw InputError(SourceLocation{}, "--from", "--paths needs --from SECTOR|CHAIN");
  const auto it = std::find_if(indicators.begin(), indicators.end(), [&](const Indicator& i) { return i.name == to; });
  std::vector<std::string> names;
  for (const Indicator& i : indicators) names.push_back(i.name);
  if (it == indicators.end()) {
    throw InputError(SourceLocation{}, "--to",
                     fmt::format("expected an indicator of the scenario ({}), found \"{}\"{}", join(names, ", "), to,
                                 did_you_mean(to, names)));
  }
  if (it->on_output.isZero() || it->on_output.minCoeff() < 0.0) {
    throw InputError(SourceLocation{}, "--to",
                     fmt::format("indicator \"{}\" (of: {}) is not a non-negative quantity per unit of output; paths "
                                 "need one such as value_added, output or a satellite account",
                                 to, it->of));
  }
  PathQuery query;
  query.from = chain_or_sector(from, "--from", table, chains, true);
  query.to = &*it;
  Eigen::VectorXd demand = Eigen::VectorXd::Zero(table.size());
  for (const Eigen::Index i : query.from) demand(i) = model.base_final_demand()(i);
  const Eigen::VectorXd multipliers = model.weighted_column_sums(it->on_output).col(0);
  query.analysis = structural_paths(coefficients, it->on_output, multipliers, demand, options);
  return query;
}

std::vector<ShockReach> shock_spread(const FlowGraph& graph, const std::vector<Eigen::Index>& sources) {
  const std::vector<int> down = graph.steps_from(sources, Direction::downstream);
  const std::vector<int> up = graph.steps_from(sources, Direction::upstream);
  std::vector<ShockReach> reached;
  for (Index i = 0; i < std::ssize(down); ++i) {
    if (at(down, i) >= 0 || at(up, i) >= 0) reached.push_back({i, at(down, i), at(up, i)});
  }
  std::stable_sort(reached.begin(), reached.end(), [](const ShockReach& a, const ShockReach& b) {
    const auto key = [](int steps) { return steps < 0 ? 1000 : steps; };
    return key(a.downstream) < key(b.downstream);
  });
  return reached;
}

}  // namespace regsim
