// Investment and imports (docs/model.md, "Investment and imports"), and demand spent as a total,
// on a two-sector table worked by hand (tests/data/tables/investment.csv): the Miller & Blair
// coefficients, with gfcf of 400 bought locally and 100 imported, so 80 % of investment is local.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "diagnostics.hpp"
#include "iomodel/table_loader.hpp"
#include "model/simulation.hpp"
#include "test_paths.hpp"

namespace regsim {
namespace {

struct InvestmentRun {
  explicit InvestmentRun(const std::string& levers, const std::string& economy_extra = "")
      : scenario(parse_scenario("regsim: 1\nname: investment\ntime: {start: 2024-01-01, end: 2025-12-31, report: monthly}\n"
                                "economy:\n  table: ../tables/investment.csv\n  sectors: ../tables/sectors2.csv\n" +
                                    economy_extra +
                                "  units: USD\n  base_year: 2023\n"
                                "  final_demand: {household: HH, gfcf: GFCF, exports: EXP}\n"
                                "  value_added: {compensation: COMP, surplus: OS}\n"
                                "indicators:\n  gdp: {of: value_added}\n  fai: {of: investment}\n"
                                "  fai_local: {of: investment.local}\n  fai_imported: {of: investment.imported}\n"
                                "  fai_b: {of: investment, sectors: [b]}\n  consumption: {of: consumption}\n"
                                "  consumption_imported: {of: consumption.imported}\n" +
                                    levers,
                                testing::source_path("tests/data/scenarios/investment.yaml"))),
        table(load_table(scenario.economy)),
        model(table, scenario.economy.households),
        spec(simulation_spec(scenario, table, model)),
        result(simulate(table, model, spec)) {}
  [[nodiscard]] double indicator(Eigen::Index i, Eigen::Index year) const { return result.indicators(i, year); }

  Scenario scenario;
  IoTable table;
  LeontiefModel model;
  SimulationSpec spec;
  SimulationResult result;
};

constexpr Eigen::Index gdp = 0, fai = 1, fai_local = 2, fai_imported = 3, fai_b = 4, consumption = 5,
                       consumption_imported = 6;
// GDP per unit of local final demand for a: v_a L_aa + v_b L_ba = 0.6 · 380/303 + 0.65 · 80/303.
constexpr double gdp_per_a = 280.0 / 303.0;

TEST(Investment, TheBaseYearCountsImportedEquipment) {
  const InvestmentRun run("");
  EXPECT_NEAR(run.indicator(fai, 0), 500.0, 1e-12);
  EXPECT_NEAR(run.indicator(fai_local, 0), 400.0, 1e-12);
  EXPECT_NEAR(run.indicator(fai_imported, 0), 100.0, 1e-12);
  // The imported 100 is spread like local gfcf (100 : 300): b's share is 75.
  EXPECT_NEAR(run.indicator(fai_b, 0), 300.0 + 75.0, 1e-12);
  EXPECT_NEAR(run.indicator(fai, 1), 500.0, 1e-9);  // no lever: unchanged
}

TEST(Investment, CapexIsBoughtLocallyByTheTablesGfcfShare) {
  const InvestmentRun run(
      "events:\n  - {id: plant, kind: project, sector: a, capex: 100, build: {from: 2024-01-01, to: 2024-12-31}, "
      "mix: {a: 1.0}}\n");
  EXPECT_NEAR(run.indicator(fai, 1) - 500.0, 100.0, 1e-9);
  EXPECT_NEAR(run.indicator(fai_local, 1) - 400.0, 80.0, 1e-9);
  EXPECT_NEAR(run.indicator(fai_imported, 1) - 100.0, 20.0, 1e-9);
  EXPECT_NEAR(run.indicator(gdp, 1) - 1900.0, 80.0 * gdp_per_a, 1e-9);
  EXPECT_NEAR(run.result.quantity("imports").yearly(1, 0) - 50.0 * run.result.quantity("output").yearly(1, 0) / 1000.0,
              20.0, 1e-9);
  // Attribution stays exact with the imported part.
  const Eigen::MatrixXd& rows = run.result.attribution[static_cast<std::size_t>(fai)];
  EXPECT_NEAR(rows.col(1).sum(), run.indicator(fai, 1), 1e-9);
  EXPECT_NEAR(rows(1, 1), 100.0, 1e-9);
}

TEST(Investment, ATableWithImportsByProductGivesEachProductItsOwnShare) {
  // final_imports: gfcf imports are 10 of a (local 100) and 90 of b (local 300).
  const std::string by_product = "  final_imports: ../tables/investment_final_imports.csv\n";
  const InvestmentRun run(
      "events:\n  - {id: plant, kind: project, sector: a, capex: 100, build: {from: 2024-01-01, to: 2024-12-31}, "
      "mix: {a: 0.5, b: 0.5}}\n",
      by_product);
  const double local = 50.0 * 100.0 / 110.0 + 50.0 * 300.0 / 390.0;
  EXPECT_NEAR(run.indicator(fai_local, 1) - 400.0, local, 1e-9);
  EXPECT_NEAR(run.indicator(fai_imported, 1) - 100.0, 100.0 - local, 1e-9);
  // The base year's imported gfcf of b is the file's 90, not 75 from the proportional spread.
  EXPECT_NEAR(run.indicator(fai_b, 0), 300.0 + 90.0, 1e-12);
  EXPECT_NEAR(run.indicator(consumption_imported, 0), 100.0, 1e-12);
}

TEST(Investment, ImportsByProductAreChecked) {
  const auto messages = testing::messages_of([] {
    TableSpec spec = parse_scenario("regsim: 1\nname: t\ntime: {start: 2024-01-01, end: 2024-12-31}\neconomy:\n"
                                    "  table: ../tables/investment.csv\n  sectors: ../tables/sectors2.csv\n"
                                    "  final_imports: ../tables/final_imports_bad.csv\n  units: USD\n  base_year: 2023\n"
                                    "  final_demand: {household: HH, gfcf: GFCF, exports: EXP}\n"
                                    "  value_added: {compensation: COMP, surplus: OS}\n",
                                    testing::source_path("tests/data/scenarios/t.yaml"))
                         .economy;
    load_table(spec);
  });
  EXPECT_THAT(messages, ::testing::ElementsAre(
                            ::testing::EndsWith("final_imports_bad.csv:2:1: row \"a\", column \"gfcf\": imported gfcf "
                                                "demand must not be negative, found -5"),
                            ::testing::EndsWith("final_imports_bad.csv:1:21: header: unknown final-demand category "
                                                "\"invest\"; expected one of: household, government, gfcf, inventory, "
                                                "exports"),
                            ::testing::EndsWith("final_imports_bad.csv: column \"gfcf\": sums to 85, but the table's "
                                                "imports row has 100 under that category")));
}

TEST(Investment, LocalShareOverridesTheTable) {
  const InvestmentRun run(
      "events:\n  - {id: plant, kind: project, sector: a, capex: 100, build: {from: 2024-01-01, to: 2024-12-31}, "
      "mix: {a: 1.0}, local_share: 1}\n"
      "  - {id: machines, kind: demand, category: gfcf, sectors: {b: 1.0}, amount: 40, from: 2025-01-01, "
      "local_share: 0.25}\n");
  EXPECT_NEAR(run.indicator(fai_local, 1) - 400.0, 100.0, 1e-9);
  EXPECT_NEAR(run.indicator(fai_imported, 1) - 100.0, 0.0, 1e-9);
  EXPECT_NEAR(run.indicator(fai_local, 2) - 400.0, 10.0, 1e-9);
  EXPECT_NEAR(run.indicator(fai_imported, 2) - 100.0, 30.0, 1e-9);
  EXPECT_NEAR(run.indicator(fai_b, 2) - 375.0, 40.0, 1e-9);
}

TEST(Investment, GfcfDemandIsSplitButHouseholdDemandIsNot) {
  const InvestmentRun run(
      "events:\n  - {id: machines, kind: demand, category: gfcf, sectors: {a: 1.0}, amount: 50, from: 2024-01-01}\n"
      "  - {id: vouchers, kind: demand, category: household, sectors: {a: 1.0}, amount: 10, from: 2024-01-01}\n");
  EXPECT_NEAR(run.indicator(fai_local, 1) - 400.0, 40.0, 1e-9);
  EXPECT_NEAR(run.indicator(gdp, 1) - 1900.0, (40.0 + 10.0) * gdp_per_a, 1e-9);
}

TEST(Investment, ConsumptionCountsImportedGoodsToo) {
  const InvestmentRun run(
      "events:\n  - {id: vouchers, kind: demand, category: household, sectors: {a: 1.0}, amount: 10, from: 2024-01-01}\n");
  EXPECT_NEAR(run.indicator(consumption, 0), 600.0 + 100.0, 1e-12);  // local 200 + 400, imported 100
  EXPECT_NEAR(run.indicator(consumption_imported, 0), 100.0, 1e-12);
  EXPECT_NEAR(run.indicator(consumption, 1) - 700.0, 10.0, 1e-9);  // household demand is bought locally
  EXPECT_NEAR(run.indicator(consumption_imported, 1), 100.0, 1e-9);
}

TEST(Investment, ATrendGrowsImportedDemandOfItsCategoryToo) {
  const InvestmentRun run("trends:\n  household: 0.05\n");
  EXPECT_NEAR(run.indicator(consumption_imported, 1), 100.0 * 1.05, 1e-9);
  EXPECT_NEAR(run.indicator(consumption, 1), 700.0 * 1.05, 1e-9);
  EXPECT_NEAR(run.indicator(consumption, 2), 700.0 * 1.05 * 1.05, 1e-9);
}

TEST(DemandTotal, ATotalIsSpentEvenlyOverTheWindow) {
  // 36.8 over the 184 days from July in leap 2024: 0.2 a day, every day counted once.
  const InvestmentRun run(
      "events:\n  - {id: fair, kind: demand, category: household, sectors: {a: 1.0}, total: 36.8, "
      "from: 2024-07-01, to: 2024-12-31}\n");
  const Eigen::MatrixXd& demand = run.result.quantity("final_demand").yearly;
  EXPECT_NEAR(demand(1, 0) - 350.0, 36.8, 1e-9);
  EXPECT_NEAR(demand(2, 0) - 350.0, 0.0, 1e-9);
  EXPECT_NEAR(run.result.quantity("final_demand").series(6, 0) - 350.0, 0.2 * 366.0, 1e-9);  // 1 July
}

TEST(DemandTotal, ExactlyOneOfAmountOrTotal) {
  const auto text = [](const std::string& event) {
    return "regsim: 1\nname: t\ntime: {start: 2024-01-01, end: 2024-12-31}\neconomy:\n  table: ../tables/investment.csv\n"
           "  sectors: ../tables/sectors2.csv\n  units: USD\n  base_year: 2023\n"
           "  final_demand: {household: HH, gfcf: GFCF, exports: EXP}\n  value_added: {compensation: COMP, surplus: OS}\n"
           "events:\n  - " + event + "\n";
  };
  const auto file = testing::source_path("tests/data/scenarios/t.yaml");
  EXPECT_THAT(testing::messages_of([&] {
                parse_scenario(text("{id: e, kind: demand, category: household, sectors: {a: 1}, amount: 1, total: 2, from: 2024-01-01}"), file);
              }),
              ::testing::ElementsAre(::testing::HasSubstr(
                  "events[e]: expected one of amount (an annual rate) or total (spent over the window), found both")));
  EXPECT_THAT(testing::messages_of([&] { parse_scenario(text("{id: e, kind: demand, category: household, sectors: {a: 1}, from: 2024-01-01}"), file); }),
              ::testing::ElementsAre(::testing::HasSubstr("events[e]: expected amount (an annual rate) or total")));
  EXPECT_THAT(testing::messages_of([&] {
                parse_scenario(text("{id: e, kind: demand, category: exports, sectors: {a: 1}, amount: 1, "
                                    "from: 2024-01-01, local_share: 0.5}"),
                               file);
              }),
              ::testing::ElementsAre(::testing::HasSubstr("events[e].local_share: exports are sold outside the region")));
  EXPECT_THAT(testing::messages_of([&] {
                parse_scenario(text("{id: e, kind: demand, category: gfcf, sectors: {a: 1}, amount: 1, "
                                    "from: 2024-01-01, local_share: 1.5}"),
                               file);
              }),
              ::testing::ElementsAre(
                  ::testing::HasSubstr("events[e].local_share: expected a share of local supply from 0 to 1, found 1.5")));
}

TEST(ProjectWarnings, OnLineBeforeTheBuildEndsIsALocatedWarning) {
  const std::string text =
      "regsim: 1\nname: t\ntime: {start: 2024-01-01, end: 2025-12-31}\neconomy:\n  table: ../tables/investment.csv\n"
      "  sectors: ../tables/sectors2.csv\n  units: USD\n  base_year: 2023\n"
      "  final_demand: {household: HH, gfcf: GFCF, exports: EXP}\n  value_added: {compensation: COMP, surplus: OS}\n"
      "events:\n  - {id: p, kind: project, sector: a, capex: 10, build: {from: 2024-01-01, to: 2024-12-31}, mix: {b: 1},\n"
      "     output: 5, online: 2024-06-01}\n";
  const Scenario s = parse_scenario(text, testing::source_path("tests/data/scenarios/t.yaml"));
  ASSERT_EQ(s.warnings.size(), 1u);
  EXPECT_THAT(format_diagnostic(s.warnings[0]),
              ::testing::EndsWith("t.yaml:13:25: events[p].online: the plant is on line on 2024-06-01, before its "
                                  "build window ends on 2024-12-31"));
}

}  // namespace
}  // namespace regsim
