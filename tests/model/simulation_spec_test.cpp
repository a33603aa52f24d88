#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "diagnostics.hpp"
#include "run_fixture.hpp"

namespace regsim {
namespace {

TEST(SimulationSpec, DemandEventsBecomeComponentsWithTwoSteps) {
  const testing::ScenarioRun run(load_scenario(testing::source_path("scenarios/examples/miller-blair.yaml")));
  const SimulationSpec& spec = run.spec;
  ASSERT_EQ(spec.components.size(), 2u);
  const auto pattern = spec.demand(spec.components[0]);
  EXPECT_EQ(SparseRates(pattern.begin(), pattern.end()), (SparseRates{{SectorId(0), 0.6}, {SectorId(1), 0.4}}));
  EXPECT_TRUE(spec.imports(spec.components[0]).empty());
  EXPECT_EQ(spec.components[1].category, FinalDemand::exports);
  ASSERT_EQ(spec.steps.size(), 3u);  // vouchers on and off; the slump runs to the end
  EXPECT_EQ(spec.steps[0].amplitude, 120.0);
  EXPECT_EQ(spec.steps[1].date, testing::day("2024-11-01"));
  EXPECT_EQ(spec.steps[1].amplitude, 0.0);
  EXPECT_EQ(spec.steps[2].amplitude, -50.0);
  ASSERT_EQ(spec.log.size(), 3u);
  EXPECT_EQ(spec.owners[spec.log[0].owner.value()], "consumption-vouchers");
  EXPECT_EQ(log_detail(spec, run.table, spec.log[0]), "household +120 per year on sec1 60 %, sec2 40 %");
}

TEST(SimulationSpec, DemandLinesAreWrittenOutWhenTheLogIsRead) {
  const auto run = testing::ScenarioRun::miller_blair(
      "events:\n"
      "  - {id: a, kind: demand, category: exports, sectors: sec2, amount: -12.5, from: 2024-02-01, to: 2024-06-30}\n"
      "  - {id: b, kind: demand, category: household, sectors: {sec1: 0.25, sec2: 0.75}, total: 730,\n"
      "     from: 2024-03-01, to: 2025-02-28}\n"
      "  - {id: c, kind: demand, category: exports, sectors: sec1, amount: 3, from: 2025-01-01, to: 2025-12-31}\n");
  std::vector<std::string> lines;
  for (const std::size_t i : log_order(run.spec)) {
    const LogEntry& entry = run.spec.log[i];
    lines.push_back(run.spec.owners[entry.owner.value()] + ": " + log_detail(run.spec, run.table, entry));
  }
  EXPECT_THAT(lines, ::testing::ElementsAre("a: exports -12.5 per year on sec2",
                                            "b: household +730 in total over 365 days on sec1 25 %, sec2 75 %",
                                            "a: exports -12.5 per year ends", "c: exports +3 per year on sec1",
                                            "b: household spending ends"));
}

TEST(SimulationSpec, UnknownNamesPointAtTheScenario) {
  EXPECT_THAT(testing::messages_of([] {
                const Scenario s =
                    load_scenario(testing::source_path("tests/data/scenarios/unknown_event_sector.yaml"));
                testing::ScenarioRun run(s);
              }),
              ::testing::ElementsAre("tests/data/scenarios/unknown_event_sector.yaml:16:23: events[vouchers].sectors: "
                                     "unknown sector \"zz\""));
  const std::string f = "tests/data/scenarios/unknown_references.yaml";
  EXPECT_THAT(
      testing::messages_of([&] { testing::ScenarioRun run(load_scenario(testing::source_path(f))); }),
      ::testing::ElementsAre(
          f + ":19:40: events[plant].sector: unknown sector \"sec0\"; did you mean \"sec1\"?",
          f + ":20:23: events[plant].mix: unknown sector \"construction\"",
          f + ":13:38: trends.exports.sectors: unknown sector \"sec3\"; did you mean \"sec1\"?",
          f + ":15:42: indicators.primary_va.sectors: unknown group \"primery\"; the sectors file defines: primary, "
              "secondary, textbook; did you mean \"primary\"?",
          f + ":16:14: indicators.jobs.of: unknown quantity \"employmnt\"; expected one of: output, value_added, "
              "value_added.compensation, value_added.taxes, value_added.depreciation, value_added.surplus, "
              "final_demand, final_demand.household, final_demand.government, final_demand.gfcf, "
              "final_demand.inventory, final_demand.exports, imports, investment, investment.local, investment.imported, consumption, consumption.local, consumption.imported, employment; did you mean \"employment\"?",
          f + ":17:39: indicators.mixed.sectors: unknown sector \"sec9\"; did you mean \"sec1\"?",
          // A group's name written as a sector: the term that selects the group.
          f + ":17:45: indicators.mixed.sectors: unknown sector \"textbook\"; the sectors file has a group "
              "\"textbook\": write \"group:textbook\" for its sectors"));
}

}  // namespace
}  // namespace regsim
