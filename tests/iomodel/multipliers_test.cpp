#include "iomodel/multipliers.hpp"

#include <gtest/gtest.h>

#include <random>

#include "fixtures.hpp"
#include "core/error.hpp"
#include "iomodel/table_loader.hpp"

namespace regsim {
namespace {

using testing::miller_blair_spec;
using testing::read_matrix;

class MillerBlairMultipliers : public ::testing::Test {
protected:
  IoTable table = load_table(miller_blair_spec());
  LeontiefModel type_one{table, HouseholdMode::exogenous};
  LeontiefModel type_two{table, HouseholdMode::endogenous};
};

TEST_F(MillerBlairMultipliers, TypeOneMatchesTheBook) {
  const Multipliers m = compute_multipliers(table, type_one);
  ASSERT_EQ(m.names, (std::vector<std::string>{"output", "value_added", "income", "employment"}));
  // multipliers_expected.csv: sector, output_multiplier, labor_coeff, employment_multiplier
  const Eigen::MatrixXd expected = read_matrix("tests/data/miller_blair_2x2/multipliers_expected.csv");
  for (Eigen::Index j = 0; j < 2; ++j) {
    EXPECT_NEAR(m.values(j, 0), expected(j, 0), 1e-12);
    EXPECT_NEAR(m.values(j, 3), expected(j, 2), 1e-12);
  }
  // No imports: every unit of final demand ends up as value added (column sums of v̂L are 1).
  EXPECT_NEAR(m.values(0, 1), 1.0, 1e-12);
  EXPECT_NEAR(m.values(1, 1), 1.0, 1e-12);
  // Income: c L with c = (0.3, 0.25), L = (1/303)[[380, 100], [80, 340]].
  EXPECT_NEAR(m.values(0, 2), 134.0 / 303, 1e-12);
  EXPECT_NEAR(m.values(1, 2), 115.0 / 303, 1e-12);
}

TEST_F(MillerBlairMultipliers, TypeTwoMatchesTheHandComputedInverse) {
  const Multipliers m = compute_multipliers(table, type_two);
  // Column sums of the sector block (see leontief_test.cpp): 165/106 + 35/53, 125/212 + 155/106.
  EXPECT_NEAR(m.values(0, 0), 235.0 / 106, 1e-12);
  EXPECT_NEAR(m.values(1, 0), 435.0 / 212, 1e-12);
  // Value added: v = (0.65, 0.7).
  EXPECT_NEAR(m.values(0, 1), 0.65 * 165 / 106 + 0.7 * 35 / 53, 1e-12);
  // Income equals the household row of the inverse: 67/106 and 115/212.
  EXPECT_NEAR(m.values(0, 2), 67.0 / 106, 1e-12);
  EXPECT_NEAR(m.values(1, 2), 115.0 / 212, 1e-12);
}

TEST_F(MillerBlairMultipliers, SplitAddsUpToTypeTwo) {
  const Multipliers one = compute_multipliers(table, type_one);
  const Multipliers two = compute_multipliers(table, type_two);
  const MultiplierSplit split = split_multipliers(table, one, two);
  EXPECT_TRUE((split.direct + split.indirect + split.induced).isApprox(two.values, 1e-14));
  EXPECT_TRUE((split.direct + split.indirect).isApprox(one.values, 1e-14));
  EXPECT_EQ(split.direct(0, 0), 1.0);       // output: the unit of demand itself
  EXPECT_NEAR(split.direct(1, 3), 0.25, 1e-15);  // employment: sector 2's own coefficient
  EXPECT_GT(split.induced.minCoeff(), 0.0);  // households only add to every effect here
}

TEST_F(MillerBlairMultipliers, RasmussenLinkagesAreNormalizedToOne) {
  const Linkages k = rasmussen_linkages(table, type_one);
  // Backward: column sums of L are 460/303 and 440/303, so n·c_j / Σc = 2·460/900 and 2·440/900.
  EXPECT_NEAR(k.backward(0), 920.0 / 900, 1e-12);
  EXPECT_NEAR(k.backward(1), 880.0 / 900, 1e-12);
  // Forward (Ghosh): (L x)_i / x_i = 580/303 and 380/303, so 2·580/960 and 2·380/960.
  EXPECT_NEAR(k.forward(0), 1160.0 / 960, 1e-12);
  EXPECT_NEAR(k.forward(1), 760.0 / 960, 1e-12);
}

TEST_F(MillerBlairMultipliers, WeightedSumsEqualFormingTheInverse) {
  const MultiplierWeights w = multiplier_weights(table);
  const Eigen::MatrixXd direct = type_two.leontief_inverse().transpose() * w.per_output;
  EXPECT_TRUE(type_two.weighted_column_sums(w.per_output).isApprox(direct, 1e-13));
}

// ---- the Leontief series (no factorization) ------------------------------------------------

// A productive table with a dense A whose column sums are about `scale`, so the series needs many
// terms when `scale` is near 1.
IoTable dense_table(Eigen::Index n, double scale, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  IoTable t;
  t.units = "USD";
  t.output = Eigen::VectorXd::NullaryExpr(n, [&] { return 100.0 * (1.0 + unit(rng)); });
  t.local_flows.resize(n, n);
  for (Eigen::Index j = 0; j < n; ++j) {
    for (Eigen::Index i = 0; i < n; ++i) t.local_flows(i, j) = unit(rng);
    // Column sums of A between 0.95 and 1 times `scale`, so ρ(A) is close to `scale`.
    t.local_flows.col(j) *= scale * (0.95 + 0.05 * unit(rng)) * t.output(j) / t.local_flows.col(j).sum();
  }
  t.local_final_demand = Eigen::MatrixXd::Zero(n, final_demand_count);
  const Eigen::VectorXd final_demand = t.output - t.local_flows.rowwise().sum();
  t.local_final_demand.col(column_of(FinalDemand::household)) = 0.3 * final_demand.cwiseMax(0.0);
  t.local_final_demand.col(column_of(FinalDemand::exports)) = final_demand - 0.3 * final_demand.cwiseMax(0.0);
  t.imported_inputs = Eigen::RowVectorXd::Zero(n);
  t.imported_final_demand = Eigen::RowVectorXd::Zero(final_demand_count);
  const Eigen::RowVectorXd value_added = t.output.transpose() - t.local_flows.colwise().sum();
  t.value_added = Eigen::MatrixXd::Zero(value_added_count, n);
  t.value_added.row(row_of(ValueAdded::compensation)) = 0.6 * value_added;
  t.value_added.row(row_of(ValueAdded::surplus)) = 0.4 * value_added;
  for (Eigen::Index i = 0; i < n; ++i) t.sectors.push_back({"s" + std::to_string(i), "", "", {}, "", ""});
  t.satellites = {{"employment", "persons", Eigen::VectorXd::NullaryExpr(n, [&] { return unit(rng); })}};
  return t;
}

void expect_same_multipliers(const Eigen::MatrixXd& series, const Eigen::MatrixXd& lu, double tolerance) {
  ASSERT_EQ(series.rows(), lu.rows());
  ASSERT_EQ(series.cols(), lu.cols());
  for (Eigen::Index c = 0; c < lu.cols(); ++c) {
    const double scale = lu.col(c).cwiseAbs().maxCoeff();
    EXPECT_LE((series.col(c) - lu.col(c)).cwiseAbs().maxCoeff(), tolerance * scale) << "quantity " << c;
  }
}

TEST_F(MillerBlairMultipliers, SeriesGivesTheBooksMultipliers) {
  const auto series = series_multipliers(table, true, 1000);
  ASSERT_TRUE(series.has_value());
  EXPECT_NEAR(series->type_one.values(0, 2), 134.0 / 303, 1e-14);
  EXPECT_NEAR(series->type_one.values(1, 2), 115.0 / 303, 1e-14);
  expect_same_multipliers(series->type_one.values, compute_multipliers(table, type_one).values, 1e-14);
  expect_same_multipliers(series->type_two->values, compute_multipliers(table, type_two).values, 1e-14);
  EXPECT_EQ(series->type_two->households, HouseholdMode::endogenous);
}

TEST(SeriesMultipliers, AgreeWithTheLuOnADenseTable) {
  const IoTable table = dense_table(120, 0.6, 7);
  const auto series = series_multipliers(table, true, 1000);
  ASSERT_TRUE(series.has_value());
  const LeontiefModel one(table, HouseholdMode::exogenous);
  const LeontiefModel two = one.with_households(table, HouseholdMode::endogenous);
  expect_same_multipliers(series->type_one.values, compute_multipliers(table, one).values, 1e-14);
  expect_same_multipliers(series->type_two->values, compute_multipliers(table, two).values, 1e-14);
  // The exact reciprocal condition: 1 / (‖I − A‖₁ ‖L‖₁), with L formed to check it.
  const Eigen::MatrixXd a = technical_coefficients(table);
  const Eigen::MatrixXd system = Eigen::MatrixXd::Identity(120, 120) - a;
  const double expected = 1.0 / (system.cwiseAbs().colwise().sum().maxCoeff() *
                                 one.leontief_inverse().cwiseAbs().colwise().sum().maxCoeff());
  EXPECT_NEAR(series->reciprocal_condition, expected, 1e-12 * expected);
}

TEST(SeriesMultipliers, GiveUpWhenTheyWouldTakeLongerThanTheBudget) {
  const IoTable slow = dense_table(80, 0.97, 3);  // ρ(A) ≈ 0.97: hundreds of terms
  EXPECT_FALSE(series_multipliers(slow, false, 50).has_value());
  const auto patient = series_multipliers(slow, false, 100000);
  ASSERT_TRUE(patient.has_value());
  EXPECT_GT(patient->terms, 200);
  const LeontiefModel lu(slow, HouseholdMode::exogenous);
  expect_same_multipliers(patient->type_one.values, compute_multipliers(slow, lu).values, 1e-13);
}

TEST(SeriesMultipliers, LeaveUnproductiveTablesToTheLu) {
  IoTable table = dense_table(20, 0.5, 11);
  table.local_flows.col(4) *= 2.5;  // column sum of A above 1
  EXPECT_FALSE(series_multipliers(table, false, 100000).has_value());
  EXPECT_THROW(LeontiefModel(table, HouseholdMode::exogenous), NumericalError);
  EXPECT_EQ(series_term_budget(100), 0);  // small tables always take the LU
  EXPECT_GT(series_term_budget(2000), 0);
}

}  // namespace
}  // namespace regsim
