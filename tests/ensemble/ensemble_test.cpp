#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "diagnostics.hpp"
#include "ensemble/distributions.hpp"
#include "ensemble/ensemble.hpp"
#include "ensemble/parameters.hpp"
#include "ensemble/sampling.hpp"
#include "ensemble/statistics.hpp"
#include "test_paths.hpp"

namespace regsim {
namespace {

using ::testing::ElementsAre;
using testing::messages_of;
using testing::source_path;

// --- Distributions ------------------------------------------------------------------------

TEST(NormalQuantile, InvertsTheDistributionFunctionToRounding) {
  EXPECT_NEAR(normal_quantile(0.975), 1.959963984540054, 1e-15);
  EXPECT_NEAR(normal_quantile(0.5), 0.0, 1e-16);
  EXPECT_NEAR(normal_quantile(1e-10), -6.361340902404056, 1e-12);
  for (const double p : {1e-300, 1e-12, 0.001, 0.02, 0.3, 0.7, 0.98, 0.999, 1.0 - 1e-12}) {
    const double x = normal_quantile(p);
    const double back = p > 0.5 ? 1.0 - 0.5 * std::erfc(x / std::numbers::sqrt2) : normal_cdf(x);
    EXPECT_NEAR(back / p, 1.0, 1e-13) << p;
  }
}

/// Mean and variance of a distribution over a million independent draws (not timed).
std::pair<double, double> moments(const DistributionSpec& d) {
  constexpr int n = 1'000'000;
  double sum = 0.0, squares = 0.0;
  for (int i = 0; i < n; ++i) {
    const double x = quantile(d, counter_uniform(42, 3, static_cast<std::uint64_t>(i)));
    sum += x;
    squares += x * x;
  }
  const double mean = sum / n;
  return {mean, (squares - n * mean * mean) / (n - 1)};
}

DistributionSpec distribution(DistributionKind kind) {
  DistributionSpec d;
  d.kind = kind;
  return d;
}

TEST(Distributions, MomentsMatchTheirDefinitions) {
  // Sampling error of a mean over 10^6 draws is sd / 1000; allow five of them.
  auto uniform = distribution(DistributionKind::uniform);
  uniform.low = -30.0;
  uniform.high = 90.0;
  auto [m, v] = moments(uniform);
  EXPECT_NEAR(m, 30.0, 5 * std::sqrt(1200.0) / 1000);
  EXPECT_NEAR(v / 1200.0, 1.0, 0.01);  // (b − a)² / 12

  auto triangular = distribution(DistributionKind::triangular);
  triangular.low = -30.0;
  triangular.mode = 0.0;
  triangular.high = 180.0;
  std::tie(m, v) = moments(triangular);
  const double tv = (30.0 * 30.0 + 180.0 * 180.0 + 30.0 * 180.0) / 18.0;  // (a² + b² + c² − ab − ac − bc) / 18
  EXPECT_NEAR(m, 50.0, 5 * std::sqrt(tv) / 1000);                          // (a + b + c) / 3
  EXPECT_NEAR(v / tv, 1.0, 0.01);

  auto normal = distribution(DistributionKind::normal);
  normal.mean = 0.05;
  normal.spread = 0.01;
  normal.low = -std::numeric_limits<double>::infinity();
  normal.high = std::numeric_limits<double>::infinity();
  std::tie(m, v) = moments(normal);
  EXPECT_NEAR(m, 0.05, 5e-5);
  EXPECT_NEAR(v / 1e-4, 1.0, 0.01);

  // Truncated to [mean, ∞): a half-normal, mean μ + σ √(2/π), variance σ² (1 − 2/π).
  normal.low = 0.05;
  std::tie(m, v) = moments(normal);
  EXPECT_NEAR(m, 0.05 + 0.01 * std::sqrt(2.0 / std::numbers::pi), 5e-5);
  EXPECT_NEAR(v / (1e-4 * (1.0 - 2.0 / std::numbers::pi)), 1.0, 0.01);

  auto lognormal = distribution(DistributionKind::lognormal);
  lognormal.mean = 1.0;  // the median
  lognormal.spread = 0.15;
  std::tie(m, v) = moments(lognormal);
  const double s2 = 0.15 * 0.15;
  EXPECT_NEAR(m, std::exp(s2 / 2), 5 * 0.15 / 1000);
  EXPECT_NEAR(v / (std::expm1(s2) * std::exp(s2)), 1.0, 0.01);

  auto discrete = distribution(DistributionKind::discrete);
  discrete.values = {0.0, 30.0, 90.0};
  discrete.weights = {0.5, 0.3, 0.2};
  std::tie(m, v) = moments(discrete);
  EXPECT_NEAR(m, 27.0, 0.2);
  EXPECT_NEAR(v / (0.3 * 900 + 0.2 * 8100 - 27.0 * 27.0), 1.0, 0.01);
}

// --- Sampling -----------------------------------------------------------------------------

TEST(UniformDesign, LatinHypercubePutsOneDrawInEachStratum) {
  const Eigen::MatrixXd design = uniform_design(500, 3, Sampling::latin_hypercube, 9);
  for (Eigen::Index p = 0; p < 3; ++p) {
    std::vector<int> strata;
    for (Eigen::Index d = 0; d < 500; ++d) strata.push_back(static_cast<int>(std::floor(design(d, p) * 500)));
    std::sort(strata.begin(), strata.end());
    for (int s = 0; s < 500; ++s) EXPECT_EQ(strata[static_cast<std::size_t>(s)], s);
  }
  // Columns are ordered independently.
  EXPECT_LT(std::abs(spearman(design.col(0), design.col(1))), 0.15);
}

TEST(UniformDesign, DependsOnlyOnTheSeed) {
  for (const Sampling s : {Sampling::latin_hypercube, Sampling::random}) {
    const Eigen::MatrixXd a = uniform_design(100, 4, s, 5);
    EXPECT_EQ(a, uniform_design(100, 4, s, 5));
    EXPECT_NE(a, uniform_design(100, 4, s, 6));
    EXPECT_NE(a, uniform_design(100, 4, s, 5, 1));  // another block
    EXPECT_GT(a.minCoeff(), 0.0);
    EXPECT_LT(a.maxCoeff(), 1.0);
  }
}

TEST(ImposeRankCorrelation, KeepsEachColumnsValuesAndReachesTheTarget) {
  Eigen::MatrixXd design = uniform_design(2000, 3, Sampling::latin_hypercube, 1);
  const Eigen::MatrixXd before = design;
  Eigen::MatrixXd target(2, 2);
  target << 1.0, 0.6, 0.6, 1.0;
  impose_rank_correlation(design, {0, 2}, target);
  for (Eigen::Index p = 0; p < 3; ++p) {
    Eigen::VectorXd a = before.col(p), b = design.col(p);
    std::sort(a.data(), a.data() + a.size());
    std::sort(b.data(), b.data() + b.size());
    EXPECT_EQ(a, b) << p;  // the marginal, strata included, is untouched
  }
  EXPECT_EQ(design.col(1), before.col(1));
  EXPECT_NEAR(spearman(design.col(0), design.col(2)), 6.0 / std::numbers::pi * std::asin(0.3), 0.03);  // Spearman of normals with r = 0.6
  Eigen::MatrixXd inconsistent(3, 3);
  inconsistent << 1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1;
  EXPECT_THROW(impose_rank_correlation(design, {0, 1, 2}, inconsistent), std::invalid_argument);
}

// --- Statistics ---------------------------------------------------------------------------

TEST(Statistics, QuantilesInterpolateAsNumpyDoes) {
  Eigen::VectorXd v(5);
  v << 5, 1, 4, 2, 3;
  EXPECT_DOUBLE_EQ(sample_quantile(v, 0.5), 3.0);
  EXPECT_DOUBLE_EQ(sample_quantile(v, 0.05), 1.2);  // numpy.percentile([1..5], 5)
  EXPECT_DOUBLE_EQ(sample_quantile(v, 0.95), 4.8);
  EXPECT_DOUBLE_EQ(sample_quantile(v, 1.0), 5.0);
}

TEST(Statistics, RanksShareTiesAndSpearmanSeesOnlyOrder) {
  Eigen::VectorXd v(4);
  v << 10, 20, 10, 5;
  Eigen::VectorXd expected(4);
  expected << 2.5, 4, 2.5, 1;
  EXPECT_EQ(ranks(v), expected);
  Eigen::VectorXd x(5), y(5);
  x << 1, 2, 3, 4, 5;
  y << 1, 8, 27, 64, 125;
  EXPECT_DOUBLE_EQ(spearman(x, y), 1.0);
  EXPECT_DOUBLE_EQ(spearman(x, -y), -1.0);
  EXPECT_TRUE(std::isnan(spearman(x, Eigen::VectorXd::Constant(5, 2.0))));

  // The matrix ranks each column once and gives every pair's correlation to the bit.
  const Eigen::MatrixXd a = uniform_design(200, 4, Sampling::random, 3);
  Eigen::MatrixXd b = uniform_design(200, 3, Sampling::random, 4);
  b.col(2).setConstant(1.0);
  const Eigen::MatrixXd matrix = spearman_matrix(a, b);
  for (Eigen::Index k = 0; k < 4; ++k) {
    for (Eigen::Index t = 0; t < 3; ++t) {
      const double pair = spearman(a.col(k), b.col(t));
      EXPECT_TRUE(matrix(k, t) == pair || (std::isnan(pair) && std::isnan(matrix(k, t)))) << k << ", " << t;
    }
  }
}

// --- Ensembles ----------------------------------------------------------------------------

TEST(Ensemble, TheOddsOfAWorkedExample) {
  // tests/data/scenarios/ensemble.yaml: met for 20 of 60 equally likely shifts.
  const ScenarioRun central(load_scenario(source_path("tests/data/scenarios/ensemble.yaml")));
  const EnsembleResult lhs = run_ensemble(central, {});
  ASSERT_EQ(lhs.targets.size(), 1);
  EXPECT_EQ(lhs.targets[TargetId(0)].p_met, 1.0 / 3.0);  // a Latin hypercube of 6,000 gives each shift 100 draws
  EXPECT_EQ(lhs.parameters, std::vector<std::string>{"events.plant.online"});
  EXPECT_LT(lhs.targets[TargetId(0)].drivers.at(0).second, -0.9);
  // A draw meets the target exactly when its shift is at most 19 days.
  for (Eigen::Index d = 0; d < lhs.draws; ++d) EXPECT_EQ(lhs.met(d, 0) == 1, lhs.samples(d, 0) <= 19.0) << d;

  Scenario random_sampling = central.scenario;
  random_sampling.uncertainty->sampling = Sampling::random;
  const ScenarioRun random_central(random_sampling);
  const EnsembleResult random = run_ensemble(random_central, {});
  EXPECT_NEAR(random.targets[TargetId(0)].p_met, 1.0 / 3.0, 4.0 * std::sqrt(2.0 / 9.0 / 6000.0));
  EXPECT_NE(random.targets[TargetId(0)].p_met, 1.0 / 3.0);
}

TEST(Ensemble, TheSameSeedGivesTheSameNumbersOnAnyThreadCount) {
  const ScenarioRun central(load_scenario(source_path("scenarios/jinzhong-2024.yaml"),
                                          {"uncertainty.draws=60"}));
  EnsembleOptions one;
  one.threads = 1;
  EnsembleOptions three;
  three.threads = 3;
  const EnsembleResult a = run_ensemble(central, one);
  const EnsembleResult b = run_ensemble(central, three);
  EXPECT_EQ(a.samples, b.samples);
  EXPECT_EQ(a.reached, b.reached);
  EXPECT_EQ(a.met, b.met);
  EXPECT_TRUE(((a.spearman.array() == b.spearman.array()) ||
               (a.spearman.array().isNaN() && b.spearman.array().isNaN())).all());
  for (std::size_t q = 0; q < a.quantiles.size(); ++q) EXPECT_EQ(a.output_bands[q], b.output_bands[q]);
  for (std::size_t i = 0; i < a.indicators.size(); ++i) EXPECT_EQ(a.indicator_values[i], b.indicator_values[i]);
  // A draw is the central run when its parameters are the scenario's values: the medians bracket it.
  EXPECT_GT(a.targets[TargetId(0)].p95, a.targets[TargetId(0)].p5);
}

TEST(Ensemble, RecombinedDrawsMatchFullRunsOnEveryDraw) {
  // Jinzhong's 63 parameters move every project's dates and scale its capex and output, and the
  // trends: each draw recombined from the central run's responses against the same draw in full.
  const ScenarioRun central(load_scenario(source_path("scenarios/jinzhong-2024.yaml"), {"uncertainty.draws=40"}));
  EnsembleOptions full;
  full.full_runs = true;
  const EnsembleResult a = run_ensemble(central, {});
  const EnsembleResult b = run_ensemble(central, full);
  EXPECT_EQ(a.recombined, a.draws);  // no draw changes a pattern: none needs a solve
  EXPECT_EQ(b.recombined, 0);
  EXPECT_EQ(a.samples, b.samples);
  EXPECT_EQ(a.met, b.met);
  for (Eigen::Index d = 0; d < a.draws; ++d) {
    for (Eigen::Index t = 0; t < a.reached.cols(); ++t) EXPECT_NEAR(a.reached(d, t), b.reached(d, t), 1e-12) << d;
    for (std::size_t i = 0; i < a.indicators.size(); ++i) {
      for (Eigen::Index y = 0; y < std::ssize(a.years); ++y) {
        const double value = b.indicator_values[i](d, y);
        EXPECT_NEAR(a.indicator_values[i](d, y), value, 1e-12 * std::abs(value)) << a.indicators[i] << " draw " << d;
      }
    }
  }
  for (std::size_t q = 0; q < a.quantiles.size(); ++q) {
    EXPECT_LE((a.output_bands[q] - b.output_bands[q]).cwiseAbs().maxCoeff(), 1e-12 * b.output_bands[q].cwiseAbs().maxCoeff());
    EXPECT_LE((a.value_added_bands[q] - b.value_added_bands[q]).cwiseAbs().maxCoeff(),
              1e-12 * b.value_added_bands[q].cwiseAbs().maxCoeff());
  }
}

TEST(Ensemble, SobolIndicesOfAnAdditiveModel) {
  // tests/data/scenarios/ensemble_sobol.yaml: S1 = ST1 = 0.8, S2 = ST2 = 0.2.
  const ScenarioRun central(load_scenario(source_path("tests/data/scenarios/ensemble_sobol.yaml")));
  const EnsembleResult e = run_ensemble(central, {});
  EXPECT_EQ(e.runs, 4000 * 4);
  ASSERT_EQ(e.sobol_first.rows(), 2);
  EXPECT_NEAR(e.sobol_first(0, 0), 0.8, 0.03);
  EXPECT_NEAR(e.sobol_first(1, 0), 0.2, 0.03);
  EXPECT_NEAR(e.sobol_total(0, 0), 0.8, 0.03);
  EXPECT_NEAR(e.sobol_total(1, 0), 0.2, 0.03);
}

TEST(Ensemble, AnInvalidDrawIsNamedOrClipped) {
  // Shifting a project's online date 200 days earlier puts it before its build starts.
  Scenario s = load_scenario(source_path("tests/data/scenarios/ensemble.yaml"));
  UncertainParameter& p = s.uncertainty->parameters[0];
  p.distribution.values = {-400.0};
  p.distribution.weights = {1.0};
  const ScenarioRun central(s);
  EXPECT_THAT(messages_of([&] { run_ensemble(central, {}); }),
              ElementsAre("tests/data/scenarios/ensemble.yaml:27:7: uncertainty.parameters[0]: draw 0: shifting online by "
                          "-400 days puts it on 2023-10-29, outside the build's start to the horizon's end (2024-01-01 to "
                          "2025-12-31) (events.plant.online); add clip: true to hold such draws at the edge instead"));
  Scenario clipped = s;
  clipped.uncertainty->parameters[0].clip = true;
  const EnsembleResult e = run_ensemble(ScenarioRun(clipped), {});
  EXPECT_EQ(e.met.col(0).sum(), e.draws);  // on line from the first day, every draw meets the target
}

TEST(Ensemble, AScenarioWithoutUncertaintyIsRefused) {
  const ScenarioRun central(load_scenario(source_path("scenarios/examples/miller-blair.yaml")));
  EXPECT_THAT(messages_of([&] { run_ensemble(central, {}); }),
              ElementsAre("scenarios/examples/miller-blair.yaml: uncertainty: this scenario has no uncertainty: "
                          "block (parameters and their distributions, docs/ensembles.md)"));
}

}  // namespace
}  // namespace regsim
