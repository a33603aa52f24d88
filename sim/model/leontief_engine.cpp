#include "model/leontief_engine.hpp"

#include <algorithm>
#include <utility>

#include "core/memory.hpp"
#include "core/money.hpp"
#include "events/event_queue.hpp"
#include "model/calendar.hpp"
#include "model/quantities.hpp"
#include "model/rule_state.hpp"

namespace regsim {

namespace {

/// The most values (report intervals × sectors × (categories + 1)) the changes of each interval
/// between reports may take (32 MB) in grouped_event_loop; beyond, event_loop walks the steps in
/// date order.
constexpr Index largest_interval_changes = Index{4} << 20;

/// 1 January of `years` + 1 consecutive years from `first`.
std::vector<Date> year_starts(int first, int years) {
  std::vector<Date> starts;
  for (int y = 0; y <= years; ++y) starts.push_back(Date::from_ymd(first + y, 1, 1));
  return starts;
}

/// A zero matrix whose memory is advised onto huge pages before it is written (core/memory.hpp):
/// the yearly integrals of a million components.
Eigen::MatrixXd zeros_on_huge_pages(Index rows, Index cols) {
  Eigen::MatrixXd zeros(rows, cols);
  advise_huge_pages(zeros.data(), to_size(zeros.size()) * sizeof(double));
  zeros.setZero();
  return zeros;
}

/// One run of the linear engine: the state (exogenous demand by category, import changes, each
/// component's amplitude since its last change and its integral per simulated year) and the named
/// steps over it: the event loop, the yearly integrals, attribution.
class LinearRun {
 public:
  LinearRun(const LeontiefModel& model, const SimulationSpec& spec, const LinearResponses* shared, bool reports,
            EngineRun& out)
      : model_(model),
        spec_(spec),
        shared_(shared),
        reports_(reports),
        out_(out),
        n_(spec.base_demand.rows()),
        first_year_(spec.time.start.year()),
        years_(spec.time.end.year() - first_year_ + 1),
        year_starts_(year_starts(first_year_, years_)),
        horizon_end_(spec.time.end + 1),
        // Rules append components (copies of the patterns of the event they act on), so the list
        // grows; without rules the spec's own list is used as it is (a million are not copied).
        extended_(spec.rules.empty() ? std::vector<Component>{} : spec.components),
        components_(spec.rules.empty() ? spec.components : extended_),
        demand_(spec.base_demand),
        import_change_(Eigen::VectorXd::Zero(n_)),
        amplitude_(huge_vector(spec.components.size(), 0.0)),
        since_(huge_vector(spec.components.size(), spec.time.start)),
        integral_(zeros_on_huge_pages(years_, std::ssize(spec.components))),
        multipliers_(shared ? shared->multipliers() : solved_multipliers()),
        base_rates_(shared ? shared->base_rates() : solved_base_rates()),
        rules_(
            spec, extended_, [this](const Component& c, IndicatorId i) { return per_unit(c, i); }, base_rates_) {}

  void event_loop(ReportSink& sink, const Progress& progress);
  void integrate_years();
  void attribute();

 private:
  Eigen::MatrixXd solved_multipliers();
  std::vector<double> solved_base_rates();
  bool recombine_output();
  bool steps_grouped_by_component() const;
  void grouped_event_loop(const std::vector<Date>& reports, ReportSink& sink, const Progress& progress);
  void integrate(ComponentId c, Date until);
  void set_amplitude(ComponentId c, double value, Date date);
  void apply_change(ComponentId c, double change);
  void report(std::size_t tick, Date date, ReportSink& sink, const Progress& progress);
  void step(const AmplitudeStep& step);
  double per_unit(const Component& component, IndicatorId indicator) const;

  const LeontiefModel& model_;
  const SimulationSpec& spec_;
  const LinearResponses* shared_;  // a central run's responses that hold for this spec, or nullptr
  const bool reports_;             // report dates are wanted: keep the running state
  EngineRun& out_;
  const Eigen::Index n_;
  const int first_year_;
  const int years_;  // simulated calendar years
  /// 1 January of each simulated year and of the year after: integrals find a date's year here
  /// rather than by calendar arithmetic, which was a tenth of an ensemble draw.
  const std::vector<Date> year_starts_;
  const Date horizon_end_;   // the day after the last simulated day
  std::vector<Component> extended_;
  const std::vector<Component>& components_;
  Eigen::MatrixXd demand_;
  Eigen::VectorXd import_change_;
  // The last report's solve, reused while no amplitude changed: a report is then O(n), not O(n²).
  bool changed_since_report_ = true;
  Eigen::VectorXd reported_exogenous_, reported_output_;
  std::vector<double> amplitude_;
  std::vector<Date> since_;
  Eigen::MatrixXd integral_;      // year × component: ∫ amplitude dt in years
  Eigen::MatrixXd multipliers_;   // n × indicators: μ_I = Lᵀ w_x
  std::vector<double> base_rates_;
  RuleState rules_;
};

// Indicator multipliers on final demand, μ_I = Lᵀ w_x: attribution needs them, and so do rules,
// which follow the indicators they watch as running rates.
Eigen::MatrixXd LinearRun::solved_multipliers() {
  ++out_.solves;
  return indicator_multipliers(model_, spec_);
}

// The indicators' annual rates in the base state (no event, no trend).
std::vector<double> LinearRun::solved_base_rates() {
  ++out_.solves;
  return indicator_base_rates(model_, spec_).first;
}

// A component's effect on indicator i per unit of amplitude.
double LinearRun::per_unit(const Component& component, IndicatorId i) const {
  const Indicator& indicator = spec_.indicators[i.value()];
  const auto k = column_of(component.category);
  const Eigen::Index column = i.index();
  double value = 0.0;
  for (const auto& [s, rate] : spec_.demand(component))
    value += rate * (multipliers_(s.index(), column) + indicator.on_demand(s.index(), k));
  for (const auto& [s, rate] : spec_.imports(component))
    value += rate * (indicator.on_imports(s.index()) + indicator.on_imported_demand(s.index(), k));
  return value;
}

// ∫ amplitude dt over [since, until), in years of the calendar year each day falls in.
void LinearRun::integrate(ComponentId id, Date until) {
  const std::size_t c = id.value();
  Date from = since_[c];
  since_[c] = until;
  const double a = amplitude_[c];
  if (a == 0.0 || !(from < until)) return;
  auto y = narrow<int>(std::upper_bound(year_starts_.begin(), year_starts_.end(), from) - year_starts_.begin()) - 1;
  while (from < until) {
    const Date stop = std::min(until, at(year_starts_, y + 1));
    integral_(y, id.index()) += accrued(a, stop - from, first_year_ + y);
    from = stop;
    ++y;
  }
}

void LinearRun::set_amplitude(ComponentId c, double value, Date date) {
  integrate(c, date);
  const double change = value - amplitude_[c.value()];
  amplitude_[c.value()] = value;
  if (change == 0.0) return;
  if (!spec_.rules.empty()) rules_.changed(c, change);
  if (reports_) apply_change(c, change);  // the running state is read only by reports
}

void LinearRun::apply_change(ComponentId c, double change) {
  changed_since_report_ = true;
  const Component& component = components_[c.value()];
  const auto k = column_of(component.category);
  for (const auto& [i, rate] : spec_.demand(component)) demand_(i.index(), k) += change * rate;
  for (const auto& [i, rate] : spec_.imports(component)) import_change_(i.index()) += change * rate;
}

void LinearRun::report(std::size_t tick, Date date, ReportSink& sink, const Progress& progress) {
  if (changed_since_report_) {
    reported_exogenous_ = demand_.rowwise().sum();
    reported_output_ = model_.output_for(reported_exogenous_);
    ++out_.solves;
    changed_since_report_ = false;
  }
  sink.report(tick, reported_output_, reported_exogenous_, import_change_);
  if (progress) {
    progress(as_real(date - spec_.time.start) / as_real(horizon_end_ - spec_.time.start));
  }
}

void LinearRun::step(const AmplitudeStep& step) {
  ++out_.steps;
  if (spec_.rules.empty()) {
    set_amplitude(step.component, step.amplitude, step.date);
    return;
  }
  rules_.advance(step.date);
  set_amplitude(step.component, step.amplitude * rules_.factor(step.component), step.date);
  for (const auto& [copy, factor] : rules_.copies(step.component))
    set_amplitude(copy, step.amplitude * factor, step.date);
  rules_.scheduled(step.component, step.amplitude);
}

// Scheduled levers are all known before the run starts, so they are sorted once into a schedule (a
// million steps stream through the cache; a heap of them would not). Report ticks and rule checks
// go through the event queue. The merge keeps the queue's total order: date, then phase (every
// scheduled step is a change, before rules and the report on the same date), then scheduling order.
void LinearRun::event_loop(ReportSink& sink, const Progress& progress) {
  const std::vector<Date> reports = reports_ ? report_dates(spec_.time) : std::vector<Date>{};
  if (spec_.rules.empty() && std::ssize(reports) * n_ * (final_demand_width + 1) <= largest_interval_changes &&
      steps_grouped_by_component()) {
    grouped_event_loop(reports, sink, progress);
    return;
  }
  // Date order, ties in scheduling order (the queue's order for changes on one day).
  std::vector<std::pair<Date, std::size_t>> schedule(spec_.steps.size());
  const std::vector<std::size_t> order = date_order(spec_.steps.size(), [&](std::size_t s) { return spec_.steps[s].date; });
  for (std::size_t s = 0; s < schedule.size(); ++s) schedule[s] = {spec_.steps[order[s]].date, order[s]};
  EventQueue<Tick> queue;
  rules_.schedule(queue);
  for (std::size_t r = 0; r < reports.size(); ++r) queue.push(reports[r], Phase::report, Tick{Tick::report, r});

  std::size_t next_step = 0;
  while (next_step < schedule.size() || !queue.empty()) {
    const bool step_first = next_step < schedule.size() &&
                            (queue.empty() || EventKey{schedule[next_step].first, Phase::change, 0} <
                                                  EventKey{queue.next_key().date, queue.next_key().phase, 0});
    if (step_first) {
      step(spec_.steps[schedule[next_step++].second]);
      continue;
    }
    const auto [key, tick] = queue.pop();
    if (tick.kind == Tick::report) {
      report(tick.index, key.date, sink, progress);
      continue;
    }
    // A rule that fires sets amplitudes: its copies start at the acted-on event's amplitude.
    for (const auto& [copy, value] : rules_.tick(key.date, tick, out_.firings)) {
      amplitude_.push_back(0.0);
      since_.push_back(key.date);
      integral_.conservativeResize(Eigen::NoChange, integral_.cols() + 1);
      integral_.col(integral_.cols() - 1).setZero();
      set_amplitude(copy, value, key.date);
    }
  }
  for (std::size_t c = 0; c < components_.size(); ++c) integrate(ComponentId(c), horizon_end_);
}

// True when each component's steps come together and in date order, as the spec's builder writes
// them: (component, date) never decreases along the steps.
bool LinearRun::steps_grouped_by_component() const {
  for (std::size_t s = 1; s < spec_.steps.size(); ++s) {
    const AmplitudeStep& before = spec_.steps[s - 1];
    const AmplitudeStep& step = spec_.steps[s];
    if (step.component < before.component || (step.component == before.component && step.date < before.date)) {
      return false;
    }
  }
  return true;
}

// Without rules a component's amplitude follows its own steps only. With the steps grouped by
// component, the integrals are one pass in the steps' own order, reading each component's state
// once (in date order a million components were touched at random, a third of the run). The
// reports need the running demand: each step's change goes into the change of the interval up to
// the first report on or after its date (small enough to stay in cache), and the reports add the
// intervals up. Demand then sums in another order than event_loop's, equal to rounding.
void LinearRun::grouped_event_loop(const std::vector<Date>& reports, ReportSink& sink, const Progress& progress) {
  // Per interval: demand by category (n × categories, by column), then the import changes (n).
  Eigen::MatrixXd interval_changes = Eigen::MatrixXd::Zero(n_ * (final_demand_width + 1), std::ssize(reports));
  std::vector<bool> interval_changed(reports.size(), false);
  for (std::size_t s = 0; s < spec_.steps.size(); ++s) {
    const AmplitudeStep& step = spec_.steps[s];
    ++out_.steps;
    integrate(step.component, step.date);
    double& amplitude = amplitude_[step.component.value()];
    const double change = step.amplitude - amplitude;
    amplitude = step.amplitude;
    const auto r = std::lower_bound(reports.begin(), reports.end(), step.date) - reports.begin();
    if (change == 0.0 || r == std::ssize(reports)) continue;  // after the last report: never reported
    interval_changed[to_size(r)] = true;
    const Component& component = components_[step.component.value()];
    double* demand = interval_changes.col(r).data();
    const Index category = column_of(component.category) * n_;
    for (const auto& [i, rate] : spec_.demand(component)) demand[category + i.index()] += change * rate;
    double* imports = demand + final_demand_width * n_;
    for (const auto& [i, rate] : spec_.imports(component)) imports[i.index()] += change * rate;
  }
  for (std::size_t c = 0; c < components_.size(); ++c) integrate(ComponentId(c), horizon_end_);
  for (std::size_t r = 0; r < reports.size(); ++r) {
    if (interval_changed[r]) {
      const auto column = interval_changes.col(to_index(r));
      demand_ += column.head(final_demand_width * n_).reshaped(n_, final_demand_width);
      import_change_ += column.tail(n_);
      changed_since_report_ = true;
    }
    report(r, reports[r], sink, progress);
  }
}

// Yearly amounts: exogenous demand and import changes integrated exactly, then one solve for all
// years at once: linearity makes L applied to the integral the integral of the outputs.
void LinearRun::integrate_years() {
  out_.demand = vector_of<Eigen::MatrixXd>(years_);
  out_.covered = vector_of<double>(years_);
  out_.imports = Eigen::MatrixXd::Zero(n_, years_);
  for (int y = 0; y < years_; ++y) {
    const int year = first_year_ + y;
    const Date from = std::max(spec_.time.start, Date::from_ymd(year, 1, 1));
    const Date until = std::min(horizon_end_, Date::from_ymd(year + 1, 1, 1));
    at(out_.covered, y) = accrued(1.0, until - from, year);
    at(out_.demand, y) = spec_.base_demand * at(out_.covered, y);
    out_.imported_demand.push_back(spec_.base_imported_demand * at(out_.covered, y));
  }
  for (Index c = 0; c < integral_.cols(); ++c) {
    const Component& component = at(components_, c);
    const auto k = column_of(component.category);
    for (int y = 0; y < years_; ++y) {
      const double a = integral_(y, c);
      if (a == 0.0) continue;
      for (const auto& [i, rate] : spec_.demand(component)) at(out_.demand, y)(i.index(), k) += a * rate;
      for (const auto& [i, rate] : spec_.imports(component)) {
        out_.imports(i.index(), y) += a * rate;
        at(out_.imported_demand, y)(i.index(), k) += a * rate;
      }
    }
  }
  out_.exogenous.resize(n_, years_);
  for (int y = 0; y < years_; ++y) out_.exogenous.col(y) = at(out_.demand, y).rowwise().sum();
  if (recombine_output()) return;
  out_.output = model_.output_for(out_.exogenous);
  ++out_.solves;
}

// x_y = covered_y · x_base + Σ_c (∫_y a_c) · L p_c, when every component has a response; else false.
bool LinearRun::recombine_output() {
  if (shared_ == nullptr) return false;
  std::vector<const double*> responses(components_.size());
  for (std::size_t c = 0; c < components_.size(); ++c) {
    responses[c] = c < spec_.components.size() ? shared_->response(spec_, ComponentId(c)) : nullptr;
    if (responses[c] == nullptr) return false;
  }
  out_.output.resize(n_, years_);
  for (int y = 0; y < years_; ++y) {
    auto column = out_.output.col(y);
    column = shared_->base_output() * at(out_.covered, y);
    for (Index c = 0; c < integral_.cols(); ++c) {
      const double a = integral_(y, c);
      if (a != 0.0) column += a * Eigen::Map<const Eigen::VectorXd>(at(responses, c), n_);
    }
  }
  return true;
}

// Attribution: a component with pattern p in category k adds ∫a · (μ_I + w_k)ᵀ p + ∫a · w_rᵀ r;
// the baseline row holds the base state's rate times the share of each year simulated.
void LinearRun::attribute() {
  const auto owner_count = std::ssize(spec_.owners);
  for (std::size_t i = 0; i < spec_.indicators.size(); ++i) {
    Eigen::MatrixXd attribution = Eigen::MatrixXd::Zero(owner_count + 1, years_ + 1);
    for (int y = 0; y < years_; ++y) attribution(0, y + 1) = base_rates_[i] * at(out_.covered, y);
    for (Index c = 0; c < integral_.cols(); ++c) {
      const double effect = per_unit(at(components_, c), IndicatorId(i));
      if (effect == 0.0) continue;
      const Eigen::Index row = at(components_, c).owner.index() + 1;
      for (int y = 0; y < years_; ++y) attribution(row, y + 1) += integral_(y, c) * effect;
    }
    out_.attribution.push_back(std::move(attribution));
  }
}

}  // namespace

EngineRun LeontiefEngine::run(const SimulationSpec& spec, ReportSink& sink, const Progress& progress) {
  EngineRun out;
  const LinearResponses* shared = shared_ != nullptr && shared_->shares_base(spec, model_) ? shared_ : nullptr;
  LinearRun run(model_, spec, shared, sink.wants_reports(), out);
  run.event_loop(sink, progress);
  run.integrate_years();
  run.attribute();
  return out;
}

}  // namespace regsim
