#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "diagnostics.hpp"
#include "iomodel/table_loader.hpp"
#include "model/simulation.hpp"
#include "test_paths.hpp"

namespace regsim {
namespace {

TEST(SimulationSpec, DemandEventsBecomeRatesPerSector) {
  const Scenario scenario = load_scenario(testing::source_path("scenarios/examples/miller-blair.yaml"));
  const IoTable table = load_table(scenario.economy);
  const SimulationSpec spec = simulation_spec(scenario, table);
  ASSERT_EQ(spec.events.size(), 2u);
  EXPECT_EQ(spec.events[0].rate, Eigen::Vector2d(72, 48));  // 120 × (0.6, 0.4)
  EXPECT_EQ(spec.events[1].rate, Eigen::Vector2d(0, -50));
  EXPECT_EQ(spec.events[1].category, FinalDemand::exports);
}

TEST(SimulationSpec, UnknownSectorsPointAtTheScenario) {
  EXPECT_THAT(testing::messages_of([] {
                const Scenario s =
                    load_scenario(testing::source_path("tests/data/scenarios/unknown_event_sector.yaml"));
                simulation_spec(s, load_table(s.economy));
              }),
              ::testing::ElementsAre("tests/data/scenarios/unknown_event_sector.yaml:16:23: events[vouchers].sectors: "
                                     "unknown sector \"zz\""));
}

}  // namespace
}  // namespace regsim
