#pragma once

// Private to sim/model: what the spec's readers (run_spec.cpp, disruption_spec.cpp) share: the
// builder that appends components, steps and log lines to a SimulationSpec, and a formatter for
// the sectors a lever names.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <span>
#include <string>
#include <utility>

#include "core/error.hpp"
#include "model/sector_resolver.hpp"
#include "model/simulation.hpp"

namespace regsim {

/// "code" for one sector, "a 60 %, b 40 %" for several.
struct DescribedRates {
  const IoTable& table;
  std::span<const SectorRate> rates;
};

}  // namespace regsim

template <>
struct fmt::formatter<regsim::DescribedRates> : fmt::formatter<std::string_view> {
  auto format(const regsim::DescribedRates& d, fmt::format_context& ctx) const {
    auto out = ctx.out();
    bool first = true;
    for (const auto& [i, share] : d.rates) {
      if (!first) out = fmt::format_to(out, ", ");
      first = false;
      const std::string& code = d.table.sectors[i.value()].code;
      out = d.rates.size() == 1 ? fmt::format_to(out, "{}", code)
                                : fmt::format_to(out, "{} {:.4g} %", code, share * 100.0);
    }
    return out;
  }
};

namespace regsim {

class SpecBuilder {
 public:
  explicit SpecBuilder(SimulationSpec& spec) : spec_(spec) {}

  ComponentId add_component(OwnerId owner, FinalDemand category, std::span<const SectorRate> demand,
                            std::span<const SectorRate> imports = {}) {
    spec_.components.push_back({owner, category, spec_.rates.size(), narrow<std::uint32_t>(demand.size()),
                                narrow<std::uint32_t>(imports.size())});
    spec_.rates.insert(spec_.rates.end(), demand.begin(), demand.end());
    spec_.rates.insert(spec_.rates.end(), imports.begin(), imports.end());
    return ComponentId(spec_.components.size() - 1);
  }

  /// Under supply constraints the component's demand rates are also new production capacity.
  void mark_capacity(ComponentId c) { spec_.components[c.value()].adds_capacity = true; }

  /// Schedules an amplitude; changes after the horizon never happen.
  void step(Date date, ComponentId component, double amplitude) {
    if (date <= spec_.time.end) spec_.steps.push_back({std::max(date, spec_.time.start), component, amplitude});
  }

  /// Day-by-day annual rates `rate_on(d, days in day d's year)` for `days` days from `from`, then
  /// 0; a step only where the rate changes, so a flat profile costs two steps. The year's length is
  /// followed across 1 January rather than computed for every day.
  template <class RateOn>
  void daily(ComponentId component, Date from, int days, RateOn rate_on, bool stop_after) {
    double current = std::nan("");
    int year = from.year();
    Date next_year = Date::from_ymd(year + 1, 1, 1);
    for (int d = 0; d < days; ++d) {
      const Date day = from + d;
      if (day >= next_year) {
        ++year;
        next_year = Date::from_ymd(year + 1, 1, 1);
      }
      const double rate = rate_on(d, days_in_year(year));
      if (rate != current) step(day, component, rate);
      current = rate;
    }
    if (stop_after) step(from + days, component, 0.0);
  }

  /// As daily() for a rate that depends only on the length of each day's year (an amount spread
  /// evenly over a window): the same steps, found per calendar year instead of per day.
  template <class RateOfYear>
  void evenly(ComponentId component, Date from, int days, RateOfYear rate_of, bool stop_after) {
    double current = std::nan("");
    const Date end = from + days;
    int year = from.year();
    for (Date day = from; day < end; day = Date::from_ymd(++year, 1, 1)) {
      const double rate = rate_of(days_in_year(year));
      if (rate != current) step(day, component, rate);
      current = rate;
    }
    if (stop_after) step(end, component, 0.0);
  }

  /// A log line for `owner`, formatted straight into the spec's log text.
  template <class... Args>
  void log(Date date, OwnerId owner, fmt::format_string<Args...> format, Args&&... args) {
    if (date > spec_.time.end) return;
    // Formatted into a buffer that keeps its memory, then appended: fmt writing through a
    // back_inserter resizes (and zero-fills) the whole log text on every line.
    line_.clear();
    fmt::format_to(fmt::appender(line_), format, std::forward<Args>(args)...);
    const std::size_t offset = spec_.log_text.size();
    spec_.log_text.append(line_.data(), line_.size());
    spec_.log.push_back({std::max(date, spec_.time.start), LogForm::text, owner, offset, line_.size()});
  }

  /// A demand event's log lines, written out only when read (log_detail): the start on `from`,
  /// and the end on `until` unless the horizon is over by then.
  void log_demand(Date from, Date until, OwnerId owner, DemandLogLine line, std::span<const SectorRate> pattern) {
    if (from > spec_.time.end) return;
    line.first = spec_.log_rates.size();
    line.size = narrow<std::uint32_t>(pattern.size());
    spec_.log_rates.insert(spec_.log_rates.end(), pattern.begin(), pattern.end());
    const std::size_t index = spec_.demand_log.size();
    spec_.demand_log.push_back(line);
    spec_.log.push_back({std::max(from, spec_.time.start), LogForm::demand_starts, owner, index, 0});
    if (until <= spec_.time.end)
      spec_.log.push_back({std::max(until, spec_.time.start), LogForm::demand_ends, owner, index, 0});
  }

 private:
  SimulationSpec& spec_;
  fmt::memory_buffer line_;
};

/// A disruption (ARIO runs) resolved against the table: its damage vector checked against
/// productive capital, its rebuild stock, its log line (disruption_spec.cpp).
void add_disruption(SpecBuilder& builder, SectorResolver& resolver, const IoTable& table, const DynamicsSpec& dynamics,
                    OwnerId owner, const EventSpec& event, const DisruptionEventSpec& spec, Diagnostics& diagnostics,
                    SimulationSpec& out);

}  // namespace regsim
