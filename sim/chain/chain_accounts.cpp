#include "chain/chain_accounts.hpp"

#include <algorithm>

namespace regsim {

namespace {

/// The products that bound the chain's members, by member-days.
void count_bottlenecks(const Chain& chain, const DynamicsTrace& trace, ChainAccount& account) {
  std::vector<std::int64_t> days(trace.products.size(), 0);
  for (const Eigen::Index member : chain.members) {
    for (Eigen::Index t = 0; t < trace.limiting_input.rows(); ++t) {
      const int product = trace.limiting_input(t, member);
      if (product >= 0) ++at(days, product);
    }
  }
  for (const std::size_t i : bottleneck_order(days)) {
    account.bottlenecks.push_back(trace.products[i]);
    account.bottleneck_days.push_back(days[i]);
  }
}

}  // namespace

std::vector<std::size_t> bottleneck_order(std::span<const std::int64_t> days) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < days.size(); ++i) {
    if (days[i] > 0) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return days[a] > days[b]; });
  return order;
}

ChainAccount chain_account(const Chain& chain, const IoTable& table, const LeontiefModel& model,
                           const SimulationResult& result) {
  const Eigen::Index n = table.size();
  const Eigen::VectorXd members = chain.mask(n);
  const Eigen::VectorXd others = Eigen::VectorXd::Ones(n) - members;
  ChainAccount account;
  // final_demand is reported per sector but is not a chain account: it is where output goes.
  for (const Quantity& q : result.quantities) {
    if (q.name == "final_demand" || q.name == "imports") continue;
    account.measures.push_back(q.name);
    account.units.push_back(q.unit);
  }
  account.measures.emplace_back("induced_value_added");
  account.units.push_back(table.units);
  const auto measure_count = std::ssize(account.measures);
  const auto report_count = std::ssize(result.report_dates);
  const auto year_count = std::ssize(result.years);
  account.series.resize(report_count, measure_count);
  account.yearly.resize(year_count, measure_count);
  Eigen::Index column = 0;
  for (const Quantity& q : result.quantities) {
    if (q.name == "final_demand" || q.name == "imports") continue;
    account.series.col(column) = q.series * members;
    account.yearly.col(column) = q.yearly * members;
    ++column;
  }
  const Eigen::VectorXd value_added_per_output = table.total_value_added().transpose().cwiseQuotient(table.output);
  const Eigen::VectorXd weights = value_added_per_output.cwiseProduct(others);
  const auto induced = [&](const Eigen::MatrixXd& exogenous) -> Eigen::VectorXd {
    // Rows are dates (or years); the model takes one column per case.
    const Eigen::MatrixXd demand = members.asDiagonal() * exogenous.transpose();
    return (weights.transpose() * model.output_for(demand)).transpose();
  };
  account.series.col(column) = induced(result.exogenous_series);
  account.yearly.col(column) = induced(result.exogenous_yearly);
  account.indicators.resize(std::ssize(result.indicators_by_sector), year_count);
  for (Index i = 0; i < std::ssize(result.indicators_by_sector); ++i) {
    account.indicators.row(i) = (at(result.indicators_by_sector, i) * members).transpose();
  }
  if (result.dynamics) count_bottlenecks(chain, *result.dynamics, account);
  return account;
}

ChainResults run_chains(const Scenario& scenario, const IoTable& table, const LeontiefModel& model,
                        const SimulationResult& result) {
  const Eigen::MatrixXd coefficients = technical_coefficients(table);
  std::vector<Chain> chains = resolve_chains(scenario.chains, table, coefficients);
  std::vector<ChainAccount> accounts;
  for (const Chain& chain : chains) accounts.push_back(chain_account(chain, table, model, result));
  const LeontiefModel type_one =
      model.households() == HouseholdMode::exogenous ? model : model.with_households(table, HouseholdMode::exogenous);
  return {std::move(chains), std::move(accounts), FlowGraph(table, coefficients, scenario.graph.threshold),
          rasmussen_linkages(table, type_one)};
}

}  // namespace regsim
