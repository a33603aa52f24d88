#pragma once

// Private to sim/model: the state rules keep during a run (docs/whatif.md, "Rules").

#include <functional>
#include <utility>
#include <vector>

#include "core/money.hpp"
#include "events/event_queue.hpp"
#include "model/calendar.hpp"
#include "model/simulation.hpp"

namespace regsim {

/// Work scheduled through the event queue: a report, a checkpoint of the watched indicators (the
/// first of each month) or a rule check.
struct Tick {
  enum Kind : std::uint8_t { report, checkpoint, rule } kind = report;
  std::size_t index = 0;  ///< report date or rule
};

/// Rules during a run (docs/whatif.md, "Rules"): the watched indicators as running rates and their
/// integrals, the gates of held events, and the copies rules add. Inert, and nearly free, in a run
/// without rules.
class RuleState {
 public:
  using PerUnit = std::function<double(const Component&, IndicatorId)>;

  /// `components` is the run's list, which rules append to; `base_rates` the indicators' rates in
  /// the base state (before the start they run at these).
  RuleState(const SimulationSpec& spec, std::vector<Component>& components, const PerUnit& per_unit,
            const std::vector<double>& base_rates);

  /// Checkpoints on the first of every month, then each rule's checks, in file order on a date.
  void schedule(EventQueue<Tick>& queue) const;

  [[nodiscard]] double factor(ComponentId c) const { return factor_.empty() ? 1.0 : factor_[c.value()]; }
  [[nodiscard]] const std::vector<std::pair<ComponentId, double>>& copies(ComponentId c) const {
    return copies_.empty() ? none_ : copies_[c.value()];
  }
  void scheduled(ComponentId c, double amplitude) {
    if (!scheduled_.empty()) scheduled_[c.value()] = amplitude;
  }

  /// Brings the watched indicators' integrals up to `date`.
  void advance(Date date) {
    if (watched_.empty() || date == last_) return;
    const double years = years_between(last_, date);
    for (std::size_t w = 0; w < watched_.size(); ++w) cumulative_[w] += rate_[w] * years;
    last_ = date;
  }

  /// Sets each watched indicator's rate to `rate_of(indicator)`: for an engine whose indicators are
  /// not linear in the amplitudes (ARIO), which follows them from its realised state day by day.
  template <class RateOf>
  void set_rates(RateOf&& rate_of) {
    for (std::size_t w = 0; w < watched_.size(); ++w) rate_[w] = rate_of(watched_[w]);
  }

  /// Component `c`'s amplitude changed by `change` (after advance to the date of the change).
  void changed(ComponentId c, double change) {
    const std::size_t w_count = watched_.size();
    for (std::size_t w = 0; w < w_count; ++w) rate_[w] += change * units_[c.value() * w_count + w];
  }

  /// A checkpoint or a rule check on `date`. A rule that fires adds components and appends a line
  /// to `firings`; it returns the new components with the amplitude each starts at.
  std::vector<std::pair<ComponentId, double>> tick(Date date, const Tick& tick, std::vector<RuleFiring>& firings);

 private:
  void add_units(ComponentId c);
  double cumulative(std::size_t w, Date date) const;

  const SimulationSpec& spec_;
  std::vector<Component>& components_;
  PerUnit per_unit_;
  std::vector<double> factor_;  // per original component: 0 while its event is held, else 1
  std::vector<std::vector<std::pair<ComponentId, double>>> copies_;  // per original: (copy, factor)
  std::vector<double> scheduled_;                // per original: the amplitude its schedule says now
  std::vector<std::vector<ComponentId>> owned_;  // per owner: its original components
  std::vector<IndicatorId> watched_;             // indicators rules watch
  std::vector<std::size_t> watch_;               // per rule: its entry in watched_
  std::vector<double> units_;                    // per component × watched: effect per unit amplitude
  std::vector<double> base_rate_, rate_, cumulative_;
  Date last_;
  std::vector<std::pair<Date, std::vector<double>>> checkpoints_;
  std::vector<int> fired_;
  inline static const std::vector<std::pair<ComponentId, double>> none_{};
};

}  // namespace regsim
