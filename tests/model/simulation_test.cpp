#include "model/simulation.hpp"

#include <gtest/gtest.h>

#include "../iomodel/fixtures.hpp"
#include "iomodel/table_loader.hpp"

namespace regsim {
namespace {

Date day(const char* text) { return *Date::parse(text); }

class MillerBlairRun : public ::testing::Test {
protected:
  IoTable table = load_table(testing::miller_blair_spec());
  LeontiefModel model{table, HouseholdMode::exogenous};
  SimulationSpec spec{{day("2024-01-01"), day("2025-12-31"), ReportFrequency::monthly}, {}};
  // L = (1/303) [[380, 100], [80, 340]]; base final demand (350, 1700) gives x0 = (1000, 2000).
  const Eigen::Vector2d x0{1000, 2000};
  const Eigen::Vector2d l_col0{380.0 / 303, 80.0 / 303};
  const Eigen::Vector2d l_col1{100.0 / 303, 340.0 / 303};

  static DemandEvent event(const char* id, FinalDemand category, Eigen::Vector2d rate, const char* from,
                           const char* to) {
    return {id, category, rate, day(from), day(to)};
  }
};

TEST_F(MillerBlairRun, MidYearDemandGivesTheHandComputedYearlyOutput) {
  // +365 a year of exports from sector 1, 2024-07-01 to 2024-12-31: 184 of 2024's 366 days.
  spec.events.push_back(event("exports", FinalDemand::exports, {365, 0}, "2024-07-01", "2024-12-31"));
  const SimulationResult r = simulate(table, model, spec);
  ASSERT_EQ(r.years, (std::vector<int>{2023, 2024, 2025}));
  const Eigen::Vector2d expected_2024 = x0 + l_col0 * 365.0 * 184.0 / 366.0;
  for (Eigen::Index i = 0; i < 2; ++i) {
    EXPECT_NEAR(r.yearly_output(1, i), expected_2024(i), 1e-10 * expected_2024(i));
    EXPECT_NEAR(r.yearly_output(2, i), x0(i), 1e-10 * x0(i));  // 2025: back to base
    EXPECT_EQ(r.yearly_output(0, i), x0(i));                     // base year: the table
  }
  // Value added follows output with the base coefficients v = (0.65, 0.7).
  EXPECT_NEAR(r.yearly_value_added(1, 0), 0.65 * expected_2024(0), 1e-9);
}

TEST_F(MillerBlairRun, AnEventAcrossNewYearSplitsByEachYearsLength) {
  // 1000 a year of household demand for sector 2, 2024-11-01 .. 2025-02-28:
  // 61 days of 366 in 2024 and 59 days of 365 in 2025.
  spec.events.push_back(event("winter", FinalDemand::household, {0, 1000}, "2024-11-01", "2025-02-28"));
  const SimulationResult r = simulate(table, model, spec);
  const Eigen::Vector2d expected_2024 = x0 + l_col1 * 1000.0 * 61.0 / 366.0;
  const Eigen::Vector2d expected_2025 = x0 + l_col1 * 1000.0 * 59.0 / 365.0;
  for (Eigen::Index i = 0; i < 2; ++i) {
    EXPECT_NEAR(r.yearly_output(1, i), expected_2024(i), 1e-10 * expected_2024(i));
    EXPECT_NEAR(r.yearly_output(2, i), expected_2025(i), 1e-10 * expected_2025(i));
  }
}

TEST_F(MillerBlairRun, BaselinePlusEveryEventsContributionIsTheSimulatedOutput) {
  spec.events.push_back(event("a", FinalDemand::exports, {365, 0}, "2024-07-01", "2024-12-31"));
  spec.events.push_back(event("b", FinalDemand::government, {120, 80}, "2024-03-15", "2025-06-30"));
  spec.events.push_back(event("cut", FinalDemand::gfcf, {0, -50}, "2025-01-01", "2025-12-31"));
  spec.events.push_back(event("outside", FinalDemand::exports, {1, 1}, "2027-01-01", "2027-12-31"));
  const SimulationResult r = simulate(table, model, spec);
  Eigen::MatrixXd sum = r.baseline_output;
  for (const auto& contribution : r.event_output) sum += contribution;
  EXPECT_LT((sum - r.yearly_output).cwiseAbs().maxCoeff(), 1e-9);
  EXPECT_EQ(r.event_output[3].cwiseAbs().maxCoeff(), 0.0);  // outside the horizon: no effect
  EXPECT_LT(r.event_output[2].row(2).sum(), 0.0);            // a cut lowers output
  // Event b: 292 days of 2024 (from 03-15) and 181 days of 2025 (to 06-30).
  const Eigen::Vector2d b_2024 = (l_col0 * 120 + l_col1 * 80) * 292.0 / 366.0;
  EXPECT_NEAR(r.event_output[1](1, 0), b_2024(0), 1e-10);
  EXPECT_NEAR(r.event_output[1](2, 1), ((l_col0 * 120 + l_col1 * 80) * 181.0 / 365.0)(1), 1e-10);
}

TEST_F(MillerBlairRun, ReportsRecordTheRatesInEffectThatDay) {
  spec.events.push_back(event("exports", FinalDemand::exports, {365, 0}, "2024-07-01", "2024-12-31"));
  const SimulationResult r = simulate(table, model, spec);
  ASSERT_EQ(r.report_dates.size(), 24u);
  EXPECT_EQ(r.report_dates[6], day("2024-07-01"));
  EXPECT_NEAR(r.series_output(5, 0), 1000.0, 1e-9);                        // June: base
  EXPECT_NEAR(r.series_output(6, 0), 1000.0 + 365.0 * 380.0 / 303, 1e-9);  // July: with the event
  EXPECT_NEAR(r.series_output(12, 0), 1000.0, 1e-9);                       // January 2025: ended
  EXPECT_NEAR(r.series_final_demand(6, 0), 350.0 + 365.0, 1e-12);
}

TEST_F(MillerBlairRun, EachIntervalIsSolvedOnceWithTheCachedFactorization) {
  spec.events.push_back(event("a", FinalDemand::exports, {365, 0}, "2024-07-01", "2024-12-31"));
  spec.events.push_back(event("b", FinalDemand::exports, {0, 10}, "2024-07-01", "2024-07-31"));
  const SimulationResult r = simulate(table, model, spec);
  // 2 event effects + the baseline + 3 changes of demand (07-01 both start, 08-01, 2025-01-01).
  EXPECT_EQ(r.solves, 6u);
}

TEST_F(MillerBlairRun, TypeTwoRunsOnTheSameFactorization) {
  const LeontiefModel type_two = model.with_households(table, HouseholdMode::endogenous);
  spec.events.push_back(event("exports", FinalDemand::exports, {365, 0}, "2024-01-01", "2024-12-31"));
  const SimulationResult r = simulate(table, type_two, spec);
  const Eigen::VectorXd with_event =
      type_two.output_for(Eigen::VectorXd(type_two.base_final_demand() + Eigen::Vector2d(365, 0)));
  EXPECT_NEAR(r.yearly_output(1, 0), with_event(0), 1e-9);
  EXPECT_NEAR(r.yearly_output(2, 0), 1000.0, 1e-9);  // the closure reproduces the table's output
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
