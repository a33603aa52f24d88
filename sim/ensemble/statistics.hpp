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

/// Spearman's correlation of every column of `x` with every column of `y` (x.cols() × y.cols()),
/// each column ranked once; entry (k, t) is spearman(x.col(k), y.col(t)) to the bit.
Eigen::MatrixXd spearman_matrix(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y);

}  // namespace regsim
