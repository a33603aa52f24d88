#include "model/rule_state.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "core/text.hpp"
#include "model/calendar.hpp"

namespace regsim {

RuleState::RuleState(const SimulationSpec& spec, std::vector<Component>& components, const PerUnit& per_unit,
                     const std::vector<double>& base_rates)
    : spec_(spec), components_(components), per_unit_(per_unit), last_(spec.time.start) {
  const bool any_held = std::find(spec.held.begin(), spec.held.end(), true) != spec.held.end();
  if (spec.rules.empty() && !any_held) return;
  const std::size_t count = components.size();
  factor_.assign(count, 1.0);
  copies_.resize(count);
  scheduled_.assign(count, 0.0);
  owned_.resize(spec.owners.size());
  for (std::size_t c = 0; c < count; ++c) {
    owned_[components[c].owner.value()].push_back(ComponentId(c));
    if (spec.held[components[c].owner.value()]) factor_[c] = 0.0;
  }
  for (const Rule& rule : spec.rules) {
    const auto known = std::find(watched_.begin(), watched_.end(), rule.indicator);
    watch_.push_back(to_size(known - watched_.begin()));
    if (known == watched_.end()) watched_.push_back(rule.indicator);
  }
  for (const IndicatorId i : watched_) base_rate_.push_back(base_rates[i.value()]);
  rate_ = base_rate_;
  cumulative_.assign(watched_.size(), 0.0);
  for (std::size_t c = 0; c < count; ++c) add_units(ComponentId(c));
  fired_.assign(spec.rules.size(), 0);
}

void RuleState::schedule(EventQueue<Tick>& queue) const {
  if (spec_.rules.empty()) return;
  for (Date d = first_of_next_month(spec_.time.start); d <= spec_.time.end; d = first_of_next_month(d)) {
    queue.push(d, Phase::rule, Tick{Tick::checkpoint, 0});
  }
  for (std::size_t r = 0; r < spec_.rules.size(); ++r) {
    for (Date d = next_report(spec_.time.start, spec_.rules[r].every); d <= spec_.time.end;
         d = next_report(d, spec_.rules[r].every)) {
      queue.push(d, Phase::rule, Tick{Tick::rule, r});
    }
  }
}

std::vector<std::pair<ComponentId, double>> RuleState::tick(Date date, const Tick& tick,
                                                            std::vector<RuleFiring>& firings) {
  std::vector<std::pair<ComponentId, double>> started;
  advance(date);
  if (tick.kind == Tick::checkpoint) {
    checkpoints_.emplace_back(date, cumulative_);
    return started;
  }
  const Rule& rule = spec_.rules[tick.index];
  if (fired_[tick.index] >= rule.max_times) return started;
  const std::size_t w = watch_[tick.index];
  const Date last_day = date + -1;
  const int year = last_day.year();
  const Date from = Date::from_ymd(year, 1, 1);
  const double current = cumulative(w, date) - cumulative(w, from);
  const double previous = cumulative(w, Date::from_ymd(date.year() - 1, date.month(), date.day())) -
                          cumulative(w, Date::from_ymd(year - 1, 1, 1));
  if (previous == 0.0) return started;
  const double growth = current / previous - 1.0;
  if (rule.below ? !(growth < rule.threshold) : !(growth > rule.threshold)) return started;
  ++fired_[tick.index];
  std::size_t added = 0;
  for (const ComponentId c : owned_[rule.acts_on.value()]) {
    double total = factor_[c.value()];
    for (const auto& copy : copies_[c.value()]) total += copy.second;
    const double factor = rule.action == RuleAction::scale   ? (rule.by - 1.0) * total
                          : rule.action == RuleAction::start ? 1.0 - total
                                                             : -total;
    if (factor == 0.0) continue;
    Component copy = components_[c.value()];
    copy.owner = rule.owner;
    const ComponentId added_id(components_.size());
    components_.push_back(copy);
    copies_[c.value()].emplace_back(added_id, factor);
    add_units(added_id);
    ++added;
    started.emplace_back(added_id, scheduled_[c.value()] * factor);
  }
  const char* verb = rule.action == RuleAction::scale ? "scale" : rule.action == RuleAction::start ? "start" : "stop";
  firings.push_back(
      RuleFiring{date, rule.owner,
                 fmt::format("{} year-to-date growth {} ({} to {}) {} {}: {} {}{} (firing {} of {}{})",
                             spec_.indicators[rule.indicator.value()].name, format_percent(growth), from.to_string(),
                             last_day.to_string(), rule.below ? "below" : "above", format_percent(rule.threshold), verb,
                             spec_.owners[rule.acts_on.value()],
                             rule.action == RuleAction::scale ? fmt::format(" by {:.6g}", rule.by) : std::string(),
                             fired_[tick.index], rule.max_times, added == 0 ? "; nothing to change" : "")});
  return started;
}

void RuleState::add_units(ComponentId c) {
  for (const IndicatorId i : watched_) units_.push_back(per_unit_(components_[c.value()], i));
}

/// ∫ indicator dt from the start to `date` (negative before the start, where the indicator runs at
/// its rate in the base state); dates after the start are checkpoints or the current date.
double RuleState::cumulative(std::size_t w, Date date) const {
  if (date <= spec_.time.start) return -base_rate_[w] * years_between(date, spec_.time.start);
  if (date == last_) return cumulative_[w];
  const auto it = std::lower_bound(checkpoints_.begin(), checkpoints_.end(), date,
                                   [](const auto& checkpoint, Date d) { return checkpoint.first < d; });
  if (it == checkpoints_.end() || it->first != date) {
    throw std::logic_error(
        fmt::format("rule check needs the indicator on {}, which is no checkpoint", date.to_string()));
  }
  return it->second[w];
}

}  // namespace regsim
