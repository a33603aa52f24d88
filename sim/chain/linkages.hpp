#pragma once

#include <Eigen/Core>
#include <string_view>
#include <vector>

#include "iomodel/io_table.hpp"
#include "iomodel/leontief.hpp"

namespace regsim {

/// Rasmussen's classification by normalized linkages (docs/chains.md).
enum class SectorClass { key, backward, forward, weak };
std::string_view class_name(SectorClass c);  ///< key, backward-oriented, forward-oriented, weak

/// Normalized backward and forward linkages (Rasmussen 1956; Miller & Blair 2009, §12.2):
///   BL_j = n Σ_i L_ij / Σ_ij L_ij   (column sums of the Leontief inverse)
///   FL_i = n Σ_j G_ij / Σ_ij G_ij   (row sums of the Ghosh inverse G = x̂⁻¹ L x̂)
/// A sector above 1 on both is a key sector.
struct Linkages {
  Eigen::VectorXd backward;
  Eigen::VectorXd forward;
  std::vector<SectorClass> classes;
};

/// From a Type I model of the table (households exogenous): two solves with its factorization,
/// O(n²); L and G are never formed.
Linkages compute_linkages(const IoTable& table, const LeontiefModel& type_one);

/// A chain's linkages: the output-weighted means of its members' normalized linkages.
struct ChainLinkage {
  double backward = 0.0;
  double forward = 0.0;
};
ChainLinkage chain_linkage(const Linkages& linkages, const std::vector<Eigen::Index>& members, const Eigen::VectorXd& output);

}  // namespace regsim
