// Rules (kind: rule) in the engine: when they fire, what they change and how attribution splits it.
// The Miller & Blair economy has value-added multipliers of 1 (no imports), so an export of a per
// year adds a to GDP, and every number below is a sum of days over year lengths.

#include <gtest/gtest.h>

#include <cmath>

#include "model/simulation.hpp"
#include "run_fixture.hpp"

namespace regsim {
namespace {

using testing::day;
using testing::ScenarioRun;

constexpr double gdp_2023 = 2050.0;
const std::string one_year = "{start: 2024-01-01, end: 2024-12-31, report: monthly}";

ScenarioRun run_with(const std::string& events) { return ScenarioRun::miller_blair("events:\n" + events, one_year); }

/// The attribution row of an owner for GDP in 2024.
double gdp_2024_of(const ScenarioRun& run, const std::string& owner) {
  const auto row = std::find(run.spec.owners.begin(), run.spec.owners.end(), owner) - run.spec.owners.begin();
  return run.result.attribution[0](row + 1, 1);
}

const std::string fund = "  - {id: fund, kind: demand, category: exports, sectors: sec1, amount: 100, from: 2024-01-01}\n";

TEST(Rules, ScaleFiresWhileYearToDateGrowthIsBelowTheThreshold) {
  const ScenarioRun run = run_with(fund +
                                   "  - {id: push, kind: rule, every: quarterly, when: {indicator: gdp, ytd_growth_below: 0.10},\n"
                                   "     then: {scale: fund, by: 2}, max_times: 3}\n");
  // Q1: (2150·91/366) / (2050·90/365) − 1 = 5.75 % < 10 %: fires on 04-01, fund runs at 200.
  // H1: (2050·182 + 100·91 + 200·91)/366 over 2050·181/365: 7.62 %: fires on 07-01, fund at 400.
  // Q1–Q3: (2050·274 + 100·91 + 200·91 + 400·92)/366 over 2050·273/365: 11.5 %: no third firing.
  ASSERT_EQ(run.result.firings.size(), 2u);
  EXPECT_EQ(run.result.firings[0].date, day("2024-04-01"));
  EXPECT_EQ(run.result.firings[1].date, day("2024-07-01"));
  EXPECT_NE(run.result.firings[0].detail.find("gdp year-to-date growth +5.75 %"), std::string::npos)
      << run.result.firings[0].detail;
  const double rule_part = (100.0 * 275 + 200.0 * 184) / 366;
  EXPECT_NEAR(gdp_2024_of(run, "fund"), 100.0, 1e-9);
  EXPECT_NEAR(gdp_2024_of(run, "push"), rule_part, 1e-9);
  EXPECT_NEAR(run.result.indicators(0, 1), gdp_2023 + 100.0 + rule_part, 1e-9);
  // The rates reported move with the firings: March at 100, May at 200, August at 400.
  const Eigen::MatrixXd& exports = run.result.exogenous_series;
  EXPECT_NEAR(exports(run.report("2024-08-01"), 0) - exports(run.report("2024-03-01"), 0), 300.0, 1e-9);
}

TEST(Rules, StartReleasesAHeldEventAndStopEndsOne) {
  const ScenarioRun started = run_with(fund +
                                       "  - {id: go, kind: rule, every: quarterly, when: {indicator: gdp, ytd_growth_below: 0.5},\n"
                                       "     then: {start: fund}}\n");
  ASSERT_EQ(started.result.firings.size(), 1u);  // max_times defaults to 1
  EXPECT_EQ(started.result.firings[0].date, day("2024-04-01"));
  EXPECT_NEAR(gdp_2024_of(started, "fund"), 0.0, 1e-12);  // held until then
  EXPECT_NEAR(gdp_2024_of(started, "go"), 100.0 * 275 / 366, 1e-9);
  EXPECT_TRUE(started.spec.held[0]);

  const ScenarioRun stopped = run_with(fund +
                                       "  - {id: halt, kind: rule, every: quarterly, when: {indicator: gdp, ytd_growth_above: 0.01},\n"
                                       "     then: {stop: fund}}\n");
  ASSERT_EQ(stopped.result.firings.size(), 1u);
  EXPECT_NEAR(gdp_2024_of(stopped, "fund"), 100.0, 1e-9);
  EXPECT_NEAR(gdp_2024_of(stopped, "halt"), -100.0 * 275 / 366, 1e-9);
  EXPECT_NEAR(stopped.result.indicators(0, 1), gdp_2023 + 100.0 * 91 / 366, 1e-9);
}

TEST(Rules, ARuleThatNeverFiresChangesNothing) {
  const ScenarioRun with_rule = run_with(fund +
                                         "  - {id: idle, kind: rule, every: monthly, when: {indicator: gdp, ytd_growth_below: -0.9},\n"
                                         "     then: {scale: fund, by: 3}, max_times: 12}\n");
  const ScenarioRun without = run_with(fund);
  EXPECT_TRUE(with_rule.result.firings.empty());
  EXPECT_EQ(with_rule.result.indicators, without.result.indicators);
  EXPECT_EQ(with_rule.result.quantity("output").series, without.result.quantity("output").series);
  EXPECT_EQ(gdp_2024_of(with_rule, "idle"), 0.0);
}

TEST(Rules, RulesOnOneDateActInFileOrder) {
  const std::string rules =
      "  - {id: double, kind: rule, every: quarterly, when: {indicator: gdp, ytd_growth_below: 0.5}, then: {scale: fund, by: 2}}\n"
      "  - {id: triple, kind: rule, every: quarterly, when: {indicator: gdp, ytd_growth_below: 0.5}, then: {scale: fund, by: 3}}\n";
  const ScenarioRun run = run_with(fund + rules);
  // double first: 100 → 200 (+100 to double), then triple: 200 → 600 (+400 to triple).
  EXPECT_NEAR(gdp_2024_of(run, "double"), 100.0 * 275 / 366, 1e-9);
  EXPECT_NEAR(gdp_2024_of(run, "triple"), 400.0 * 275 / 366, 1e-9);
  const ScenarioRun again = run_with(fund + rules);
  EXPECT_EQ(run.result.indicators, again.result.indicators);
  EXPECT_EQ(run.result.attribution[0], again.result.attribution[0]);
}

TEST(Rules, ScaledProjectsKeepTheirScheduleAfterTheFiring) {
  // A project ramping up over the year: the rule's copy follows the ramp, scaled.
  const ScenarioRun run = run_with(
      "  - {id: plant, kind: project, sector: sec1, output: 366, online: 2024-01-01, ramp: 366d}\n"
      "  - {id: boost, kind: rule, every: yearly, when: {indicator: gdp, ytd_growth_below: 0.5}, then: {scale: plant, by: 1.5}}\n");
  // A yearly rule is first checked on 2025-01-01, after the horizon: it never fires.
  EXPECT_TRUE(run.result.firings.empty());
  const ScenarioRun monthly = run_with(
      "  - {id: plant, kind: project, sector: sec1, output: 366, online: 2024-01-01, ramp: 366d}\n"
      "  - {id: boost, kind: rule, every: monthly, when: {indicator: gdp, ytd_growth_below: 0.5}, then: {scale: plant, by: 1.5}}\n");
  ASSERT_EQ(monthly.result.firings.size(), 1u);
  EXPECT_EQ(monthly.result.firings[0].date, day("2024-02-01"));
  // Day d runs at (d + ½) (the ramp of 366 over 366 days); from day 31 the copy adds half of it.
  double boost = 0.0;
  for (int d = 31; d < 366; ++d) boost += 0.5 * (d + 0.5) / 366;
  EXPECT_NEAR(gdp_2024_of(monthly, "boost"), boost, 1e-9);
  for (Eigen::Index y = 0; y < 2; ++y) {
    EXPECT_NEAR(monthly.result.attribution[0].col(y).sum(), monthly.result.indicators(0, y), 1e-9);
  }
}

TEST(Rules, AttributionStaysExactUnderTypeTwo) {
  // Households endogenous: the rule's copies carry induced consumption like the event they copy.
  const ScenarioRun run = ScenarioRun::miller_blair(
      "events:\n" + fund +
          "  - {id: push, kind: rule, every: quarterly, when: {indicator: gdp, ytd_growth_below: 0.5},\n"
          "     then: {scale: fund, by: 2}, max_times: 2}\n",
      one_year, "endogenous");
  ASSERT_EQ(run.result.firings.size(), 2u);
  for (Eigen::Index y = 0; y < 2; ++y) {
    EXPECT_NEAR(run.result.attribution[0].col(y).sum(), run.result.indicators(0, y), 1e-9);
  }
  // The fund adds 100 a year, the rule 100 from April and 200 more from July: the rule's part is
  // the fund's GDP effect per unit times (100·275 + 200·184)/(100·366).
  const double per_unit = gdp_2024_of(run, "fund") / 100.0;
  EXPECT_GT(per_unit, 1.0);  // induced consumption: Type II multipliers exceed 1
  EXPECT_NEAR(gdp_2024_of(run, "push"), per_unit * (100.0 * 275 + 200.0 * 184) / 366, 1e-9);
}

}  // namespace
}  // namespace regsim
