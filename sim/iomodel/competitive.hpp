#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "iomodel/io_table.hpp"

namespace regsim {

/// A table in competitive-import form: flows and final demand include imported goods, and
/// `imports` holds each product's total imports (positive numbers).
struct CompetitiveFlows {
  Eigen::MatrixXd flows;         ///< n×n, local plus imported
  Eigen::MatrixXd final_demand;  ///< n×5 by FinalDemand, local plus imported
  Eigen::VectorXd imports;       ///< n, positive
};

/// The proportional import-share assumption (Miller & Blair 2009, §2.7; UN SNA Handbook on
/// Supply, Use and IO tables, ch. 11): each user of product i buys the same share of it abroad,
///   s_i = M_i / (Σ_j Z_ij + Σ_{k≠exports} Y_ik),
/// so local flows are (1 − s_i) Z_ij and (1 − s_i) Y_ik (exports stay local), imported inputs of
/// buyer j are m_j = Σ_i s_i Z_ij, and imported final demand of category k is Σ_i s_i Y_ik.
/// Every sector's row and column totals are unchanged.
struct NonCompetitiveFlows {
  Eigen::MatrixXd local_flows;
  Eigen::MatrixXd local_final_demand;
  Eigen::RowVectorXd imported_inputs;
  Eigen::RowVectorXd imported_final_demand;
  Eigen::VectorXd import_shares;  ///< s_i
};

/// Converts with the assumption above. Adds a diagnostic, at the sector's row in `row_locations`
/// when given, and leaves the sector unconverted where s_i is undefined or above 1.
NonCompetitiveFlows convert_competitive(const CompetitiveFlows& table, const std::vector<Sector>& sectors,
                                        const std::vector<SourceLocation>& row_locations, Diagnostics& diagnostics);

}  // namespace regsim
