#pragma once

// Private to sim/model: the Leontief price model run over the scenario's dated price levers
// (docs/prices.md).

#include <Eigen/Core>
#include <array>
#include <vector>

#include "iomodel/leontief.hpp"
#include "model/simulation.hpp"

namespace regsim {

/// What a set of price levers does, per sector: the change of its output price index and of its
/// value added per unit of output, by component.
struct PriceChange {
  Eigen::VectorXd price;                                  ///< Δp (n)
  std::array<Eigen::VectorXd, value_added_count> value_added;  ///< Δv by component (n each)
  static PriceChange zero(Eigen::Index n);
  PriceChange& add(const PriceChange& other, double weight);
};

/// The price levers' effects by year: day-weighted means over the simulated days of each year,
/// for every lever separately (they sum to the whole, so attribution stays exact) and in total.
struct PriceRun {
  std::vector<std::vector<PriceChange>> by_lever;  ///< [lever][simulated year]
  std::vector<PriceChange> total;                  ///< [simulated year]
  Eigen::MatrixXd series;                          ///< report dates × n: price index (1 = the table's)
};

/// Runs the cost-push price model p = Lᵀ (v + m + u) (Miller & Blair 2009, §2.6) over the horizon:
/// on each interval between lever dates, value-added changes u are pushed through Lᵀ, and sectors
/// whose output price a lever sets take the margin that holds it there (one small solve on the
/// cached factorization). `model` must be the Type I model of the table.
PriceRun run_prices(const LeontiefModel& model, const SimulationSpec& spec);

}  // namespace regsim
