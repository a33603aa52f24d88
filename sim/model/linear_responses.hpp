#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <vector>

#include "iomodel/leontief.hpp"
#include "model/simulation.hpp"

namespace regsim {

/// What every variant of one scenario shares on the linear engine (docs/ensembles.md,
/// "Recombination"), solved once from the central run: the indicator multipliers μ = Lᵀ w_x, the
/// indicators' base rates, the base output, and each component's output per unit of amplitude,
/// L p. The linear model's yearly output is linear in each component's yearly integral of
/// amplitude, so a variant whose components keep the central run's patterns (draws that move dates
/// and scale amounts) needs no solve at all:  x_y = covered_y · x_base + Σ_c (∫_y a_c) · L p_c.
class LinearResponses {
 public:
  /// Solves the responses of `central` on `model`. Patterns whose responses would take more than
  /// `max_bytes` (n × components doubles) are not kept: variants then solve their yearly outputs.
  LinearResponses(const LeontiefModel& model, const SimulationSpec& central, std::size_t max_bytes = 256U << 20U);

  /// Whether `spec`, run on `model`, has the central run's model, base state and indicators, so
  /// that what is shared holds for it; nothing is used otherwise.
  [[nodiscard]] bool shares_base(const SimulationSpec& spec, const LeontiefModel& model) const;
  /// The output per unit amplitude of `spec`'s component `c` when it is the central run's
  /// component `c` (same category, same demand and imports patterns, bit for bit), else nullptr.
  [[nodiscard]] const double* response(const SimulationSpec& spec, ComponentId c) const;

  [[nodiscard]] const Eigen::MatrixXd& multipliers() const { return multipliers_; }  ///< n × indicators
  [[nodiscard]] const std::vector<double>& base_rates() const { return base_rates_; }
  [[nodiscard]] const Eigen::VectorXd& base_output() const { return base_output_; }  ///< L · base exogenous demand

 private:
  const LeontiefModel* model_;  // the model solved; the responses hold only on it
  Eigen::MatrixXd base_demand_;
  Eigen::MatrixXd base_imported_demand_;
  Eigen::MatrixXd indicator_weights_;  // n × indicators: w_x, to recognise the same indicators
  std::vector<Component> components_;
  SparseRates rates_;
  Eigen::MatrixXd responses_;  // n × components, or empty
  Eigen::MatrixXd multipliers_;
  std::vector<double> base_rates_;
  Eigen::VectorXd base_output_;
};

/// Indicator multipliers on final demand, μ_I = Lᵀ w_x (n × indicators): one solve.
Eigen::MatrixXd indicator_multipliers(const LeontiefModel& model, const SimulationSpec& spec);

/// The indicators' annual rates in the base state (no event, no trend) and the base output.
std::pair<std::vector<double>, Eigen::VectorXd> indicator_base_rates(const LeontiefModel& model,
                                                                     const SimulationSpec& spec);

}  // namespace regsim
