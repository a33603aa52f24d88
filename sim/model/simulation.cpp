#include "model/simulation.hpp"

#include <variant>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/text.hpp"
#include "events/event_queue.hpp"

namespace regsim {

namespace {

struct StartDemand {
  std::size_t event;
};
struct StopDemand {
  std::size_t event;
};
struct Report {
  std::size_t index;
};
using Action = std::variant<StartDemand, StopDemand, Report>;

Date first_of_next_month(Date d) {
  const int month = d.month();
  return month == 12 ? Date::from_ymd(d.year() + 1, 1, 1) : Date::from_ymd(d.year(), month + 1, 1);
}

Date next_report(Date d, ReportFrequency frequency) {
  switch (frequency) {
    case ReportFrequency::daily:
      return d + 1;
    case ReportFrequency::weekly:
      return d + 7;
    case ReportFrequency::monthly:
      return first_of_next_month(d);
    case ReportFrequency::quarterly: {
      Date next = first_of_next_month(d);
      while ((next.month() - 1) % 3 != 0) next = first_of_next_month(next);
      return next;
    }
    case ReportFrequency::yearly:
      return Date::from_ymd(d.year() + 1, 1, 1);
  }
  return d + 1;
}

// Adds rate · (days of [from, until) in each calendar year) / days_in_year to the yearly rows.
void integrate(Eigen::MatrixXd& yearly, const Eigen::VectorXd& rate, Date from, Date until, int first_year) {
  while (from < until) {
    const int year = from.year();
    const Date year_end = Date::from_ymd(year + 1, 1, 1);
    const Date stop = std::min(until, year_end);
    const double share = static_cast<double>(stop - from) / days_in_year(year);
    yearly.row(year - first_year) += share * rate.transpose();
    from = stop;
  }
}

}  // namespace

SimulationSpec simulation_spec(const Scenario& scenario, const IoTable& table) {
  SimulationSpec spec;
  spec.time = scenario.time;
  std::vector<std::string> codes;
  for (const auto& sector : table.sectors) codes.push_back(sector.code);
  Diagnostics diagnostics;
  for (const DemandEventSpec& event : scenario.events) {
    DemandEvent resolved{event.id, event.category, Eigen::VectorXd::Zero(table.size()), event.from, event.to};
    for (const SectorShare& share : event.sectors) {
      const auto id = table.find_sector(share.code);
      if (!id) {
        diagnostics.add(share.where, fmt::format("events[{}].sectors", event.id),
                        fmt::format("unknown sector \"{}\"{}", share.code, did_you_mean(share.code, codes)));
        continue;
      }
      resolved.rate(id->index()) += event.amount * share.share;
    }
    spec.events.push_back(std::move(resolved));
  }
  diagnostics.throw_if_any();
  return spec;
}

std::vector<Date> report_dates(const TimeSpec& time) {
  std::vector<Date> dates;
  for (Date d = time.start; d <= time.end; d = next_report(d, time.report)) dates.push_back(d);
  return dates;
}

SimulationResult simulate(const IoTable& table, const LeontiefModel& model, const SimulationSpec& spec) {
  const Eigen::Index n = table.size();
  const int base_year = table.base_year;
  const int first_year = spec.time.start.year();
  const int last_year = spec.time.end.year();
  const auto year_count = static_cast<Eigen::Index>(last_year - first_year + 2);  // + base year row
  // Rows: base year at 0, simulated year Y at Y − first_year + 1 (so integrate() gets first_year − 1).
  const int row_origin = first_year - 1;

  SimulationResult result;
  result.years.push_back(base_year);
  for (int y = first_year; y <= last_year; ++y) result.years.push_back(y);
  result.report_dates = report_dates(spec.time);
  result.yearly_output = Eigen::MatrixXd::Zero(year_count, n);
  result.baseline_output = Eigen::MatrixXd::Zero(year_count, n);
  result.series_output.resize(static_cast<Eigen::Index>(result.report_dates.size()), n);
  result.series_final_demand.resize(static_cast<Eigen::Index>(result.report_dates.size()), n);
  result.event_output.assign(spec.events.size(), Eigen::MatrixXd::Zero(year_count, n));

  // Schedule: event starts and ends (the day after `to`), then reports; ties follow file order.
  EventQueue<Action> queue;
  for (std::size_t e = 0; e < spec.events.size(); ++e) {
    const DemandEvent& event = spec.events[e];
    if (event.to < spec.time.start || event.from > spec.time.end) continue;
    queue.push(std::max(event.from, spec.time.start), Phase::change, StartDemand{e});
    if (event.to < spec.time.end) queue.push(event.to + 1, Phase::change, StopDemand{e});
  }
  for (std::size_t r = 0; r < result.report_dates.size(); ++r) {
    queue.push(result.report_dates[r], Phase::report, Report{r});
  }

  // The linear model makes each event's effect on output its own solve, L·rate, done once.
  std::vector<Eigen::VectorXd> event_effect(spec.events.size());
  for (std::size_t e = 0; e < spec.events.size(); ++e) {
    event_effect[e] = model.output_for(spec.events[e].rate);
    ++result.solves;
  }

  Eigen::VectorXd final_demand = model.base_final_demand();
  const Eigen::VectorXd baseline = model.output_for(final_demand);
  ++result.solves;
  Eigen::VectorXd output = baseline;
  std::vector<bool> active(spec.events.size(), false);
  bool stale = false;
  Date now = spec.time.start;
  const Date horizon_end = spec.time.end + 1;

  // One solve per interval whose demand changed, whether an interval or a report needs it first.
  const auto refresh_output = [&] {
    if (!stale) return;
    output = model.output_for(final_demand);
    ++result.solves;
    stale = false;
  };
  const auto advance_to = [&](Date until) {
    if (until <= now) return;
    refresh_output();
    integrate(result.yearly_output, output, now, until, row_origin);
    integrate(result.baseline_output, baseline, now, until, row_origin);
    for (std::size_t e = 0; e < spec.events.size(); ++e) {
      if (active[e]) integrate(result.event_output[e], event_effect[e], now, until, row_origin);
    }
    now = until;
  };

  while (!queue.empty()) {
    auto [key, action] = queue.pop();
    advance_to(key.date);
    std::visit(
        [&](const auto& a) {
          using T = std::decay_t<decltype(a)>;
          if constexpr (std::is_same_v<T, StartDemand> || std::is_same_v<T, StopDemand>) {
            const DemandEvent& event = spec.events[a.event];
            const double sign = std::is_same_v<T, StartDemand> ? 1.0 : -1.0;
            // Exogenous final demand only: under Type II, household demand is endogenous and an
            // injection into it enters the model as an exogenous addition all the same.
            final_demand += sign * event.rate;
            active[a.event] = std::is_same_v<T, StartDemand>;
            stale = true;
          } else {
            refresh_output();
            const auto row = static_cast<Eigen::Index>(a.index);
            result.series_output.row(row) = output.transpose();
            result.series_final_demand.row(row) = final_demand.transpose();
          }
        },
        action);
  }
  advance_to(horizon_end);

  // The base year holds the table's own values.
  result.yearly_output.row(0) = table.output.transpose();
  result.baseline_output.row(0) = table.output.transpose();
  const Eigen::RowVectorXd va_per_output = table.total_value_added().cwiseQuotient(table.output.transpose());
  result.yearly_value_added = result.yearly_output.array().rowwise() * va_per_output.array();
  return result;
}

}  // namespace regsim
