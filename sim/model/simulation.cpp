#include "model/simulation.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "events/event_queue.hpp"
#include "model/calendar.hpp"
#include "model/rule_state.hpp"

namespace regsim {

namespace {

/// Per-output coefficients of every reported quantity, and how to evaluate them for a state.
class Quantities {
public:
  Quantities(const IoTable& table, const LeontiefModel& model) : table_(table) {
    const Eigen::ArrayXd per_output = table.output.array().inverse();
    value_added_ = table.total_value_added().transpose().array() * per_output;
    imports_ = table.imported_inputs.transpose().array() * per_output;
    for (const auto& satellite : table.satellites) satellites_.push_back(satellite.totals.array() * per_output);
    if (model.households() == HouseholdMode::endogenous) {
      const Eigen::RowVectorXd compensation = table.value_added.row(row_of(ValueAdded::compensation));
      income_ = compensation.transpose().array() * per_output;
      consumption_shares_ = table.local_final_demand.col(column_of(FinalDemand::household)) / compensation.sum();
    }
  }

  [[nodiscard]] std::size_t count() const { return 4 + satellites_.size(); }

  void describe(std::vector<Quantity>& out) const {
    for (const char* name : {"output", "value_added", "final_demand", "imports"}) out.push_back({name, table_.units, {}, {}});
    for (const auto& satellite : table_.satellites) out.push_back({satellite.name, satellite.unit, {}, {}});
  }

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

  /// The base-year row: the table's own values.
  void record_table(std::vector<Quantity>& out) const {
    out[0].yearly.row(0) = table_.output.transpose();
    out[1].yearly.row(0) = table_.total_value_added();
    out[2].yearly.row(0) = table_.total_final_demand().transpose();
    out[3].yearly.row(0) = table_.imported_inputs;
    for (std::size_t s = 0; s < satellites_.size(); ++s) out[4 + s].yearly.row(0) = table_.satellites[s].totals.transpose();
  }

private:
  const IoTable& table_;
  Eigen::ArrayXd value_added_;
  Eigen::ArrayXd imports_;
  std::vector<Eigen::ArrayXd> satellites_;
  Eigen::ArrayXd income_;              // h_r (Type II only)
  Eigen::VectorXd consumption_shares_; // h_c (Type II only)
};

double indicator_value(const Indicator& indicator, const Eigen::VectorXd& x, const Eigen::MatrixXd& demand,
                       const Eigen::VectorXd& import_change) {
  return indicator.on_output.dot(x) + indicator.on_demand.cwiseProduct(demand).sum() +
         indicator.on_imports.dot(import_change);
}

/// The indicator's term in each sector; they sum to indicator_value.
Eigen::RowVectorXd indicator_terms(const Indicator& indicator, const Eigen::VectorXd& x, const Eigen::MatrixXd& demand,
                                   const Eigen::VectorXd& import_change) {
  return (indicator.on_output.cwiseProduct(x) + indicator.on_demand.cwiseProduct(demand).rowwise().sum() +
          indicator.on_imports.cwiseProduct(import_change))
      .transpose();
}

}  // namespace

std::vector<Date> report_dates(const TimeSpec& time) {
  std::vector<Date> dates;
  for (Date d = time.start; d <= time.end; d = next_report(d, time.report)) dates.push_back(d);
  return dates;
}

const Quantity& SimulationResult::quantity(const std::string& name) const {
  for (const auto& q : quantities) {
    if (q.name == name) return q;
  }
  throw std::out_of_range(fmt::format("no quantity named \"{}\" in the result", name));
}

SimulationResult simulate(const IoTable& table, const LeontiefModel& model, const SimulationSpec& spec,
                          const Progress& progress) {
  const Eigen::Index n = table.size();
  const int first_year = spec.time.start.year();
  const auto simulated_years = static_cast<std::size_t>(spec.time.end.year() - first_year + 1);
  const auto year_count = static_cast<Eigen::Index>(simulated_years + 1);  // + the base year
  const std::size_t component_count = spec.components.size();
  const Date horizon_end = spec.time.end + 1;

  SimulationResult result;
  result.years.push_back(table.base_year);
  for (int y = first_year; y <= spec.time.end.year(); ++y) result.years.push_back(y);
  result.report_dates = report_dates(spec.time);
  const auto report_count = static_cast<Eigen::Index>(result.report_dates.size());
  const Quantities quantities(table, model);
  quantities.describe(result.quantities);
  for (Quantity& q : result.quantities) {
    q.series.resize(report_count, n);
    q.yearly.resize(year_count, n);
  }
  result.exogenous_series.resize(report_count, n);
  result.exogenous_yearly.resize(year_count, n);

  // State: exogenous final demand by category, import changes, and each component's amplitude
  // with the date it last changed and its integral per simulated year (amplitude × years). Rules
  // append components (copies of the patterns of the event they act on), so these grow; without
  // rules the spec's own list is used as it is (a million components are not copied).
  std::vector<Component> extended;
  if (!spec.rules.empty()) extended = spec.components;
  const std::vector<Component>& components = spec.rules.empty() ? spec.components : extended;
  Eigen::MatrixXd demand = spec.base_demand;
  Eigen::VectorXd import_change = Eigen::VectorXd::Zero(n);
  std::vector<double> amplitude(component_count, 0.0);
  std::vector<Date> since(component_count, spec.time.start);
  std::vector<double> integral(component_count * simulated_years, 0.0);

  // ∫ amplitude dt over [since, until), in years of the calendar year each day falls in.
  const auto integrate = [&](std::size_t c, Date until) {
    Date from = since[c];
    since[c] = until;
    const double a = amplitude[c];
    if (a == 0.0) return;
    while (from < until) {
      const int year = from.year();
      const Date stop = std::min(until, Date::from_ymd(year + 1, 1, 1));
      integral[c * simulated_years + static_cast<std::size_t>(year - first_year)] +=
          a * static_cast<double>(stop - from) / days_in_year(year);
      from = stop;
    }
  };

  // Indicator multipliers on final demand, μ_I = Lᵀ w_x: attribution needs them, and so do rules,
  // which follow the indicators they watch as running rates.
  const auto indicator_count = static_cast<Eigen::Index>(spec.indicators.size());
  Eigen::MatrixXd output_weights(n, indicator_count);
  for (Eigen::Index i = 0; i < indicator_count; ++i) output_weights.col(i) = spec.indicators[static_cast<std::size_t>(i)].on_output;
  const Eigen::MatrixXd multipliers = model.weighted_column_sums(output_weights);
  ++result.solves;
  // A component's effect on indicator i per unit of amplitude.
  const auto per_unit = [&](const Component& component, std::size_t i) {
    const Indicator& indicator = spec.indicators[i];
    const auto k = column_of(component.category);
    const auto column = static_cast<Eigen::Index>(i);
    double value = 0.0;
    for (const auto& [s, rate] : spec.demand(component)) value += rate * (multipliers(s, column) + indicator.on_demand(s, k));
    for (const auto& [s, rate] : spec.imports(component)) value += rate * indicator.on_imports(s);
    return value;
  };
  const Eigen::VectorXd no_change = Eigen::VectorXd::Zero(n);
  const Eigen::VectorXd base_output = model.output_for(Eigen::VectorXd(spec.base_demand.rowwise().sum()));
  ++result.solves;

  std::vector<double> base_rates;
  for (const Indicator& indicator : spec.indicators) {
    base_rates.push_back(indicator_value(indicator, base_output, spec.base_demand, no_change));
  }
  RuleState rules(spec, extended, per_unit, base_rates);
  const bool reacting = !spec.rules.empty();
  const auto set_amplitude = [&](std::size_t c, double value, Date date) {
    integrate(c, date);
    const double change = value - amplitude[c];
    amplitude[c] = value;
    if (change == 0.0) return;
    const Component& component = components[c];
    const auto k = column_of(component.category);
    for (const auto& [i, rate] : spec.demand(component)) demand(i, k) += change * rate;
    for (const auto& [i, rate] : spec.imports(component)) import_change(i) += change * rate;
    if (reacting) rules.changed(c, change);
  };

  // Scheduled levers are all known before the run starts, so they are sorted once into a
  // schedule (a million steps stream through the cache; a heap of them would not). Report ticks
  // and rule checks go through the event queue. The merge keeps the queue's total order: date, then
  // phase (every scheduled step is a change, before rules and the report on the same date), then
  // scheduling order (the sort is stable).
  // (date, index) pairs are unique, so a plain sort of these compact keys is the stable order.
  std::vector<std::pair<Date, std::size_t>> schedule(spec.steps.size());
  for (std::size_t s = 0; s < schedule.size(); ++s) schedule[s] = {spec.steps[s].date, s};
  std::sort(schedule.begin(), schedule.end());
  EventQueue<Tick> queue;
  rules.schedule(queue);
  for (std::size_t r = 0; r < result.report_dates.size(); ++r) {
    queue.push(result.report_dates[r], Phase::report, Tick{Tick::report, r});
  }
  const double horizon_days = static_cast<double>(horizon_end - spec.time.start);
  std::size_t next_step = 0;
  while (next_step < schedule.size() || !queue.empty()) {
    const bool step_first = next_step < schedule.size() &&
                            (queue.empty() || EventKey{schedule[next_step].first, Phase::change, 0} <
                                                  EventKey{queue.next_key().date, queue.next_key().phase, 0});
    if (!step_first) {
      const auto [key, tick] = queue.pop();
      if (tick.kind != Tick::report) {
        // A rule that fires sets amplitudes: its copies start at the acted-on event's amplitude.
        for (const auto& [copy, value] : rules.tick(key.date, tick, result.firings)) {
          amplitude.push_back(0.0);
          since.push_back(key.date);
          integral.resize(integral.size() + simulated_years, 0.0);
          set_amplitude(copy, value, key.date);
        }
        continue;
      }
      const Eigen::VectorXd exogenous = demand.rowwise().sum();
      const Eigen::VectorXd x = model.output_for(exogenous);
      ++result.solves;
      result.exogenous_series.row(static_cast<Eigen::Index>(tick.index)) = exogenous.transpose();
      quantities.record(
          result.quantities, [](Quantity& q) -> Eigen::MatrixXd& { return q.series; },
          static_cast<Eigen::Index>(tick.index), x, exogenous, import_change);
      if (progress) progress(static_cast<double>(key.date - spec.time.start) / horizon_days);
      continue;
    }
    const AmplitudeStep& step = spec.steps[schedule[next_step++].second];
    ++result.steps;
    if (!reacting) {
      set_amplitude(step.component, step.amplitude, step.date);
      continue;
    }
    rules.advance(step.date);
    set_amplitude(step.component, step.amplitude * rules.factor(step.component), step.date);
    for (const auto& [copy, factor] : rules.copies(step.component)) set_amplitude(copy, step.amplitude * factor, step.date);
    rules.scheduled(step.component, step.amplitude);
  }
  for (std::size_t c = 0; c < components.size(); ++c) integrate(c, horizon_end);

  // Yearly amounts: exogenous demand and import changes integrated exactly, then one solve per year
  // (all years at once): linearity makes L applied to the integral the integral of the outputs.
  std::vector<Eigen::MatrixXd> yearly_demand(simulated_years);
  Eigen::MatrixXd yearly_imports = Eigen::MatrixXd::Zero(n, static_cast<Eigen::Index>(simulated_years));
  std::vector<double> covered(simulated_years);
  for (std::size_t y = 0; y < simulated_years; ++y) {
    const int year = first_year + static_cast<int>(y);
    const Date from = std::max(spec.time.start, Date::from_ymd(year, 1, 1));
    const Date until = std::min(horizon_end, Date::from_ymd(year + 1, 1, 1));
    covered[y] = static_cast<double>(until - from) / days_in_year(year);
    yearly_demand[y] = spec.base_demand * covered[y];
  }
  for (std::size_t c = 0; c < components.size(); ++c) {
    const Component& component = components[c];
    const auto k = column_of(component.category);
    for (std::size_t y = 0; y < simulated_years; ++y) {
      const double a = integral[c * simulated_years + y];
      if (a == 0.0) continue;
      for (const auto& [i, rate] : spec.demand(component)) yearly_demand[y](i, k) += a * rate;
      for (const auto& [i, rate] : spec.imports(component)) yearly_imports(i, static_cast<Eigen::Index>(y)) += a * rate;
    }
  }
  Eigen::MatrixXd yearly_exogenous(n, static_cast<Eigen::Index>(simulated_years));
  for (std::size_t y = 0; y < simulated_years; ++y) {
    yearly_exogenous.col(static_cast<Eigen::Index>(y)) = yearly_demand[y].rowwise().sum();
  }
  const Eigen::MatrixXd yearly_output = model.output_for(yearly_exogenous);
  ++result.solves;
  quantities.record_table(result.quantities);
  result.exogenous_yearly.row(0) = spec.base_demand.rowwise().sum().transpose();
  result.exogenous_yearly.bottomRows(static_cast<Eigen::Index>(simulated_years)) = yearly_exogenous.transpose();
  for (std::size_t y = 0; y < simulated_years; ++y) {
    const auto column = static_cast<Eigen::Index>(y);
    quantities.record(
        result.quantities, [](Quantity& q) -> Eigen::MatrixXd& { return q.yearly; }, column + 1,
        yearly_output.col(column), yearly_exogenous.col(column), yearly_imports.col(column));
  }

  // Indicators: the base year from the table, then each simulated year.
  result.indicators.resize(indicator_count, year_count);
  for (Eigen::Index i = 0; i < indicator_count; ++i) {
    const Indicator& indicator = spec.indicators[static_cast<std::size_t>(i)];
    Eigen::MatrixXd by_sector(year_count, n);
    by_sector.row(0) = indicator_terms(indicator, table.output, spec.base_demand, no_change);
    for (std::size_t y = 0; y < simulated_years; ++y) {
      const auto column = static_cast<Eigen::Index>(y);
      by_sector.row(column + 1) =
          indicator_terms(indicator, yearly_output.col(column), yearly_demand[y], yearly_imports.col(column));
    }
    result.indicators.row(i) = by_sector.rowwise().sum().transpose();
    result.indicators_by_sector.push_back(std::move(by_sector));
  }

  // Attribution: a component with pattern p in category k adds ∫a · (μ_I + w_k)ᵀ p + ∫a · w_rᵀ r.
  const auto owner_count = static_cast<Eigen::Index>(spec.owners.size());
  for (Eigen::Index i = 0; i < indicator_count; ++i) {
    Eigen::MatrixXd attribution = Eigen::MatrixXd::Zero(owner_count + 1, year_count);
    attribution(0, 0) = result.indicators(i, 0);
    for (std::size_t y = 0; y < simulated_years; ++y) {
      attribution(0, static_cast<Eigen::Index>(y) + 1) = base_rates[static_cast<std::size_t>(i)] * covered[y];
    }
    for (std::size_t c = 0; c < components.size(); ++c) {
      const double effect = per_unit(components[c], static_cast<std::size_t>(i));
      if (effect == 0.0) continue;
      const auto row = static_cast<Eigen::Index>(components[c].owner) + 1;
      for (std::size_t y = 0; y < simulated_years; ++y) {
        attribution(row, static_cast<Eigen::Index>(y) + 1) += integral[c * simulated_years + y] * effect;
      }
    }
    result.attribution.push_back(std::move(attribution));
  }

  for (const TargetSpec& target : spec.targets) {
    const auto i = std::find_if(spec.indicators.begin(), spec.indicators.end(),
                                [&](const Indicator& ind) { return ind.name == target.indicator; }) -
                   spec.indicators.begin();
    const auto column = static_cast<Eigen::Index>(target.year - first_year + 1);
    TargetResult t{target};
    t.simulated_level = result.indicators(i, column);
    t.simulated_growth = t.simulated_level / result.indicators(i, column - 1) - 1.0;
    const double simulated = target.kind == TargetKind::growth ? t.simulated_growth : t.simulated_level;
    t.gap = simulated - target.value;
    // Within 1e-9 (growth) or 1e-9 relative (level), so a value sought to meet a target exactly
    // does not miss it by rounding.
    t.met = t.gap >= -1e-9 * (target.kind == TargetKind::growth ? 1.0 : std::max(1.0, std::abs(target.value)));
    result.targets.push_back(t);
  }
  return result;
}

}  // namespace regsim
