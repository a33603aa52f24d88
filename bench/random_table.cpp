#include "random_table.hpp"

#include <random>
#include <string>

namespace regsim::bench {

IoTable random_table(Eigen::Index n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  IoTable t;
  t.units = "10k CNY";
  t.base_year = 2023;
  t.output.resize(n);
  for (Eigen::Index i = 0; i < n; ++i) t.output(i) = 1e4 * (1.0 + unit(rng));
  // Column sums of A average 0.5 (so rows of Z stay below output and final demand is positive).
  t.local_flows.resize(n, n);
  const double scale = 1.0 / static_cast<double>(n);
  for (Eigen::Index j = 0; j < n; ++j) {
    for (Eigen::Index i = 0; i < n; ++i) t.local_flows(i, j) = unit(rng) * scale * t.output(j) * 0.5;
  }
  t.local_final_demand = Eigen::MatrixXd::Zero(n, final_demand_count);
  const Eigen::VectorXd final_demand = t.output - t.local_flows.rowwise().sum();
  t.local_final_demand.col(column_of(FinalDemand::household)) = 0.4 * final_demand;
  t.local_final_demand.col(column_of(FinalDemand::exports)) = 0.6 * final_demand;
  t.imported_inputs = Eigen::RowVectorXd::Zero(n);
  t.imported_final_demand = Eigen::RowVectorXd::Zero(final_demand_count);
  const Eigen::RowVectorXd value_added = t.output.transpose() - t.local_flows.colwise().sum();
  t.value_added = Eigen::MatrixXd::Zero(value_added_count, n);
  t.value_added.row(row_of(ValueAdded::compensation)) = 0.5 * value_added;
  t.value_added.row(row_of(ValueAdded::surplus)) = 0.5 * value_added;
  for (Eigen::Index i = 0; i < n; ++i) t.sectors.push_back({"s" + std::to_string(i), "", "", {}, "", ""});
  Eigen::VectorXd jobs(n);
  Eigen::VectorXd co2(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    jobs(i) = t.output(i) * 0.01 * (0.5 + unit(rng));
    co2(i) = t.output(i) * 1e-4 * unit(rng);
  }
  t.satellites = {{"employment", "persons", jobs}, {"co2", "t", co2}};
  return t;
}

}  // namespace regsim::bench
