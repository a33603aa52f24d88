// The `regsim` command: arguments -> library calls -> exit codes. Errors are printed here, once.

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/version.hpp"

namespace {

int run(int argc, char** argv) {
  using namespace regsim::cli;
  CLI::App app{"regsim: a discrete-event simulator of a regional economy (input-output model)", "regsim"};
  app.set_version_flag("--version", std::string("regsim ") + regsim::version);
  app.require_subcommand(1);
  app.footer("Exit codes: 0 ok, 1 internal error, 2 usage, 3 input error, 4 numerical error, 5 output error. See docs/cli.md.");

  std::string check_scenario;
  auto* check = app.add_subcommand("check", "Validate a scenario and its table; print every problem");
  check->add_option("scenario", check_scenario, "Scenario YAML file")->required();

  MultipliersOptions multipliers;
  std::string format = "table";
  auto* mult = app.add_subcommand("multipliers", "Print output, value-added, income and satellite multipliers");
  mult->add_option("scenario", multipliers.scenario, "Scenario YAML file")->required();
  mult->add_option("--type", multipliers.type, "I (households exogenous) or II (endogenous); default: the scenario's economy.households")
      ->check(CLI::IsMember({"I", "II"}));
  mult->add_option("--format", format, "table (aligned, 6 digits) or csv (full precision)")
      ->check(CLI::IsMember({"table", "csv"}));
  mult->add_flag("--split", multipliers.split, "Add direct, indirect (and, for Type II, induced) columns");

  RunOptions run_options;
  auto* run_cmd = app.add_subcommand("run", "Simulate a scenario; write one HDF5 run file; print indicators and targets");
  run_cmd->add_option("scenario", run_options.scenario,
                      "Scenario YAML file (default: scenarios/jinzhong-2024.yaml, in this folder or regsim's source tree)");
  run_cmd->add_option("-o,--output", run_options.output, "Run file to write (default: the scenario file's name with .h5, in this folder)");
  run_cmd->add_option("--set", run_options.overrides, "Override a scenario value: key.path=value (repeatable; "
                                                      "events.<id>.<key> reaches an event)");
  run_cmd->add_flag("-q,--quiet", run_options.quiet, "Print nothing but errors");

  std::string info_file;
  auto* info = app.add_subcommand("info", "Describe a run file: scenario, horizon, sectors, indicators, targets");
  info->add_option("file", info_file, "Run file (.h5) written by regsim run")->required();

  ChainsOptions chains_options;
  std::string chains_format = "table";
  std::string lang = "en";
  auto* chains = app.add_subcommand("chains", "Industry chains and the flow graph: linkages, key sectors, chain summaries, "
                                              "structural paths, extraction, shock spread, DOT export");
  chains->add_option("scenario", chains_options.scenario, "Scenario YAML file (default: the Jinzhong 2024 scenario)");
  chains->add_option("--format", chains_format, "table (aligned) or csv (one table, full precision)")
      ->check(CLI::IsMember({"table", "csv"}));
  chains->add_option("--dot", chains_options.dot, "Write the flow graph as Graphviz DOT to this file");
  chains->add_option("--lang", lang, "Labels in the DOT file: en or zh")->check(CLI::IsMember({"en", "zh"}));
  chains->add_option("--paths", chains_options.paths, "List the N largest structural paths")->check(CLI::Range(1, 10000));
  chains->add_option("--from", chains_options.from, "Sector or chain whose final demand starts the paths");
  chains->add_option("--to", chains_options.to, "Indicator the paths end in (default gdp)");
  chains->add_option("--depth", chains_options.depth, "Path depth limit (default 6)")->check(CLI::Range(0, 20));
  chains->add_option("--path-threshold", chains_options.path_threshold,
                     "Smallest path listed and subtree walked, relative to the total (default 0.001)")
      ->check(CLI::Range(0.0, 1.0));
  chains->add_option("--extract", chains_options.extract, "Hypothetical extraction of this chain");
  chains->add_option("--shock", chains_options.shock, "Show how a shock to this sector or chain spreads, step by step");

  CompareCommandOptions compare_options;
  std::string compare_format = "table";
  int compare_year = 0;
  auto* compare = app.add_subcommand("compare", "Compare runs side by side: indicators, targets, the largest sector, chain "
                                                "and event changes (the first run is the reference)");
  compare->add_option("runs", compare_options.runs, "Run files (.h5) or scenario files (run in memory)")->required();
  compare->add_option("--set", compare_options.overrides,
                      "Override a value in every scenario after the first (key.path=value, repeatable); with one "
                      "scenario, compare it with itself so changed");
  compare->add_option("-o,--output-dir", compare_options.output_dir, "Write the runs of scenario arguments to this folder");
  compare->add_option("--format", compare_format, "table, csv (one tidy table) or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  compare->add_option("--indicator", compare_options.indicator, "Rank events by their contribution to this indicator "
                                                                "(default: the first)");
  compare->add_option("--year", compare_year, "Rank sectors, chains and events in this year (default: the first simulated)");
  compare->add_option("--top", compare_options.top, "Rows per ranking (0: all)")->check(CLI::Range(0, 100000));

  SeekOptions seek_options;
  auto* seek = app.add_subcommand("seek", "Find the values of the scenario's seek instruments that meet its seek targets");
  seek->add_option("scenario", seek_options.scenario, "Scenario YAML file with a seek: block")->required();
  seek->add_option("-o,--output", seek_options.output, "Run file of the sought values (default: <scenario name>-sought.h5 here)");
  seek->add_option("--set", seek_options.overrides, "Override a scenario value before seeking (key.path=value, repeatable)");
  seek->add_option("--write-scenario", seek_options.write_scenario,
                   "Write a scenario that extends this one with the sought values");
  seek->add_flag("-q,--quiet", seek_options.quiet, "Print nothing but errors");

  std::string recipe_file;
  std::string table_folder;
  auto* build_table = app.add_subcommand("build-table", "Derive a regional table from a national one (location quotients, "
                                                        "sector splits, GRAS); write its CSV files");
  build_table->add_option("recipe", recipe_file, "Recipe YAML file (docs/regionalization.md)")->required();
  build_table->add_option("-o,--output", table_folder, "Folder to write sectors.csv, table.csv, satellites.csv to")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? exit_ok : exit_usage;
  }

  try {
    if (*check) return check_command(check_scenario, std::cout);
    if (*run_cmd) {
      if (run_options.scenario.empty()) run_options.scenario = default_scenario();
      return run_command(run_options, std::cout, std::cerr);
    }
    if (*info) return info_command(info_file, std::cout);
    if (*chains) {
      if (chains_options.scenario.empty()) chains_options.scenario = default_scenario();
      chains_options.format = chains_format == "csv" ? OutputFormat::csv : OutputFormat::table;
      chains_options.chinese = lang == "zh";
      return chains_command(chains_options, std::cout);
    }
    if (*compare) {
      compare_options.format = compare_format == "csv"    ? OutputFormat::csv
                               : compare_format == "json" ? OutputFormat::json
                                                          : OutputFormat::table;
      if (compare->count("--year") > 0) compare_options.year = compare_year;
      return compare_command(compare_options, std::cout);
    }
    if (*seek) return seek_command(seek_options, std::cout);
    if (*build_table) return build_table_command(recipe_file, table_folder, std::cout);
    if (*mult) {
      multipliers.format = format == "csv" ? OutputFormat::csv : OutputFormat::table;
      return multipliers_command(multipliers, std::cout);
    }
  } catch (const regsim::InputError& e) {
    for (const auto& d : e.diagnostics()) std::cerr << regsim::format_diagnostic(d) << '\n';
    std::cerr << fmt::format("regsim: {} problem{} found\n", e.diagnostics().size(),
                             e.diagnostics().size() == 1 ? "" : "s");
    return exit_input;
  } catch (const regsim::NumericalError& e) {
    std::cerr << "regsim: numerical error: " << e.what() << '\n';
    return exit_numerical;
  } catch (const regsim::OutputError& e) {
    std::cerr << "regsim: output error: " << e.what() << '\n';
    return exit_output;
  }
  return exit_usage;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "regsim: internal error (please report it): " << e.what() << '\n';
    return regsim::cli::exit_internal;
  }
}
