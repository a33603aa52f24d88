#include "chain/structural_paths.hpp"
#include "core/index.hpp"

#include <algorithm>
#include <cmath>

namespace regsim {

namespace {

class PathWalker {
public:
  PathWalker(const Eigen::MatrixXd& a, const Eigen::VectorXd& w, const Eigen::VectorXd& m, const PathOptions& options,
             PathAnalysis& result)
      : a_(a), w_(w), m_(m), options_(options), result_(result), cutoff_(options.threshold * std::abs(result.total)) {}

  /// `requirement` of sector `i` at the end of `path_` (already pushed); its subtree is worth
  /// requirement · m_i and has not been pruned.
  void walk(Eigen::Index i, double requirement, int depth) {
    const double value = w_(i) * requirement;
    if (std::abs(value) >= cutoff_ && value != 0.0) {
      ++result_.paths;
      result_.listed += value;
      keep(value);
    } else {
      result_.unlisted += value;
    }
    if (depth == options_.max_depth) {
      result_.beyond_depth += requirement * (m_(i) - w_(i));
      return;
    }
    for (Eigen::Index k = 0; k < a_.rows(); ++k) {
      const double coefficient = a_(k, i);
      if (coefficient == 0.0) continue;
      const double next = coefficient * requirement;
      const double subtree = next * m_(k);
      if (std::abs(subtree) < cutoff_) {
        result_.pruned += subtree;
        continue;
      }
      path_.push_back(to_size(k));
      walk(k, next, depth + 1);
      path_.pop_back();
    }
  }

  void root(Eigen::Index j, double demand) {
    const double subtree = demand * m_(j);
    if (std::abs(subtree) < cutoff_) {
      result_.pruned += subtree;
      return;
    }
    path_.assign(1, to_size(j));
    walk(j, demand, 0);
  }

  void finish() {
    std::sort_heap(result_.top.begin(), result_.top.end(), larger);
  }

private:
  // A min-heap (by |value|) of the largest paths found so far.
  static bool larger(const StructuralPath& x, const StructuralPath& y) { return std::abs(x.value) > std::abs(y.value); }

  void keep(double value) {
    if (options_.top == 0) return;
    auto& top = result_.top;
    if (top.size() < options_.top) {
      top.push_back({path_, value});
      std::push_heap(top.begin(), top.end(), larger);
    } else if (std::abs(value) > std::abs(top.front().value)) {
      std::pop_heap(top.begin(), top.end(), larger);
      top.back() = {path_, value};
      std::push_heap(top.begin(), top.end(), larger);
    }
  }

  const Eigen::MatrixXd& a_;
  const Eigen::VectorXd& w_;
  const Eigen::VectorXd& m_;
  const PathOptions& options_;
  PathAnalysis& result_;
  double cutoff_;
  std::vector<std::size_t> path_;
};

}  // namespace

PathAnalysis structural_paths(const Eigen::MatrixXd& coefficients, const Eigen::VectorXd& weights,
                              const Eigen::VectorXd& multipliers, const Eigen::VectorXd& final_demand,
                              const PathOptions& options) {
  PathAnalysis result;
  result.total = multipliers.dot(final_demand);
  PathWalker walker(coefficients, weights, multipliers, options, result);
  for (Eigen::Index j = 0; j < final_demand.size(); ++j) {
    if (final_demand(j) != 0.0) walker.root(j, final_demand(j));
  }
  walker.finish();
  return result;
}

}  // namespace regsim
