#include "iomodel/competitive.hpp"

#include <fmt/format.h>

namespace regsim {

NonCompetitiveFlows convert_competitive(const CompetitiveFlows& table, const std::vector<Sector>& sectors,
                                        const std::vector<SourceLocation>& row_locations, Diagnostics& diagnostics) {
  const Eigen::Index n = table.flows.rows();
  Eigen::MatrixXd domestic_final_demand = table.final_demand;
  domestic_final_demand.col(column_of(FinalDemand::exports)).setZero();
  const Eigen::VectorXd domestic_use = table.flows.rowwise().sum() + domestic_final_demand.rowwise().sum();

  Eigen::VectorXd shares = Eigen::VectorXd::Zero(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double imports = table.imports(i);
    if (imports == 0.0) continue;
    const auto index = to_size(i);
    const std::string& code = sectors[index].code;
    const SourceLocation where = index < row_locations.size() ? row_locations[index] : SourceLocation{};
    if (domestic_use(i) <= 0.0) {
      diagnostics.add(where, fmt::format("sector \"{}\"", code),
                      fmt::format("imports of {} but domestic use (intermediate + final, excluding exports) "
                                  "is {}: the proportional import-share assumption needs domestic use > 0",
                                  imports, domestic_use(i)));
      continue;
    }
    const double share = imports / domestic_use(i);
    if (share > 1.0) {
      diagnostics.add(where, fmt::format("sector \"{}\"", code),
                      fmt::format("imports {} exceed domestic use {} (import share {:.4f} > 1): re-exports "
                                  "must be removed from imports and exports before conversion",
                                  imports, domestic_use(i), share));
      continue;
    }
    shares(i) = share;
  }

  NonCompetitiveFlows out;
  out.import_shares = shares;
  const Eigen::VectorXd local_share = Eigen::VectorXd::Ones(n) - shares;
  out.local_flows = local_share.asDiagonal() * table.flows;
  out.imported_inputs = shares.transpose() * table.flows;
  out.local_final_demand = table.final_demand;
  for (std::size_t k = 0; k < final_demand_count; ++k) {
    if (enumerator<FinalDemand>(k) == FinalDemand::exports) continue;
    const auto col = to_index(k);
    out.local_final_demand.col(col) = local_share.cwiseProduct(table.final_demand.col(col));
  }
  out.imported_final_demand = shares.transpose() * domestic_final_demand;
  return out;
}

}  // namespace regsim
