#include "ensemble/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "core/index.hpp"

namespace regsim {

double sample_quantile(Eigen::Ref<Eigen::VectorXd> values, double q) {
  const Eigen::Index n = values.size();
  if (n == 0) return NAN;
  const double position = q * as_real(n - 1);
  const auto below = whole_part<Eigen::Index>(std::floor(position));
  const Eigen::Index above = std::min(below + 1, n - 1);
  double* data = values.data();
  std::nth_element(data, data + below, data + n);
  const double low = data[below];
  const double high = above == below ? low : *std::min_element(data + below + 1, data + n);
  return low + (position - as_real(below)) * (high - low);
}

Eigen::VectorXd ranks(const Eigen::VectorXd& values) {
  const Eigen::Index n = values.size();
  std::vector<Eigen::Index> order(to_size(n));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return values(a) < values(b); });
  Eigen::VectorXd rank(n);
  for (Eigen::Index i = 0; i < n;) {
    Eigen::Index j = i;
    while (j + 1 < n && values(at(order, j + 1)) == values(at(order, i))) ++j;
    const double shared = 0.5 * as_real(i + j) + 1.0;
    for (Eigen::Index k = i; k <= j; ++k) rank(at(order, k)) = shared;
    i = j + 1;
  }
  return rank;
}

namespace {

Eigen::VectorXd centred_ranks(const Eigen::VectorXd& values) {
  Eigen::VectorXd r = ranks(values);
  r.array() -= r.mean();
  return r;
}

double correlation_of_centred(const Eigen::VectorXd& rx, const Eigen::VectorXd& ry) {
  const double denominator = std::sqrt(rx.squaredNorm() * ry.squaredNorm());
  return denominator > 0.0 ? rx.dot(ry) / denominator : NAN;
}

}  // namespace

double spearman(const Eigen::VectorXd& x, const Eigen::VectorXd& y) {
  return correlation_of_centred(centred_ranks(x), centred_ranks(y));
}

Eigen::MatrixXd spearman_matrix(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y) {
  std::vector<Eigen::VectorXd> ry;
  for (Eigen::Index t = 0; t < y.cols(); ++t) ry.push_back(centred_ranks(y.col(t)));
  Eigen::MatrixXd out(x.cols(), y.cols());
  for (Eigen::Index k = 0; k < x.cols(); ++k) {
    const Eigen::VectorXd rx = centred_ranks(x.col(k));
    for (Eigen::Index t = 0; t < y.cols(); ++t) out(k, t) = correlation_of_centred(rx, at(ry, t));
  }
  return out;
}

}  // namespace regsim
