#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <filesystem>

#include "../iomodel/fixtures.hpp"
#include "diagnostics.hpp"
#include "iomodel/table_loader.hpp"
#include "regional/balancing.hpp"
#include "regional/location_quotients.hpp"
#include "regional/regionalize.hpp"
#include "iomodel/table_writer.hpp"
#include "scenario/recipe_reader.hpp"
#include "scenario/scenario.hpp"

namespace regsim {
namespace {

// A worked example: national output (100, 300, 600), total 1000; regional output (20, 15, 15),
// total 50. Regional shares (0.4, 0.3, 0.3), national shares (0.1, 0.3, 0.6), so
// SLQ = (4, 1, 0.5); CILQ_ij = SLQ_i / SLQ_j; λ* = log2(1 + 50/1000)^0.3 = 0.0703893^0.3 = 0.451078.
const Eigen::Vector3d national_output(100.0, 300.0, 600.0);
const Eigen::Vector3d regional_output(20.0, 15.0, 15.0);

TEST(LocationQuotients, SimpleQuotientsCompareShares) {
  const Eigen::VectorXd slq = simple_location_quotients(regional_output, national_output);
  EXPECT_NEAR(slq(0), 4.0, 1e-12);
  EXPECT_NEAR(slq(1), 1.0, 1e-12);
  EXPECT_NEAR(slq(2), 0.5, 1e-12);
}

TEST(LocationQuotients, CrossIndustryQuotientsUseSellerOverBuyer) {
  const Eigen::MatrixXd q = location_quotients(LqMethod::cilq, regional_output, national_output, 0.3);
  EXPECT_NEAR(q(0, 1), 4.0, 1e-12);    // SLQ_1 / SLQ_2
  EXPECT_NEAR(q(2, 0), 0.125, 1e-12);  // 0.5 / 4
  EXPECT_NEAR(q(1, 2), 2.0, 1e-12);    // 1 / 0.5
  EXPECT_NEAR(q(2, 2), 0.5, 1e-12);    // the diagonal is SLQ_i
  const Eigen::MatrixXd s = location_quotients(LqMethod::slq, regional_output, national_output, 0.3);
  EXPECT_NEAR(s(2, 0), 0.5, 1e-12);    // SLQ ignores the buyer
}

TEST(LocationQuotients, AugmentedFlqRaisesWhatSpecializedBuyersBuyLocally) {
  const double lambda = flq_lambda(50.0, 1000.0, 0.3);
  const Eigen::MatrixXd q = location_quotients(LqMethod::aflq, regional_output, national_output, 0.3);
  // Buyer 1 is specialized (SLQ 4): its column is FLQ × log2(1 + 4) = FLQ × 2.321928.
  EXPECT_NEAR(q(2, 0), 0.125 * lambda * std::log2(5.0), 1e-12);
  EXPECT_NEAR(q(0, 0), 4.0 * lambda * std::log2(5.0), 1e-12);
  // Buyers 2 (SLQ 1) and 3 (SLQ 0.5) are not: their columns are FLQ's.
  EXPECT_NEAR(q(0, 1), 4.0 * lambda, 1e-12);
  EXPECT_NEAR(q(1, 2), 2.0 * lambda, 1e-12);
}

TEST(LocationQuotients, FlegOnCilqScaledByRegionalSize) {
  const double lambda = flq_lambda(50.0, 1000.0, 0.3);
  EXPECT_NEAR(lambda, 0.451078, 1e-6);
  const Eigen::MatrixXd q = location_quotients(LqMethod::flq, regional_output, national_output, 0.3);
  EXPECT_NEAR(q(0, 1), 4.0 * lambda, 1e-12);
  EXPECT_NEAR(q(2, 0), 0.125 * lambda, 1e-12);
  EXPECT_NEAR(q(1, 1), 1.0 * lambda, 1e-12);
  // Regional coefficients: national ones times min(q, 1).
  Eigen::Matrix3d a = Eigen::Matrix3d::Constant(0.1);
  const Eigen::MatrixXd r = regional_coefficients(a, q);
  EXPECT_NEAR(r(0, 1), 0.1, 1e-12);                // 4λ = 1.80 > 1: capped
  EXPECT_NEAR(r(2, 0), 0.1 * 0.125 * lambda, 1e-12);
}

TEST(Gras, RasMeetsTotalsAndKeepsCrossRatios) {
  Eigen::Matrix3d a;
  a << 10, 20, 5, 3, 8, 1, 0, 4, 6;
  const Eigen::Vector3d rows(40, 10, 15);
  const Eigen::Vector3d columns(20, 30, 15);
  const BalancingResult b = gras(a, rows, columns);
  // The tolerance (1e-10) is relative to the largest total.
  EXPECT_LT((b.matrix.rowwise().sum() - rows).cwiseAbs().maxCoeff(), 1e-8);
  EXPECT_LT((b.matrix.colwise().sum().transpose() - columns).cwiseAbs().maxCoeff(), 1e-8);
  EXPECT_EQ(b.matrix(2, 0), 0.0);  // zeros stay zero
  // X = r̂ A ŝ keeps every cross ratio x_ij x_kl / (x_il x_kj).
  EXPECT_NEAR(b.matrix(0, 0) * b.matrix(1, 1) / (b.matrix(0, 1) * b.matrix(1, 0)), (10.0 * 8) / (20.0 * 3), 1e-9);
  EXPECT_GT(b.iterations, 1);
}

TEST(Gras, MixedSignsKeepTheirSigns) {
  Eigen::MatrixXd a(2, 3);
  a << 10, -2, 5, 4, 3, -1;
  const Eigen::Vector2d rows(12, 5);
  const Eigen::Vector3d columns(15, 0.5, 1.5);
  const BalancingResult b = gras(a, rows, columns);
  // The tolerance (1e-10) is relative to the largest total.
  EXPECT_LT((b.matrix.rowwise().sum() - rows).cwiseAbs().maxCoeff(), 1e-8);
  EXPECT_LT((b.matrix.colwise().sum().transpose() - columns).cwiseAbs().maxCoeff(), 1e-8);
  EXPECT_LT(b.matrix(0, 1), 0.0);
  EXPECT_LT(b.matrix(1, 2), 0.0);
  EXPECT_GT(b.matrix(1, 1), 0.0);
}

TEST(Gras, RefusesInconsistentOrUnreachableTotals) {
  const Eigen::Matrix2d a = Eigen::Matrix2d::Ones();
  EXPECT_THROW(gras(a, Eigen::Vector2d(1, 2), Eigen::Vector2d(1, 1)), NumericalError);
  Eigen::Matrix2d zero_row;
  zero_row << 1, 1, 0, 0;
  EXPECT_THROW(gras(zero_row, Eigen::Vector2d(1, 1), Eigen::Vector2d(1, 1)), NumericalError);
}

IoTable miller_blair() { return load_table(testing::miller_blair_spec()); }

void expect_balanced(const IoTable& t) {
  const Eigen::VectorXd rows = t.local_flows.rowwise().sum() + t.local_final_demand.rowwise().sum();
  const Eigen::VectorXd columns = (t.local_flows.colwise().sum() + t.imported_inputs + t.value_added.colwise().sum()).transpose();
  EXPECT_LT((rows - t.output).cwiseAbs().maxCoeff(), 1e-9 * t.output.maxCoeff());
  EXPECT_LT((columns - t.output).cwiseAbs().maxCoeff(), 1e-9 * t.output.maxCoeff());
}

TEST(SplitSector, KeepsEveryTotalAndGivesTheShare) {
  const IoTable t = miller_blair();
  SectorSplit split{"sec2", {"new", "New sector", "", {}, "", ""}, 0.25, {}, {}, "splits[0]"};
  const IoTable s = split_sector(t, split);
  ASSERT_EQ(s.size(), 3);
  EXPECT_EQ(s.sectors[2].code, "new");  // inserted after its parent
  EXPECT_DOUBLE_EQ(s.output(2), 0.25 * t.output(1));
  EXPECT_DOUBLE_EQ(s.output(1) + s.output(2), t.output(1));
  EXPECT_DOUBLE_EQ(s.output(0), t.output(0));
  expect_balanced(s);
  EXPECT_NEAR(s.gdp_by_production(), t.gdp_by_production(), 1e-9);
  EXPECT_NEAR(s.local_flows.sum(), t.local_flows.sum(), 1e-9);
  // Without a recipe the new sector has its parent's coefficients.
  EXPECT_NEAR(s.local_flows(0, 2) / s.output(2), t.local_flows(0, 1) / t.output(1), 1e-12);
}

TEST(SplitSector, UsesItsOwnRecipeAndRescalesTheRest) {
  const IoTable t = miller_blair();
  SectorSplit split{"sec2", {"new", "New sector", "", {}, "", ""}, 0.25, {{"sec1", 0.4}}, {}, "splits[0]"};
  const IoTable s = split_sector(t, split);
  EXPECT_NEAR(s.local_flows(0, 2), 0.4 * s.output(2), 1e-9);
  expect_balanced(s);
  // Asking for more of an input than the parent buys is refused, naming both: 0.5 × 500 of sec2
  // where sec2's column (after its row is split) holds 75.
  split.inputs = {{"sec2", 0.5}};
  EXPECT_THAT(testing::messages_of([&] { split_sector(t, split); }),
              ::testing::ElementsAre(::testing::HasSubstr("splits[0].inputs: \"new\" would need")));
}

TEST(Aggregate, SumsSectorsAndReportsUnmappedOnes) {
  const IoTable t = miller_blair();
  Diagnostics diagnostics;
  const IoTable one = aggregate_sectors(t, {{"all", "All", "", {"g"}, "", ""}}, {{"sec1", "sec2"}}, {{"s.csv", 2, 1}}, diagnostics);
  ASSERT_TRUE(diagnostics.empty());
  EXPECT_DOUBLE_EQ(one.output(0), t.output.sum());
  EXPECT_DOUBLE_EQ(one.local_flows(0, 0), t.local_flows.sum());
  EXPECT_DOUBLE_EQ(one.gdp_by_production(), t.gdp_by_production());
  Diagnostics problems;
  aggregate_sectors(t, {{"a", "A", "", {}, "", ""}}, {{"sec1", "secX"}}, {{"s.csv", 2, 1}}, problems);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_THAT(format_diagnostic(problems.items()[0]), ::testing::HasSubstr("unknown national sector \"secX\""));
  EXPECT_THAT(format_diagnostic(problems.items()[1]), ::testing::HasSubstr("not mapped: sec2"));
}

TEST(Regionalize, JinzhongRecipeMeetsItsTotals) {
  const RegionalRecipe recipe =
      load_recipe(testing::source_path("scenarios/data/jinzhong-2023/recipe/jinzhong-2023.yaml"));
  const RegionalBuild build = build_regional_table(recipe, load_table(recipe.source));
  const IoTable& t = build.table;
  EXPECT_EQ(t.size(), 55);
  expect_balanced(t);
  // GDP is the sum of the three industries' totals; both sides of the GDP identity agree.
  EXPECT_NEAR(t.gdp_by_production(), 10310784.0 + 1481696.0 + 12262231.0, 1e-3);
  EXPECT_NEAR(t.gdp_by_expenditure(), t.gdp_by_production(), 1e-6 * t.gdp_by_production());
  // Coal, coke and the vehicle makers are set by output (tonnes times prices; README beside the recipe).
  const auto output_of = [&](const char* code) { return t.output(t.find_sector(code)->index()); };
  EXPECT_NEAR(output_of("coal_mining"), 7000000.0, 1e-3);
  EXPECT_NEAR(output_of("coke"), 3000000.0, 1e-3);
  EXPECT_NEAR(output_of("vehicles") + output_of("auto_parts"), 1500000.0, 1e-3);
  // FLQ never makes a regional coefficient larger than the national one.
  const Eigen::MatrixXd a_r = technical_coefficients(t);
  const Eigen::MatrixXd a_n = technical_coefficients(build.national);
  EXPECT_LE((a_r - a_n).maxCoeff(), 1e-12);
  EXPECT_NEAR(t.satellites[0].totals.sum(), 1750000.0, 1e-3);
}

// Miller & Blair's table: sec1 has output 1000 and value added 650; sec2 output 2000, value added
// 1400 and 500 jobs. r1 is set by output (100), r2 by employment (50 jobs at 0.25 per unit of output).
TEST(Regionalize, TotalsByOutputAndByEmployment) {
  RegionalRecipe recipe = load_recipe(testing::source_path("tests/data/recipes/measures_recipe.yaml"));
  const RegionalBuild build = build_regional_table(recipe, load_table(recipe.source));
  const IoTable& t = build.table;
  expect_balanced(t);
  EXPECT_NEAR(t.output(0), 100.0, 1e-9);
  EXPECT_NEAR(t.total_value_added()(0), 65.0, 1e-9);
  EXPECT_NEAR(t.output(1), 200.0, 1e-9);
  EXPECT_NEAR(t.total_value_added()(1), 140.0, 1e-9);
  ASSERT_EQ(t.satellites.size(), 1u);
  EXPECT_NEAR(t.satellites[0].totals(1), 50.0, 1e-9);

  recipe.totals[1].measure = "employmnet";
  EXPECT_THAT(testing::messages_of([&] { build_regional_table(recipe, load_table(recipe.source)); }),
              ::testing::ElementsAre(::testing::EndsWith(
                  "measures_recipe.yaml:20:28: totals[1].measure: expected one of value_added, output, employment, found \"employmnet\"; "
                  "did you mean \"employment\"?")));
}

TEST(Recipe, ReportsEveryProblemWithItsPlace) {
  const std::string f = "tests/data/recipes/bad_recipe.yaml";
  EXPECT_THAT(testing::messages_of([&] { load_recipe(testing::source_path(f)); }),
              ::testing::ElementsAre(
                  f + ":2:9: recipe: expected recipe format 1, found 2",
                  f + ":19:34: splits[0].share: expected a share between 0 and 1 (exclusive), found 1.5",
                  f + ":21:28: totals[0].value: expected a positive number, found -5",
                  f + ":22:13: final_use.housheold: unknown key; expected one of: household, government, gfcf, "
                      "inventory; did you mean \"household\"?",
                  f + ":23:27: regionalization.method: expected one of slq, cilq, flq, aflq, found \"flqq\"; did you mean \"flq\"?"));
}

TEST(WrittenTable, ItsEconomyBlockReadsBackWhateverTheUnitsHold) {
  // build-table prints this block for the user to paste: units and account names that need quoting
  // (a quote, a backslash, a control character, a colon) read back as they were.
  IoTable table = miller_blair();
  table.units = "10k \"CNY\" \\ 2024\x02";
  table.satellites.at(0).name = "jobs: total";
  table.satellites.at(0).unit = "persons {FTE}";
  const auto folder = std::filesystem::temp_directory_path() / ("regsim-block-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  write_table(table, folder);
  const std::string scenario = "regsim: 1\nname: x\ntime: {start: 2024-01-01, end: 2024-12-31}\neconomy:\n" +
                               economy_block_for_written_table(table);
  const IoTable read = load_table(parse_scenario(scenario, folder / "scenario.yaml").economy);
  std::filesystem::remove_all(folder);
  EXPECT_EQ(read.units, table.units);
  EXPECT_EQ(read.satellites.at(0).name, "jobs: total");
  EXPECT_EQ(read.satellites.at(0).unit, "persons {FTE}");
}

}  // namespace
}  // namespace regsim
