#include "iomodel/competitive.hpp"

#include <gtest/gtest.h>

#include "fixtures.hpp"
#include "iomodel/table_loader.hpp"

namespace regsim {
namespace {

using testing::competitive_spec;

TEST(Competitive, ConversionFollowsTheProportionalImportShares) {
  // s_a = 20 / (20 + 30 + 40 + 0) = 2/9;  s_b = 20 / (40 + 50 + 60 + 50) = 1/10.
  const IoTable t = load_table(competitive_spec("competitive.csv"));
  EXPECT_NEAR(t.local_flows(0, 0), 20.0 * 7 / 9, 1e-12);
  EXPECT_NEAR(t.local_flows(1, 1), 45.0, 1e-12);
  EXPECT_NEAR(t.imported_inputs(0), 2.0 / 9 * 20 + 0.1 * 40, 1e-12);
  EXPECT_NEAR(t.imported_inputs(1), 2.0 / 9 * 30 + 0.1 * 50, 1e-12);
  EXPECT_NEAR(t.local_final_demand(0, column_of(FinalDemand::household)), 40.0 * 7 / 9, 1e-12);
  EXPECT_EQ(t.local_final_demand(0, column_of(FinalDemand::exports)), 30.0);  // exports stay local
  EXPECT_NEAR(t.imported_final_demand(column_of(FinalDemand::household)), 2.0 / 9 * 40 + 0.1 * 60, 1e-12);
  EXPECT_NEAR(t.imported_final_demand(column_of(FinalDemand::gfcf)), 5.0, 1e-12);
}

TEST(Competitive, ConversionPreservesEveryTotal) {
  const IoTable t = load_table(competitive_spec("competitive.csv"));
  EXPECT_EQ(t.output, Eigen::Vector2d(100, 200));
  const Eigen::VectorXd rows = t.local_flows.rowwise().sum() + t.local_final_demand.rowwise().sum();
  const Eigen::RowVectorXd columns = t.local_flows.colwise().sum() + t.imported_inputs + t.total_value_added();
  EXPECT_TRUE(rows.isApprox(t.output, 1e-14));
  EXPECT_TRUE(columns.transpose().isApprox(t.output, 1e-14));
  // All imports (40) are accounted for, as inputs or as final demand.
  EXPECT_NEAR(t.imported_inputs.sum() + t.imported_final_demand.sum(), 40.0, 1e-12);
  // GDP by production (value added) equals GDP by expenditure (C + G + I + X − M).
  EXPECT_NEAR(t.gdp_by_production(), 160.0, 1e-12);
  EXPECT_NEAR(t.gdp_by_expenditure(), 160.0, 1e-12);
}

TEST(Competitive, ImportSharesAboveOneAreRefusedAtTheRow) {
  try {
    load_table(competitive_spec("competitive_share_above_one.csv"));
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(),
                 "tests/data/tables/competitive_share_above_one.csv:2:1: sector \"a\": imports 20 exceed domestic "
                 "use 15 (import share 1.3333 > 1): re-exports must be removed from imports and exports before "
                 "conversion");
  }
}

TEST(Competitive, ImportsWithoutDomesticUseAreRefused) {
  CompetitiveFlows flows{Eigen::MatrixXd::Zero(1, 1), Eigen::MatrixXd::Zero(1, 5), Eigen::VectorXd::Constant(1, 5.0)};
  Diagnostics d;
  convert_competitive(flows, {{"a", "Alpha", "", {}, "", ""}}, {}, d);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(format_diagnostic(d.items()[0]),
            "sector \"a\": imports of 5 but domestic use (intermediate + final, excluding exports) is 0: the "
            "proportional import-share assumption needs domestic use > 0");
}

}  // namespace
}  // namespace regsim
