#include "iomodel/multipliers.hpp"

#include <gtest/gtest.h>

#include "fixtures.hpp"
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

}  // namespace
}  // namespace regsim
