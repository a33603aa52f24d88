#pragma once

#include <Eigen/Core>
#include <string>
#include <string_view>
#include <vector>

#include "iomodel/io_table.hpp"
#include "scenario/scenario.hpp"

namespace regsim {

enum class ChainRole { core, upstream, downstream };
std::string_view role_name(ChainRole role);

/// An industry chain resolved against the table: its member sectors (in table order) and each
/// member's role.
struct Chain {
  std::string name;
  std::string label_en;
  std::string label_zh;
  bool derived = false;
  std::vector<Eigen::Index> members;
  std::vector<ChainRole> roles;  ///< per member

  [[nodiscard]] std::vector<Eigen::Index> with_role(ChainRole role) const;
  /// 1 on member sectors, 0 elsewhere (n).
  [[nodiscard]] Eigen::VectorXd mask(Eigen::Index n) const;
};

/// Resolves every chain: codes and `group:` terms of declared chains, or, for derived ones, a walk
/// of the flow graph of `coefficients` from the core (docs/chains.md). Throws InputError listing
/// every unknown sector or group and every sector given two roles in one chain.
std::vector<Chain> resolve_chains(const std::vector<ChainSpec>& specs, const IoTable& table,
                                  const Eigen::MatrixXd& coefficients);

}  // namespace regsim
