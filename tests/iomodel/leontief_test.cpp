#include "iomodel/leontief.hpp"

#include <gtest/gtest.h>

#include <Eigen/LU>

#include "core/error.hpp"
#include "fixtures.hpp"
#include "iomodel/blas_kernels.hpp"
#include "iomodel/table_loader.hpp"

namespace regsim {
namespace {

using testing::miller_blair_spec;
using testing::read_matrix;
using testing::small_spec;

TEST(Leontief, MillerBlairCoefficientsMatchTheBook) {
  const IoTable table = load_table(miller_blair_spec());
  const Eigen::MatrixXd expected = read_matrix("tests/data/miller_blair_2x2/A_expected.csv");
  EXPECT_TRUE(technical_coefficients(table).isApprox(expected, 1e-12)) << technical_coefficients(table);
}

TEST(Leontief, MillerBlairInverseMatchesTheBook) {
  const IoTable table = load_table(miller_blair_spec());
  const LeontiefModel model(table, HouseholdMode::exogenous);
  const Eigen::MatrixXd expected = read_matrix("tests/data/miller_blair_2x2/L_expected.csv");
  EXPECT_LT((model.leontief_inverse() - expected).cwiseAbs().maxCoeff(), 1e-12) << model.leontief_inverse();
}

TEST(Leontief, MillerBlairNewDemandGivesTheBooksOutput) {
  // M&B §2.3: f = (600, 1500) -> x = (1247.52…, 1841.58…).
  const IoTable table = load_table(miller_blair_spec());
  const LeontiefModel model(table, HouseholdMode::exogenous);
  const Eigen::MatrixXd expected = read_matrix("tests/data/miller_blair_2x2/scenario_expected.csv");
  const Eigen::VectorXd x = model.output_for(Eigen::VectorXd(expected.col(0)));
  for (Eigen::Index i = 0; i < 2; ++i) EXPECT_NEAR(x(i) / expected(i, 1), 1.0, 1e-12);
}

TEST(Leontief, BaseFinalDemandReproducesTheTablesOutput) {
  const IoTable table = load_table(miller_blair_spec());
  for (const auto mode : {HouseholdMode::exogenous, HouseholdMode::endogenous}) {
    const LeontiefModel model(table, mode);
    const Eigen::VectorXd x = model.output_for(model.base_final_demand());
    EXPECT_LT((x - table.output).cwiseAbs().maxCoeff(), 1e-9) << x;
  }
}

TEST(Leontief, TypeTwoClosureMatchesTheHandComputedInverse) {
  // Households: h_r = compensation / x = (300/1000, 500/2000) = (0.3, 0.25);
  //             h_c = household demand / Σ compensation = (200/800, 400/800) = (0.25, 0.5).
  //          |  0.85  -0.25  -0.25 |
  //  I − Ā = | -0.2    0.95  -0.5  |
  //          | -0.3   -0.25   1    |
  // det = 0.85(0.95 − 0.125) + 0.25(−0.2 − 0.15) − 0.25(0.05 + 0.285) = 0.70125 − 0.0875 − 0.08375 = 0.53.
  // Sector block of the inverse, cofactor / det:
  //   L̄11 = (0.95 − 0.125) / 0.53 = 165/106      L̄12 = (0.25 + 0.0625) / 0.53 = 125/212
  //   L̄21 = (0.2 + 0.15) / 0.53  = 35/53         L̄22 = (0.85 − 0.075) / 0.53 = 155/106
  const IoTable table = load_table(miller_blair_spec());
  const LeontiefModel model(table, HouseholdMode::endogenous);
  Eigen::Matrix2d expected;
  expected << 165.0 / 106, 125.0 / 212, 35.0 / 53, 155.0 / 106;
  EXPECT_LT((model.leontief_inverse() - expected).cwiseAbs().maxCoeff(), 1e-12) << model.leontief_inverse();
  EXPECT_EQ(model.sector_count(), 2);
  // Household demand is endogenous, so the exogenous demand is exports only.
  EXPECT_EQ(model.base_final_demand(), Eigen::Vector2d(150, 1300));
}

TEST(Leontief, BorderedSolveEqualsTheExplicitAugmentedSystem) {
  // The (n+1)-square system inverted directly, as M&B write it, against block elimination.
  const IoTable table = load_table(miller_blair_spec());
  Eigen::Matrix3d bordered = Eigen::Matrix3d::Identity();
  bordered.topLeftCorner(2, 2) -= technical_coefficients(table);
  bordered(2, 0) = -0.3;
  bordered(2, 1) = -0.25;
  bordered(0, 2) = -0.25;
  bordered(1, 2) = -0.5;
  const Eigen::Matrix3d inverse = bordered.inverse();
  const LeontiefModel type_one(table, HouseholdMode::exogenous);
  const LeontiefModel type_two = type_one.with_households(table, HouseholdMode::endogenous);
  EXPECT_LT((type_two.leontief_inverse() - inverse.topLeftCorner(2, 2)).cwiseAbs().maxCoeff(), 1e-14);
  const Eigen::Vector3d direct = inverse * Eigen::Vector3d(600, 1500, 0);
  EXPECT_LT((type_two.output_for(Eigen::VectorXd(Eigen::Vector2d(600, 1500))) - direct.head(2)).cwiseAbs().maxCoeff(),
            1e-10);
  // Sharing the factorization leaves the Type I model as it was: L = (1/303)[[380, 100], [80, 340]].
  EXPECT_EQ(type_one.households(), HouseholdMode::exogenous);
  Eigen::Matrix2d scaled_inverse;
  scaled_inverse << 380, 100, 80, 340;
  EXPECT_LT((type_one.leontief_inverse() * 303.0 - scaled_inverse).cwiseAbs().maxCoeff(), 1e-11);
}

TEST(Leontief, ColumnSumOfOneOrMoreNamesTheSector) {
  const IoTable table = load_table(small_spec("not_productive.csv"));
  try {
    const LeontiefModel model(table, HouseholdMode::exogenous);
    FAIL() << "expected NumericalError";
  } catch (const NumericalError& e) {
    EXPECT_STREQ(e.what(),
                 "sector \"b\": column sum of A is 1.2 ≥ 1 (local inputs exceed output, so imports plus value "
                 "added are negative): the table is not productive");
  }
}

TEST(Leontief, TypeTwoHouseholdLoopAboveOneIsReported) {
  // One sector: a = 0.4, h_r = 0.1, h_c = 70/10 = 7, so ρ(Ā) = 0.2 + √0.74 ≈ 1.06 (λ² − 0.4λ − 0.7 = 0)
  // and the household loop gain h_r L h_c = 0.1 · 7 / 0.6 = 7/6 ≥ 1.
  TableSpec spec = small_spec("type2_runaway.csv", "sectors1.csv");
  spec.final_demand_columns = {};
  spec.final_demand_columns[static_cast<std::size_t>(FinalDemand::household)] = {"HH"};
  spec.final_demand_columns[static_cast<std::size_t>(FinalDemand::inventory)] = {"INV"};
  const IoTable table = load_table(spec);
  EXPECT_NO_THROW(LeontiefModel(table, HouseholdMode::exogenous));
  try {
    const LeontiefModel model(table, HouseholdMode::endogenous);
    FAIL() << "expected NumericalError";
  } catch (const NumericalError& e) {
    EXPECT_STREQ(e.what(),
                 "the Type II system is not productive: one unit of household income, spent on local goods and "
                 "passed through the economy, pays 1.16667 ≥ 1 units of income back (h_r L h_c); households spend "
                 "more on local goods per unit of compensation than the economy can sustain");
  }
}

/// n sectors, each selling half its output to the others evenly and half to households.
IoTable uniform_table(Eigen::Index n) {
  IoTable table;
  table.output = Eigen::VectorXd::Ones(n);
  table.local_flows = Eigen::MatrixXd::Constant(n, n, 0.5 / static_cast<double>(n));
  table.local_final_demand = Eigen::MatrixXd::Zero(n, final_demand_width);
  table.local_final_demand.col(column_of(FinalDemand::household)).setConstant(0.5);
  return table;
}

TEST(BlasThreads, OnlyAFactorizationOfFourHundredSectorsOrMoreGivesTheBlasEveryCore) {
  // What blas_choice.cpp does before main when the user chose no thread count.
  defer_blas_threads();
  const int before = blas_threads();
  const LeontiefModel small(uniform_table(399), HouseholdMode::exogenous);
  EXPECT_EQ(blas_threads(), before);
  // Said by `regsim --version` while there are cores to give (none on one core, or without OpenBLAS).
  if (before < blas_cores()) {
    EXPECT_NE(blas_description().find("from 400 sectors"), std::string::npos) << blas_description();
  }

  const LeontiefModel large(uniform_table(400), HouseholdMode::exogenous);
  EXPECT_EQ(blas_threads(), blas_cores());
  EXPECT_EQ(blas_description().find("from 400 sectors"), std::string::npos) << blas_description();
  // The factors are the same whatever the threads: (I − A)⁻¹ 1 = 2 for this table.
  const Eigen::VectorXd x = large.output_for(Eigen::VectorXd(Eigen::VectorXd::Ones(400)));
  EXPECT_NEAR(x.minCoeff(), 2.0, 1e-12);
  EXPECT_NEAR(x.maxCoeff(), 2.0, 1e-12);
}

}  // namespace
}  // namespace regsim
