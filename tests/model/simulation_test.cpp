#include "model/simulation.hpp"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "model/engine.hpp"
#include "model/leontief_engine.hpp"
#include "model/linear_responses.hpp"
#include "run_fixture.hpp"

namespace regsim {
namespace {

using testing::day;
using testing::ScenarioRun;

// L = (1/303) [[380, 100], [80, 340]]; base final demand (350, 1700) gives x0 = (1000, 2000).
const Eigen::Vector2d x0{1000, 2000};
const Eigen::Vector2d l_col0{380.0 / 303, 80.0 / 303};
const Eigen::Vector2d l_col1{100.0 / 303, 340.0 / 303};
constexpr double base_demand_total = 2050.0;

void expect_near_rel(double actual, double expected, double tolerance = 1e-12) {
  EXPECT_NEAR(actual, expected, tolerance * std::max(1.0, std::abs(expected)));
}

TEST(Simulation, MidYearDemandGivesTheHandComputedYearlyOutput) {
  // +365 a year of exports from sector 1, 2024-07-01 to 2024-12-31: 184 of 2024's 366 days.
  const ScenarioRun run = ScenarioRun::miller_blair(
      "events:\n  - {id: e, kind: demand, category: exports, sectors: sec1, amount: 365, from: 2024-07-01, "
      "to: 2024-12-31}\n");
  ASSERT_EQ(run.result.years, (std::vector<int>{2023, 2024, 2025}));
  const Eigen::Vector2d expected_2024 = x0 + l_col0 * 365.0 * 184.0 / 366.0;
  const Eigen::MatrixXd& output = run.yearly("output");
  for (Eigen::Index i = 0; i < 2; ++i) {
    EXPECT_NEAR(output(1, i), expected_2024(i), 1e-10);
    EXPECT_NEAR(output(2, i), x0(i), 1e-10);  // 2025: back to base
    EXPECT_EQ(output(0, i), x0(i));           // base year: the table
  }
  // Value added follows output with the base coefficients v = (0.65, 0.7).
  EXPECT_NEAR(run.yearly("value_added")(1, 0), 0.65 * expected_2024(0), 1e-10);
  EXPECT_NEAR(run.yearly("employment")(1, 0), 0.3 * expected_2024(0), 1e-10);
}

TEST(Simulation, AnEventAcrossNewYearSplitsByEachYearsLength) {
  // 1000 a year of household demand for sector 2, 2024-11-01 .. 2025-02-28:
  // 61 days of 366 in 2024 and 59 days of 365 in 2025.
  const ScenarioRun run = ScenarioRun::miller_blair(
      "events:\n  - {id: winter, kind: demand, category: household, sectors: sec2, amount: 1000, from: 2024-11-01, "
      "to: 2025-02-28}\n");
  const Eigen::Vector2d expected_2024 = x0 + l_col1 * 1000.0 * 61.0 / 366.0;
  const Eigen::Vector2d expected_2025 = x0 + l_col1 * 1000.0 * 59.0 / 365.0;
  for (Eigen::Index i = 0; i < 2; ++i) {
    EXPECT_NEAR(run.yearly("output")(1, i), expected_2024(i), 1e-10);
    EXPECT_NEAR(run.yearly("output")(2, i), expected_2025(i), 1e-10);
  }
  EXPECT_NEAR(run.yearly("final_demand")(1, 1), 1700.0 + 1000.0 * 61.0 / 366.0, 1e-10);
}

TEST(Simulation, ReportsRecordTheRatesInEffectThatDay) {
  const ScenarioRun run = ScenarioRun::miller_blair(
      "events:\n  - {id: e, kind: demand, category: exports, sectors: sec1, amount: 365, from: 2024-07-01, "
      "to: 2024-12-31}\n");
  ASSERT_EQ(run.result.report_dates.size(), 24u);
  const Eigen::MatrixXd& output = run.series("output");
  EXPECT_NEAR(output(run.report("2024-06-01"), 0), 1000.0, 1e-9);                    // base
  EXPECT_NEAR(output(run.report("2024-07-01"), 0), 1000.0 + 365.0 * 380.0 / 303, 1e-9);  // with the event
  EXPECT_NEAR(output(run.report("2025-01-01"), 0), 1000.0, 1e-9);                    // ended
  EXPECT_NEAR(run.series("final_demand")(run.report("2024-07-01"), 0), 350.0 + 365.0, 1e-12);
}

/// The Miller & Blair economy with a project and a demand event at the given dates and sizes, two
/// export trend rates, and indicators of every kind.
std::string variant_levers(const char* online, double capex, double amount, const char* local_share) {
  return fmt::format(
      "trends: {{exports: {{default: 0.03, sectors: {{sec2: 0.05}}}}}}\n"
      "indicators:\n  va: {{of: value_added}}\n  jobs: {{of: employment, sectors: [sec2]}}\n"
      "  exports: {{of: final_demand.exports}}\n"
      "events:\n"
      "  - {{id: p, kind: project, sector: sec1, capex: {}, mix: {{sec1: 0.25, sec2: 0.75}}, local_share: {},\n"
      "     build: {{from: 2024-03-01, to: {}}}, output: 120, online: {}, ramp: 60d}}\n"
      "  - {{id: d, kind: demand, category: exports, sectors: sec2, amount: {}, from: 2024-05-01, to: 2025-08-31}}\n",
      capex, local_share, online, online, amount);
}

void expect_same_years(const SimulationResult& recombined, const SimulationResult& full) {
  for (const char* q : {"output", "value_added", "final_demand", "imports", "employment"}) {
    const Eigen::MatrixXd& a = recombined.quantity(q).yearly;
    const Eigen::MatrixXd& b = full.quantity(q).yearly;
    ASSERT_EQ(a.rows(), b.rows()) << q;
    EXPECT_LE((a - b).cwiseAbs().maxCoeff(), 1e-12 * b.cwiseAbs().maxCoeff()) << q;
  }
  EXPECT_LE((recombined.indicators - full.indicators).cwiseAbs().maxCoeff(), 1e-12 * full.indicators.cwiseAbs().maxCoeff());
  for (std::size_t i = 0; i < full.attribution.size(); ++i)
    EXPECT_LE((recombined.attribution[i] - full.attribution[i]).cwiseAbs().maxCoeff(), 1e-12 * full.indicators.cwiseAbs().maxCoeff());
}

TEST(Recombination, AVariantWithTheCentralPatternsSolvesNothingAndMatchesItsFullRun) {
  for (const char* households : {"exogenous", "endogenous"}) {
    const std::string time = "{start: 2024-01-01, end: 2026-12-31, report: monthly}";
    const ScenarioRun central = ScenarioRun::miller_blair(variant_levers("2025-01-01", 300, 40, "0.8"), time, households);
    const LinearResponses shared(central.model, central.spec);
    // Dates moved and amounts scaled: the patterns are the central run's.
    const ScenarioRun moved = ScenarioRun::miller_blair(variant_levers("2025-06-15", 410, 25, "0.8"), time, households);
    // Run on the central run's model, as an ensemble's draws are; the full run had its own.
    LeontiefEngine engine(central.model, &shared);
    const SimulationResult recombined = simulate(engine, central.table, central.model, moved.spec, {}, RunDetail::yearly);
    EXPECT_EQ(recombined.solves, 0u) << households;
    EXPECT_TRUE(recombined.report_dates.empty());
    EXPECT_EQ(recombined.quantity("output").series.rows(), 0);
    expect_same_years(recombined, moved.result);
    EXPECT_GT(std::abs(recombined.indicators(0, 2) - central.result.indicators(0, 2)), 1.0);  // it did move

    // Another local share is another pattern: that variant solves its yearly outputs, once.
    const ScenarioRun other = ScenarioRun::miller_blair(variant_levers("2025-06-15", 410, 25, "0.5"), time, households);
    const SimulationResult solved = simulate(engine, central.table, central.model, other.spec, {}, RunDetail::yearly);
    EXPECT_EQ(solved.solves, 1u) << households;
    expect_same_years(solved, other.result);
  }
}

TEST(Recombination, AnotherBaseSharesNothing) {
  const ScenarioRun central = ScenarioRun::miller_blair(variant_levers("2025-01-01", 300, 40, "0.8"));
  const LinearResponses shared(central.model, central.spec);
  const ScenarioRun closed =
      ScenarioRun::miller_blair(variant_levers("2025-01-01", 300, 40, "0.8"), "{start: 2024-01-01, end: 2025-12-31}",
                                "endogenous");  // households in the model: another base demand
  EXPECT_TRUE(shared.shares_base(central.spec, central.model));
  EXPECT_FALSE(shared.shares_base(closed.spec, closed.model));
  // The same scenario on another model (even one built alike) shares nothing: the responses are
  // solves of the model they were made on.
  const LeontiefModel twin(central.table, central.scenario.economy.households);
  EXPECT_FALSE(shared.shares_base(central.spec, twin));
  LeontiefEngine engine(closed.model, &shared);
  const SimulationResult result = simulate(engine, closed.table, closed.model, closed.spec, {}, RunDetail::yearly);
  EXPECT_EQ(result.solves, 3u);  // multipliers, base rates and the yearly outputs, as on its own
  expect_same_years(result, closed.result);
}

TEST(Simulation, SolvesPerReportNotPerEvent) {
  const std::string time = "{start: 2024-01-01, end: 2024-12-31, report: quarterly}";
  const ScenarioRun quiet = ScenarioRun::miller_blair("", time);
  std::string busy_events = "events:\n";
  for (int i = 0; i < 50; ++i) {
    busy_events += fmt::format("  - {{id: e{}, kind: demand, category: exports, sectors: sec{}, amount: {}, "
                               "from: 2024-{:02d}-01, to: 2024-12-{:02d}}}\n",
                               i, 1 + i % 2, i + 1, 1 + i % 12, 1 + i % 28);
  }
  const ScenarioRun busy = ScenarioRun::miller_blair(busy_events, time);
  EXPECT_EQ(busy.result.steps, 100u);
  // The yearly batch, the base output and the indicator multipliers, then one solve per report
  // after which an amplitude changed: the quiet run's later reports reuse its first.
  EXPECT_EQ(quiet.result.solves, 4u);
  EXPECT_EQ(busy.result.solves, 7u);
  const Eigen::MatrixXd& output = quiet.series("output");
  ASSERT_EQ(output.rows(), 4);
  for (Eigen::Index r = 1; r < 4; ++r) EXPECT_EQ(output.row(r), output.row(0));
}

/// Largest difference relative to the largest value.
double relative_difference(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  return (a - b).cwiseAbs().maxCoeff() / std::max(1.0, a.cwiseAbs().maxCoeff());
}

TEST(Simulation, StepsGroupedByComponentGiveWhatTheDateOrderedWalkGives) {
  // Demand events starting and ending on many days (some on report dates, some lasting to the
  // horizon's end), an amount spent over a window, and a project: its build spending changes every day.
  std::string events = "events:\n";
  for (int i = 0; i < 40; ++i) {
    events += fmt::format(
        "  - {{id: e{}, kind: demand, category: {}, sectors: sec{}, amount: {}, "
        "from: 2024-{:02d}-{:02d}, to: {}}}\n",
        i, i % 3 == 0 ? "exports" : "household", 1 + i % 2, i % 4 == 0 ? -(i + 1) : i + 1, 1 + i % 12,
        i % 5 == 0 ? 1 : 1 + i % 28,
        i % 7 == 0 ? std::string("2025-12-31") : fmt::format("2025-{:02d}-28", 1 + (i * 5) % 12));
  }
  events += "  - {id: t, kind: demand, category: gfcf, sectors: sec2, total: 730, from: 2024-06-10, to: 2025-06-09}\n";
  events +=
      "  - {id: p, kind: project, sector: sec1, capex: 300, mix: {sec1: 0.25, sec2: 0.75},\n"
      "     build: {from: 2024-03-01, to: 2025-02-28, profile: s-curve}, output: 200, online: 2025-03-01}\n";
  const ScenarioRun grouped = ScenarioRun::miller_blair(events);
  // The same steps in date order (each component's own order kept) are no longer grouped, so the
  // engine walks them as it walks a run with rules.
  SimulationSpec dated = grouped.spec;
  std::stable_sort(dated.steps.begin(), dated.steps.end(),
                   [](const AmplitudeStep& a, const AmplitudeStep& b) { return a.date < b.date; });
  ASSERT_FALSE(
      std::is_sorted(dated.steps.begin(), dated.steps.end(),
                     [](const AmplitudeStep& a, const AmplitudeStep& b) { return a.component < b.component; }));
  const SimulationResult walked = simulate(grouped.table, grouped.model, dated);

  EXPECT_EQ(grouped.result.steps, walked.steps);
  EXPECT_EQ(grouped.result.solves, walked.solves);
  for (const char* q : {"output", "final_demand", "imports", "value_added"}) {
    EXPECT_LT(relative_difference(grouped.series(q), walked.quantity(q).series), 1e-14) << q;
    EXPECT_EQ(grouped.yearly(q), walked.quantity(q).yearly) << q;  // the integrals: the same sums in the same order
  }
  EXPECT_LT(relative_difference(grouped.result.exogenous_series, walked.exogenous_series), 1e-14);
  ASSERT_EQ(grouped.result.attribution.size(), walked.attribution.size());
  for (std::size_t i = 0; i < walked.attribution.size(); ++i) {
    EXPECT_EQ(grouped.result.attribution[i], walked.attribution[i]);
  }
}

TEST(Simulation, TypeTwoClosesTheModelOnHouseholds) {
  const ScenarioRun run = ScenarioRun::miller_blair(
      "events:\n  - {id: e, kind: demand, category: exports, sectors: sec1, amount: 365, from: 2024-01-01, "
      "to: 2024-12-31}\n",
      "{start: 2024-01-01, end: 2025-12-31, report: monthly}", "endogenous");
  const Eigen::VectorXd with_event =
      run.model.output_for(Eigen::VectorXd(run.model.base_final_demand() + Eigen::Vector2d(365, 0)));
  EXPECT_NEAR(run.yearly("output")(1, 0), with_event(0), 1e-9);
  EXPECT_NEAR(run.yearly("output")(2, 0), 1000.0, 1e-9);  // the closure reproduces the table's output
  // Household consumption is induced: h_c (h_r · x), the table's column when x is the table's output.
  EXPECT_NEAR(run.yearly("final_demand")(2, 0), 350.0, 1e-9);
  EXPECT_GT(run.yearly("final_demand")(1, 1), 1700.0);  // 2024: more income, more consumption of sector 2
}

TEST(Projects, CapexIsSpentExactlyOverTheBuildWindow) {
  for (const char* profile : {"uniform", "s-curve"}) {
    const ScenarioRun run = ScenarioRun::miller_blair(fmt::format(
        "events:\n  - {{id: p, kind: project, sector: sec1, capex: 300, mix: {{sec1: 0.25, sec2: 0.75}},\n"
        "     build: {{from: 2024-03-01, to: 2025-02-28, profile: {}}}}}\n",
        profile));
    const Eigen::MatrixXd& demand = run.yearly("final_demand");
    const double spent = demand.row(1).sum() + demand.row(2).sum() - 2 * base_demand_total;
    EXPECT_NEAR(spent, 300.0, 1e-9) << profile;
    EXPECT_NEAR(demand.row(1)(0) + demand.row(2)(0) - 700.0, 75.0, 1e-9) << profile;  // sec1's quarter
  }
  // Uniform: the same amount every day, 306 days in 2024 and 59 in 2025.
  const ScenarioRun uniform = ScenarioRun::miller_blair(
      "events:\n  - {id: p, kind: project, sector: sec1, capex: 365, mix: sec2,\n"
      "     build: {from: 2024-03-01, to: 2025-02-28}}\n");
  EXPECT_NEAR(uniform.yearly("final_demand")(1, 1) - 1700.0, 306.0, 1e-9);
  EXPECT_NEAR(uniform.series("final_demand")(uniform.report("2024-06-01"), 1) - 1700.0, 366.0, 1e-9);
  EXPECT_NEAR(uniform.series("final_demand")(uniform.report("2025-02-01"), 1) - 1700.0, 365.0, 1e-9);
  EXPECT_NEAR(uniform.series("final_demand")(uniform.report("2025-03-01"), 1), 1700.0, 1e-9);
}

TEST(Projects, OutputRampsUpLinearlyAndIntegratesExactly) {
  // 365 a year in sector 1 from 2025-01-01, ramping over 100 days: 2025 gets 365 − 50 days' worth.
  const ScenarioRun run = ScenarioRun::miller_blair(
      "events:\n  - {id: p, kind: project, sector: sec1, output: 365, online: 2025-01-01, ramp: 100d}\n");
  EXPECT_NEAR(run.yearly("final_demand")(2, 0) - 350.0, 315.0, 1e-9);  // sold outside: exports
  const Eigen::Vector2d effect = l_col0 * 315.0;  // the mixed model: x = L (f + A e_j q) + e_j q = L (f + e_j q)
  EXPECT_NEAR(run.yearly("output")(2, 0), x0(0) + effect(0), 1e-9);
  EXPECT_NEAR(run.yearly("output")(2, 1), x0(1) + effect(1), 1e-9);
  // Day 31 of the ramp runs at the mean of the linear ramp over that day, (31 + ½)/100 of capacity.
  EXPECT_NEAR(run.series("final_demand")(run.report("2025-02-01"), 0) - 350.0, 365.0 * 31.5 / 100.0, 1e-9);
  EXPECT_NEAR(run.series("final_demand")(run.report("2025-06-01"), 0) - 350.0, 365.0, 1e-9);
  EXPECT_NEAR(run.yearly("output")(1, 0), x0(0), 1e-9);  // nothing before it is online
}

TEST(Projects, ALocalMarketReplacesImportsWithTheSameOutputEffect) {
  const auto run_with = [](const char* market) {
    std::string text = testing::read_text("tests/data/scenarios/competitive.yaml");
    text += fmt::format("events:\n  - {{id: p, kind: project, sector: a, output: 10, online: 2024-01-01, market: {}}}\n",
                        market);
    return ScenarioRun(parse_scenario(text, testing::source_path("tests/data/scenarios/local.yaml")));
  };
  const ScenarioRun outside = run_with("outside");
  const ScenarioRun local = run_with("local");
  EXPECT_LT((outside.yearly("output").row(1) - local.yearly("output").row(1)).cwiseAbs().maxCoeff(), 1e-9);
  // Imports of sector a's buyers fall by the 10 a year the plant now supplies.
  EXPECT_NEAR(outside.yearly("imports")(1, 0) - local.yearly("imports")(1, 0), 10.0, 1e-9);
  EXPECT_NEAR(local.yearly("final_demand").row(1).sum(), outside.yearly("final_demand").row(1).sum(), 1e-9);
}

TEST(Trends, EachCalendarYearTotalGrowsByTheRate) {
  const ScenarioRun run = ScenarioRun::miller_blair("trends:\n  household: 0.05\n  exports: {default: 0.03, sectors: {sec2: -0.02}}\n");
  const Eigen::MatrixXd& yearly = run.yearly("final_demand");
  // Household demand is 200 and 400, exports 150 and 1300 in the table (2023).
  for (int y = 1; y <= 2; ++y) {
    EXPECT_NEAR(yearly(y, 0) / (200.0 * std::pow(1.05, y) + 150.0 * std::pow(1.03, y)), 1.0, 1e-12) << y;
    EXPECT_NEAR(yearly(y, 1) / (400.0 * std::pow(1.05, y) + 1300.0 * std::pow(0.98, y)), 1.0, 1e-12) << y;
  }
  // Inside a year the path is continuous: no jump on 1 January, the month-on-month change of
  // December to January is that of November to December (up to the months' lengths).
  const Eigen::MatrixXd& demand = run.series("final_demand");
  const double nov = demand(run.report("2024-11-01"), 0);
  const double dec = demand(run.report("2024-12-01"), 0);
  const double jan = demand(run.report("2025-01-01"), 0);
  EXPECT_NEAR(jan / dec, dec / nov, 2e-4);
  EXPECT_GT(jan, dec);
  // Each report shows the mean level until the next, so the day-weighted months make the year.
  double weighted = 0.0;
  for (int m = 0; m < 12; ++m) {
    const Date from = Date::from_ymd(2024, m + 1, 1);
    const Date to = m == 11 ? Date::from_ymd(2025, 1, 1) : Date::from_ymd(2024, m + 2, 1);
    weighted += demand(run.report(from.to_string().c_str()), 0) * static_cast<double>(to - from) / 366.0;
  }
  EXPECT_NEAR(weighted, yearly(1, 0), 1e-9);
}

TEST(Trends, AWeeklyReportStillGivesExactCalendarYears) {
  // Weekly reports from a Wednesday do not fall on 1 January: the level changes there too.
  const ScenarioRun run = ScenarioRun::miller_blair("trends:\n  household: -0.04\n",
                                                    "{start: 2024-01-03, end: 2026-12-31, report: weekly}");
  const Eigen::MatrixXd& yearly = run.yearly("final_demand");
  const double covered_2024 = 364.0 / 366.0;  // from 3 January
  const double household_2024 = yearly(1, 0) - 150.0 * covered_2024;
  EXPECT_GT(household_2024, 0.0);
  EXPECT_NEAR((yearly(2, 0) - 150.0) / (200.0 * std::pow(0.96, 2)), 1.0, 1e-12);
  EXPECT_NEAR((yearly(3, 0) - 150.0) / (200.0 * std::pow(0.96, 3)), 1.0, 1e-12);
}

TEST(Attribution, BaselinePlusContributionsIsTheSimulatedIndicator) {
  const ScenarioRun run(load_scenario(testing::source_path("scenarios/examples/miller-blair-projects.yaml")));
  ASSERT_EQ(run.spec.indicators.size(), 5u);
  ASSERT_EQ(run.spec.owners,
            (std::vector<std::string>{"consumption-vouchers", "export-slump", "new-plant", "trend:exports",
                                      "trend:household"}));
  for (std::size_t i = 0; i < run.spec.indicators.size(); ++i) {
    const Eigen::MatrixXd& a = run.result.attribution[i];
    for (Eigen::Index y = 0; y < a.cols(); ++y) {
      expect_near_rel(a.col(y).sum(), run.result.indicators(static_cast<Eigen::Index>(i), y), 1e-12);
    }
  }
  // Every lever moves GDP in its own direction, and the baseline of a full year is the table's GDP.
  const Eigen::MatrixXd& gdp = run.result.attribution[0];
  EXPECT_NEAR(gdp(0, 1), 2050.0, 1e-9);
  EXPECT_GT(gdp(1, 1), 0.0);  // vouchers, 2024
  EXPECT_LT(gdp(2, 2), 0.0);  // export slump, 2025
  EXPECT_GT(gdp(3, 1), 0.0);  // the plant's build, 2024
  EXPECT_GT(gdp(3, 2), 0.0);  // and its output, 2025
  // Investment (gfcf) is the capex in 2024, all of it attributed to the plant.
  const Eigen::MatrixXd& investment = run.result.attribution[2];
  EXPECT_NEAR(run.result.indicators(2, 1), 300.0, 1e-9);
  EXPECT_NEAR(investment(3, 1), 300.0, 1e-9);
}

TEST(Indicators, SelectSectorsByGroupAndScale) {
  const ScenarioRun run = ScenarioRun::miller_blair(
      "indicators:\n  primary: {of: value_added, sectors: \"group:primary\"}\n"
      "  wages10: {of: value_added.compensation, scale: 0.1}\n  jobs: {of: employment, sectors: [sec2]}\n"
      "  fd: {of: final_demand.exports}\n");
  EXPECT_NEAR(run.result.indicators(0, 0), 650.0, 1e-9);   // sector 1 only
  EXPECT_NEAR(run.result.indicators(1, 0), 80.0, 1e-9);    // 10 % of 800
  EXPECT_NEAR(run.result.indicators(2, 0), 500.0, 1e-9);   // persons in sector 2
  EXPECT_NEAR(run.result.indicators(3, 1), 1450.0, 1e-9);  // exports in 2024 (no change)
  EXPECT_EQ(run.spec.indicators[2].unit, "persons");
}

TEST(Targets, CompareGrowthAndLevels) {
  const ScenarioRun run = ScenarioRun::miller_blair(
      "targets:\n  - {indicator: gdp, year: 2024, growth: 0.02}\n  - {indicator: gdp, year: 2025, level: 2000}\n"
      "events:\n  - {id: e, kind: demand, category: exports, sectors: sec1, amount: 100, from: 2024-01-01, "
      "to: 2024-12-31}\n");
  ASSERT_EQ(run.result.targets.size(), 2);
  const TargetResult& growth = run.result.targets[TargetId(0)];
  const double gdp_2024 = 2050.0 + 100.0;  // value-added multipliers are 1 without imports
  EXPECT_NEAR(growth.simulated_level, gdp_2024, 1e-9);
  EXPECT_NEAR(growth.simulated_growth, gdp_2024 / 2050.0 - 1.0, 1e-12);
  EXPECT_NEAR(growth.gap, gdp_2024 / 2050.0 - 1.02, 1e-12);
  EXPECT_TRUE(growth.met);
  const TargetResult& level = run.result.targets[TargetId(1)];
  EXPECT_NEAR(level.gap, 50.0, 1e-9);
  EXPECT_TRUE(level.met);
  EXPECT_NEAR(level.simulated_growth, 2050.0 / gdp_2024 - 1.0, 1e-12);
}

TEST(Simulation, IsDeterministic) {
  const auto scenario = load_scenario(testing::source_path("scenarios/examples/miller-blair-projects.yaml"));
  const ScenarioRun a(scenario);
  const ScenarioRun b(scenario);
  for (std::size_t q = 0; q < a.result.quantities.size(); ++q) {
    EXPECT_EQ(a.result.quantities[q].series, b.result.quantities[q].series);
    EXPECT_EQ(a.result.quantities[q].yearly, b.result.quantities[q].yearly);
  }
  EXPECT_EQ(a.result.indicators, b.result.indicators);
}

TEST(ReportDates, FollowTheCalendar) {
  const auto dates = [](const char* start, const char* end, ReportFrequency f) {
    std::vector<std::string> out;
    for (const Date d : report_dates({day(start), day(end), f})) out.push_back(d.to_string());
    return out;
  };
  EXPECT_EQ(dates("2024-02-15", "2024-05-01", ReportFrequency::monthly),
            (std::vector<std::string>{"2024-02-15", "2024-03-01", "2024-04-01", "2024-05-01"}));
  EXPECT_EQ(dates("2024-02-15", "2024-12-31", ReportFrequency::quarterly),
            (std::vector<std::string>{"2024-02-15", "2024-04-01", "2024-07-01", "2024-10-01"}));
  EXPECT_EQ(dates("2024-12-30", "2025-01-14", ReportFrequency::weekly),
            (std::vector<std::string>{"2024-12-30", "2025-01-06", "2025-01-13"}));
  EXPECT_EQ(dates("2024-06-01", "2026-12-31", ReportFrequency::yearly),
            (std::vector<std::string>{"2024-06-01", "2025-01-01", "2026-01-01"}));
  EXPECT_EQ(dates("2024-02-28", "2024-03-01", ReportFrequency::daily).size(), 3u);
}

}  // namespace
}  // namespace regsim

namespace regsim {
namespace {

/// An engine that reports a sector's output as NaN on one date: what an overflow would leave.
class PoisonedEngine final : public Engine {
public:
  explicit PoisonedEngine(const LeontiefModel& model) : inner_(model) {}
  EngineRun run(const SimulationSpec& spec, ReportSink& sink, const Progress& progress) override {
    struct Poison final : ReportSink {
      ReportSink& inner;
      explicit Poison(ReportSink& s) : inner(s) {}
      void report(std::size_t tick, const Eigen::VectorXd& output, const Eigen::VectorXd& exogenous,
                  const Eigen::VectorXd& import_change) override {
        Eigen::VectorXd x = output;
        if (tick == 2) x(1) = std::nan("");
        inner.report(tick, x, exogenous, import_change);
      }
    } poison(sink);
    return inner_.run(spec, poison, progress);
  }

private:
  LeontiefEngine inner_;
};

TEST(Simulation, ANonFiniteResultIsANumericalErrorNamingItsPlace) {
  const testing::ScenarioRun run = testing::ScenarioRun::miller_blair("");
  PoisonedEngine engine(run.model);
  try {
    simulate(engine, run.table, run.model, run.spec);
    FAIL() << "expected a NumericalError";
  } catch (const NumericalError& e) {
    EXPECT_STREQ(e.what(),
                 "output of sector sec2 on 2024-03-01 is nan: the scenario's amounts or the table give no finite result");
  }
}

}  // namespace
}  // namespace regsim
