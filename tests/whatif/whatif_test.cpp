#include <Eigen/QR>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "diagnostics.hpp"
#include "test_paths.hpp"
#include "whatif/compare.hpp"
#include "whatif/seek.hpp"

namespace regsim {
namespace {

using testing::source_path;

Eigen::VectorXd vec(std::initializer_list<double> values) {
  Eigen::VectorXd v(static_cast<Eigen::Index>(values.size()));
  Eigen::Index i = 0;
  for (const double x : values) v(i++) = x;
  return v;
}

TEST(SolveWithinBounds, LeastChangeWhenFeasible) {
  const Eigen::MatrixXd a = Eigen::RowVector2d(1.0, 1.0);
  // min ‖u‖ with u1 + u2 = 2 is (1, 1); with u1 ≤ 0.5 it is (0.5, 1.5).
  EXPECT_TRUE(solve_within_bounds(a, vec({2}), vec({0, 0}), vec({10, 10})).isApprox(vec({1, 1}), 1e-12));
  EXPECT_TRUE(solve_within_bounds(a, vec({2}), vec({0, 0}), vec({0.5, 10})).isApprox(vec({0.5, 1.5}), 1e-12));
}

TEST(SolveWithinBounds, TwoTargetsKeepTheOptimalityConditions) {
  // u1 + u2 = 1 and u2 + u3 = 1: the minimum norm is (1/3, 2/3, 1/3); with u2 ≤ 0.5 the optimum is
  // (0.5, 0.5, 0.5), where u2's bound binds (a₂ᵀλ = 1 > 0.5).
  Eigen::MatrixXd a(2, 3);
  a << 1, 1, 0, 0, 1, 1;
  EXPECT_TRUE(solve_within_bounds(a, vec({1, 1}), vec({-9, -9, -9}), vec({9, 9, 9})).isApprox(vec({1.0 / 3, 2.0 / 3, 1.0 / 3}), 1e-12));
  EXPECT_TRUE(solve_within_bounds(a, vec({1, 1}), vec({-9, -9, -9}), vec({9, 0.5, 9})).isApprox(vec({0.5, 0.5, 0.5}), 1e-12));
  // Two targets, four instruments, several ending at a bound: checked against the optimality
  // conditions rather than by hand.
  Eigen::MatrixXd c(2, 4);
  c << 1, 2, 0, 1, 0, 1, 3, -1;
  const Eigen::VectorXd lo = vec({-0.1, -2, -0.2, -3});
  const Eigen::VectorXd hi = vec({0.1, 2, 0.2, 3});
  const Eigen::VectorXd b = vec({1.5, 0.4});
  const Eigen::VectorXd u = solve_within_bounds(c, b, lo, hi);
  EXPECT_TRUE((c * u).isApprox(b, 1e-10));
  EXPECT_TRUE((u.array() >= lo.array() - 1e-12).all() && (u.array() <= hi.array() + 1e-12).all());
  // KKT: some λ gives u_k = clamp(c_kᵀλ, lo_k, hi_k); find it from the coordinates strictly inside.
  std::vector<Eigen::Index> inside;
  for (Eigen::Index k = 0; k < 4; ++k) {
    if (u(k) > lo(k) + 1e-9 && u(k) < hi(k) - 1e-9) inside.push_back(k);
  }
  Eigen::MatrixXd c_in(2, static_cast<Eigen::Index>(inside.size()));
  Eigen::VectorXd u_in(static_cast<Eigen::Index>(inside.size()));
  for (std::size_t j = 0; j < inside.size(); ++j) {
    c_in.col(static_cast<Eigen::Index>(j)) = c.col(inside[j]);
    u_in(static_cast<Eigen::Index>(j)) = u(inside[j]);
  }
  const Eigen::VectorXd lambda = c_in.transpose().completeOrthogonalDecomposition().solve(u_in);
  for (Eigen::Index k = 0; k < 4; ++k) {
    EXPECT_NEAR(u(k), std::clamp(c.col(k).dot(lambda), lo(k), hi(k)), 1e-9) << "coordinate " << k;
  }
}

TEST(SolveWithinBounds, BestReachableWhenNot) {
  const Eigen::MatrixXd a = Eigen::RowVector2d(1.0, 1.0);
  EXPECT_TRUE(solve_within_bounds(a, vec({2}), vec({0, 0}), vec({0.5, 0.5})).isApprox(vec({0.5, 0.5}), 1e-9));
  // Two targets, one instrument: the least-squares compromise, 2, inside the box.
  const Eigen::MatrixXd column = Eigen::Vector2d(1.0, 1.0);
  EXPECT_NEAR(solve_within_bounds(column, vec({1, 3}), vec({-5}), vec({5}))(0), 2.0, 1e-9);
  EXPECT_NEAR(solve_within_bounds(column, vec({1, 3}), vec({-5}), vec({1.5}))(0), 1.5, 1e-12);
}

TEST(Seek, SplitsTheNeededDemandByLeastChange) {
  // GDP 2050 → +10 % is 205 more a year; value-added multipliers are 1.
  const SeekOutcome equal = seek(source_path("tests/data/scenarios/seek_split.yaml"), {});
  ASSERT_EQ(equal.instruments.size(), 2u);
  EXPECT_NEAR(equal.instruments[0].value, 102.5, 1e-9);
  EXPECT_NEAR(equal.instruments[1].value, 102.5, 1e-9);
  EXPECT_TRUE(equal.feasible);
  EXPECT_NEAR(equal.targets[TargetId(0)].reached, 0.10, 1e-12);

  // In units of range: min (d1/1000)² + (d2/50)² with d1 + d2 = 205 gives d ∝ range².
  const SeekOutcome ranges = seek(source_path("tests/data/scenarios/seek_ranges.yaml"), {});
  EXPECT_NEAR(ranges.instruments[0].value, 205.0 * 1e6 / (1e6 + 2500), 1e-7);
  EXPECT_NEAR(ranges.instruments[1].value, 205.0 * 2500 / (1e6 + 2500), 1e-7);
  EXPECT_TRUE(ranges.feasible);
}

TEST(Seek, ReportsTheBestReachableWhenTheTargetIsOutOfBounds) {
  const SeekOutcome outcome = seek(source_path("tests/data/scenarios/seek_infeasible.yaml"), {});
  EXPECT_FALSE(outcome.feasible);
  EXPECT_NEAR(outcome.instruments[0].value, 100.0, 1e-9);
  EXPECT_NEAR(outcome.instruments[1].value, 100.0, 1e-9);
  EXPECT_TRUE(outcome.instruments[0].at_bound);
  EXPECT_NEAR(outcome.targets[TargetId(0)].reached, 200.0 / 2050.0, 1e-12);
  EXPECT_NEAR(outcome.targets[TargetId(0)].gap, 200.0 / 2050.0 - 0.10, 1e-12);
  EXPECT_FALSE(outcome.targets[TargetId(0)].met);
}

TEST(Seek, BracketsADateToTheDay) {
  const SeekOutcome outcome = seek(source_path("tests/data/scenarios/seek_date.yaml"), {});
  ASSERT_EQ(outcome.instruments.size(), 1u);
  EXPECT_EQ(outcome.instruments[0].text(outcome.instruments[0].value), "2024-07-02");
  EXPECT_EQ(outcome.instruments[0].text(outcome.instruments[0].initial), "2024-10-01");
  EXPECT_TRUE(outcome.feasible);
  EXPECT_NEAR(outcome.targets[TargetId(0)].reached, 0.05, 1e-12);  // 205 · 183/366 = 102.5 exactly
  EXPECT_EQ(outcome.overrides.back(), "events.plant.online=2024-07-02");
}

TEST(Seek, MeetsALevelTarget) {
  const SeekOutcome outcome = seek(source_path("tests/data/scenarios/seek_level.yaml"), {});
  EXPECT_NEAR(outcome.instruments[0].value, 205.0, 1e-9);
  EXPECT_NEAR(outcome.targets[TargetId(0)].reached, 2255.0, 1e-9);
  EXPECT_TRUE(outcome.feasible);
  // The start, one step for the sensitivity, the check that the answer meets it, the run written.
  EXPECT_EQ(outcome.evaluations, 4u);
}

TEST(Seek, RefusesToMoveAStartPastTheEnd) {
  // Trials change the resolved scenario in memory, so the reader's window check is repeated there.
  EXPECT_THAT(testing::messages_of([] { seek(source_path("tests/data/scenarios/seek_window.yaml"), {}); }),
              ::testing::ElementsAre(
                  "tests/data/scenarios/seek_window.yaml:11:7: seek.instruments: moving events[fund1].from to "
                  "2024-12-31 puts it after the event's end (2024-06-30)"));
}

TEST(Seek, NeedsASeekBlock) {
  EXPECT_THROW(seek(source_path("tests/data/scenarios/seek_base.yaml"), {}), InputError);
}

TEST(Compare, RefusesRunsOfDifferentEconomies) {
  RunSummary a;
  a.sectors = {"sec1", "sec2"};
  a.base_year = 2023;
  a.units = "USD";
  a.years = {2023, 2024};
  RunSummary b = a;
  b.sectors = {"sec1", "agri"};
  b.units = "EUR";
  try {
    compare_runs({{"a", "a.h5", a}, {"b", "b.h5", b}}, {});
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    const std::string message = e.diagnostics().front().message;
    EXPECT_NE(message.find("sector 2 is \"agri\" vs \"sec2\""), std::string::npos) << message;
    EXPECT_NE(message.find("units \"EUR\" vs \"USD\""), std::string::npos) << message;
    EXPECT_EQ(e.diagnostics().front().location.file, "b.h5");
  }
}

}  // namespace
}  // namespace regsim
