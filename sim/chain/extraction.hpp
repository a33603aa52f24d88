#pragma once

#include <Eigen/Core>
#include <vector>

#include "iomodel/io_table.hpp"

namespace regsim {

/// What the region loses when some of a chain's links are cut, its final demand unchanged.
struct ExtractionLoss {
  Eigen::VectorXd output;  ///< per sector: x − x̄
  double total_output = 0.0;
  double total_value_added = 0.0;  ///< Σ v_i (x_i − x̄_i), v = value added per output
};

/// Hypothetical extraction of a chain S from the rest R (Dietzenbacher, van der Linden & Steenge
/// 1993; Miller & Blair 2009, §12.2.5), with the table's final demand f fixed and x̄ = (I − Ā)⁻¹ f:
///   backward: Ā_RS = 0 (the chain buys nothing from the rest of the region);
///   forward:  Ā_SR = 0 (the rest of the region buys nothing from the chain);
///   total:    both.
struct Extraction {
  ExtractionLoss backward;
  ExtractionLoss forward;
  ExtractionLoss total;
};

/// Three LU factorizations of n × n: O(n³). Cutting links of a productive table keeps it productive.
Extraction extract_chain(const IoTable& table, const std::vector<Eigen::Index>& members);

}  // namespace regsim
