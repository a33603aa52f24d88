#include "chain/chain.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "chain/flow_graph.hpp"
#include "core/error.hpp"
#include "model/sector_resolver.hpp"

namespace regsim {

std::string_view role_name(ChainRole role) {
  switch (role) {
    case ChainRole::core:
      return "core";
    case ChainRole::upstream:
      return "upstream";
    case ChainRole::downstream:
      return "downstream";
  }
  return "core";
}

std::vector<Eigen::Index> Chain::with_role(ChainRole role) const {
  std::vector<Eigen::Index> out;
  for (std::size_t m = 0; m < members.size(); ++m) {
    if (roles[m] == role) out.push_back(members[m]);
  }
  return out;
}

Eigen::VectorXd Chain::mask(Eigen::Index n) const {
  Eigen::VectorXd mask = Eigen::VectorXd::Zero(n);
  for (const Eigen::Index i : members) mask(i) = 1.0;
  return mask;
}

std::vector<Chain> resolve_chains(const std::vector<ChainSpec>& specs, const IoTable& table,
                                  const Eigen::MatrixXd& coefficients) {
  Diagnostics diagnostics;
  SectorResolver resolver(table, diagnostics);
  std::vector<Chain> chains;
  for (const ChainSpec& spec : specs) {
    const std::string path = "chains." + spec.name;
    Chain chain{spec.name, spec.label_en, spec.label_zh, spec.derive.has_value(), {}, {}};
    std::map<Eigen::Index, ChainRole> role;
    std::vector<Eigen::Index> core;
    for (const SectorId s : resolver.members(spec.core, path + (spec.derive ? ".derive.core" : ".core"))) {
      core.push_back(s.index());
    }
    if (core.empty()) {
      if (spec.core.empty()) diagnostics.add(spec.where, path, "expected at least one core sector");
      continue;
    }
    for (const Eigen::Index i : core) role[i] = ChainRole::core;
    // Each sector takes the first role it is given: core, then upstream, then downstream.
    const auto add = [&](Eigen::Index i, ChainRole r) { role.emplace(i, r); };
    if (spec.derive) {
      const FlowGraph graph(table, coefficients, spec.derive->threshold);
      const auto up = graph.steps_from(core, Direction::upstream);
      const auto down = graph.steps_from(core, Direction::downstream);
      for (Eigen::Index i = 0; i < table.size(); ++i) {
        const int u = at(up, i);
        if (u > 0 && u <= spec.derive->upstream_depth) add(i, ChainRole::upstream);
      }
      for (Eigen::Index i = 0; i < table.size(); ++i) {
        const int d = at(down, i);
        if (d > 0 && d <= spec.derive->downstream_depth) add(i, ChainRole::downstream);
      }
    } else {
      const auto declare = [&](const std::vector<SectorShare>& terms, ChainRole r, const std::string& key) {
        for (const SectorShare& term : terms) {
          for (const SectorId s : resolver.members({term}, path + "." + key)) {
            if (const auto it = role.find(s.index()); it != role.end()) {
              diagnostics.add(term.where, path + "." + key,
                              fmt::format("sector \"{}\" is already {} in this chain; give each sector one role",
                                          table.sectors[s.value()].code, role_name(it->second)));
              continue;
            }
            role[s.index()] = r;
          }
        }
      };
      declare(spec.upstream, ChainRole::upstream, "upstream");
      declare(spec.downstream, ChainRole::downstream, "downstream");
    }
    for (const auto& [i, r] : role) {
      chain.members.push_back(i);
      chain.roles.push_back(r);
    }
    chains.push_back(std::move(chain));
  }
  diagnostics.throw_if_any();
  return chains;
}

}  // namespace regsim
