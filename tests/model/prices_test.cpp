// The Leontief price model (Miller & Blair 2009, §2.6) on the book's two-sector economy, worked by
// hand: L = (1/303) [[380, 100], [80, 340]]; sector 1's compensation is 0.3 per unit of output.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "diagnostics.hpp"
#include "iomodel/table_loader.hpp"
#include "model/simulation.hpp"
#include "test_paths.hpp"

namespace regsim {
namespace {

struct PriceRunFixture {
  PriceRunFixture()
      : scenario(load_scenario(testing::source_path("tests/data/scenarios/prices.yaml"))),
        table(load_table(scenario.economy)),
        model(table, scenario.economy.households),
        spec(simulation_spec(scenario, table, model)),
        result(simulate(table, model, spec)) {}
  Scenario scenario;
  IoTable table;
  LeontiefModel model;
  SimulationSpec spec;
  SimulationResult result;
};

constexpr Eigen::Index gdp = 0, gdp_nominal = 1, output_nominal = 2, wages_nominal = 3;

TEST(Prices, CostPushRaisesPricesByTheTransposedInverse) {
  const PriceRunFixture run;
  ASSERT_TRUE(run.result.prices.has_value());
  const Eigen::MatrixXd& yearly = run.result.prices->yearly;
  // 2024: wages +10 % in sector 1 add u₁ = 0.03 per unit; Δp_j = u₁ L_1j.
  EXPECT_NEAR(yearly(1, 0), 1.0 + 0.03 * 380.0 / 303.0, 1e-12);
  EXPECT_NEAR(yearly(1, 1), 1.0 + 0.03 * 100.0 / 303.0, 1e-12);
  // 2025: sector 2's price is held at 0.9 while the wage push goes on: its margin takes the push
  // back, and sector 1 pays 0.9 for its sector-2 inputs.
  EXPECT_NEAR(yearly(2, 1), 0.9, 1e-12);
  const double margin = -(0.1 + 0.03 * 100.0 / 303.0) * 303.0 / 340.0;  // δ₂ from Δp₂ = L₂₂ δ₂ + push
  EXPECT_NEAR(yearly(2, 0), 1.0 + 0.03 * 380.0 / 303.0 + margin * 80.0 / 303.0, 1e-12);
  // Quarterly reports show the price of that day.
  EXPECT_NEAR(run.result.prices->series(0, 0), yearly(1, 0), 1e-12);
  EXPECT_NEAR(run.result.prices->series(4, 1), 0.9, 1e-12);
}

TEST(Prices, NominalIndicatorsPriceTheRealQuantities) {
  const PriceRunFixture run;
  const Eigen::MatrixXd& ind = run.result.indicators;
  // Real GDP does not move with prices; 2024 has no quantity lever.
  EXPECT_NEAR(ind(gdp, 1), 2050.0, 1e-9);
  // Nominal value added per unit is v + u: +0.03 on sector 1's output of 1,000.
  EXPECT_NEAR(ind(gdp_nominal, 1), 2080.0, 1e-9);
  EXPECT_NEAR(ind(wages_nominal, 1), 800.0 + 30.0, 1e-9);
  EXPECT_NEAR(ind(output_nominal, 1), 1000.0 * (1.0 + 0.03 * 380.0 / 303.0) + 2000.0 * (1.0 + 0.03 * 100.0 / 303.0),
              1e-9);
  // 2025: quantities change too (vouchers); nominal = real + Σ_j Δv_j x_j.
  const Eigen::MatrixXd& output = run.result.quantity("output").yearly;
  const double margin = -(0.1 + 0.03 * 100.0 / 303.0) * 303.0 / 340.0;
  EXPECT_NEAR(ind(gdp_nominal, 2) - ind(gdp, 2), 0.03 * output(2, 0) + margin * output(2, 1), 1e-9);
  EXPECT_NEAR(run.result.prices->deflators(0, 1), 2080.0 / 2050.0, 1e-12);
  // CPI: the household basket (200, 400) at 2024's prices.
  EXPECT_NEAR(run.result.prices->deflators(1, 1),
              (200.0 * (1.0 + 0.03 * 380.0 / 303.0) + 400.0 * (1.0 + 0.03 * 100.0 / 303.0)) / 600.0, 1e-12);
}

TEST(Prices, PriceLeversHaveTheirOwnAttributionRows) {
  const PriceRunFixture run;
  for (const Eigen::Index i : {gdp, gdp_nominal, output_nominal, wages_nominal}) {
    const Eigen::MatrixXd& rows = run.result.attribution[static_cast<std::size_t>(i)];
    for (Eigen::Index y = 0; y < rows.cols(); ++y) EXPECT_NEAR(rows.col(y).sum(), run.result.indicators(i, y), 1e-9);
  }
  const Eigen::MatrixXd& rows = run.result.attribution[static_cast<std::size_t>(gdp_nominal)];
  EXPECT_NEAR(rows(1, 1), 30.0, 1e-9);  // wages, 2024
  EXPECT_NEAR(rows(2, 1), 0.0, 1e-12);  // sector 2's price, not yet set
  EXPECT_LT(rows(2, 2), 0.0);
  EXPECT_NEAR(run.result.attribution[static_cast<std::size_t>(gdp)](1, 1), 0.0, 1e-12);  // real: no price row
}

TEST(Prices, PriceEventsAreValidated) {
  const auto with = [](const std::string& event) {
    return "regsim: 1\nname: t\ntime: {start: 2024-01-01, end: 2024-12-31}\neconomy:\n"
           "  table: ../../../scenarios/examples/data/miller-blair-table.csv\n"
           "  sectors: ../../../scenarios/examples/data/miller-blair-sectors.csv\n"
           "  satellites: ../../../scenarios/examples/data/miller-blair-satellites.csv\n"
           "  satellite_units: {employment: persons}\n  units: USD\n  base_year: 2023\n"
           "  final_demand: {household: HH, exports: EXP}\n  value_added: {compensation: COMP, surplus: OS}\n"
           "indicators:\n  jobs: {of: employment, basis: nominal}\nevents:\n  - " + event + "\n";
  };
  const auto file = testing::source_path("tests/data/scenarios/t.yaml");
  const auto messages = [&](const std::string& event) {
    return testing::messages_of([&] {
      const Scenario s = parse_scenario(with(event), file);
      const IoTable table = load_table(s.economy);
      const LeontiefModel model(table, s.economy.households);
      simulation_spec(s, table, model);
    });
  };
  EXPECT_THAT(messages("{id: p, kind: price, sector: sec1, per: co2, change: 0.1, from: 2024-01-01}"),
              ::testing::ElementsAre(::testing::HasSubstr("events[p]: expected exactly one of sector")));
  EXPECT_THAT(messages("{id: p, kind: price, per: co2, price: 100, from: 2024-01-01}"),
              ::testing::ElementsAre(::testing::HasSubstr("events[p].per: unknown satellite account \"co2\"; the table has: employment"),
                                     ::testing::HasSubstr("indicators.jobs.basis: employment is a physical quantity")));
  EXPECT_THAT(messages("{id: p, kind: price, sector: sec1, change: -1.5, from: 2024-01-01}"),
              ::testing::Contains(::testing::HasSubstr("events[p].change: expected a relative change from -0.99 to 100, found -1.5")));
}

}  // namespace
}  // namespace regsim
