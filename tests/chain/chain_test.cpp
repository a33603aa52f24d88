#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "../iomodel/fixtures.hpp"
#include "../model/run_fixture.hpp"
#include "chain/chain.hpp"
#include "chain/chain_accounts.hpp"
#include "chain/extraction.hpp"
#include "chain/flow_graph.hpp"
#include "chain/linkages.hpp"
#include "chain/queries.hpp"
#include "chain/structural_paths.hpp"
#include "diagnostics.hpp"
#include "iomodel/table_loader.hpp"

namespace regsim {
namespace {

IoTable miller_blair() { return load_table(testing::miller_blair_spec()); }

// Miller & Blair's 2 × 2 example: A = [.15 .25; .2 .05], x = (1000, 2000), f = (350, 1700),
// value added (650, 1400). det(I − A) = .85 · .95 − .25 · .2 = .7575, so
// L = [.95 .25; .2 .85] / .7575 and L x = (1450, 1900) / .7575.

TEST(Linkages, RasmussenByHandOnMillerBlair) {
  const IoTable t = miller_blair();
  const Linkages l = rasmussen_linkages(t, LeontiefModel(t, HouseholdMode::exogenous));
  const std::vector<SectorClass> classes = classify_sectors(l);
  // Column sums of L: (1.15, 1.10) / .7575, mean over the n² = 4 entries 2.25 / (4 · .7575).
  EXPECT_NEAR(l.backward(0), 2.0 * 1.15 / 2.25, 1e-12);
  EXPECT_NEAR(l.backward(1), 2.0 * 1.10 / 2.25, 1e-12);
  // Row sums of G = x̂⁻¹ L x̂: (1450 / 1000, 1900 / 2000) / .7575 = (1.45, 0.95) / .7575.
  EXPECT_NEAR(l.forward(0), 2.0 * 1.45 / 2.40, 1e-12);
  EXPECT_NEAR(l.forward(1), 2.0 * 0.95 / 2.40, 1e-12);
  EXPECT_EQ(classes[0], SectorClass::key);
  EXPECT_EQ(classes[1], SectorClass::weak);
  // A chain of both sectors is output-weighted: (1000 · BL1 + 2000 · BL2) / 3000.
  const ChainLinkage both = chain_linkage(l, {0, 1}, t.output);
  EXPECT_NEAR(both.backward, (1000.0 * l.backward(0) + 2000.0 * l.backward(1)) / 3000.0, 1e-12);
}

TEST(Extraction, ByHandOnMillerBlair) {
  const IoTable t = miller_blair();
  const Extraction e = extract_chain(t, {0});
  // Total: sector 1 neither buys from nor sells to sector 2: x̄ = (350 / .85, 1700 / .95).
  EXPECT_NEAR(e.total.output(0), 1000.0 - 350.0 / 0.85, 1e-9);
  EXPECT_NEAR(e.total.output(1), 2000.0 - 1700.0 / 0.95, 1e-9);
  EXPECT_NEAR(e.total.total_output, 3000.0 - 350.0 / 0.85 - 1700.0 / 0.95, 1e-9);
  EXPECT_NEAR(e.total.total_value_added, 0.65 * (1000.0 - 350.0 / 0.85) + 0.7 * (2000.0 - 1700.0 / 0.95), 1e-9);
  // Backward: a_21 = 0, so x̄2 = 1700 / .95 and x̄1 = (350 + .25 x̄2) / .85.
  const double x2 = 1700.0 / 0.95;
  EXPECT_NEAR(e.backward.output(1), 2000.0 - x2, 1e-9);
  EXPECT_NEAR(e.backward.output(0), 1000.0 - (350.0 + 0.25 * x2) / 0.85, 1e-9);
  // Forward: a_12 = 0, so x̄1 = 350 / .85 and x̄2 = (1700 + .2 x̄1) / .95.
  const double x1 = 350.0 / 0.85;
  EXPECT_NEAR(e.forward.output(0), 1000.0 - x1, 1e-9);
  EXPECT_NEAR(e.forward.output(1), 2000.0 - (1700.0 + 0.2 * x1) / 0.95, 1e-9);
}

TEST(StructuralPaths, AccountForTheWholeTotalAndConvergeToTheMultiplier) {
  const IoTable t = miller_blair();
  const LeontiefModel model(t, HouseholdMode::exogenous);
  const Eigen::MatrixXd a = technical_coefficients(t);
  const Eigen::VectorXd w = t.total_value_added().transpose().cwiseQuotient(t.output);
  const Eigen::VectorXd m = model.weighted_column_sums(w).col(0);
  const Eigen::Vector2d unit(1.0, 0.0);
  // Any threshold and depth: listed + unlisted + pruned + beyond depth = the multiplier exactly.
  for (const double threshold : {1e-1, 1e-3, 1e-6}) {
    for (const int depth : {0, 2, 8}) {
      const PathAnalysis p = structural_paths(a, w, m, unit, {5, threshold, depth});
      EXPECT_NEAR(p.listed + p.unlisted + p.pruned + p.beyond_depth, m(0), 1e-12) << threshold << " " << depth;
    }
  }
  // As the threshold falls and the walk deepens, the listed paths alone converge to the multiplier
  // (the value-added multiplier of sector 1 is 1 in this economy without imports).
  EXPECT_NEAR(m(0), 1.0, 1e-12);
  double gap = 1.0;
  for (const double threshold : {1e-4, 1e-6, 1e-8, 1e-10, 1e-12}) {
    const double next = m(0) - structural_paths(a, w, m, unit, {10, threshold, 60}).listed;
    EXPECT_LT(next, gap) << threshold;
    EXPECT_GE(next, 0.0);
    gap = next;
  }
  EXPECT_LT(gap, 1e-7);
  const PathAnalysis fine = structural_paths(a, w, m, unit, {10, 1e-10, 40});
  // The largest path is the direct effect w_1 · f_1 = .65; the next is sector 2 supplying sector 1:
  // w_2 a_21 = .7 · .2 = .14.
  ASSERT_GE(fine.top.size(), 2u);
  EXPECT_EQ(fine.top[0].sectors, std::vector<std::size_t>{0});
  EXPECT_NEAR(fine.top[0].value, 0.65, 1e-12);
  EXPECT_EQ(fine.top[1].sectors, (std::vector<std::size_t>{0, 1}));
  EXPECT_NEAR(fine.top[1].value, 0.14, 1e-12);
}

/// A designed five-sector economy: every output 100, A given, final demand what is left.
IoTable designed_table(const Eigen::MatrixXd& a) {
  IoTable t;
  const Eigen::Index n = a.rows();
  for (Eigen::Index i = 0; i < n; ++i) t.sectors.push_back({"s" + std::to_string(i), "Sector " + std::to_string(i), "", {}, "", ""});
  t.output = Eigen::VectorXd::Constant(n, 100.0);
  t.local_flows = a * 100.0;
  t.local_final_demand = Eigen::MatrixXd::Zero(n, 5);
  t.local_final_demand.col(0) = t.output - t.local_flows.rowwise().sum();
  t.imported_inputs = Eigen::RowVectorXd::Zero(n);
  t.imported_final_demand = Eigen::RowVectorXd::Zero(5);
  t.value_added = Eigen::MatrixXd::Zero(4, n);
  t.value_added.row(0) = t.output.transpose() - t.local_flows.colwise().sum();
  t.units = "USD";
  t.base_year = 2023;
  return t;
}

// s0 is the core; s1 supplies it (a = .3), s2 supplies s1 (a = .1), s3 supplies s0 weakly (a = .01);
// s4 buys from s0 (a = .2).
Eigen::MatrixXd designed_coefficients() {
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(5, 5);
  a(1, 0) = 0.3;
  a(2, 1) = 0.1;
  a(3, 0) = 0.01;
  a(0, 4) = 0.2;
  return a;
}

ChainSpec derived(int up, int down, double threshold) {
  ChainSpec spec;
  spec.name = "c";
  spec.core = {{"s0", 1.0, {"chains.yaml", 1, 1}}};
  spec.derive = ChainDerivation{up, down, threshold};
  return spec;
}

TEST(Chains, DerivedMembershipWalksTheGraphByDepthAndThreshold) {
  const Eigen::MatrixXd a = designed_coefficients();
  const IoTable t = designed_table(a);
  const auto members = [&](int up, int down, double threshold) {
    return resolve_chains({derived(up, down, threshold)}, t, a).at(0).members;
  };
  EXPECT_EQ(members(1, 0, 0.02), (std::vector<Eigen::Index>{0, 1}));
  EXPECT_EQ(members(2, 0, 0.02), (std::vector<Eigen::Index>{0, 1, 2}));
  EXPECT_EQ(members(1, 1, 0.02), (std::vector<Eigen::Index>{0, 1, 4}));
  EXPECT_EQ(members(1, 0, 0.005), (std::vector<Eigen::Index>{0, 1, 3}));  // the weak supplier joins
  EXPECT_EQ(members(2, 0, 0.2), (std::vector<Eigen::Index>{0, 1}));       // s2's link (.1) is below .2
  const Chain chain = resolve_chains({derived(2, 1, 0.02)}, t, a).at(0);
  EXPECT_EQ(chain.with_role(ChainRole::upstream), (std::vector<Eigen::Index>{1, 2}));
  EXPECT_EQ(chain.with_role(ChainRole::downstream), (std::vector<Eigen::Index>{4}));
}

TEST(Chains, DeclaredChainsReportUnknownSectorsAndDoubleRoles) {
  const Eigen::MatrixXd a = designed_coefficients();
  const IoTable t = designed_table(a);
  ChainSpec spec;
  spec.name = "c";
  spec.core = {{"s0", 1.0, {"chains.yaml", 2, 10}}};
  spec.upstream = {{"s0", 1.0, {"chains.yaml", 3, 14}}, {"s9", 1.0, {"chains.yaml", 3, 18}}};
  EXPECT_THAT(testing::messages_of([&] { resolve_chains({spec}, t, a); }),
              ::testing::ElementsAre(
                  "chains.yaml:3:14: chains.c.upstream: sector \"s0\" is already core in this chain; give each sector one role",
                  "chains.yaml:3:18: chains.c.upstream: unknown sector \"s9\""));
}

TEST(FlowGraph, EdgesStepsAndBetweenness) {
  const Eigen::MatrixXd a = designed_coefficients();
  const IoTable t = designed_table(a);
  const FlowGraph g(t, a, 0.02);
  ASSERT_EQ(g.edges().size(), 3u);  // .3, .1, .2; the .01 link is below the threshold
  EXPECT_EQ(g.edges()[0].from, 0);
  EXPECT_EQ(g.edges()[0].to, 4);
  EXPECT_DOUBLE_EQ(g.edges()[0].flow, 20.0);
  // A shock to s2 reaches s1 in one step and s0 in two, then s4 in three; s3 never.
  EXPECT_EQ(g.steps_from({2}, Direction::downstream), (std::vector<int>{2, 1, 0, -1, 3}));
  EXPECT_EQ(g.steps_from({4}, Direction::upstream), (std::vector<int>{1, 2, 3, -1, 0}));
  // The path s2 → s1 → s0 → s4 is the only route through the middle: s1 lies on (s2,s0), (s2,s4);
  // s0 on (s2,s4), (s1,s4). Of the 4 · 3 = 12 ordered pairs of others: 2 / 12 each.
  const Eigen::VectorXd b = g.betweenness();
  EXPECT_NEAR(b(0), 2.0 / 12.0, 1e-12);
  EXPECT_NEAR(b(1), 2.0 / 12.0, 1e-12);
  EXPECT_NEAR(b(2), 0.0, 1e-12);
}

TEST(Queries, ShockSpreadListsReachedSectorsNearestDownstreamFirst) {
  const Eigen::MatrixXd a = designed_coefficients();
  const IoTable t = designed_table(a);
  const FlowGraph g(t, a, 0.02);
  // From s1: downstream s0 (1), s4 (2); upstream s2 (1); s3 is never reached, s1 itself is 0 both ways.
  const std::vector<ShockReach> reach = shock_spread(g, {1});
  std::vector<std::tuple<Eigen::Index, int, int>> rows;
  for (const ShockReach& r : reach) rows.emplace_back(r.sector, r.downstream, r.upstream);
  EXPECT_EQ(rows, (std::vector<std::tuple<Eigen::Index, int, int>>{{1, 0, 0}, {0, 1, -1}, {4, 2, -1}, {2, -1, 1}}));
}

TEST(Queries, ChainOrSectorNamesWhatItDoesNotKnow) {
  const IoTable t = miller_blair();
  EXPECT_EQ(chain_or_sector("sec2", "--shock", t, {}, false), (std::vector<Eigen::Index>{1}));
  EXPECT_THAT(testing::messages_of([&] { chain_or_sector("sec3", "--shock", t, {}, false); }),
              ::testing::ElementsAre("--shock: expected a chain or sector, found \"sec3\"; did you mean \"sec1\"?"));
  EXPECT_THAT(testing::messages_of([&] { chain_named("steel", "--extract", {}); }),
              ::testing::ElementsAre("--extract: expected a chain of the scenario (it declares none), found \"steel\""));
}

TEST(FlowGraph, DotRendersWithGraphviz) {
  const IoTable t = miller_blair();
  const FlowGraph g(t, technical_coefficients(t), 0.01);
  DotOptions options;
  options.chinese = true;
  options.title = "Miller & Blair \"2 x 2\"";
  options.chains = {{"first", {0}}};
  const std::string dot = g.dot(options);
  EXPECT_THAT(dot, ::testing::HasSubstr("部门一"));
  EXPECT_THAT(dot, ::testing::HasSubstr("sec1->sec2"));
  const std::filesystem::path file = std::filesystem::temp_directory_path() / "regsim_chain_test.dot";
  std::ofstream(file) << dot;
  const std::string command = "dot -Tsvg " + file.string() + " -o /dev/null 2>&1";
  EXPECT_EQ(std::system(command.c_str()), 0) << dot;
  std::filesystem::remove(file);
}

// Chains that partition the economy: their accounts add up to it, in every measure and year.
TEST(ChainAccounts, PartitionSumsToTheEconomyAndInducedValueAddedByHand) {
  for (const char* households : {"exogenous", "endogenous"}) {
    const auto run = testing::ScenarioRun::miller_blair(
        "indicators: {gdp: {of: value_added}, jobs: {of: employment}, exports: {of: final_demand.exports}}\n"
        "chains:\n  one: {core: sec1}\n  two: {core: sec2}\n"
        "events:\n  - {id: more, kind: demand, category: exports, sectors: sec1, amount: 100, from: 2024-07-01}\n",
        "{start: 2024-01-01, end: 2025-12-31, report: monthly}", households);
    const auto chains = resolve_chains(run.scenario.chains, run.table, technical_coefficients(run.table));
    ASSERT_EQ(chains.size(), 2u);
    const ChainAccount one = chain_account(chains[0], run.table, run.model, run.result);
    const ChainAccount two = chain_account(chains[1], run.table, run.model, run.result);
    ASSERT_EQ(one.measures, (std::vector<std::string>{"output", "value_added", "employment", "induced_value_added"}));
    for (Eigen::Index m = 0; m < 3; ++m) {
      const Eigen::MatrixXd& series = run.result.quantities[m == 0 ? 0 : m == 1 ? 1 : 4].series;
      const Eigen::MatrixXd& yearly = run.result.quantities[m == 0 ? 0 : m == 1 ? 1 : 4].yearly;
      EXPECT_LE((one.series.col(m) + two.series.col(m) - series.rowwise().sum()).cwiseAbs().maxCoeff(), 1e-9);
      EXPECT_LE((one.yearly.col(m) + two.yearly.col(m) - yearly.rowwise().sum()).cwiseAbs().maxCoeff(), 1e-9);
    }
    EXPECT_LE((one.indicators + two.indicators - run.result.indicators).cwiseAbs().maxCoeff(), 1e-9);
    if (std::string(households) == "exogenous") {
      // Base year: sector 1's final demand 350 needs L_21 · 350 = .2 / .7575 · 350 of sector 2,
      // whose value added per output is .7.
      EXPECT_NEAR(one.yearly(0, 3), 0.7 * 0.2 / 0.7575 * 350.0, 1e-9);
    }
  }
}

}  // namespace
}  // namespace regsim
