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
          "tests/data/scenarios/bad_keys.yaml:2:1: nmae: unknown key; expected one of: regsim, name, extends, "
          "remove_events, time, economy, trends, indicators, targets, events, chains, graph, seek, dynamics, uncertainty, display_unit; did you mean \"name\"?",
          "tests/data/scenarios/bad_keys.yaml:1:9: regsim: expected scenario format 1 (the one this regsim reads), "
          "found 2",
          "tests/data/scenarios/bad_keys.yaml:1:1: name: this key is required",
          "tests/data/scenarios/bad_keys.yaml:3:32: time.end: expected a date on or after time.start (2024-01-01), "
          "found 2023-12-31",
          "tests/data/scenarios/bad_keys.yaml:3:52: time.report: expected one of daily, weekly, monthly, quarterly, "
          "yearly, found \"montly\"; did you mean \"monthly\"?",
          "tests/data/scenarios/bad_keys.yaml:5:3: economy.tabel: unknown key; expected one of: table, sectors, "
          "satellites, final_imports, units, base_year, imports, final_demand, value_added, households, satellite_units, "
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
  EXPECT_EQ(s.events[0].id, "consumption-vouchers");
  const auto& vouchers = std::get<DemandEventSpec>(s.events[0].detail);
  EXPECT_EQ(vouchers.category, FinalDemand::household);
  ASSERT_EQ(vouchers.sectors.size(), 2u);
  EXPECT_EQ(vouchers.sectors[1].code, "sec2");
  EXPECT_EQ(vouchers.sectors[1].share, 0.4);
  EXPECT_EQ(vouchers.amount, MoneyRate(120.0));
  EXPECT_EQ(vouchers.from, *Date::parse("2024-05-01"));
  EXPECT_EQ(vouchers.to, *Date::parse("2024-10-31"));
  const auto& slump = std::get<DemandEventSpec>(s.events[1].detail);
  EXPECT_EQ(slump.to, s.time.end);  // no `to`: until the end
  EXPECT_EQ(slump.amount, MoneyRate(-50.0));
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
          "tests/data/scenarios/bad_events.yaml:14:26: events[vouchers].kind: expected one of demand, project, rule, disruption, price, found "
          "\"demnd\"; did you mean \"demand\"?",
          "tests/data/scenarios/bad_events.yaml:15:59: events[late].sectors.a: expected a share above 0, found 0",
          "tests/data/scenarios/bad_events.yaml:15:102: events[late].to: expected a date on or after from "
          "(2024-05-01), found 2024-04-30",
          "tests/data/scenarios/bad_events.yaml:16:103: events[long].size: unknown key; expected one of: id, kind, "
          "category, sectors, amount, total, from, to, local_share",
          "tests/data/scenarios/bad_events.yaml:16:91: events[long].to: expected a date within the horizon "
          "2024-01-01 to 2025-12-31, found 2026-01-01"));
}

TEST(Scenario, ReadsProjects) {
  const Scenario s = load_scenario(source_path("scenarios/examples/miller-blair-projects.yaml"));
  const auto it = std::find_if(s.events.begin(), s.events.end(), [](const EventSpec& e) { return e.id == "new-plant"; });
  ASSERT_NE(it, s.events.end());
  const auto& plant = std::get<ProjectEventSpec>(it->detail);
  EXPECT_EQ(plant.sector.code, "sec1");
  EXPECT_EQ(plant.capex, Money(300.0));
  EXPECT_EQ(plant.build_from, *Date::parse("2024-03-01"));
  EXPECT_EQ(plant.build_to, *Date::parse("2024-12-31"));
  EXPECT_EQ(plant.profile, BuildProfile::s_curve);
  ASSERT_EQ(plant.mix.size(), 2u);
  EXPECT_EQ(plant.output, MoneyRate(150.0));
  EXPECT_EQ(plant.online, *Date::parse("2025-01-01"));
  EXPECT_EQ(plant.ramp_days, 180);
  EXPECT_EQ(plant.market, Market::outside);
}

TEST(Scenario, ReportsEveryProjectProblem) {
  const std::string f = "tests/data/scenarios/bad_projects.yaml";
  EXPECT_THAT(
      messages_of(f),
      ElementsAre(
          f + ":12:5: events[nothing]: a project needs capex (a build phase), output (an operating phase) or both",
          f + ":13:5: events[no-build].build: this key is required",
          f + ":13:66: events[no-build].mix: expected shares summing to 1, found a sum of 0.9",
          f + ":14:57: events[bad-build].capex: expected an amount above 0, found -5",
          f + ":14:91: events[bad-build].build.to: expected a date on or after from (2024-03-01), found 2024-02-01",
          f + ":14:112: events[bad-build].build.profile: expected one of uniform, s-curve, found \"linear\"",
          f + ":16:111: events[stray].mix: belongs to the build phase, which needs capex",
          f + ":16:66: events[stray].online: expected a date within the horizon 2024-01-01 to 2025-12-31, found "
              "2026-01-01",
          f + ":16:84: events[stray].ramp: expected a number of days such as 180d, found \"soon\"",
          f + ":16:98: events[stray].market: expected one of outside, local, found \"abroad\"",
          f + ":17:10: events[two words].id: expected letters, digits, '-' and '_' only",
          f + ":17:29: events[two words].kind: expected one of demand, project, rule, disruption, price, found \"projet\"; did you mean "
              "\"project\"?",
          f + ":18:10: events[baseline].id: \"baseline\" is reserved (it names the no-event row of attribution)"));
}

TEST(Scenario, RulesAndSeekReportEveryProblem) {
  const std::string f = "tests/data/scenarios/bad_rules.yaml";
  EXPECT_THAT(messages_of(f),
              ElementsAre(
                  f + ":13:33: events[r1].every: expected one of monthly, quarterly, yearly, found \"daily\"",
                  f + ":14:50: events[r2].when: expected exactly one of ytd_growth_below or ytd_growth_above (0.12 is +12 %)",
                  f + ":14:120: events[r2].then.by: this key is required with scale (1.25 is +25 %)",
                  f + ":15:47: events[r3].when: expected exactly one of ytd_growth_below or ytd_growth_above (0.12 is +12 %)",
                  f + ":15:86: events[r3].then.by: belongs to scale; start and stop take no factor",
                  f + ":15:101: events[r3].max_times: expected 1 to 1000 firings, found 0",
                  f + ":16:93: events[r4].then: expected exactly one action: scale: ID with by: factor, start: ID or stop: ID",
                  f + ":13:58: events[r1].when.indicator: unknown indicator \"gpd\"; declared: gdp",
                  f + ":13:101: events[r1].then: no demand or project event has the id \"fnud\"; did you mean \"fund\"?",
                  f + ":15:78: events[r3].then: \"r1\" is a rule; a rule acts on a demand or project event",
                  f + ":18:36: seek.targets[0].year: expected a simulated year, 2024 to 2025, found 2027",
                  f + ":20:15: seek.instruments[0].event: no event has the id \"fnud\"; did you mean \"fund\"?",
                  f + ":21:28: seek.instruments[1].field: expected one of amount, from, found \"online\"",
                  f + ":22:50: seek.instruments[2].max: expected a value above min (10), found 0",
                  f + ":23:81: seek.instruments[3].min: field from takes earliest and latest",
                  f + ":23:64: seek.instruments[3].latest: expected a date within the horizon 2024-01-01 to 2025-12-31, found 2026-06-01",
                  f + ":24:7: seek.instruments[4]: fund.amount is already an instrument (on line 22)",
                  f + ":25:26: seek.instruments[5].field: \"r1\" is a rule; instruments are demand or project events"));
}

TEST(Scenario, SeekNeedsTargetsAndBoundedInstruments) {
  const std::string f = "tests/data/scenarios/bad_seek.yaml";
  EXPECT_THAT(messages_of(f),
              ElementsAre(
                  f + ":19:3: seek.budget: unknown key; expected one of: targets, instruments",
                  f + ":14:12: seek.targets: expected at least one target",
                  f + ":16:29: seek.instruments[0].field: event \"plant\" has no build phase to move",
                  f + ":17:42: seek.instruments[1].min: expected a minimum above 0 (a project's output is positive), found 0",
                  f + ":18:7: seek.instruments[2].latest: this key is required"));
}

TEST(Scenario, ReadsRulesAndSeek) {
  const Scenario s = load_scenario(source_path("tests/data/scenarios/rules_and_seek.yaml"));
  ASSERT_EQ(s.events.size(), 2u);
  const auto& rule = std::get<RuleSpec>(s.events[1].detail);
  EXPECT_EQ(rule.every, ReportFrequency::quarterly);
  EXPECT_EQ(rule.indicator, "gdp");
  EXPECT_TRUE(rule.below);
  EXPECT_DOUBLE_EQ(rule.threshold, 0.12);
  EXPECT_EQ(rule.action, RuleAction::scale);
  EXPECT_EQ(rule.event, "fund");
  EXPECT_DOUBLE_EQ(rule.by, 1.25);
  EXPECT_EQ(rule.max_times, 4);
  ASSERT_TRUE(s.seek.has_value());
  ASSERT_EQ(s.seek->targets.size(), 1);
  EXPECT_EQ(s.seek->targets[TargetId(0)].indicator, "gdp");
  ASSERT_EQ(s.seek->instruments.size(), 2u);
  EXPECT_EQ(s.seek->instruments[0].field, "output");
  EXPECT_FALSE(s.seek->instruments[0].is_date());
  EXPECT_DOUBLE_EQ(s.seek->instruments[0].max, 5000.0);
  EXPECT_TRUE(s.seek->instruments[1].is_date());
  EXPECT_EQ(s.seek->instruments[1].latest, *Date::parse("2024-12-01"));
}

TEST(Scenario, ChainsReportEveryProblem) {
  const std::string f = "tests/data/scenarios/bad_chains.yaml";
  EXPECT_THAT(
      messages_of(f),
      ElementsAre(
          f + ":13:12: chains.no_core.core: this key is required",
          f + ":14:16: chains.both.core: a derived chain takes its core inside derive: {core, upstream_depth, "
              "downstream_depth, threshold}",
          f + ":15:47: chains.deep.derive.upstream_depth: expected a depth from 0 to 10, found 11",
          f + ":15:62: chains.deep.derive.threshold: expected a coefficient threshold between 0 and 1 (exclusive), "
              "found 1.5",
          f + ":16:30: chains.labels.label.fr: unknown key; expected one of: en, zh",
          f + ":16:63: chains.labels.upstream[0]: expected a text value, found a map",
          f + ":17:3: chains.bad name: expected a name of letters, digits, '-' and '_' only",
          f + ":18:20: graph.threshold: expected a coefficient threshold between 0 and 1 (exclusive), found 0"));
}

TEST(Scenario, ReportsEveryTrendIndicatorAndTargetProblem) {
  const std::string f = "tests/data/scenarios/bad_levers.yaml";
  EXPECT_THAT(
      messages_of(f),
      ElementsAre(
          f + ":13:3: trends.exprts: unknown key; expected one of: household, government, gfcf, inventory, exports; "
              "did you mean \"exports\"?",
          f + ":12:14: trends.household: expected an annual growth rate above -1 (0.05 is +5 %), found -1.5",
          f + ":14:31: trends.government.sector: unknown key; expected one of: default, sectors; did you mean "
              "\"sectors\"?",
          f + ":15:26: trends.gfcf.sectors.sec1: expected a number, found \"lots\"",
          f + ":17:33: indicators.gdp.scale: expected a number, found \"big\"",
          f + ":18:10: indicators.jobs.off: unknown key; expected one of: of, sectors, scale, basis, label; did you mean \"of\"?",
          f + ":18:9: indicators.jobs.of: this key is required",
          f + ":19:3: indicators.bad name: expected a name of letters, digits, '-' and '_' only",
          f + ":21:17: targets[0].indicator: unknown indicator \"gpd\"; declared: gdp, jobs",
          f + ":22:28: targets[1].year: expected a simulated year, 2024 to 2025, found 2030",
          f + ":23:5: targets[2]: expected exactly one of growth (0.055 is +5.5 % on the year before) or level",
          f + ":24:5: targets[3]: expected exactly one of growth (0.055 is +5.5 % on the year before) or level"));
}

TEST(Scenario, NumbersTooLargeToComputeWithAreRefusedWhereTheyAreWritten) {
  // Finite but huge values would overflow to inf or NaN in the run; each is refused at its place.
  const std::string f = "tests/data/scenarios/huge_numbers.yaml";
  EXPECT_THAT(
      messages_of(f),
      ElementsAre(
          f + ":12:12: trends.exports: expected an annual growth rate of at most 10 (+1000 %), found 100",
          f + ":14:33: indicators.gdp.scale: expected a scale factor from -1e+12 to 1e+12, found 1e+308",
          f + ":16:28: targets[0].year: expected a whole number, found \"1e300\"",
          f + ":18:73: events[flood].amount: expected an annual amount of at most 1e+15 in magnitude (in the table's "
              "unit), found 1.7e+308",
          f + ":19:53: events[plant].capex: expected an amount of at most 1e+15 in magnitude (in the table's unit), "
              "found 1e+308",
          f + ":19:122: events[plant].output: expected an annual output of at most 1e+15 in magnitude (in the "
              "table's unit), found 1e+16",
          f + ":20:117: events[boost].then.by: expected a factor of at most 1000, found 1e+300"));
}

TEST(Scenario, EndogenousHouseholdsHaveNoTrend) {
  std::string text = testing::read_text(source_path("tests/data/scenarios/competitive.yaml"));
  text += "trends: {household: 0.05}\n";
  EXPECT_THAT(testing::messages_of([&] { parse_scenario(text, "tests/data/scenarios/typeII.yaml"); }),
              ElementsAre(::testing::EndsWith(
                  "trends.household: household consumption is endogenous (economy.households: endogenous): it "
                  "follows income, so it cannot have its own trend")));
}

TEST(Scenario, ATargetYearBeyondAnyCalendarIsRefusedWhereItIsWritten) {
  // A whole number that fits a double but not a year (nor an int) is refused, not converted.
  std::string text = testing::read_text(source_path("tests/data/scenarios/competitive.yaml"));
  text += "targets:\n  - {indicator: gdp, year: 12345678901, growth: 0.05}\n";
  EXPECT_THAT(testing::messages_of([&] { parse_scenario(text, "tests/data/scenarios/competitive.yaml"); }),
              ElementsAre(::testing::EndsWith("targets[0].year: expected a year, found 12345678901")));
}

TEST(Scenario, WithoutIndicatorsGdpIsMeasured) {
  const Scenario s = load_scenario(source_path("scenarios/examples/miller-blair.yaml"));
  ASSERT_EQ(s.indicators.size(), 1u);
  EXPECT_EQ(s.indicators[0].name, "gdp");
  EXPECT_EQ(s.indicators[0].of, "value_added");
}

TEST(Extends, MapsMergeByKeyAndEventsReplaceByIdOrAppend) {
  const Scenario s = load_scenario(source_path("tests/data/scenarios/extends/child.yaml"));
  EXPECT_EQ(s.name, "child");
  EXPECT_EQ(s.time.start, *Date::parse("2024-01-01"));  // inherited key of a merged map
  EXPECT_EQ(s.time.end, *Date::parse("2027-12-31"));    // overridden key
  EXPECT_EQ(s.time.report, ReportFrequency::quarterly);
  EXPECT_EQ(s.economy.table, "scenarios/examples/data/miller-blair-table.csv");  // relative to base.yaml
  ASSERT_EQ(s.trends.size(), 2u);  // exports inherited, household added
  std::vector<std::string> ids;
  for (const auto& e : s.events) ids.push_back(e.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"vouchers", "plant", "stimulus"}));  // slump removed
  const auto& vouchers = std::get<DemandEventSpec>(s.events[0].detail);
  EXPECT_EQ(vouchers.amount, MoneyRate(80.0));  // the child's version
  EXPECT_EQ(vouchers.sectors[0].code, "sec2");
  EXPECT_EQ(s.extends, std::vector<std::filesystem::path>{"tests/data/scenarios/extends/base.yaml"});
  // The stored text is the resolved document, which reads back to the same scenario.
  EXPECT_EQ(s.text.find("extends"), std::string::npos);
  const Scenario again = parse_scenario(s.text, "tests/data/scenarios/extends/resolved.yaml");
  EXPECT_EQ(again.events.size(), 3u);
  EXPECT_EQ(again.time.end, s.time.end);
}

TEST(Extends, ChainsAcrossFolders) {
  const Scenario s = load_scenario(source_path("tests/data/scenarios/other/grandchild.yaml"));
  EXPECT_EQ(s.name, "grandchild");
  EXPECT_EQ(s.events.size(), 3u);
  EXPECT_EQ(s.extends.size(), 2u);
  EXPECT_EQ(s.economy.table, "scenarios/examples/data/miller-blair-table.csv");
}

TEST(Extends, ReportsCyclesMissingBasesAndBadRemovals) {
  const std::string d = "tests/data/scenarios/extends/";
  EXPECT_THAT(messages_of(d + "cycle_a.yaml"),
              ElementsAre(d + "cycle_b.yaml:1:10: extends: cyclic extends: cycle_a.yaml -> cycle_b.yaml -> "
                              "cycle_a.yaml"));
  EXPECT_THAT(messages_of(d + "missing_base.yaml"),
              ElementsAre(d + "missing_base.yaml:1:10: extends: cannot open \"" + d +
                          "nowhere.yaml\" for reading: No such file or directory"));
  EXPECT_THAT(messages_of(d + "bad_remove.yaml"),
              ElementsAre(d + "bad_remove.yaml:3:17: remove_events[0]: no inherited event has the id \"slumb\"; did "
                              "you mean \"slump\"?"));
  EXPECT_THAT(messages_of(d + "remove_without_extends.yaml"),
              ElementsAre(d + "remove_without_extends.yaml:3:16: remove_events: removes inherited events, so it "
                              "needs extends"));
}

TEST(Overrides, SetKeysAndEventFields) {
  const Scenario s = load_scenario(source_path("scenarios/examples/miller-blair.yaml"),
                                   {"time.end=2025-06-30", "events.export-slump.amount=-80",
                                    "trends.exports=0.02", "name=what-if"});
  EXPECT_EQ(s.name, "what-if");
  EXPECT_EQ(s.time.end, *Date::parse("2025-06-30"));
  EXPECT_EQ(std::get<DemandEventSpec>(s.events[1].detail).amount, MoneyRate(-80.0));
  ASSERT_EQ(s.trends.size(), 1u);
  EXPECT_EQ(s.trends[0].rate, 0.02);
  EXPECT_NE(s.text.find("what-if"), std::string::npos);
}

TEST(Overrides, ReportBadPathsAndValues) {
  const auto messages = [](std::vector<std::string> overrides) {
    return testing::messages_of(
        [&] { load_scenario(source_path("scenarios/examples/miller-blair.yaml"), overrides); });
  };
  EXPECT_THAT(messages({"time.end"}), ElementsAre("--set:1:1: expected key.path=value, found \"time.end\""));
  EXPECT_THAT(messages({"events.export-slum.amount=3"}),
              ElementsAre("--set:1:1: events.export-slum: no event has the id \"export-slum\" (in "
                          "events.export-slum.amount=3); did you mean \"export-slump\"?"));
  EXPECT_THAT(messages({"name.first=x"}),
              ElementsAre("--set:1:1: name.first: cannot set a key inside a value that is not a map (in "
                          "name.first=x)"));
  EXPECT_THAT(messages({"time.end=soon"}),
              ElementsAre("--set:1:1: time.end: expected a date YYYY-MM-DD, found \"soon\""));
}

TEST(Scenario, MissingFileIsReported) {
  EXPECT_THAT(messages_of("tests/data/scenarios/none.yaml"),
              ElementsAre("tests/data/scenarios/none.yaml: cannot open the scenario file for reading: No such file or "
                                      "directory"));
}

TEST(Scenario, ReportsEveryDynamicsProblem) {
  EXPECT_THAT(messages_of("tests/data/scenarios/bad_dynamics.yaml"),
              ElementsAre(
          "tests/data/scenarios/bad_dynamics.yaml:14:9: dynamics.step: expected 1d (the ARIO engine steps daily), found 7d",
          "tests/data/scenarios/bad_dynamics.yaml:15:48: dynamics.inventory.restoration: expected at least 1 day, found 0",
          "tests/data/scenarios/bad_dynamics.yaml:15:30: dynamics.inventory.psi: expected a share of the target inventory from 0 to 1, found 1.5",
          "tests/data/scenarios/bad_dynamics.yaml:16:25: dynamics.overproduction.max: expected a factor from 1 to 10, found 0.9",
          "tests/data/scenarios/bad_dynamics.yaml:17:11: dynamics.orders: expected one of alt, classic, found \"fancy\"",
          "tests/data/scenarios/bad_dynamics.yaml:18:17: dynamics.unmet_demand: expected one of lost, imported, found \"ignored\"; did you mean \"imported\"?",
          "tests/data/scenarios/bad_dynamics.yaml:19:16: dynamics.attribution: expected one of reruns, none, found \"sometimes\"",
          "tests/data/scenarios/bad_dynamics.yaml:21:65: events[flood].capital_lost: expected either amount (with by) or share, not both",
          "tests/data/scenarios/bad_dynamics.yaml:21:5: events[flood]: lost capital comes back by recovery: {curve, tau} or rebuild: {sectors, tau}",
          "tests/data/scenarios/bad_dynamics.yaml:22:75: events[strike].capacity_lost.share: expected a share from 0 to 1, found 1.2",
          "tests/data/scenarios/bad_dynamics.yaml:22:102: events[strike].rebuild: a capacity loss destroys no capital, so there is nothing to rebuild",
          "tests/data/scenarios/bad_dynamics.yaml:23:5: events[storm]: lost capital comes back by recovery: {curve, tau} or rebuild: {sectors, tau}",
          "tests/data/scenarios/bad_dynamics.yaml:24:38: events[both].on: expected a date within the horizon 2024-01-01 to 2025-12-31, found 2027-03-01",
          "tests/data/scenarios/bad_dynamics.yaml:24:5: events[both]: a disruption needs exactly one of capital_lost or capacity_lost",
          "tests/data/scenarios/bad_dynamics.yaml:25:97: events[wrong-curve].recovery.curve: expected one of linear, concave, convex, found \"sudden\"",
          "tests/data/scenarios/bad_dynamics.yaml:25:89: events[wrong-curve].recovery.tau: this key is required",
          "tests/data/scenarios/bad_dynamics.yaml:26:106: events[rule].then: \"flood\" is a disruption; a rule acts on a demand or project event"));
}

TEST(Scenario, DisruptionsNeedTheArioEngine) {
  const std::string text = testing::read_text("tests/data/scenarios/bad_dynamics.yaml");
  const std::string leontief = text.substr(0, text.find("dynamics:")) +
                               "events:\n  - {id: storm, kind: disruption, on: 2024-03-01, capital_lost: {a: 5},"
                               " recovery: {tau: 30d}}\n";
  try {
    parse_scenario(leontief, source_path("tests/data/scenarios/leontief.yaml"));
    FAIL() << "a disruption in a leontief run was accepted";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("events[storm].kind: a disruption needs supply constraints"));
  }
}


TEST(Scenario, UncertaintyProblemsAreEachReportedAtTheirPlace) {
  const std::string f = "tests/data/scenarios/bad_uncertainty.yaml";
  EXPECT_THAT(messages_of(f),
              ElementsAre(
                  f + ":18:10: uncertainty.draws: expected from 2 to 1000000 draws, found 1",
                  f + ":19:9: uncertainty.seed: expected a whole number of at least 0, found -4",
                  f + ":20:13: uncertainty.sampling: expected one of latin-hypercube, random, found \"sobol\"",
                  f + ":22:14: uncertainty.parameters[0].path: shift moves dates: events.plant.capex is a number, so it takes scale or value",
                  f + ":23:52: uncertainty.parameters[1].shift.uniform: expected [low, high] in increasing order, the last above the first",
                  f + ":24:14: uncertainty.parameters[2].path: expected a path of a field this scenario has, found \"events.plnt.online\"; did you mean \"events.plant.online\"?",
                  f + ":25:65: uncertainty.parameters[3].scale.normal.sd: expected a standard deviation above 0, found 0",
                  f + ":26:54: uncertainty.parameters[4].value.triangular: expected [low, mode, high]",
                  f + ":27:14: uncertainty.parameters[5].path: scale changes numbers: events.plant.online is a date, so it takes shift",
                  f + ":28:14: uncertainty.parameters[6].path: the economy's table is read from files, so its regionalization is fixed; draw δ by building tables with regsim build-table and running each (docs/ensembles.md, \"Paths\")",
                  f + ":29:73: uncertainty.parameters[7].value.lognormal.sigma: expected sigma (of the logarithm) above 0 and at most 5, found 0",
                  f + ":30:7: uncertainty.parameters[8]: expected exactly one of shift (dates, in days), scale (a factor) or value, found shift and scale",
                  f + ":31:78: uncertainty.parameters[9].value.discrete.weights: expected 2 weights, one per value",
                  f + ":32:38: uncertainty.parameters[10].shift.poisson: unknown key; expected one of: uniform, triangular, normal, lognormal, discrete",
                  f + ":34:14: uncertainty.parameters[12].path: events.plant.capex is already drawn by the parameter on line 33; draw each field once",
                  f + ":35:70: uncertainty.correlate[0].rho: expected a correlation strictly between -1 and 1, found 1.5"));
}

TEST(Scenario, UncertaintyPatternsResolveToFieldsInScenarioOrder) {
  const Scenario s = load_scenario(source_path("scenarios/jinzhong-2024.yaml"));
  ASSERT_TRUE(s.uncertainty.has_value());
  const UncertaintySpec& u = *s.uncertainty;
  EXPECT_EQ(u.draws, 10000);
  EXPECT_EQ(u.seed, 20240301u);
  EXPECT_EQ(u.sampling, Sampling::latin_hypercube);
  ASSERT_EQ(u.parameters.size(), 8u);
  // 21 projects, each with dates and capex; the 16 with an operating phase have an output.
  EXPECT_EQ(u.parameters[0].fields.size(), 21u);
  EXPECT_EQ(u.parameters[0].fields.front(), "events.optical-storage-park.dates");
  EXPECT_EQ(u.parameters[1].fields.size(), 21u);
  EXPECT_EQ(u.parameters[2].fields.size(), 16u);
  EXPECT_EQ(u.parameters[2].action, ParameterAction::scale);
  EXPECT_EQ(u.parameters[2].distribution.kind, DistributionKind::lognormal);
  EXPECT_EQ(u.parameters[5].fields, std::vector<std::string>{"trends.household"});
  EXPECT_TRUE(u.parameters[0].clip);
  ASSERT_EQ(u.correlate.size(), 1u);
  EXPECT_DOUBLE_EQ(u.correlate[0].rho, 0.5);
  EXPECT_TRUE(u.warnings.empty());
}

TEST(Scenario, AnUncertaintyPatternMatchingNothingWarnsOnlyTheEnsemble) {
  // no-new-projects removes every project, so the inherited project patterns draw nothing.
  const Scenario s = load_scenario(source_path("scenarios/what-if/no-new-projects.yaml"));
  EXPECT_TRUE(s.warnings.empty());
  ASSERT_EQ(s.uncertainty->warnings.size(), 4u);
  EXPECT_EQ(format_diagnostic(s.uncertainty->warnings[0]),
            "scenarios/jinzhong-2024.yaml:184:14: uncertainty.parameters[0].path: \"events.*.dates\" matches no field "
            "of this scenario (in events of kind project), so it draws nothing");
}

}  // namespace
}  // namespace regsim
