#include "ensemble/sampling.hpp"

#include <Eigen/Cholesky>

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "ensemble/distributions.hpp"

namespace regsim {

namespace {

/// splitmix64's finalizer: a bijection of 64-bit words that mixes every input bit into every output bit.
std::uint64_t mix(std::uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// Positions 0..n-1 ordered by `key` (ranks of the keys, ties broken by position).
std::vector<Eigen::Index> order_by(const Eigen::VectorXd& key) {
  std::vector<Eigen::Index> order(to_size(key.size()));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return key(a) < key(b); });
  return order;
}

}  // namespace

double counter_uniform(std::uint64_t seed, std::uint64_t stream, std::uint64_t counter) {
  const std::uint64_t bits = mix(mix(mix(seed) ^ stream) ^ counter);
  return (as_real(bits >> 11) + 0.5) * 0x1p-53;  // the 53-bit grid, shifted off 0 and 1
}

Eigen::MatrixXd uniform_design(std::int64_t draws, std::int64_t parameters, Sampling sampling, std::uint64_t seed,
                               std::uint64_t block) {
  Eigen::MatrixXd design(draws, parameters);
  const auto n = narrow<std::uint64_t>(draws);
  for (Eigen::Index p = 0; p < parameters; ++p) {
    // Two streams per parameter and block: the position within a stratum, and the strata's order.
    const std::uint64_t stream = (block << 32) + 2 * narrow<std::uint64_t>(p);
    if (sampling == Sampling::random) {
      for (std::uint64_t d = 0; d < n; ++d) design(to_index(d), p) = counter_uniform(seed, stream, d);
      continue;
    }
    Eigen::VectorXd key(draws);
    for (std::uint64_t d = 0; d < n; ++d) key(to_index(d)) = counter_uniform(seed, stream + 1, d);
    const std::vector<Eigen::Index> order = order_by(key);
    for (std::size_t stratum = 0; stratum < order.size(); ++stratum) {
      const Eigen::Index d = order[stratum];
      const double within = counter_uniform(seed, stream, narrow<std::uint64_t>(d));
      design(d, p) = (as_real(stratum) + within) / as_real(draws);
    }
  }
  return design;
}

void impose_rank_correlation(Eigen::MatrixXd& design, const std::vector<Eigen::Index>& columns,
                             const Eigen::MatrixXd& correlation) {
  const Eigen::Index n = design.rows();
  const auto k = to_index(columns.size());
  const Eigen::LLT<Eigen::MatrixXd> target(correlation);
  if (target.info() != Eigen::Success) {
    throw std::invalid_argument("the correlations are not consistent (their matrix is not positive definite)");
  }
  // Scores: the normal quantiles of the columns' own values, whose correlation is then replaced
  // by the target (whiten with the scores' Cholesky factor, colour with the target's).
  Eigen::MatrixXd scores(n, k);
  for (Eigen::Index j = 0; j < k; ++j) {
    for (Eigen::Index d = 0; d < n; ++d) scores(d, j) = normal_quantile(design(d, at(columns, j)));
  }
  const Eigen::RowVectorXd mean = scores.colwise().mean();
  scores.rowwise() -= mean;
  const Eigen::MatrixXd covariance = scores.transpose() * scores / as_real(n - 1);
  const Eigen::VectorXd sd = covariance.diagonal().cwiseSqrt();
  const Eigen::MatrixXd actual = sd.cwiseInverse().asDiagonal() * covariance * sd.cwiseInverse().asDiagonal();
  const Eigen::LLT<Eigen::MatrixXd> present(actual);
  if (present.info() != Eigen::Success) {
    throw std::invalid_argument("too few draws to correlate this many parameters (take more draws than parameters)");
  }
  Eigen::MatrixXd whitened = present.matrixL().solve(scores.transpose());  // k × n, identity correlation
  const Eigen::MatrixXd coloured = (target.matrixL() * whitened).transpose();
  // Each column takes its own sorted values in the order of the coloured scores' ranks.
  for (Eigen::Index j = 0; j < k; ++j) {
    const Eigen::Index column = at(columns, j);
    Eigen::VectorXd values = design.col(column);
    std::sort(values.data(), values.data() + n);
    const std::vector<Eigen::Index> order = order_by(coloured.col(j));
    for (Eigen::Index r = 0; r < n; ++r) design(at(order, r), column) = values(r);
  }
}

}  // namespace regsim
