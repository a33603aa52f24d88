#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "iomodel/io_table.hpp"
#include "iomodel/leontief.hpp"
#include "scenario/scenario.hpp"

namespace regsim {

/// A change of final demand: an annual rate per sector (table units per year; negative is a cut)
/// added to one category from `from` through `to`, both inclusive.
struct DemandEvent {
  std::string id;
  FinalDemand category = FinalDemand::household;
  Eigen::VectorXd rate;
  Date from;
  Date to;
};

/// What to simulate: the horizon, how often to report, and the dated events.
struct SimulationSpec {
  TimeSpec time;
  std::vector<DemandEvent> events;
};

/// Results of one run. Yearly values are exact integrals of piecewise-constant rates:
/// an interval of d days at annual rate r in year Y contributes r · d / days_in_year(Y).
/// Only simulated days count, so a year the horizon covers in part holds a partial amount.
struct SimulationResult {
  std::vector<int> years;                  ///< the base year, then every simulated calendar year
  Eigen::MatrixXd yearly_output;           ///< years × n; the base-year row is the table's x
  Eigen::MatrixXd yearly_value_added;      ///< years × n
  std::vector<Date> report_dates;
  Eigen::MatrixXd series_output;           ///< report dates × n: annual rates in effect that day
  Eigen::MatrixXd series_final_demand;     ///< report dates × n: exogenous final demand rates
  /// Per event (in spec order): its exact contribution to yearly output, years × n
  /// (zero in the base year). In the linear model, baseline + Σ contributions = yearly_output.
  std::vector<Eigen::MatrixXd> event_output;
  Eigen::MatrixXd baseline_output;         ///< years × n: the output with no event at all
  std::size_t solves = 0;                  ///< factorization reuses: one per interval with new demand
};

/// Resolves a scenario's events against the table's sectors: each demand event becomes an annual
/// rate per sector (amount × share). Throws InputError listing every unknown sector code, at the
/// place the scenario names it.
SimulationSpec simulation_spec(const Scenario& scenario, const IoTable& table);

/// The dates a run reports on: the start, then the first day of each later period
/// (day, 7-day week from the start, calendar month, quarter or year) up to the end.
std::vector<Date> report_dates(const TimeSpec& time);

/// Runs the demand-driven model event by event (events ordered by date, phase and file order).
/// State is piecewise constant between events; each interval with changed demand is solved once
/// with the model's cached factorization (O(n²)), never refactorized.
SimulationResult simulate(const IoTable& table, const LeontiefModel& model, const SimulationSpec& spec);

}  // namespace regsim
