#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <vector>

namespace regsim {

struct PathOptions {
  std::size_t top = 10;     ///< paths to keep, largest first
  double threshold = 1e-3;  ///< relative to the total: smaller paths are not listed, smaller subtrees not walked
  int max_depth = 6;        ///< links after the final-demand sector
};

/// One path: final demand for sectors[0] requires output of sectors[1] (a supplier), which
/// requires sectors[2], …; the indicator arises in the last sector.
/// value = w_last · a_{s_k s_k−1} ⋯ a_{s_1 s_0} · f_{s_0}.
struct StructuralPath {
  std::vector<std::size_t> sectors;
  double value = 0.0;
};

/// Structural path analysis (Defourny & Thorbecke 1984), walked depth-first with Lenzen's (2003)
/// pruning: a node whose whole subtree (requirement × multiplier) is below threshold × total is
/// not walked. Every part of the total is accounted for, so
///   listed + unlisted + pruned + beyond_depth = total = wᵀ L f   (exactly, tested).
struct PathAnalysis {
  double total = 0.0;          ///< wᵀ L f
  std::vector<StructuralPath> top;
  std::size_t paths = 0;       ///< paths at or above the threshold
  double listed = 0.0;         ///< their sum
  double unlisted = 0.0;       ///< paths walked but below the threshold
  double pruned = 0.0;         ///< subtrees not walked
  double beyond_depth = 0.0;   ///< what longer paths than max_depth add
};

/// `coefficients` A (n × n), `weights` w per unit of output (the indicator's direct coefficients),
/// `multipliers` m = Lᵀ w, `final_demand` f. Weights and coefficients are non-negative.
PathAnalysis structural_paths(const Eigen::MatrixXd& coefficients, const Eigen::VectorXd& weights,
                              const Eigen::VectorXd& multipliers, const Eigen::VectorXd& final_demand,
                              const PathOptions& options);

}  // namespace regsim
