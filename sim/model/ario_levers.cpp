// The levers of one ARIO day: scheduled amplitude steps (demand, imports, project capacity) and the
// rules that watch the realised indicators and change amplitudes (docs/dynamics.md, "Rules").

#include "model/ario_run.hpp"
#include "model/quantities.hpp"

namespace regsim::ario {

// The levers: every amplitude step dated on or before `day` changes final demand, imports and
// (projects) capacity from that day on.
void DailyRun::apply_levers(Date day) {
  bool changed = next_step_ == 0;
  while (next_step_ < schedule_.size() && schedule_[next_step_].first <= day) {
    const AmplitudeStep& step = spec_.steps[schedule_[next_step_++].second];
    ++applied_;
    // A held event's steps act only once a rule starts it; the copies rules made follow them.
    changed |= set_amplitude(step.component, step.amplitude * rules_.factor(step.component));
    for (const auto& [copy, factor] : rules_.copies(step.component))
      changed |= set_amplitude(copy, step.amplitude * factor);
    rules_.scheduled(step.component, step.amplitude);
  }
  changed |= apply_rules(day);
  if (changed) {
    final_ = demand_ / p_.dynamics.days_per_year;
    final_sum_ = final_.rowwise().sum();
  }
}

// Amplitudes are absolute; a component's change is its new amplitude minus its last one. Whether
// final demand changed.
bool DailyRun::set_amplitude(ComponentId c, double value) {
  double& amplitude = amplitude_[c.value()];
  const double change = value - amplitude;
  amplitude = value;
  if (change == 0.0) return false;
  const Component& component = components_[c.value()];
  const auto k = column_of(component.category);
  for (const auto& [i, rate] : spec_.demand(component)) {
    demand_(i.index(), k) += change * rate;
    if (component.adds_capacity) capacity_added_(i.index()) += change * rate;
  }
  for (const auto& [i, rate] : spec_.imports(component)) {
    import_rates_(i.index()) += change * rate;
    imported_demand_(i.index(), k) += change * rate;
  }
  return true;
}

// Checkpoints and rule checks dated `day`, after the day's scheduled changes and before it is
// produced (docs/whatif.md, "Order"). A rule left out of this run (attribution) never fires.
bool DailyRun::apply_rules(Date day) {
  bool changed = false;
  while (!rule_ticks_.empty() && rule_ticks_.next_key().date <= day) {
    const auto [key, tick] = rule_ticks_.pop();
    if (tick.kind == Tick::rule && !enabled_[spec_.rules[tick.index].owner.value()]) continue;
    for (const auto& [copy, value] : rules_.tick(key.date, tick, firings_)) {
      amplitude_.push_back(0.0);
      changed |= set_amplitude(copy, value);
    }
  }
  return changed;
}

// The watched indicators over `day`, from what was realised that day (as `integrate` counts it),
// into the rules' running integrals.
void DailyRun::follow_rules(Date day) {
  if (spec_.rules.empty()) return;
  const IndicatorState state{realised_ * p_.dynamics.days_per_year, demand_,
                             import_rates_ + shortfall_ * p_.dynamics.days_per_year, imported_demand_};
  rules_.set_rates([&](IndicatorId i) { return indicator_value(spec_.indicators[i.value()], state); });
  rules_.advance(day + 1);
}

}  // namespace regsim::ario
