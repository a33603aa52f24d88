#include "model/prices.hpp"

#include <Eigen/LU>
#include <algorithm>

namespace regsim {

PriceChange PriceChange::zero(Eigen::Index n) {
  PriceChange c;
  c.price = Eigen::VectorXd::Zero(n);
  for (auto& v : c.value_added) v = Eigen::VectorXd::Zero(n);
  return c;
}

PriceChange& PriceChange::add(const PriceChange& other, double weight) {
  price += weight * other.price;
  for (std::size_t k = 0; k < value_added.size(); ++k) value_added[k] += weight * other.value_added[k];
  return *this;
}

namespace {

/// Each active lever's own change on one interval. With F the sectors whose price is set and
/// G = Lᵀ E_F (the price response to a margin in each of them), a cost-push u moves prices by
/// Lᵀu − G G_FF⁻¹ (Lᵀu)_F (the set prices take it back in their margins), and holding sector f's
/// price t away from the table's moves them by G G_FF⁻¹ t e_f: both linear, so the levers' changes
/// sum to the whole.
std::vector<PriceChange> interval_changes(const LeontiefModel& model, const SimulationSpec& spec,
                                          const std::vector<std::size_t>& active) {
  const Eigen::Index n = model.sector_count();
  std::vector<Eigen::Index> fixed;
  std::vector<std::size_t> pushing;
  for (const std::size_t l : active) {
    if (spec.prices[l].fixed) {
      fixed.push_back(spec.prices[l].fixed->index());
    } else {
      pushing.push_back(l);
    }
  }
  const auto f_count = std::ssize(fixed);
  Eigen::MatrixXd weights = Eigen::MatrixXd::Zero(n, std::ssize(pushing) + f_count);
  for (Index p = 0; p < std::ssize(pushing); ++p) {
    for (const auto& cost : spec.prices[at(pushing, p)].cost) weights.col(p) += cost;
  }
  for (Eigen::Index f = 0; f < f_count; ++f) weights(at(fixed, f), std::ssize(pushing) + f) = 1.0;
  const Eigen::MatrixXd response = model.weighted_column_sums(weights);  // Lᵀ W
  const Eigen::MatrixXd g = response.rightCols(f_count);
  Eigen::MatrixXd g_ff(f_count, f_count);
  for (Eigen::Index a = 0; a < f_count; ++a) g_ff.row(a) = g.row(at(fixed, a));
  const Eigen::PartialPivLU<Eigen::MatrixXd> lu_ff = f_count > 0 ? g_ff.partialPivLu() : Eigen::PartialPivLU<Eigen::MatrixXd>();

  std::vector<PriceChange> out;
  std::size_t next_push = 0;
  Eigen::Index next_fixed = 0;
  for (const std::size_t l : active) {
    const PriceLeverSpec& lever = spec.prices[l];
    PriceChange change = PriceChange::zero(n);
    Eigen::VectorXd margin = Eigen::VectorXd::Zero(f_count);  // δ_F: the set prices' margin changes
    if (lever.fixed) {
      margin(next_fixed++) = lever.change;
      margin = lu_ff.solve(margin);
    } else {
      const Eigen::Index column = to_index(next_push++);
      change.price = response.col(column);
      for (std::size_t k = 0; k < value_added_count; ++k) change.value_added[k] = lever.cost[k];
      if (f_count > 0) {
        Eigen::VectorXd pushed(f_count);
        for (Eigen::Index a = 0; a < f_count; ++a) pushed(a) = change.price(at(fixed, a));
        margin = -lu_ff.solve(pushed);
      }
    }
    if (f_count > 0) {
      change.price += g * margin;
      // A set price's margin is its producers' surplus.
      for (Eigen::Index a = 0; a < f_count; ++a)
        change.value_added[index_of(ValueAdded::surplus)](at(fixed, a)) += margin(a);
    }
    out.push_back(std::move(change));
  }
  return out;
}

}  // namespace

PriceRun run_prices(const LeontiefModel& model, const SimulationSpec& spec) {
  const Eigen::Index n = model.sector_count();
  const int first_year = spec.time.start.year();
  const auto years = to_size(spec.time.end.year() - first_year + 1);
  const Date horizon_end = spec.time.end + 1;
  PriceRun run;
  run.total.assign(years, PriceChange::zero(n));
  run.by_lever.assign(spec.prices.size(), std::vector<PriceChange>(years, PriceChange::zero(n)));
  const std::vector<Date> reports = report_dates(spec.time);
  run.series = Eigen::MatrixXd::Ones(std::ssize(reports), n);
  if (spec.prices.empty()) return run;

  std::vector<Date> changes{spec.time.start, horizon_end};
  for (const PriceLeverSpec& lever : spec.prices) {
    changes.push_back(std::clamp(lever.from, spec.time.start, horizon_end));
    changes.push_back(std::clamp(lever.until, spec.time.start, horizon_end));
  }
  for (int y = first_year + 1; y <= spec.time.end.year(); ++y) changes.push_back(Date::from_ymd(y, 1, 1));
  std::sort(changes.begin(), changes.end());
  changes.erase(std::unique(changes.begin(), changes.end()), changes.end());

  std::vector<double> covered(years, 0.0);
  std::size_t next_report = 0;
  std::vector<std::size_t> last_active;
  std::vector<PriceChange> levers;
  for (std::size_t i = 0; i + 1 < changes.size(); ++i) {
    const Date from = changes[i], until = changes[i + 1];
    std::vector<std::size_t> active;
    for (std::size_t l = 0; l < spec.prices.size(); ++l) {
      if (spec.prices[l].from <= from && from < spec.prices[l].until) active.push_back(l);
    }
    // Intervals split only by 1 January keep the same levers: their changes are reused.
    if (i == 0 || active != last_active) {
      levers = active.empty() ? std::vector<PriceChange>{} : interval_changes(model, spec, active);
      last_active = active;
    }
    const auto y = to_size(from.year() - first_year);
    const auto days = as_real(until - from);
    covered[y] += days;
    PriceChange whole = PriceChange::zero(n);
    for (std::size_t a = 0; a < active.size(); ++a) {
      run.by_lever[active[a]][y].add(levers[a], days);
      whole.add(levers[a], 1.0);
    }
    run.total[y].add(whole, days);
    for (; next_report < reports.size() && reports[next_report] < until; ++next_report)
      run.series.row(to_index(next_report)) += whole.price.transpose();
  }
  // Sums of change × days become means over each year's simulated days.
  for (std::size_t y = 0; y < years; ++y) {
    const double scale = covered[y] > 0.0 ? 1.0 / covered[y] : 0.0;
    run.total[y] = PriceChange::zero(n).add(run.total[y], scale);
    for (auto& lever : run.by_lever) lever[y] = PriceChange::zero(n).add(lever[y], scale);
  }
  return run;
}

}  // namespace regsim
