#include "whatif/seek.hpp"

#include <fmt/format.h>
#include <Eigen/QR>

#include <algorithm>
#include <cmath>
#include <optional>

#include "core/error.hpp"
#include "core/text.hpp"
#include "iomodel/table_loader.hpp"

namespace regsim {

std::string InstrumentValue::text(double v) const {
  // Twelve significant digits: exact enough for any target (1e-12 relative), short enough to read.
  return spec.is_date() ? Date::from_days(narrow<std::int64_t>(std::llround(v))).to_string()
                        : fmt::format("{:.12g}", v);
}

std::string InstrumentValue::override_text() const {
  return fmt::format("events.{}.{}={}", spec.event, spec.field, text(value));
}

Eigen::VectorXd solve_within_bounds(const Eigen::MatrixXd& a, const Eigen::VectorXd& b, const Eigen::VectorXd& lo,
                                    const Eigen::VectorXd& hi) {
  const Eigen::Index n = a.cols();
  const double tolerance = 1e-10 * std::max(1.0, b.norm());
  // Exact: the minimum-norm solution over the free variables; fix the one furthest out of its box,
  // and release a fixed one whose bound no longer binds (the optimum has u_k = clamp(a_kᵀλ)).
  Eigen::VectorXd u = Eigen::VectorXd::Zero(n);
  std::vector<bool> fixed(to_size(n), false);
  for (Eigen::Index round = 0; round <= 4 * n; ++round) {
    std::vector<Eigen::Index> free;
    for (Eigen::Index k = 0; k < n; ++k) {
      if (!at(fixed, k)) free.push_back(k);
    }
    if (free.empty()) break;
    Eigen::VectorXd rhs = b;
    for (Eigen::Index k = 0; k < n; ++k) {
      if (at(fixed, k)) rhs -= a.col(k) * u(k);
    }
    Eigen::MatrixXd a_free(a.rows(), std::ssize(free));
    for (Index j = 0; j < std::ssize(free); ++j) a_free.col(j) = a.col(at(free, j));
    const Eigen::VectorXd u_free = a_free.completeOrthogonalDecomposition().solve(rhs);
    if ((a_free * u_free - rhs).norm() > tolerance) break;  // the free variables cannot reach b
    Eigen::Index worst = -1;
    double worst_by = 0.0;
    for (Index j = 0; j < std::ssize(free); ++j) {
      const Eigen::Index k = at(free, j);
      u(k) = u_free(j);
      const double by = std::max(lo(k) - u(k), u(k) - hi(k));
      if (by > worst_by) {
        worst_by = by;
        worst = k;
      }
    }
    if (worst < 0) {
      // u_free = A_Fᵀ λ (it is the minimum-norm solution); a bound binds while a_kᵀλ lies beyond it.
      const Eigen::VectorXd lambda = a_free.transpose().completeOrthogonalDecomposition().solve(u_free);
      bool released = false;
      for (Eigen::Index k = 0; k < n; ++k) {
        if (!at(fixed, k)) continue;
        const double wanted = a.col(k).dot(lambda);
        const double slack = 1e-12 * std::max(1.0, hi(k) - lo(k));
        if ((u(k) >= hi(k) && wanted < hi(k) - slack) || (u(k) <= lo(k) && wanted > lo(k) + slack)) {
          at(fixed, k) = false;
          released = true;
        }
      }
      if (!released) return u;
      continue;
    }
    u(worst) = std::clamp(u(worst), lo(worst), hi(worst));
    at(fixed, worst) = true;
  }
  // Best reachable: minimize ‖A u − b‖² in the box by cyclic coordinate descent (convergent for a
  // convex quadratic); a tiny ridge picks the smallest change among equally good answers.
  const Eigen::MatrixXd h = a.transpose() * a;
  const double ridge = 1e-12 * std::max(1.0, h.diagonal().maxCoeff());
  u = u.cwiseMax(lo).cwiseMin(hi);
  Eigen::VectorXd residual = a * u - b;
  for (int sweep = 0; sweep < 100000; ++sweep) {
    double moved = 0.0;
    for (Eigen::Index k = 0; k < n; ++k) {
      const double gradient = a.col(k).dot(residual) + ridge * u(k);
      const double next = std::clamp(u(k) - gradient / (h(k, k) + ridge), lo(k), hi(k));
      const double step = next - u(k);
      if (step == 0.0) continue;
      residual += a.col(k) * step;
      u(k) = next;
      moved = std::max(moved, std::abs(step) / std::max(1.0, hi(k) - lo(k)));
    }
    if (moved < 1e-15) break;
  }
  return u;
}

namespace {

/// Per target: its indicator in the target year and in the year before.
using TargetLevels = IdVector<TargetId, std::pair<double, double>>;

/// The event an instrument moves (a Scenario or a const one); the reader checked that it exists.
template <class ScenarioT>
auto& event_of(ScenarioT& scenario, const InstrumentSpec& instrument) {
  return *std::find_if(scenario.events.begin(), scenario.events.end(),
                       [&](const EventSpec& e) { return e.id == instrument.event; });
}

/// The instrument's field in the scenario: an amount, or a date as days since the epoch.
double initial_value(const Scenario& scenario, const InstrumentSpec& instrument) {
  const EventSpec& event = event_of(scenario, instrument);
  if (const auto* demand = std::get_if<DemandEventSpec>(&event.detail)) {
    if (instrument.field == "amount") return demand->amount.per_year();
    if (instrument.field == "total") return demand->total->amount();
    return as_real(demand->from.days_since_epoch());
  }
  const auto& project = std::get<ProjectEventSpec>(event.detail);
  if (instrument.field == "capex") return project.capex.amount();
  if (instrument.field == "output") return project.output.per_year();
  return as_real(project.online.days_since_epoch());
}

/// Sets the instrument's field in a resolved scenario (the reader checked the event and field).
void set_value(Scenario& scenario, const InstrumentSpec& instrument, double value) {
  EventSpec& event = event_of(scenario, instrument);
  const Date day = Date::from_days(narrow<std::int64_t>(std::llround(value)));
  if (auto* demand = std::get_if<DemandEventSpec>(&event.detail)) {
    if (instrument.field == "amount") {
      demand->amount = MoneyRate(value);
    } else if (instrument.field == "total") {
      demand->total = Money(value);
    } else if (day > demand->to) {
      throw InputError(instrument.where, "seek.instruments",
                       fmt::format("moving events[{}].from to {} puts it after the event's end ({})", event.id,
                                   day.to_string(), demand->to.to_string()));
    } else {
      demand->from = day;
    }
    return;
  }
  auto& project = std::get<ProjectEventSpec>(event.detail);
  if (instrument.field == "capex") {
    project.capex = Money(value);
  } else if (instrument.field == "output") {
    project.output = MoneyRate(value);
  } else {
    project.online = day;
  }
}

/// Runs the scenario with instrument values and measures the targets. The scenario is read, and
/// the table and model built, once: each trial changes the resolved scenario in memory.
class Evaluator {
 public:
  Evaluator(std::vector<std::string> overrides, const Scenario& first)
      : overrides_(std::move(overrides)),
        base_(first),
        seek_(*first.seek),
        table_(load_table(first.economy)),
        model_(table_, first.economy.households) {
    for (const auto& instrument : seek_.instruments) {
      instruments_.push_back({instrument, initial_value(first, instrument), 0.0, false});
    }
  }

  [[nodiscard]] const std::vector<InstrumentValue>& instruments() const { return instruments_; }
  [[nodiscard]] std::size_t count() const { return count_; }

  std::vector<std::string> overrides(const std::vector<double>& values) {
    std::vector<std::string> all = overrides_;
    for (std::size_t k = 0; k < values.size(); ++k) {
      instruments_[k].value = values[k];
      all.push_back(instruments_[k].override_text());
    }
    return all;
  }

  /// Per target, (indicator in the year, indicator the year before).
  TargetLevels levels(const std::vector<double>& values) {
    Scenario scenario = base_;
    for (std::size_t k = 0; k < values.size(); ++k) set_value(scenario, instruments_[k].spec, values[k]);
    const SimulationSpec spec = simulation_spec(scenario, table_, model_);
    const SimulationResult result = simulate(table_, model_, spec);
    ++count_;
    return target_levels(spec, result);
  }

  TargetLevels target_levels(const SimulationSpec& spec, const SimulationResult& result) const {
    TargetLevels out;
    for (const TargetSpec& t : seek_.targets) {
      const Index i = std::find_if(spec.indicators.begin(), spec.indicators.end(),
                                   [&](const Indicator& x) { return x.name == t.indicator; }) -
                      spec.indicators.begin();
      const Index y = *position_of(result.years, t.year);
      out.push_back({result.indicators(i, y), result.indicators(i, y - 1)});
    }
    return out;
  }

  /// Residuals, linear in amounts: I_Y − (1 + g) I_{Y−1} or I_Y − level, over a fixed scale.
  Eigen::VectorXd residuals(const std::vector<double>& values) {
    const auto measured = levels(values);
    if (scales_.empty()) {
      for (const TargetId t : measured.ids()) {
        const double base = seek_.targets[t].kind == TargetKind::growth ? measured[t].second : seek_.targets[t].value;
        scales_.push_back(std::abs(base) > 0.0 ? std::abs(base) : 1.0);
      }
    }
    Eigen::VectorXd h(measured.size());
    for (const TargetId t : measured.ids()) {
      const TargetSpec& target = seek_.targets[t];
      const auto [level, before] = measured[t];
      const double gap =
          target.kind == TargetKind::growth ? level - (1.0 + target.value) * before : level - target.value;
      h(t.index()) = gap / at(scales_, t.index());
    }
    return h;
  }

 private:
  std::vector<std::string> overrides_;
  Scenario base_;
  SeekSpec seek_;
  IoTable table_;
  LeontiefModel model_;
  std::vector<InstrumentValue> instruments_;
  std::vector<double> scales_;
  std::size_t count_ = 0;
};

/// The date in [earliest, latest] where the targets are just met: bisection to the day where
/// "every target met" changes; without a change, the end nearer to meeting them exactly.
double bracket_date(Evaluator& evaluator, std::vector<double>& values, std::size_t k) {
  const InstrumentSpec& spec = evaluator.instruments()[k].spec;
  const auto worst = [&](double day) {
    values[k] = day;
    return evaluator.residuals(values).minCoeff();
  };
  double lo = as_real(spec.earliest.days_since_epoch());
  double hi = as_real(spec.latest.days_since_epoch());
  const double at_lo = worst(lo);
  const double at_hi = worst(hi);
  if ((at_lo >= 0.0) == (at_hi >= 0.0)) {
    // Both meet: the end closer to the target; neither: the end closer to meeting it.
    const bool choose_lo = at_lo >= 0.0 ? at_lo <= at_hi : at_lo >= at_hi;
    return choose_lo ? lo : hi;
  }
  const bool lo_meets = at_lo >= 0.0;
  while (hi - lo > 1.0) {
    const double mid = std::floor((lo + hi) / 2.0);
    if ((worst(mid) >= 0.0) == lo_meets) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return lo_meets ? lo : hi;
}

/// Amounts by a linear solve on measured sensitivities, within bounds. Linear in amounts, so one
/// Newton step is exact; rules can make it nonlinear, hence a few more.
void solve_amounts(Evaluator& evaluator, std::vector<double>& values, const std::vector<std::size_t>& amounts) {
  for (int iteration = 0; iteration < 6; ++iteration) {
    const Eigen::VectorXd h0 = evaluator.residuals(values);
    if (h0.cwiseAbs().maxCoeff() < 1e-12) break;
    const auto m = h0.size();
    const auto n = std::ssize(amounts);
    Eigen::MatrixXd jacobian(m, n);
    Eigen::VectorXd lo(n), hi(n);
    for (Eigen::Index j = 0; j < n; ++j) {
      const std::size_t k = at(amounts, j);
      const InstrumentSpec& s = evaluator.instruments()[k].spec;
      const double range = s.max - s.min;
      // A step of a tenth of the range, into the box; sensitivities are per unit of range.
      const double step = values[k] + 0.1 * range <= s.max ? 0.1 * range : -0.1 * range;
      std::vector<double> moved = values;
      moved[k] += step;
      jacobian.col(j) = (evaluator.residuals(moved) - h0) / step * range;
      lo(j) = (s.min - values[k]) / range;
      hi(j) = (s.max - values[k]) / range;
    }
    const Eigen::VectorXd u = solve_within_bounds(jacobian, -h0, lo, hi);
    double moved_by = 0.0;
    for (Eigen::Index j = 0; j < n; ++j) {
      const std::size_t k = at(amounts, j);
      const InstrumentSpec& s = evaluator.instruments()[k].spec;
      values[k] = std::clamp(values[k] + u(j) * (s.max - s.min), s.min, s.max);
      moved_by = std::max(moved_by, std::abs(u(j)));
    }
    if (moved_by < 1e-12) break;
  }
}

}  // namespace

SeekOutcome seek(const std::filesystem::path& file, const std::vector<std::string>& overrides) {
  const Scenario first = load_scenario(file, overrides);
  if (!first.seek) {
    throw InputError(SourceLocation{file.string(), 0, 0}, "seek",
                     "this scenario has no seek: block (targets and instruments, docs/whatif.md)");
  }
  if (first.dynamics.model != DynamicsModel::leontief) {
    // The seek solves for amounts as a linear system; under supply constraints they are not linear.
    throw InputError(first.dynamics.where, "dynamics.model",
                     "seek needs the linear engine (dynamics.model: leontief); under ario the levers' effects are "
                     "not linear in their amounts");
  }
  Evaluator evaluator(overrides, first);
  std::vector<double> values;
  for (const InstrumentValue& instrument : evaluator.instruments()) {
    const InstrumentSpec& s = instrument.spec;
    const double lo = s.is_date() ? as_real(s.earliest.days_since_epoch()) : s.min;
    const double hi = s.is_date() ? as_real(s.latest.days_since_epoch()) : s.max;
    values.push_back(std::clamp(instrument.initial, lo, hi));
  }

  // Dates first, amounts at their scenario values; then amounts for what remains.
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (evaluator.instruments()[k].spec.is_date()) values[k] = bracket_date(evaluator, values, k);
  }
  std::vector<std::size_t> amounts;
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (!evaluator.instruments()[k].spec.is_date()) amounts.push_back(k);
  }
  if (!amounts.empty()) solve_amounts(evaluator, values, amounts);

  // The run reported is the run of the values as written (see InstrumentValue::text).
  for (std::size_t k = 0; k < values.size(); ++k) {
    const InstrumentValue& instrument = evaluator.instruments()[k];
    values[k] = instrument.spec.is_date() ? std::round(values[k]) : *parse_number(instrument.text(values[k]));
  }
  SeekOutcome outcome;
  outcome.overrides = evaluator.overrides(values);
  outcome.instruments = evaluator.instruments();
  for (InstrumentValue& instrument : outcome.instruments) {
    const InstrumentSpec& s = instrument.spec;
    const double lo = s.is_date() ? as_real(s.earliest.days_since_epoch()) : s.min;
    const double hi = s.is_date() ? as_real(s.latest.days_since_epoch()) : s.max;
    const double close = s.is_date() ? 0.5 : 1e-9 * (hi - lo);
    instrument.at_bound = std::abs(instrument.value - lo) <= close || std::abs(instrument.value - hi) <= close;
  }
  outcome.run = std::make_unique<ScenarioRun>(load_scenario(file, outcome.overrides));
  outcome.evaluations = evaluator.count() + 1;
  const auto measured = evaluator.target_levels(outcome.run->spec, outcome.run->result);
  outcome.feasible = true;
  for (const TargetId t : measured.ids()) {
    const TargetSpec& target = first.seek->targets[t];
    const double reached =
        target.kind == TargetKind::growth ? measured[t].first / measured[t].second - 1.0 : measured[t].first;
    const double gap = reached - target.value;
    const double tolerance = 1e-9 * (target.kind == TargetKind::growth ? 1.0 : std::max(1.0, std::abs(target.value)));
    outcome.targets.push_back({target, reached, gap, gap >= -tolerance});
    outcome.feasible = outcome.feasible && gap >= -tolerance;
  }
  return outcome;
}

}  // namespace regsim
