// The `regsim` command: arguments -> library calls -> exit codes. Errors are printed here, once.

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <cstdint>
#include <functional>
#include <iostream>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/memory.hpp"
#include "core/version.hpp"
#include "iomodel/blas_kernels.hpp"

namespace {

using namespace regsim::cli;

/// A file name option given as '' would silently mean the default name: refused as a usage error.
const CLI::Validator named_file(
    [](const std::string& value) {
      return value.empty() ? std::string("expected a file name, found an empty one") : std::string();
    },
    "FILE");

/// `--set key.path=value`: one value per use, so that a scenario after it stays the positional
/// argument (`regsim run --set trends.household=0.06 pv.yaml`); repeated uses accumulate.
CLI::Option* one_value_per_use(CLI::Option* option) {
  return option->expected(1)->allow_extra_args(false)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

/// Every command's options and its CLI11 subcommand, filled by the add_* functions below.
struct Commands {
  std::string check_scenario;
  MultipliersOptions multipliers;
  std::string multipliers_format = "table";
  RunOptions run;
  std::string info_file;
  ChainsOptions chains;
  std::string chains_format = "table";
  std::string lang;  ///< --lang: en or zh (default: REGSIM_LANG, then the locale)
  std::string unit;  ///< --unit
  CompareCommandOptions compare;
  std::string compare_format = "table";
  int compare_year = 0;
  SeekOptions seek;
  regsim::cli::EnsembleOptions ensemble;
  std::int64_t ensemble_draws = 0;
  std::uint64_t ensemble_seed = 0;
  InitOptions init;
  std::string recipe_file;
  std::string table_folder;
  std::filesystem::path convert_input, convert_output;
  std::string convert_to;
  int convert_base_year = 0;
  CLI::App* check_cmd = nullptr;
  CLI::App* multipliers_cmd = nullptr;
  CLI::App* run_cmd = nullptr;
  CLI::App* info_cmd = nullptr;
  CLI::App* chains_cmd = nullptr;
  CLI::App* compare_cmd = nullptr;
  CLI::App* seek_cmd = nullptr;
  CLI::App* ensemble_cmd = nullptr;
  CLI::App* build_table_cmd = nullptr;
  CLI::App* init_cmd = nullptr;
  CLI::App* convert_table_cmd = nullptr;
};

/// A command whose options are added only when its name is met on the command line: CLI11 calls a
/// command's preparse callback before it reads the command's arguments, so its `--help` and its
/// parsing see every option. Building all eleven commands' hundred options was three quarters of
/// the instructions `regsim --version` ran.
CLI::App* add_command(CLI::App& app, const std::string& name, const std::string& description,
                      std::function<void(CLI::App&)> add_options) {
  CLI::App* command = app.add_subcommand(name, description);
  command->preparse_callback([command, add = std::move(add_options)](std::size_t) { add(*command); });
  return command;
}

void add_check(CLI::App& app, Commands& c) {
  c.check_cmd = add_command(
      app, "check", "Validate a scenario and its table; print every problem",
      [&c](CLI::App& command) { command.add_option("scenario", c.check_scenario, "Scenario YAML file")->required(); });
}

void add_multipliers(CLI::App& app, Commands& c) {
  c.multipliers_cmd = add_command(
      app, "multipliers", "Print output, value-added, income and satellite multipliers", [&c](CLI::App& command) {
        command.add_option("scenario", c.multipliers.scenario, "Scenario YAML file")->required();
        command
            .add_option("--type", c.multipliers.type,
                        "I (households exogenous) or II (endogenous); default: the scenario's economy.households")
            ->check(CLI::IsMember({"I", "II"}));
        command.add_option("--format", c.multipliers_format, "table (aligned, 6 digits) or csv (full precision)")
            ->check(CLI::IsMember({"table", "csv"}));
        command.add_flag("--split", c.multipliers.split, "Add direct, indirect (and, for Type II, induced) columns");
        command
            .add_option("--solver", c.multipliers.solver,
                        "auto (the Leontief series on tables of 1,000 sectors or more when it converges fast, else one "
                        "LU), lu or series; the results agree to about 1e-15")
            ->check(CLI::IsMember({"auto", "lu", "series"}));
      });
}

void add_run(CLI::App& app, Commands& c) {
  c.run_cmd = add_command(
      app, "run", "Simulate a scenario; write one HDF5 run file; print indicators and targets",
      [&c](CLI::App& command) {
        command.add_option(
            "scenario", c.run.scenario,
            "Scenario YAML file (default: scenarios/jinzhong-2024.yaml, in this folder or regsim's source tree)");
        command
            .add_option("-o,--output", c.run.output,
                        "Run file to write (default: the scenario file's name with .h5, in this folder; with --set, "
                        "NAME-set-HASH.h5)")
            ->check(named_file);
        one_value_per_use(command.add_option("--set", c.run.overrides,
                                             "Override a scenario value: key.path=value (repeatable; "
                                             "events.<id>.<key> reaches an event)"));
        command.add_flag("-q,--quiet", c.run.quiet, "Print nothing but errors");
        command.add_flag("--strict", c.run.strict,
                         "Refuse the run (exit 6, no file written) when the scenario or its results give a warning");
      });
}

void add_info(CLI::App& app, Commands& c) {
  c.info_cmd = add_command(
      app, "info", "Describe a run file: scenario, horizon, sectors, indicators, targets", [&c](CLI::App& command) {
        command.add_option("file", c.info_file, "Run file (.h5) written by regsim run")->required();
      });
}

void add_chains(CLI::App& app, Commands& c) {
  c.chains_cmd = add_command(
      app, "chains",
      "Industry chains and the flow graph: linkages, key sectors, chain summaries, "
      "structural paths, extraction, shock spread, DOT export",
      [&c](CLI::App& command) {
        command.add_option("scenario", c.chains.scenario, "Scenario YAML file (default: the Jinzhong 2024 scenario)");
        command.add_option("--format", c.chains_format, "table (aligned) or csv (one table, full precision)")
            ->check(CLI::IsMember({"table", "csv"}));
        command.add_option("--dot", c.chains.dot, "Write the flow graph as Graphviz DOT to this file");
        command.add_flag("--sectors", c.chains.sectors,
                         "Print the sector table (linkages, class, betweenness, chains)");
        command.add_flag("--list", c.chains.list, "Print the chain table (members, output, value added, extraction)");
        command.add_option("--paths", c.chains.paths, "List the N largest structural paths")
            ->check(CLI::Range(1, 10000));
        command.add_option("--from", c.chains.from, "Sector or chain whose final demand starts the paths");
        command.add_option("--to", c.chains.to, "Indicator the paths end in (default gdp)");
        command.add_option("--depth", c.chains.depth, "Path depth limit (default 6)")->check(CLI::Range(0, 20));
        command
            .add_option("--path-threshold", c.chains.path_threshold,
                        "Smallest path listed and subtree walked, relative to the total (default 0.001)")
            ->check(CLI::Range(0.0, 1.0));
        command.add_option("--extract", c.chains.extract, "Hypothetical extraction of this chain");
        command.add_option("--shock", c.chains.shock, "Show how a shock to this sector or chain spreads, step by step");
      });
}

void add_compare(CLI::App& app, Commands& c) {
  c.compare_cmd = add_command(
      app, "compare",
      "Compare runs side by side: indicators, targets, the largest sector, chain "
      "and event changes (the first run is the reference)",
      [&c](CLI::App& command) {
        command.add_option("runs", c.compare.runs, "Run files (.h5) or scenario files (run in memory)")->required();
        one_value_per_use(command.add_option(
            "--set", c.compare.overrides,
            "Override a value in every scenario after the first (key.path=value, repeatable; with one "
            "scenario, compare it with itself so changed)"));
        command.add_option("-o,--output-dir", c.compare.output_dir,
                           "Write the runs of scenario arguments to this folder");
        command.add_option("--format", c.compare_format, "table, csv (one tidy table) or json")
            ->check(CLI::IsMember({"table", "csv", "json"}));
        command.add_option("--indicator", c.compare.indicator,
                           "Rank events by their contribution to this indicator "
                           "(default: the first)");
        command.add_option("--year", c.compare_year,
                           "Rank sectors, chains and events in this year (default: the first simulated)");
        command.add_option("--top", c.compare.top, "Rows per ranking (0: all)")->check(CLI::Range(0, 100000));
      });
}

void add_seek(CLI::App& app, Commands& c) {
  c.seek_cmd = add_command(
      app, "seek", "Find the values of the scenario's seek instruments that meet its seek targets",
      [&c](CLI::App& command) {
        command.add_option("scenario", c.seek.scenario, "Scenario YAML file with a seek: block")->required();
        command
            .add_option("-o,--output", c.seek.output,
                        "Run file of the sought values (default: <scenario name>-sought.h5 here)")
            ->check(named_file);
        one_value_per_use(command.add_option("--set", c.seek.overrides,
                                             "Override a scenario value before seeking (key.path=value, repeatable)"));
        command.add_option("--write-scenario", c.seek.write_scenario,
                           "Write a scenario that extends this one with the sought values");
        command.add_flag("-q,--quiet", c.seek.quiet, "Print nothing but errors");
      });
}

void add_ensemble(CLI::App& app, Commands& c) {
  c.ensemble_cmd = add_command(
      app, "ensemble",
      "Run the scenario once per draw of its uncertainty: block; print each target's chance of being met",
      [&c](CLI::App& command) {
        command.add_option("scenario", c.ensemble.scenario, "Scenario YAML file with an uncertainty: block")
            ->required();
        command
            .add_option(
                "-o,--output", c.ensemble.output,
                "Run file to write: the central run and /ensemble (default: <scenario file stem>-ensemble.h5 here)")
            ->check(named_file);
        command.add_option("--draws", c.ensemble_draws, "Number of draws (default: uncertainty.draws)")
            ->check(CLI::Range(std::int64_t{2}, std::int64_t{1000000}));
        command.add_option("--seed", c.ensemble_seed, "Seed of the draws (default: uncertainty.seed)");
        command.add_option("--threads", c.ensemble.threads, "Threads to run draws on (default: one per core)")
            ->check(CLI::Range(1U, 256U));
        one_value_per_use(command.add_option("--set", c.ensemble.overrides,
                                             "Override a scenario value before drawing (key.path=value, repeatable)"));
        command.add_flag("--full-runs", c.ensemble.full_runs,
                         "Simulate every draw in full rather than recombine the central run's responses (a check: "
                         "the results agree to rounding)");
        command.add_flag("-q,--quiet", c.ensemble.quiet, "Print nothing but errors");
      });
}

void add_init(CLI::App& app, Commands& c) {
  c.init_cmd = add_command(
      app, "init", "Write a commented scenario that extends a shipped one, to edit", [&c](CLI::App& command) {
        command.add_option("name", c.init.name, "File to write (NAME.yaml); an existing file is never replaced")
            ->required();
        command.add_option(
            "--from", c.init.from,
            "The scenario it extends: jinzhong-2024 (default), miller-blair, a what-if's name, or a file");
      });
}

void add_build_table(CLI::App& app, Commands& c) {
  c.build_table_cmd = add_command(
      app, "build-table",
      "Derive a regional table from a national one (location quotients, "
      "sector splits, GRAS); write its CSV files",
      [&c](CLI::App& command) {
        command.add_option("recipe", c.recipe_file, "Recipe YAML file (docs/regionalization.md)")->required();
        command.add_option("-o,--output", c.table_folder, "Folder to write sectors.csv, table.csv, satellites.csv to")
            ->required();
      });
}

void add_convert_table(CLI::App& app, Commands& c) {
  c.convert_table_cmd = add_command(
      app, "convert-table",
      "Write a scenario's table (or a table file) as HDF5, regsim's CSV files or pymrio's text format",
      [&c](CLI::App& command) {
        command
            .add_option("input", c.convert_input,
                        "Scenario YAML file, a table file (.h5), or a folder in pymrio's text format (save_all)")
            ->required();
        command
            .add_option("output", c.convert_output,
                        "A .h5 (.hdf5, .nc) file for HDF5; a folder for CSV or, with --to pymrio, pymrio's format")
            ->required();
        command.add_option("--to", c.convert_to, "csv, hdf5 or pymrio (default: from OUTPUT)")
            ->check(CLI::IsMember({"csv", "hdf5", "pymrio"}));
        command.add_option("--base-year", c.convert_base_year,
                           "The year a pymrio table describes (its files carry none)");
      });
}

/// Runs the command the arguments chose.
int dispatch(Commands& c) {
  DisplayOptions display;
  if (!c.lang.empty()) display.language = regsim::parse_language(c.lang);
  display.unit = c.unit;
  for (DisplayOptions* options : {&c.multipliers.display, &c.run.display, &c.chains.display, &c.compare.display,
                                  &c.seek.display, &c.ensemble.display}) {
    *options = display;
  }
  if (*c.check_cmd) return check_command(c.check_scenario, display, std::cout);
  if (*c.run_cmd) {
    if (c.run.scenario.empty()) c.run.scenario = default_scenario();
    return run_command(c.run, std::cout, std::cerr);
  }
  if (*c.info_cmd) return info_command(c.info_file, display, std::cout);
  if (*c.chains_cmd) {
    if (c.chains.scenario.empty()) c.chains.scenario = default_scenario();
    c.chains.format = c.chains_format == "csv" ? OutputFormat::csv : OutputFormat::table;
    return chains_command(c.chains, std::cout);
  }
  if (*c.compare_cmd) {
    c.compare.format = c.compare_format == "csv"    ? OutputFormat::csv
                       : c.compare_format == "json" ? OutputFormat::json
                                                    : OutputFormat::table;
    if (c.compare_cmd->count("--year") > 0) c.compare.year = c.compare_year;
    return compare_command(c.compare, std::cout);
  }
  if (*c.seek_cmd) return seek_command(c.seek, std::cout);
  if (*c.ensemble_cmd) {
    if (c.ensemble_cmd->count("--draws") > 0) c.ensemble.draws = c.ensemble_draws;
    if (c.ensemble_cmd->count("--seed") > 0) c.ensemble.seed = c.ensemble_seed;
    return ensemble_command(c.ensemble, std::cout, std::cerr, isatty(STDERR_FILENO) == 1);
  }
  if (*c.init_cmd) return init_command(c.init, std::cout);
  if (*c.build_table_cmd) return build_table_command(c.recipe_file, c.table_folder, display, std::cout);
  if (*c.convert_table_cmd)
    return convert_table_command(c.convert_input, c.convert_output, c.convert_to, c.convert_base_year, std::cout,
                                 std::cerr);
  if (*c.multipliers_cmd) {
    c.multipliers.format = c.multipliers_format == "csv" ? OutputFormat::csv : OutputFormat::table;
    return multipliers_command(c.multipliers, std::cout);
  }
  return exit_usage;
}

int run(int argc, char** argv) {
  CLI::App app{"regsim: a discrete-event simulator of a regional economy (input-output model)", "regsim"};
  // The BLAS kernels and threads in use belong in a bug report about speed: docs/performance.md#blas-kernels.
  const std::string blas = regsim::blas_description();
  app.set_version_flag("--version",
                       std::string("regsim ") + regsim::version + (blas.empty() ? std::string() : " (" + blas + ")"));
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 ok, 1 internal error, 2 usage, 3 input error, 4 numerical error, 5 output error, 6 refused by "
      "--strict. See docs/cli.md (man regsim).");
  Commands c;
  // Options of every command, accepted before or after the command's name.
  app.fallthrough();
  app.add_option("--lang", c.lang,
                 "Language of results: en or zh (names, headers; default: REGSIM_LANG, else the locale)")
      ->check(CLI::IsMember({"en", "zh"}));
  app.add_option("--unit", c.unit,
                 "Unit money is shown in: 亿元, 万元, 元 (yuan), \"10k CNY\", \"million USD\", or auto (default: the "
                 "scenario's display_unit, else the largest readable one)");
  for (const auto add : {add_init, add_check, add_multipliers, add_run, add_info, add_chains, add_compare, add_seek,
                         add_ensemble, add_build_table, add_convert_table}) {
    add(app, c);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? exit_ok : exit_usage;
  }

  try {
    return dispatch(c);
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
  regsim::keep_heap_on_huge_pages();
  regsim::remove_temporary_files_on_interrupt();
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "regsim: internal error (please report it): " << e.what() << '\n';
    return regsim::cli::exit_internal;
  }
}
