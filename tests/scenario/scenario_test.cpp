#include "scenario/scenario.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "diagnostics.hpp"
#include "iomodel/table_loader.hpp"
#include "test_paths.hpp"

namespace regsim {
namespace {

using ::testing::ElementsAre;
using testing::source_path;

std::vector<std::string> messages_of(const std::string& file) {
  return testing::messages_of([&] { load_table(load_scenario(source_path(file)).economy); });
}

TEST(Scenario, ReadsTheMillerBlairExample) {
  const Scenario s = load_scenario(source_path("scenarios/examples/miller-blair.yaml"));
  EXPECT_EQ(s.name, "miller-blair-2x2");
  EXPECT_EQ(s.time.start, *Date::parse("2024-01-01"));
  EXPECT_EQ(s.time.end, *Date::parse("2026-12-31"));
  EXPECT_EQ(s.time.report, ReportFrequency::monthly);
  EXPECT_EQ(s.economy.table, "scenarios/examples/data/miller-blair-table.csv");
  EXPECT_EQ(s.economy.units, "USD");
  EXPECT_EQ(s.economy.base_year, 2023);
  EXPECT_EQ(s.economy.households, HouseholdMode::exogenous);
  EXPECT_EQ(s.economy.final_demand_columns[static_cast<std::size_t>(FinalDemand::household)],
            std::vector<std::string>{"HH"});
  EXPECT_EQ(s.economy.satellite_units.at("employment"), "persons");
  EXPECT_NE(s.text.find("name: miller-blair-2x2"), std::string::npos);
}

TEST(Scenario, ReadsACompetitiveTypeTwoScenario) {
  const Scenario s = load_scenario(source_path("tests/data/scenarios/competitive.yaml"));
  EXPECT_EQ(s.economy.imports, ImportForm::competitive);
  EXPECT_EQ(s.economy.import_columns, std::vector<std::string>{"IMP"});
  EXPECT_EQ(s.economy.households, HouseholdMode::endogenous);
  EXPECT_EQ(s.time.report, ReportFrequency::quarterly);
  EXPECT_NO_THROW(load_table(s.economy));
}

TEST(Scenario, ReportsEveryKeyProblemWithItsPlace) {
  EXPECT_THAT(
      messages_of("tests/data/scenarios/bad_keys.yaml"),
      ElementsAre(
          "tests/data/scenarios/bad_keys.yaml:2:1: nmae: unknown key; expected one of: regsim, name, time, economy, "
          "events; did you mean \"name\"?",
          "tests/data/scenarios/bad_keys.yaml:1:9: regsim: expected scenario format 1 (the one this regsim reads), "
          "found 2",
          "tests/data/scenarios/bad_keys.yaml:1:1: name: this key is required",
          "tests/data/scenarios/bad_keys.yaml:3:32: time.end: expected a date on or after time.start (2024-01-01), "
          "found 2023-12-31",
          "tests/data/scenarios/bad_keys.yaml:3:52: time.report: expected one of daily, weekly, monthly, quarterly, "
          "yearly, found \"montly\"; did you mean \"monthly\"?",
          "tests/data/scenarios/bad_keys.yaml:5:3: economy.tabel: unknown key; expected one of: table, sectors, "
          "satellites, units, base_year, imports, final_demand, value_added, households, satellite_units, "
          "balance_tolerance; did you mean \"table\"?",
          "tests/data/scenarios/bad_keys.yaml:5:3: economy.table: this key is required",
          "tests/data/scenarios/bad_keys.yaml:8:14: economy.base_year: expected a whole number, found \"twenty\"",
          "tests/data/scenarios/bad_keys.yaml:11:15: economy.households: expected one of exogenous, endogenous, "
          "found \"endogenus\"; did you mean \"endogenous\"?",
          "tests/data/scenarios/bad_keys.yaml:10:16: economy.value_added.compensation: this key is required"));
}

TEST(Scenario, ReportsEconomyProblems) {
  EXPECT_THAT(
      messages_of("tests/data/scenarios/bad_economy.yaml"),
      ElementsAre("tests/data/scenarios/bad_economy.yaml:5:10: economy.table: expected an existing file (relative "
                  "to the scenario), found no file at \"tests/data/scenarios/missing.csv\"",
                  "tests/data/scenarios/bad_economy.yaml:10:41: economy.final_demand.imports: an import column "
                  "belongs to competitive tables; set economy.imports: competitive, or give imports as a row named "
                  "\"imports\"",
                  "tests/data/scenarios/bad_economy.yaml:10:17: economy.final_demand.household: economy.households "
                  "is endogenous (Type II), which needs the household consumption column",
                  "tests/data/scenarios/bad_economy.yaml:12:22: economy.balance_tolerance: expected a relative "
                  "tolerance above 0 and below 0.1, found 0.5"));
}

TEST(Scenario, MappingProblemsInTheTablePointBackToTheYamlKey) {
  EXPECT_THAT(messages_of("tests/data/scenarios/missing_column.yaml"),
              ElementsAre("tests/data/scenarios/missing_column.yaml:11:14: economy.final_demand.exports: column "
                          "\"EXP\" is not in tests/data/tables/missing_labels.csv",
                          "tests/data/scenarios/missing_column.yaml:11:14: economy.final_demand.exports: column "
                          "\"EXP2\" is not in tests/data/tables/missing_labels.csv",
                          "tests/data/tables/missing_labels.csv: no \"imports\" row: a non-competitive table "
                          "(economy.imports) lists imported inputs in a row named \"imports\""));
}

TEST(Scenario, SyntaxErrorsCarryTheirPlace) {
  const auto messages = messages_of("tests/data/scenarios/bad_syntax.yaml");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0], "tests/data/scenarios/bad_syntax.yaml:4:8: not valid YAML: end of map flow not found");
}

TEST(Scenario, TopLevelMustBeAMap) {
  EXPECT_THAT(messages_of("tests/data/scenarios/not_a_map.yaml"),
              ElementsAre("tests/data/scenarios/not_a_map.yaml:1:1: expected a map, found a list"));
}

TEST(Scenario, ReadsDemandEvents) {
  const Scenario s = load_scenario(source_path("scenarios/examples/miller-blair.yaml"));
  ASSERT_EQ(s.events.size(), 2u);
  const DemandEventSpec& vouchers = s.events[0];
  EXPECT_EQ(vouchers.id, "consumption-vouchers");
  EXPECT_EQ(vouchers.category, FinalDemand::household);
  ASSERT_EQ(vouchers.sectors.size(), 2u);
  EXPECT_EQ(vouchers.sectors[1].code, "sec2");
  EXPECT_EQ(vouchers.sectors[1].share, 0.4);
  EXPECT_EQ(vouchers.amount, 120.0);
  EXPECT_EQ(vouchers.from, *Date::parse("2024-05-01"));
  EXPECT_EQ(vouchers.to, *Date::parse("2024-10-31"));
  EXPECT_EQ(s.events[1].to, s.time.end);  // no `to`: until the end
  EXPECT_EQ(s.events[1].amount, -50.0);
}

TEST(Scenario, ReportsEveryEventProblem) {
  EXPECT_THAT(
      messages_of("tests/data/scenarios/bad_events.yaml"),
      ElementsAre(
          "tests/data/scenarios/bad_events.yaml:13:44: events[vouchers].category: expected one of household, "
          "government, gfcf, inventory, exports, found \"houshold\"; did you mean \"household\"?",
          "tests/data/scenarios/bad_events.yaml:13:63: events[vouchers].sectors: expected shares summing to 1, found "
          "a sum of 0.9",
          "tests/data/scenarios/bad_events.yaml:14:10: events[vouchers].id: duplicate event id (first on line 13)",
          "tests/data/scenarios/bad_events.yaml:14:26: events[vouchers].kind: expected one of demand, found "
          "\"project\"",
          "tests/data/scenarios/bad_events.yaml:14:74: events[vouchers].amount: expected a number, found \"lots\"",
          "tests/data/scenarios/bad_events.yaml:14:86: events[vouchers].from: expected a date within the horizon "
          "2024-01-01 to 2025-12-31, found 2023-05-01",
          "tests/data/scenarios/bad_events.yaml:15:59: events[late].sectors.a: expected a share above 0, found 0",
          "tests/data/scenarios/bad_events.yaml:15:102: events[late].to: expected a date on or after from "
          "(2024-05-01), found 2024-04-30",
          "tests/data/scenarios/bad_events.yaml:16:103: events[long].size: unknown key; expected one of: id, kind, "
          "category, sectors, amount, from, to",
          "tests/data/scenarios/bad_events.yaml:16:91: events[long].to: expected a date within the horizon "
          "2024-01-01 to 2025-12-31, found 2026-01-01"));
}

TEST(Scenario, MissingFileIsReported) {
  EXPECT_THAT(messages_of("tests/data/scenarios/none.yaml"),
              ElementsAre("tests/data/scenarios/none.yaml: cannot open the scenario file for reading"));
}

}  // namespace
}  // namespace regsim
