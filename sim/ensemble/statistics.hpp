#pragma once

// Summaries of an ensemble's draws (docs/ensembles.md, "What is reported").

#include <Eigen/Core>

namespace regsim {

/// The q-quantile of `values` by linear interpolation between order statistics (Hyndman and
/// Fan's type 7, numpy's default). `values` is reordered.
double sample_quantile(Eigen::Ref<Eigen::VectorXd> values, double q);

/// Ranks 1..n, ties sharing their mean rank.
Eigen::VectorXd ranks(const Eigen::VectorXd& values);

/// Spearman's rank correlation (Pearson's on the ranks); NaN when either side is constant.
double spearman(const Eigen::VectorXd& x, const Eigen::VectorXd& y);

}  // namespace regsim
