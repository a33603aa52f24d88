#include "iomodel/table_loader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "diagnostics.hpp"
#include "fixtures.hpp"

namespace regsim {
namespace {

using ::testing::ElementsAre;
using testing::miller_blair_spec;
using testing::small_spec;

std::vector<std::string> messages_of(const TableSpec& spec) {
  return testing::messages_of([&] { load_table(spec); });
}

TEST(TableLoader, LoadsTheMillerBlairExample) {
  const IoTable t = load_table(miller_blair_spec());
  ASSERT_EQ(t.size(), 2);
  EXPECT_EQ(t.sectors[0].code, "sec1");
  EXPECT_EQ(t.sectors[1].name_zh, "部门二");
  EXPECT_EQ(t.sectors[1].groups, (std::vector<std::string>{"textbook", "secondary"}));
  EXPECT_EQ(t.output, Eigen::Vector2d(1000, 2000));
  EXPECT_EQ(t.local_flows(0, 1), 500.0);
  EXPECT_EQ(t.local_final_demand(1, column_of(FinalDemand::household)), 400.0);
  EXPECT_EQ(t.local_final_demand(1, column_of(FinalDemand::exports)), 1300.0);
  EXPECT_EQ(t.value_added(row_of(ValueAdded::compensation), 0), 300.0);
  EXPECT_EQ(t.total_value_added(), Eigen::RowVector2d(650, 1400));
  ASSERT_EQ(t.satellites.size(), 1u);
  EXPECT_EQ(t.satellites[0].name, "employment");
  EXPECT_EQ(t.satellites[0].unit, "persons");
  EXPECT_EQ(t.satellites[0].totals, Eigen::Vector2d(300, 500));
  EXPECT_EQ(t.gdp_by_production(), 2050.0);
  EXPECT_EQ(t.gdp_by_expenditure(), 2050.0);
  EXPECT_EQ(t.find_sector("sec2")->value(), 1u);
  EXPECT_FALSE(t.find_sector("sec3"));
}

TEST(TableLoader, ReportsEveryBadCellAndLabelAtOnce) {
  EXPECT_THAT(
      messages_of(small_spec("bad_cells.csv")),
      ElementsAre(
          "tests/data/tables/bad_cells.csv:1:17: column \"totl\": unknown column: expected a sector code from "
          "tests/data/tables/sectors2.csv, a mapped final-demand column or \"total\"; did you mean \"total\"?",
          "tests/data/tables/bad_cells.csv:2:6: row \"a\", column \"b\": expected a number, found \"x\"",
          "tests/data/tables/bad_cells.csv:3:3: row \"b\", column \"a\": intermediate flows must not be negative, "
          "found -5",
          "tests/data/tables/bad_cells.csv:3:6: row \"b\", column \"b\": expected a number, found an empty cell",
          "tests/data/tables/bad_cells.csv:4:1: row \"b\": appears twice (first on line 3)",
          "tests/data/tables/bad_cells.csv:8:1: row \"importz\": unknown row: expected a sector code, \"imports\", "
          "a mapped value-added row or \"total\"; did you mean \"imports\"?",
          "tests/data/tables/bad_cells.csv:9:1: row \"OS2\": unknown row: expected a sector code, \"imports\", a "
          "mapped value-added row or \"total\"; did you mean \"OS\"?"));
}

TEST(TableLoader, ReportsImbalanceAndWrongTotalsTogether) {
  EXPECT_THAT(
      messages_of(small_spec("unbalanced.csv")),
      ElementsAre("tests/data/tables/unbalanced.csv:7:11: row \"total\", column \"b\": the column's cells sum to "
                  "90, but its total says 70",
                  "tests/data/tables/unbalanced.csv:2:1: sector \"a\": row total (output) 100 differs from column "
                  "total (inputs + value added) 105 by -5 (0.05 of output; the tolerance is 1e-06)",
                  "tests/data/tables/unbalanced.csv:3:1: sector \"b\": row total (output) 80 differs from column "
                  "total (inputs + value added) 90 by -10 (0.125 of output; the tolerance is 1e-06)"));
}

TEST(TableLoader, ToleranceIsConfigurable) {
  TableSpec spec = small_spec("unbalanced.csv");
  spec.balance_tolerance = 0.09;  // sector a (5 %) passes, sector b (12.5 %) and the total row do not
  EXPECT_EQ(messages_of(spec).size(), 2u);
}

TEST(TableLoader, ZeroOutputIsRefused) {
  EXPECT_THAT(messages_of(small_spec("zero_output.csv")),
              ElementsAre("tests/data/tables/zero_output.csv:3:1: sector \"b\": output (row total) must be positive, "
                          "found 0: merge the sector into another or drop it"));
}

TEST(TableLoader, MissingRowsColumnsAndMappingsAreNamed) {
  EXPECT_THAT(
      messages_of(small_spec("missing_labels.csv")),
      ElementsAre("tests/data/tables/missing_labels.csv:1:1: header: no column for sector \"b\"",
                  "economy.final_demand.exports: column \"EXP\" is not in tests/data/tables/missing_labels.csv",
                  "tests/data/tables/missing_labels.csv: no row for sector \"b\"",
                  "tests/data/tables/missing_labels.csv: no \"imports\" row: a non-competitive table "
                  "(economy.imports) lists imported inputs in a row named \"imports\"",
                  "economy.value_added.surplus: row \"OS\" is not in tests/data/tables/missing_labels.csv"));
}

TEST(TableLoader, SectorListProblemsComeFirstAndAllAtOnce) {
  EXPECT_THAT(
      messages_of(small_spec("bad_cells.csv", "sectors_duplicate.csv")),
      ElementsAre("tests/data/tables/sectors_duplicate.csv:1:11: header: unknown column \"nmae\": expected code, "
                  "name, name_zh, groups, region, product; did you mean \"name\"?",
                  "tests/data/tables/sectors_duplicate.csv:3:1: sector \"a\": duplicate sector code (first on line 2)",
                  "tests/data/tables/sectors_duplicate.csv:4:1: sector \"total\": \"total\" is reserved for the "
                  "table's own rows and columns",
                  "tests/data/tables/sectors_duplicate.csv:5:1: row 5: expected a sector code, found an empty cell"));
}

TEST(TableLoader, SatelliteRowsAreMatchedByCode) {
  TableSpec good = testing::competitive_spec("competitive.csv");
  good.satellites = testing::source_path("tests/data/tables/satellites_good.csv");
  good.satellite_units = {{"co2", "t"}};
  const IoTable t = load_table(good);
  ASSERT_EQ(t.satellites.size(), 2u);
  EXPECT_EQ(t.satellites[0].totals, Eigen::Vector2d(10, 5));  // file lists b before a
  EXPECT_EQ(t.satellites[1].name, "co2");
  EXPECT_EQ(t.satellites[1].unit, "t");
  EXPECT_EQ(t.satellites[0].unit, "");
}

TEST(TableLoader, SatelliteProblemsAreReported) {
  TableSpec spec = testing::competitive_spec("competitive.csv");
  spec.satellites = testing::source_path("tests/data/tables/satellites_bad.csv");
  spec.satellite_units = {{"water", "m3"}};
  EXPECT_THAT(messages_of(spec),
              ElementsAre("tests/data/tables/satellites_bad.csv:3:1: row \"c\": unknown sector code",
                          "tests/data/tables/satellites_bad.csv:4:1: row \"a\": appears twice (first on line 2)",
                          "tests/data/tables/satellites_bad.csv: no row for sector \"b\"",
                          "economy.satellite_units.water: no account \"water\" in tests/data/tables/satellites_bad.csv"));
}

TEST(TableLoader, ImportsRowInACompetitiveTableIsExplained) {
  TableSpec spec = small_spec("zero_output.csv");
  spec.imports = ImportForm::competitive;
  const auto messages = messages_of(spec);
  ASSERT_FALSE(messages.empty());
  EXPECT_EQ(messages[0],
            "tests/data/tables/zero_output.csv:4:1: row \"imports\": unknown row: expected a sector code, a mapped "
            "value-added row or \"total\"; an \"imports\" row belongs to non-competitive tables, but "
            "economy.imports is competitive");
}

}  // namespace
}  // namespace regsim
