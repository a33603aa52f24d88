#pragma once

// Private to sim/model: the per-sector quantities every run reports, and indicator arithmetic.

#include <Eigen/Core>
#include <vector>

#include "iomodel/io_table.hpp"
#include "model/simulation.hpp"

namespace regsim {

/// Per-output coefficients of every reported quantity (output, value added, final demand,
/// imports, then each satellite), and how to evaluate them for a state.
class Quantities {
 public:
  Quantities(const IoTable& table, HouseholdMode households);

  [[nodiscard]] std::size_t count() const { return 4 + satellites_.size(); }
  /// Appends each quantity's name and unit, with empty matrices.
  void describe(std::vector<Quantity>& out) const;

  /// Row `row` of every quantity's matrix (selected by `matrix`) for output x, exogenous demand
  /// (summed over categories) and import changes.
  template <class Select>
  void record(std::vector<Quantity>& out, Select matrix, Eigen::Index row, const Eigen::VectorXd& x,
              const Eigen::VectorXd& exogenous_demand, const Eigen::VectorXd& import_change) const {
    matrix(out[0]).row(row) = x.transpose();
    matrix(out[1]).row(row) = (value_added_ * x.array()).transpose();
    Eigen::VectorXd demand = exogenous_demand;
    if (income_.size() > 0) demand += consumption_shares_ * (income_.matrix().dot(x));
    matrix(out[2]).row(row) = demand.transpose();
    matrix(out[3]).row(row) = (imports_ * x.array() + import_change.array()).transpose();
    for (std::size_t s = 0; s < satellites_.size(); ++s) {
      matrix(out[4 + s]).row(row) = (satellites_[s] * x.array()).transpose();
    }
  }

  /// The base-year row of each quantity's yearly matrix: the table's own values.
  void record_table(std::vector<Quantity>& out) const;

 private:
  const IoTable& table_;
  Eigen::ArrayXd value_added_;
  Eigen::ArrayXd imports_;
  std::vector<Eigen::ArrayXd> satellites_;
  Eigen::ArrayXd income_;               // h_r (Type II only)
  Eigen::VectorXd consumption_shares_;  // h_c (Type II only)
};

/// The state an indicator is evaluated on (annual rates, or a year's amounts).
struct IndicatorState {
  Eigen::Ref<const Eigen::VectorXd> output;         ///< x (a column of a year matrix, not a copy)
  const Eigen::MatrixXd& demand;                    ///< F: n × 5 exogenous local final demand
  Eigen::Ref<const Eigen::VectorXd> import_change;  ///< r
  const Eigen::MatrixXd& imported_demand;  ///< M: n × 5 imported final demand
};

/// value = w_xᵀ x + Σ_k w_kᵀ F_k + w_rᵀ r + Σ_k w_m,kᵀ M_k (docs/model.md, "Indicators").
double indicator_value(const Indicator& indicator, const IndicatorState& state);

/// The indicator's term in each sector; they sum to indicator_value.
Eigen::RowVectorXd indicator_terms(const Indicator& indicator, const IndicatorState& state);

struct PriceChange;
/// What prices changed by `change` add to a nominal indicator's terms in the (real) state.
Eigen::RowVectorXd price_terms(const Indicator& indicator, const IndicatorState& state, const PriceChange& change);

}  // namespace regsim
