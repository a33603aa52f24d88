#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

#include "iomodel/io_table.hpp"
#include "iomodel/leontief.hpp"

namespace regsim {

/// Per-output coefficients of the quantities multipliers are reported for, as an n×k matrix W
/// (columns: output = 1, value_added = v_j / x_j, income = compensation_j / x_j, then one column per
/// satellite e_j / x_j), with their names. Multipliers are M = Lᵀ W.
struct MultiplierWeights {
  std::vector<std::string> names;  ///< "output", "value_added", "income", then satellite names
  std::vector<std::string> units;  ///< per unit of final demand; "" for output
  Eigen::MatrixXd per_output;      ///< n × names.size()
};

MultiplierWeights multiplier_weights(const IoTable& table);

/// Multipliers per sector and quantity: the total change in each quantity per unit of final
/// demand for the sector's output (Miller & Blair 2009, §6.2–6.3).
struct Multipliers {
  HouseholdMode households;
  std::vector<std::string> names;
  Eigen::MatrixXd values;  ///< n × names.size(), row j = sector j
};

/// Type I (households exogenous) or Type II (endogenous) multipliers with one transposed solve
/// per quantity on the model's cached factorization.
Multipliers compute_multipliers(const IoTable& table, const LeontiefModel& model);

/// The Type II multiplier decomposed as direct + indirect + induced:
///   direct   = the sector's own coefficient (1 for output, v_j/x_j for value added, …),
///   indirect = Type I − direct (inter-industry purchases),
///   induced  = Type II − Type I (household spending of the income earned).
struct MultiplierSplit {
  std::vector<std::string> names;
  Eigen::MatrixXd direct, indirect, induced;  ///< each n × names.size()
};

MultiplierSplit split_multipliers(const IoTable& table, const Multipliers& type_one, const Multipliers& type_two);

/// Rasmussen (1956) backward and forward linkage indices, normalized so the average sector is 1
/// (Miller & Blair 2009, §12.1):
///   backward_j = n Σ_i L_ij / Σ_ij L_ij       (column sums of L)
///   forward_i  = n Σ_j G_ij / Σ_ij G_ij       (row sums of the Ghosh inverse G = x̂⁻¹ L x̂,
///                                               i.e. (L x)_i / x_i; M&B recommend G over L here)
/// A key sector has both above 1. Costs two solves; L is not formed.
struct Linkages {
  Eigen::VectorXd backward;
  Eigen::VectorXd forward;
};

Linkages rasmussen_linkages(const IoTable& table, const LeontiefModel& model);

}  // namespace regsim
