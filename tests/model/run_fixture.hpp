#pragma once

// A scenario on the Miller & Blair economy (scenarios/examples/data) built from YAML text, and
// everything a test needs to inspect its run.

#include <string>

#include "iomodel/table_loader.hpp"
#include "model/simulation.hpp"
#include "test_paths.hpp"

namespace regsim::testing {

inline Date day(const char* text) { return *Date::parse(text); }

inline std::string miller_blair_text(const std::string& levers, const std::string& time, const std::string& households) {
  return "regsim: 1\nname: test\ntime: " + time +
         "\neconomy:\n"
         "  table: data/miller-blair-table.csv\n"
         "  sectors: data/miller-blair-sectors.csv\n"
         "  satellites: data/miller-blair-satellites.csv\n"
         "  satellite_units: {employment: persons}\n"
         "  units: USD\n"
         "  base_year: 2023\n"
         "  final_demand: {household: HH, exports: EXP}\n"
         "  value_added: {compensation: COMP, surplus: OS}\n"
         "  households: " +
         households + "\n" + levers;
}

/// Loads, builds and simulates a scenario.
struct ScenarioRun {
  explicit ScenarioRun(Scenario s)
      : scenario(std::move(s)),
        table(load_table(scenario.economy)),
        model(table, scenario.economy.households),
        spec(simulation_spec(scenario, table, model)),
        result(simulate(table, model, spec)) {}

  /// The Miller & Blair economy with `levers` (YAML for trends, indicators, targets, events).
  static ScenarioRun miller_blair(const std::string& levers,
                          const std::string& time = "{start: 2024-01-01, end: 2025-12-31, report: monthly}",
                          const std::string& households = "exogenous") {
    return ScenarioRun(parse_scenario(miller_blair_text(levers, time, households),
                              source_path("scenarios/examples/test.yaml")));
  }

  [[nodiscard]] const Eigen::MatrixXd& yearly(const std::string& q) const { return result.quantity(q).yearly; }
  [[nodiscard]] const Eigen::MatrixXd& series(const std::string& q) const { return result.quantity(q).series; }
  /// The row of a report date.
  [[nodiscard]] Eigen::Index report(const char* date) const {
    const auto it = std::find(result.report_dates.begin(), result.report_dates.end(), day(date));
    return it - result.report_dates.begin();
  }

  Scenario scenario;
  IoTable table;
  LeontiefModel model;
  SimulationSpec spec;
  SimulationResult result;
};

}  // namespace regsim::testing
