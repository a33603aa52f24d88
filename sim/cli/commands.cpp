#include "cli/commands.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <cctype>
#include <chrono>
#include <cmath>
#include <ostream>

#include "chain/chain.hpp"
#include "chain/chain_accounts.hpp"
#include "chain/extraction.hpp"
#include "chain/queries.hpp"
#include "chain/structural_paths.hpp"
#include "cli/tables.hpp"
#include "core/csv.hpp"
#include "core/file.hpp"
#include "core/text.hpp"
#include "core/units.hpp"
#include "iomodel/leontief.hpp"
#include "iomodel/multipliers.hpp"
#include "iomodel/table_hdf5.hpp"
#include "iomodel/table_pymrio.hpp"
#include "iomodel/table_loader.hpp"
#include "iomodel/table_writer.hpp"
#include "model/simulation.hpp"
#include "output/run_file.hpp"
#include "regional/regionalize.hpp"
#include "scenario/recipe_reader.hpp"
#include "scenario/scenario.hpp"
#include "whatif/scenario_run.hpp"

namespace regsim::cli {

namespace {

HouseholdMode household_mode(const std::string& type, const Scenario& scenario) {
  if (type == "I") return HouseholdMode::exogenous;
  if (type == "II") return HouseholdMode::endogenous;
  return scenario.economy.households;
}

std::string type_label(HouseholdMode mode) {
  return mode == HouseholdMode::endogenous ? "Type II" : "Type I";
}

/// Prints conditioning_warning to stderr when (I − A) is close to singular.
void warn_if_ill_conditioned(const LeontiefModel& model, const IoTable& table) {
  if (const auto warning = conditioning_warning(model, table)) fmt::print(stderr, "regsim: warning: {}\n", *warning);
}

/// "3 negative values (output, value added or final demand): output of a in 2024 -9.6e+04, …",
/// the first five named; empty when there are none.
std::string negatives_message(const IoTable& table, const SimulationResult& result) {
  if (result.negatives.empty()) return {};
  std::string shown;
  for (std::size_t i = 0; i < std::min<std::size_t>(5, result.negatives.size()); ++i) {
    const NegativeValue& v = result.negatives[i];
    shown += fmt::format("{}{} of {} in {} {} {}", i == 0 ? "" : ", ", v.quantity, table.sectors[v.sector.value()].code,
                         v.year, format_amount(v.value), table.units);
  }
  if (result.negatives.size() > 5) shown += fmt::format(", and {} more", result.negatives.size() - 5);
  return fmt::format("{} negative yearly value{} of output, value added or final demand (a lever takes away more "
                     "than a sector has): {}",
                     result.negatives.size(), result.negatives.size() == 1 ? "" : "s", shown);
}

}  // namespace

int check_command(const std::filesystem::path& scenario_file, const DisplayOptions& display_options,
                  std::ostream& out) {
  // Running the scenario loads the table, resolves every name the levers and chains use, and gives
  // the results the `results:` line checks.
  const ScenarioRun run(load_scenario(scenario_file));
  const auto& [scenario, table, model, spec, result, chain_results] = run;
  warn_if_ill_conditioned(model, table);
  print_scenario_warnings(scenario);
  const std::vector<Chain>& chains = chain_results.chains;
  const Display display(display_options, table.units, table.gdp_by_production(), scenario.display_unit,
                        scenario.display_unit_where);
  const MoneyDisplay& money = display.money();

  fmt::print(out, "{}: ok\n", scenario_file.string());
  fmt::print(out, "  scenario \"{}\", {} to {}, reports {}\n", scenario.name, scenario.time.start.to_string(),
             scenario.time.end.to_string(), name_of(scenario.time.report));
  fmt::print(out, "  table: {}, base year {}, units \"{}\", {} imports, {}\n", counted(to_size(table.size()), "sector"),
             table.base_year, table.units,
             scenario.economy.imports == ImportForm::competitive ? "competitive (converted)" : "non-competitive",
             counted(table.satellites.size(), "satellite account"));
  fmt::print(out, "  total output {}; GDP {} by production, {} by expenditure ({})\n", money.amount(table.output.sum()),
             money.amount(table.gdp_by_production()), money.amount(table.gdp_by_expenditure()), money.name());
  fmt::print(out, "  {} model (households {}): productive, reciprocal condition of I - A {:.3g}\n",
             type_label(model.households()), name_of(model.households()), model.reciprocal_condition());
  const auto levers = std::count_if(spec.owner_kinds.begin(), spec.owner_kinds.end(),
                                    [](const std::string& kind) { return kind != "interaction"; });
  fmt::print(out, "  {} and trends, {}, {}, {}, {}\n", counted(to_size(levers), "event"),
             counted(spec.steps.size(), "scheduled change"), counted(spec.indicators.size(), "indicator"),
             counted(to_size(spec.targets.size()), "target"), counted(chains.size(), "chain"));
  if (scenario.dynamics.model == DynamicsModel::ario) {
    const DynamicsSpec& d = scenario.dynamics;
    fmt::print(out,
               "  engine ario (docs/dynamics.md): daily steps, {:g} days of inventory, overproduction up to {:g}, "
               "orders {}, unmet demand {}, quirks {}\n",
               d.inventory_days, d.overproduction_max, name_in(order_module_names, d.orders),
               name_in(unmet_demand_names, d.unmet_demand), name_in(quirks_names, d.quirks));
  }
  if (!spec.rules.empty())
    fmt::print(out, "  {} rule{} (kind: rule)\n", spec.rules.size(), spec.rules.size() == 1 ? "" : "s");
  const std::string negatives = negatives_message(table, result);
  fmt::print(out, "  results: {} warning{}{}\n", scenario.warnings.size() + (negatives.empty() ? 0 : 1),
             scenario.warnings.size() + (negatives.empty() ? 0 : 1) == 1 ? "" : "s",
             negatives.empty() ? ", no negative output, value added or final demand" : "; " + negatives);
  if (scenario.seek) {
    fmt::print(out, "  seek: {} target{}, {} instrument{} (regsim seek)\n", scenario.seek->targets.size(),
               scenario.seek->targets.size() == 1 ? "" : "s", scenario.seek->instruments.size(),
               scenario.seek->instruments.size() == 1 ? "" : "s");
  }
  return exit_ok;
}

int multipliers_command(const MultipliersOptions& options, std::ostream& out) {
  const Scenario scenario = load_scenario(options.scenario);
  const IoTable table = load_table(scenario.economy);
  const HouseholdMode mode = household_mode(options.type, scenario);
  const bool type_two = mode == HouseholdMode::endogenous;
  const int budget = options.solver == "lu"       ? 0
                     : options.solver == "series" ? 100000
                                                  : series_term_budget(table.size());
  std::optional<Multipliers> type_one;
  Multipliers multipliers;
  if (auto series = series_multipliers(table, type_two, budget)) {
    if (const auto warning = conditioning_warning(series->reciprocal_condition, table)) {
      fmt::print(stderr, "regsim: warning: {}\n", *warning);
    }
    multipliers = type_two ? std::move(*series->type_two) : series->type_one;
    type_one = std::move(series->type_one);
  } else {
    if (options.solver == "series") {
      throw NumericalError(
          "the Leontief series does not converge within 100000 terms on this table (a spectral radius of A near 1, "
          "a column sum of A of 1 or more, or an unproductive Type II closure); --solver lu says which");
    }
    const LeontiefModel model(table, mode);
    warn_if_ill_conditioned(model, table);
    multipliers = compute_multipliers(table, model);
    if (options.split && type_two) {
      type_one = compute_multipliers(table, model.with_households(table, HouseholdMode::exogenous));
    }
  }

  std::optional<MultiplierSplit> split;
  if (options.split) split = split_multipliers(table, type_two ? *type_one : multipliers, multipliers);

  // Tables show satellite multipliers per display unit of money (persons per 亿元) with the unit
  // in the header; CSV keeps the table's unit and plain names, for machines.
  const bool csv = options.format == OutputFormat::csv;
  const Display display(options.display, table.units, table.gdp_by_production(), scenario.display_unit,
                        scenario.display_unit_where);
  const auto per_money = [&](std::size_t k) { return k >= 3 ? display.money().divisor() : 1.0; };
  const auto column = [&](const std::string& name, std::size_t k) {
    if (csv) return name;
    return k >= 3 ? fmt::format("{} ({} per {})", name, table.satellites[k - 3].unit, display.money().name()) : name;
  };
  const auto number = [&](double v, std::size_t k) {
    return csv ? format_number(v) : format_amount(v * per_money(k), 4);
  };
  std::vector<std::string> header{display.text("sector")};
  for (std::size_t k = 0; k < multipliers.names.size(); ++k) header.push_back(column(multipliers.names[k], k));
  if (split) {
    for (std::size_t k = 0; k < split->names.size(); ++k) {
      header.push_back(column(split->names[k] + "_direct", k));
      header.push_back(column(split->names[k] + "_indirect", k));
      if (mode == HouseholdMode::endogenous) header.push_back(column(split->names[k] + "_induced", k));
    }
  }
  std::vector<std::vector<std::string>> rows;
  for (Eigen::Index j = 0; j < table.size(); ++j) {
    const Sector& sector = at(table.sectors, j);
    std::vector<std::string> row{csv ? sector.code : display.sector(sector.code, sector.name_zh)};
    for (Eigen::Index k = 0; k < multipliers.values.cols(); ++k)
      row.push_back(number(multipliers.values(j, k), to_size(k)));
    if (split) {
      for (Eigen::Index k = 0; k < split->direct.cols(); ++k) {
        const auto q = to_size(k);
        row.push_back(number(split->direct(j, k), q));
        row.push_back(number(split->indirect(j, k), q));
        if (mode == HouseholdMode::endogenous) row.push_back(number(split->induced(j, k), q));
      }
    }
    rows.push_back(std::move(row));
  }
  if (options.format == OutputFormat::table) {
    fmt::print(out,
               "{} multipliers per unit of final demand: {} ({} sectors, base year {}); output, value added and "
               "income per unit, satellites per {} of final demand\n",
               type_label(mode), scenario.name, table.size(), table.base_year, display.money().name());
  }
  print_rows(out, header, rows, options.format);
  return exit_ok;
}

std::filesystem::path default_scenario() {
  const std::filesystem::path relative = "scenarios/jinzhong-2024.yaml";
  if (path_kind(relative) == PathKind::file) return relative;
  const std::filesystem::path in_source = std::filesystem::path(REGSIM_SOURCE_DIR) / relative;
  if (path_kind(in_source) == PathKind::file) return in_source;
  const std::filesystem::path installed = std::filesystem::path(REGSIM_DATA_DIR) / relative;
  if (path_kind(installed) == PathKind::file) return installed;
  throw InputError(SourceLocation{relative.string(), 0, 0}, "",
                   fmt::format("no scenario given and the default is neither here, nor in {}, nor in {}; name a "
                               "scenario file",
                               REGSIM_SOURCE_DIR, REGSIM_DATA_DIR));
}

std::filesystem::path default_run_file(const RunOptions& options) {
  const std::string stem = options.scenario.stem().string();
  if (options.overrides.empty()) return stem + ".h5";
  // A scenario changed by --set gets a name of its own (a hash of the changes), so that it does not
  // replace the unchanged scenario's run file, nor a run with other changes.
  std::uint32_t hash = 2166136261U;  // FNV-1a
  for (const std::string& text : options.overrides) {
    for (const char c : text + '\n') hash = (hash ^ byte_of(c)) * 16777619U;
  }
  return fmt::format("{}-set-{:08x}.h5", stem, hash);
}

int run_command(const RunOptions& options, std::ostream& out, std::ostream& err) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  Scenario loaded = load_scenario(options.scenario, options.overrides);
  const std::string name = loaded.name;

  // A progress line only when the run is long enough to wonder about, at most four times a second.
  bool progress_shown = false;
  auto last_shown = started;
  const Progress progress = [&](double fraction) {
    const auto now = Clock::now();
    if (options.quiet || now - started < std::chrono::seconds(1) || now - last_shown < std::chrono::milliseconds(250)) {
      return;
    }
    last_shown = now;
    progress_shown = true;
    fmt::print(err, "\rsimulating {}: {:3.0f} %", name, fraction * 100.0);
    err.flush();
  };
  const ScenarioRun run(std::move(loaded), progress);
  if (progress_shown) err << '\n';
  const auto& [scenario, table, model, spec, result, chains] = run;
  warn_if_ill_conditioned(model, table);
  std::size_t warnings = print_scenario_warnings(scenario);
  if (const std::string negatives = negatives_message(table, result); !negatives.empty()) {
    fmt::print(err, "regsim: warning: {} (listed in the run file's /checks)\n", negatives);
    ++warnings;
  }
  if (options.strict && warnings > 0) {
    fmt::print(err, "regsim: --strict: {} warning{}, so no run file is written\n", warnings, warnings == 1 ? "" : "s");
    return exit_strict;
  }

  const std::filesystem::path output = options.output.empty() ? default_run_file(options) : options.output;
  const bool replaced = path_kind(output) != PathKind::none;
  run.write(output);
  if (options.quiet) return exit_ok;

  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::size_t trends = 0, events = 0;
  for (const auto& kind : spec.owner_kinds) {
    trends += kind == "trend" ? 1 : 0;
    events += kind != "trend" && kind != "interaction" ? 1 : 0;
  }
  const RunSummary summary = run.summary();
  const Display display = Display::for_run(options.display, summary);
  const std::string engine = scenario.dynamics.model == DynamicsModel::ario
                                 ? fmt::format("ARIO, {} daily steps", result.dynamics->production.rows())
                                 : std::string(type_label(model.households()));
  fmt::print(out, "{}: {} to {}, {} {} reports, {} events, {} trends, {} sectors ({})\n", scenario.name,
             spec.time.start.to_string(), spec.time.end.to_string(), result.report_dates.size(), summary.report,
             events, trends, table.size(), engine);
  fmt::print(out, "{}{}\n\n", display.say("wrote {} in {:.3f} s", output.string(), seconds),
             replaced ? display.text(" (it replaced an earlier file of that name)") : "");
  print_summary(out, summary, display);
  print_chain_section(out, summary, display);
  return exit_ok;
}

int info_command(const std::filesystem::path& file, const DisplayOptions& display_options, std::ostream& out) {
  const RunSummary run = read_run_summary(file);
  const Display display = Display::for_run(display_options, run);
  fmt::print(out, "{}: regsim run file, format {}, written by regsim {} on {}\n", file.string(), run.format_version,
             run.regsim_version, run.created);
  fmt::print(out, "  scenario \"{}\" ({})\n", run.scenario_name, run.scenario_file);
  fmt::print(out, "  horizon {} to {}, {} {} reports; table base year {}, units \"{}\", households {}\n", run.start,
             run.end, run.report_count, run.report, run.base_year, run.units, run.households);
  fmt::print(out, "  {} sectors: {}\n", run.sectors.size(), join(run.sectors, ", "));
  fmt::print(out, "  {} events and trends: {}\n", run.owners.size(),
             run.owners.empty() ? "none" : join(run.owners, ", "));
  fmt::print(
      out, "  {} event log entries; groups series, yearly, indicators, targets, attribution, events, chains, graph\n\n",
      run.log_entries);
  print_summary(out, run, display);
  print_chain_section(out, run, display);
  return exit_ok;
}

}  // namespace regsim::cli

namespace regsim::cli {

int build_table_command(const std::filesystem::path& recipe_file, const std::filesystem::path& folder,
                        const DisplayOptions& display_options, std::ostream& out) {
  const RegionalRecipe recipe = load_recipe(recipe_file);
  const IoTable national = load_table(recipe.source);
  const RegionalBuild build = build_regional_table(recipe, national);
  const IoTable& t = build.table;
  // What is written must read back as a valid table: check it before it replaces anything.
  (void)LeontiefModel(t, HouseholdMode::exogenous);
  const std::vector<std::filesystem::path> inputs{recipe_file, recipe.sectors, recipe.source.table, recipe.source.sectors,
                                                  recipe.source.satellites};
  for (const char* name : {"sectors.csv", "table.csv", "satellites.csv"}) refuse_to_overwrite_inputs(folder / name, inputs, "-o");
  write_table(t, folder);
  fmt::print(out, "{}{}: {} sectors from {} national ({} after aggregation and {} split{}), base year {}, {}\n",
             recipe.name, recipe.region.empty() ? "" : " (" + recipe.region + ")", t.size(), national.size(),
             build.national.size() - std::ssize(recipe.splits), recipe.splits.size(),
             recipe.splits.size() == 1 ? "" : "s", t.base_year, t.units);
  const std::string method = ascii_uppercase(name_in(lq_method_names, recipe.method));
  fmt::print(
      out, "  regionalized by {}{}; final use balanced by GRAS in {} iterations\n", method,
      uses_regional_size(recipe.method) ? fmt::format(" (delta {}, lambda* {:.4f})", recipe.delta, build.lambda) : "",
      build.balancing_iterations);
  const MoneyDisplay money(t.units, display_options.unit, t.gdp_by_production(),
                           display_options.language.value_or(language_from_environment()));
  fmt::print(out, "  output {}; GDP by production {} = by expenditure {} ({})\n", money.amount(t.output.sum()),
             money.amount(t.gdp_by_production()), money.amount(t.gdp_by_expenditure()), money.name());
  fmt::print(out, "  local final demand {} (exports and outflows {}); imported inputs {}\n",
             money.amount(t.local_final_demand.sum()),
             money.amount(t.local_final_demand.col(column_of(FinalDemand::exports)).sum()),
             money.amount(t.imported_inputs.sum()));
  for (const Satellite& s : t.satellites) fmt::print(out, "  {} {} {}\n", s.name, format_amount(s.totals.sum()), s.unit);
  fmt::print(out, "wrote {}/{{sectors,table{}{}}}.csv; read it with this economy block:\n{}", folder.string(),
             t.satellites.empty() ? "" : ",satellites",
             t.imported_final_demand_by_product.size() > 0 ? ",final_imports" : "", economy_block_for_written_table(t));
  return exit_ok;
}

int convert_table_command(const std::filesystem::path& input, const std::filesystem::path& output,
                          const std::string& to, int base_year, std::ostream& out, std::ostream& err) {
  IoTable table;
  std::vector<std::filesystem::path> inputs{input};
  if (path_kind(input) == PathKind::folder && path_kind(input / "file_parameters.json") == PathKind::file) {
    if (base_year == 0) {
      throw InputError(SourceLocation{}, "--base-year",
                       "pymrio's files carry no base year: give the year the table describes, e.g. --base-year 2022");
    }
    PymrioImport imported = read_pymrio_table(input, base_year);
    for (const auto& note : imported.notes) fmt::print(err, "regsim: note: {}\n", note);
    table = std::move(imported.table);
    (void)LeontiefModel(table, HouseholdMode::exogenous);  // productive, or the error that says why
    inputs = {input / "Z.txt", input / "Y.txt"};
  } else if (is_hdf5_table(input)) {
    table = read_hdf5_table(input, TableSpec{}.balance_tolerance);
  } else {
    const Scenario scenario = load_scenario(input);
    table = load_table(scenario.economy);
    const TableSpec& e = scenario.economy;
    inputs.insert(inputs.end(), {e.table, e.sectors, e.satellites, e.final_imports});
  }
  const std::string format = !to.empty() ? to : is_hdf5_table(output) ? "hdf5" : "csv";
  if (format == "hdf5") {
    refuse_to_overwrite_inputs(output, inputs, "OUT");
    write_hdf5_table(table, output);
  } else {
    const std::vector<std::string> names =
        format == "csv" ? std::vector<std::string>{"sectors.csv", "table.csv", "satellites.csv", "final_imports.csv"}
                        : std::vector<std::string>{"Z.txt", "Y.txt", "x.txt"};
    for (const auto& name : names) refuse_to_overwrite_inputs(output / name, inputs, "OUT");
    if (format == "csv") {
      write_table(table, output);
    } else {
      write_pymrio_table(table, output);
    }
  }
  fmt::print(out, "wrote {} ({}): {} sectors{}, {}, base year {}; output {}, GDP {}\n", output.string(), format,
             table.size(), table.multiregional() ? " (multi-regional)" : "", table.units, table.base_year,
             format_number(table.output.sum()), format_number(table.gdp_by_production()));
  if (format == "hdf5") {
    fmt::print(out, "read it with this economy block:\n  table: {}\n", output.filename().string());
  } else if (format == "csv") {
    fmt::print(out, "read it with this economy block:\n{}", economy_block_for_written_table(table));
  } else {
    fmt::print(out, "read it in Python with: pymrio.load_all(\"{}\")\n", output.string());
  }
  return exit_ok;
}

}  // namespace regsim::cli
