#pragma once

#include <Eigen/Core>
#include <string_view>
#include <vector>

#include "iomodel/multipliers.hpp"

namespace regsim {

/// Rasmussen's classification by normalized linkages (rasmussen_linkages, sim/iomodel/multipliers.hpp):
/// key (both above 1), backward- or forward-oriented (one above 1), weak (neither).
enum class SectorClass { key, backward, forward, weak };
std::string_view class_name(SectorClass c);  ///< key, backward-oriented, forward-oriented, weak

std::vector<SectorClass> classify_sectors(const Linkages& linkages);

/// A chain's linkages: the output-weighted means of its members' normalized linkages.
struct ChainLinkage {
  double backward = 0.0;
  double forward = 0.0;
};
ChainLinkage chain_linkage(const Linkages& linkages, const std::vector<Eigen::Index>& members, const Eigen::VectorXd& output);

}  // namespace regsim
