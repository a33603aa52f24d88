// `regsim compare` and `regsim seek`: policy what-ifs over whole runs (docs/whatif.md).

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <cmath>
#include <functional>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/tables.hpp"
#include "core/error.hpp"
#include "core/file.hpp"
#include "core/json.hpp"
#include "core/text.hpp"
#include "scenario/scenario.hpp"
#include "whatif/compare.hpp"
#include "whatif/scenario_run.hpp"
#include "whatif/seek.hpp"

namespace regsim::cli {

namespace {

bool is_run_file(const std::filesystem::path& path) {
  const std::string ext = path.extension().string();
  return ext == ".h5" || ext == ".nc" || ext == ".hdf5";
}

/// The runs named on the command line: run files are read, scenario files run in memory (and
/// written to `output_dir` when given). With one scenario and `--set`, it is compared with itself.
std::vector<ComparedRun> gather_runs(const CompareCommandOptions& options) {
  std::vector<std::filesystem::path> paths = options.runs;
  if (paths.size() == 1 && !options.overrides.empty() && !is_run_file(paths.front())) paths.push_back(paths.front());
  if (paths.size() < 2) {
    throw InputError(
        SourceLocation{}, "",
        "compare needs two runs or more (run files or scenarios), or one scenario and --set key.path=value");
  }
  if (!options.overrides.empty() &&
      std::all_of(paths.begin() + 1, paths.end(), [](const std::filesystem::path& p) { return is_run_file(p); })) {
    throw InputError(SourceLocation{"--set", 1, 1}, "",
                     "--set changes scenario arguments after the first, and every one of them is a run file");
  }
  std::vector<ComparedRun> runs;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const std::filesystem::path& path = paths[i];
    if (is_run_file(path)) {
      RunSummary summary = read_run_summary(path);
      runs.push_back({summary.scenario_name, path.string(), std::move(summary)});
      continue;
    }
    const bool modified = i > 0 && !options.overrides.empty();
    const ScenarioRun run(load_scenario(path, modified ? options.overrides : std::vector<std::string>{}));
    std::string label = run.scenario.name + (modified ? " --set" : "");
    if (!options.output_dir.empty()) {
      std::error_code failed;
      std::filesystem::create_directories(options.output_dir, failed);
      if (failed) {
        throw OutputError(
            fmt::format("cannot create the folder {}: {}", options.output_dir.string(), failed.message()));
      }
      run.write(options.output_dir / (path.stem().string() + (modified ? "-set" : "") + ".h5"));
    }
    runs.push_back({std::move(label), path.string(), run.summary()});
  }
  // Labels head columns, so they must differ.
  for (std::size_t i = 1; i < runs.size(); ++i) {
    int copy = 1;
    const std::string base = runs[i].label;
    while (std::any_of(runs.begin(), runs.begin() + narrow<long>(i),
                       [&](const ComparedRun& r) { return r.label == runs[i].label; })) {
      runs[i].label = fmt::format("{} #{}", base, ++copy);
    }
  }
  return runs;
}

/// One ranking (sectors, chains or events): each run's value, then each run's change from the
/// reference. `name` shows an item in the display language; `unit` is the values' unit.
void print_changes(std::ostream& out, const Comparison& c, const Display& d, const std::string& title,
                   const std::vector<Comparison::Change>& changes, bool with_kind, const std::string& unit,
                   const std::function<std::string(const std::string&)>& name) {
  std::vector<std::string> header{d.text(title)};
  if (with_kind) header.push_back(d.text("kind"));
  for (const auto& label : c.labels) header.push_back(label);
  for (std::size_t r = 1; r < c.labels.size(); ++r) header.push_back(d.say("change {}", c.labels[r]));
  std::vector<std::vector<std::string>> rows;
  for (const auto& change : changes) {
    std::vector<std::string> row{name(change.item)};
    if (with_kind) row.push_back(d.text(change.kind));
    for (const double v : change.values) row.push_back(d.value(v, unit));
    for (std::size_t r = 1; r < change.values.size(); ++r) row.push_back(d.change(change.values[r] - change.values[0], unit));
    rows.push_back(std::move(row));
  }
  print_rows(out, header, rows, OutputFormat::table);
}

/// Indicators × years, side by side, as two tables so that three runs or more stay readable:
/// levels with each run's change from the reference, then growth with its change in points.
void print_indicator_rows(std::ostream& out, const Comparison& c, const Display& d, const RunSummary& reference) {
  const auto label = [&](const Comparison::IndicatorRows& ind) {
    const auto at = std::find(reference.indicators.begin(), reference.indicators.end(), ind.name);
    return at == reference.indicators.end() ? ind.name : d.indicator(reference, at - reference.indicators.begin());
  };
  const auto year_text = [&](Eigen::Index y) {
    const std::int64_t year = at(c.years, y);
    return year == c.base_year ? d.say("{} (table)", year) : std::to_string(year);
  };
  std::vector<std::string> header{d.text("indicator"), d.text("unit"), d.text("year")};
  for (const auto& run : c.labels) header.push_back(run);
  for (std::size_t r = 1; r < c.labels.size(); ++r) header.push_back(d.say("change {}", c.labels[r]));
  std::vector<std::vector<std::string>> rows;
  for (const auto& ind : c.indicators) {
    for (Eigen::Index y = 0; y < ind.values.cols(); ++y) {
      std::vector<std::string> row{y == 0 ? label(ind) : "", y == 0 ? d.unit(ind.unit) : "", year_text(y)};
      for (Eigen::Index r = 0; r < ind.values.rows(); ++r) row.push_back(d.value(ind.values(r, y), ind.unit));
      for (Eigen::Index r = 1; r < ind.values.rows(); ++r)
        row.push_back(d.change(ind.values(r, y) - ind.values(0, y), ind.unit));
      rows.push_back(std::move(row));
    }
  }
  print_rows(out, header, rows, OutputFormat::table);
  out << '\n';
  std::vector<std::string> growth_header{d.text("indicator"), d.text("year")};
  for (const auto& run : c.labels) growth_header.push_back(d.say("growth {}", run));
  for (std::size_t r = 1; r < c.labels.size(); ++r) growth_header.push_back(d.say("growth change {}", c.labels[r]));
  std::vector<std::vector<std::string>> growth_rows;
  for (const auto& ind : c.indicators) {
    for (Eigen::Index y = 1; y < ind.values.cols(); ++y) {
      std::vector<std::string> row{y == 1 ? label(ind) : "", year_text(y)};
      for (Eigen::Index r = 0; r < ind.values.rows(); ++r) row.push_back(format_percent(ind.growth(r, y)));
      for (Eigen::Index r = 1; r < ind.values.rows(); ++r) row.push_back(format_points(ind.growth(r, y) - ind.growth(0, y)));
      growth_rows.push_back(std::move(row));
    }
  }
  print_rows(out, growth_header, growth_rows, OutputFormat::table);
  if (!c.left_out.empty()) fmt::print(out, "{}\n", d.say("not in every run, so not compared: {}", join(c.left_out, ", ")));
}

/// Targets: one row per target of the reference (then any only other runs have), met or not per run.
void print_target_rows(std::ostream& out, const Comparison& c, const Display& d, const RunSummary& reference) {
  std::vector<std::vector<std::string>> targets;
  std::vector<std::size_t> met(c.labels.size(), 0);
  std::vector<std::tuple<std::string, std::int64_t, std::string, double>> keys;
  for (const auto& run_targets : c.targets) {
    for (const auto& t : run_targets) {
      const auto key = std::make_tuple(t.indicator, t.year, t.kind, t.target);
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    }
  }
  for (const auto& key : keys) {
    // Plain names, not a structured binding: C++20 lambdas cannot capture a binding.
    const std::string& indicator = std::get<0>(key);
    const std::int64_t year = std::get<1>(key);
    const std::string& kind = std::get<2>(key);
    const double goal = std::get<3>(key);
    const bool growth = kind == "growth";
    const auto known = position_of(reference.indicators, indicator);
    const std::string unit = known ? at(reference.indicator_units, *known) : reference.units;
    const auto show = [&](double v) { return growth ? format_percent(v) : d.value(v, unit); };
    std::vector<std::string> row{known ? d.indicator(reference, *known) : indicator, std::to_string(year), d.text(kind),
                                 show(goal)};
    for (std::size_t r = 0; r < c.targets.size(); ++r) {
      const auto t = std::find_if(c.targets[r].begin(), c.targets[r].end(), [&](const RunSummary::Target& x) {
        return x.indicator == indicator && x.year == year && x.kind == kind && x.target == goal;
      });
      if (t == c.targets[r].end()) {
        row.emplace_back("-");
        continue;
      }
      row.push_back(fmt::format("{} {}", show(t->simulated), d.met_after_value(t->met)));
      met[r] += t->met ? 1 : 0;
    }
    targets.push_back(std::move(row));
  }
  if (!targets.empty()) {
    std::vector<std::string> target_header{d.text("target"), d.text("year"), d.text("kind"), d.text("target")};
    for (const auto& label : c.labels) target_header.push_back(label);
    out << '\n';
    print_rows(out, target_header, targets, OutputFormat::table);
    std::vector<std::string> counts;
    for (std::size_t r = 0; r < c.labels.size(); ++r) {
      counts.push_back(d.say("{} {} of {}", c.labels[r], met[r], c.targets[r].size()));
    }
    fmt::print(out, "{}\n", d.say("targets met: {}", join(counts, ", ")));
  }
}

/// The largest sector, chain and event changes, and the total the event rows sum to.
void print_largest_changes(std::ostream& out, const Comparison& c, const Display& d, const RunSummary& reference) {
  fmt::print(out, "\n{}\n", d.say("largest changes in {}, value added ({}):", c.ranked_year, d.unit(c.units)));
  const auto sector_name = [&](const std::string& code) {
    const auto at = std::find(reference.sectors.begin(), reference.sectors.end(), code);
    const auto i = to_size(at - reference.sectors.begin());
    return at == reference.sectors.end() || i >= reference.sector_names_zh.size()
               ? code
               : d.sector(code, reference.sector_names_zh[i]);
  };
  print_changes(out, c, d, "sector", c.sectors, false, c.units, sector_name);
  if (!c.chains.empty()) {
    const auto chain_name = [&](const std::string& name) {
      for (const auto& chain : reference.chains) {
        if (chain.name == name) return d.chinese() ? d.chain(chain) : name;
      }
      return name;
    };
    out << '\n';
    print_changes(out, c, d, "chain", c.chains, false, c.units, chain_name);
  }
  fmt::print(out, "\n{}\n",
             d.say("what explains the change in {} {} ({}): contributions by event", c.ranked_indicator, c.ranked_year,
                 d.unit(c.ranked_unit)));
  const auto event_name = [&](const std::string& id) { return id == "baseline" ? d.text(id) : id; };
  print_changes(out, c, d, "event", c.events, true, c.ranked_unit, event_name);
  const auto ranked = std::find_if(c.indicators.begin(), c.indicators.end(),
                                   [&](const Comparison::IndicatorRows& i) { return i.name == c.ranked_indicator; });
  const Index year = std::find(c.years.begin(), c.years.end(), c.ranked_year) - c.years.begin();
  std::vector<std::string> totals;
  for (Eigen::Index r = 1; r < ranked->values.rows(); ++r) {
    totals.push_back(fmt::format("{} {}", at(c.labels, r),
                                 d.change(ranked->values(r, year) - ranked->values(0, year), c.ranked_unit)));
  }
  fmt::print(out, "{}\n",
             d.say("{} of {} rows shown; all rows sum to the indicator's change: {}", c.events.size(), c.events_total,
                 join(totals, ", ")));
}

void print_comparison_table(std::ostream& out, const Comparison& c, const Display& d, const RunSummary& reference) {
  fmt::print(out, "{}\n", d.say("reference: {} ({})", c.labels[0], c.sources[0]));
  for (std::size_t r = 1; r < c.labels.size(); ++r) fmt::print(out, "{}\n", d.say("compared:  {} ({})", c.labels[r], c.sources[r]));
  fmt::print(out, "{}\n\n", d.say("base year {}, amounts in {}", c.base_year, d.money().name()));

  print_indicator_rows(out, c, d, reference);
  print_target_rows(out, c, d, reference);
  print_largest_changes(out, c, d, reference);
}

/// One tidy table: section,item,kind,unit,year,run,value,difference (difference from the reference;
/// for targets, the gap to the target).
void print_comparison_csv(std::ostream& out, const Comparison& c) {
  std::vector<std::vector<std::string>> rows;
  const std::string ranked_year = std::to_string(c.ranked_year);
  for (const auto& ind : c.indicators) {
    for (Eigen::Index y = 0; y < ind.values.cols(); ++y) {
      for (Eigen::Index r = 0; r < ind.values.rows(); ++r) {
        const std::string year = std::to_string(at(c.years, y));
        const std::string& label = at(c.labels, r);
        rows.push_back({"indicator", ind.name, "", ind.unit, year, label, format_number(ind.values(r, y)),
                        format_number(ind.values(r, y) - ind.values(0, y))});
        if (y > 0) {
          rows.push_back({"growth", ind.name, "", "1", year, label, format_number(ind.growth(r, y)),
                          format_number(ind.growth(r, y) - ind.growth(0, y))});
        }
      }
    }
  }
  for (std::size_t r = 0; r < c.targets.size(); ++r) {
    for (const auto& t : c.targets[r]) {
      rows.push_back({"target", t.indicator, t.kind, t.kind == "growth" ? "1" : "", std::to_string(t.year), c.labels[r],
                      format_number(t.simulated), format_number(t.gap)});
    }
  }
  for (const auto& [section, changes, unit] : {std::tuple{"sector", &c.sectors, c.units},
                                               {"chain", &c.chains, c.units},
                                               {"event", &c.events, c.ranked_unit}}) {
    for (const auto& change : *changes) {
      for (std::size_t r = 0; r < change.values.size(); ++r) {
        rows.push_back({section, change.item, change.kind, unit, ranked_year, c.labels[r],
                        format_number(change.values[r]), format_number(change.values[r] - change.values[0])});
      }
    }
  }
  print_rows(out, {"section", "item", "kind", "unit", "year", "run", "value", "difference"}, rows, OutputFormat::csv);
}

std::string json_list(const std::vector<std::string>& items) {
  return "[" + join(items, ", ") + "]";
}

void print_comparison_json(std::ostream& out, const Comparison& c) {
  std::vector<std::string> runs, years, indicators, targets, left_out;
  for (std::size_t r = 0; r < c.labels.size(); ++r) {
    runs.push_back(fmt::format("{{\"label\": {}, \"source\": {}}}", json_quote(c.labels[r]), json_quote(c.sources[r])));
  }
  for (const auto y : c.years) years.push_back(std::to_string(y));
  for (const auto& name : c.left_out) left_out.push_back(json_quote(name));
  const auto matrix = [](const Eigen::MatrixXd& m) {
    std::vector<std::string> rows;
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
      std::vector<std::string> cells;
      for (Eigen::Index y = 0; y < m.cols(); ++y) cells.push_back(json_number(m(r, y)));
      rows.push_back(json_list(cells));
    }
    return json_list(rows);
  };
  for (const auto& ind : c.indicators) {
    indicators.push_back(fmt::format("{{\"name\": {}, \"unit\": {}, \"values\": {}, \"growth\": {}}}",
                                     json_quote(ind.name), json_quote(ind.unit), matrix(ind.values),
                                     matrix(ind.growth)));
  }
  for (const auto& run_targets : c.targets) {
    std::vector<std::string> items;
    for (const auto& t : run_targets) {
      items.push_back(
          fmt::format("{{\"indicator\": {}, \"year\": {}, \"kind\": {}, \"target\": {}, \"simulated\": {}, "
                      "\"gap\": {}, \"met\": {}}}",
                      json_quote(t.indicator), t.year, json_quote(t.kind), json_number(t.target),
                      json_number(t.simulated), json_number(t.gap), t.met ? "true" : "false"));
    }
    targets.push_back(json_list(items));
  }
  const auto changes = [](const std::vector<Comparison::Change>& list) {
    std::vector<std::string> items;
    for (const auto& change : list) {
      std::vector<std::string> values;
      for (const double v : change.values) values.push_back(json_number(v));
      items.push_back(fmt::format("{{\"item\": {}, \"kind\": {}, \"values\": {}}}", json_quote(change.item),
                                  json_quote(change.kind), json_list(values)));
    }
    return json_list(items);
  };
  fmt::print(
      out,
      "{{\"runs\": {}, \"base_year\": {}, \"units\": {}, \"years\": {}, \"indicators\": {}, \"not_compared\": {}, "
      "\"targets\": {}, \"ranked\": {{\"indicator\": {}, \"unit\": {}, \"year\": {}}}, \"sectors\": {}, "
      "\"chains\": {}, \"events\": {}, \"events_total\": {}}}\n",
      json_list(runs), c.base_year, json_quote(c.units), json_list(years), json_list(indicators), json_list(left_out),
      json_list(targets), json_quote(c.ranked_indicator), json_quote(c.ranked_unit), c.ranked_year, changes(c.sectors),
      changes(c.chains), changes(c.events), c.events_total);
}

}  // namespace

int compare_command(const CompareCommandOptions& options, std::ostream& out) {
  const std::vector<ComparedRun> runs = gather_runs(options);
  const Comparison comparison = compare_runs(runs, {options.indicator, options.year, options.top});
  switch (options.format) {
    case OutputFormat::csv:
      print_comparison_csv(out, comparison);
      break;
    case OutputFormat::json:
      print_comparison_json(out, comparison);
      break;
    case OutputFormat::table:
      print_comparison_table(out, comparison, Display::for_run(options.display, runs.front().run), runs.front().run);
      break;
  }
  return exit_ok;
}

namespace {

/// --write-scenario: a scenario extending the sought one with the instrument values, its header saying
/// what they meet.
void write_sought_scenario(const SeekOptions& options, const SeekOutcome& outcome,
                           const std::vector<std::string>& target_lines) {
  std::string header =
      fmt::format("Written by regsim seek from {}: the instrument values below meet\n", options.scenario.string());
  if (!outcome.feasible)
    header = fmt::format("Written by regsim seek from {}: the best reachable values (not every target is met)\n",
                         options.scenario.string());
  for (const auto& line : target_lines) header += "  " + line + "\n";
  for (const InstrumentValue& v : outcome.instruments) {
    header += fmt::format("  {}.{}: {} (was {})\n", v.spec.event, v.spec.field, v.text(v.value), v.text(v.initial));
  }
  header += fmt::format("Run it with: regsim run {}", options.write_scenario.string());
  refuse_to_overwrite_inputs(options.write_scenario, outcome.run->scenario.input_files(), "--write-scenario");
  write_file(options.write_scenario,
             extension_document(options.scenario, options.write_scenario, outcome.run->scenario.name + "-sought",
                                outcome.overrides, header));
}

/// The instruments' table: each one's scenario value, the value sought, the change and its bounds.
void print_instruments(std::ostream& out, const SeekOutcome& outcome, const Display& d) {
  std::vector<std::vector<std::string>> rows;
  for (const InstrumentValue& v : outcome.instruments) {
    const bool date = v.spec.is_date();
    const double lo = date ? as_real(v.spec.earliest.days_since_epoch()) : v.spec.min;
    const double hi = date ? as_real(v.spec.latest.days_since_epoch()) : v.spec.max;
    // Instrument values are in the scenario's own units (what --write-scenario writes).
    rows.push_back({v.spec.event, v.spec.field, date ? v.text(v.initial) : format_amount(v.initial, 8),
                    date ? v.text(v.value) : format_amount(v.value, 8),
                    date ? fmt::format("{:+.0f} d", v.value - v.initial) : format_amount(v.value - v.initial, 8, true),
                    date ? v.text(lo) : format_amount(lo, 8), date ? v.text(hi) : format_amount(hi, 8),
                    v.at_bound ? d.text("at bound") : ""});
  }
  print_rows(out,
             {d.text("instrument"), d.text("field"), d.text("scenario"), d.text("sought"), d.text("change"),
              d.text("from"), d.text("to"), d.text("note")},
             rows, OutputFormat::table);
}

}  // namespace

int seek_command(const SeekOptions& options, std::ostream& out) {
  const SeekOutcome outcome = seek(options.scenario, options.overrides);
  const ScenarioRun& run = *outcome.run;
  const std::filesystem::path output =
      options.output.empty() ? std::filesystem::path(options.scenario.stem().string() + "-sought.h5") : options.output;
  run.write(output);

  const RunSummary summary = run.summary();
  const Display d = Display::for_run(options.display, summary);
  const auto unit_of = [&](const std::string& indicator) {
    const auto found = std::find(summary.indicators.begin(), summary.indicators.end(), indicator);
    return found == summary.indicators.end() ? summary.units
                                             : at(summary.indicator_units, found - summary.indicators.begin());
  };
  // Levels in the lines written into --write-scenario stay in the table's unit, as the YAML is.
  const auto growth_or_level = [&](const TargetSpec& t, double v) {
    return t.kind == TargetKind::growth ? format_percent(v) : format_amount(v, 8) + " " + unit_of(t.indicator);
  };
  const auto shown = [&](const TargetSpec& t, double v) {
    return t.kind == TargetKind::growth ? format_percent(v) : d.value(v, unit_of(t.indicator));
  };
  std::vector<std::string> target_lines;
  for (const SoughtTarget& t : outcome.targets) {
    target_lines.push_back(fmt::format("{} {} {} {}: reached {}{}", t.spec.indicator, t.spec.year,
                                       t.spec.kind == TargetKind::growth ? "growth" : "level",
                                       growth_or_level(t.spec, t.spec.value), growth_or_level(t.spec, t.reached),
                                       t.met ? "" : " (not met)"));
  }
  if (!options.write_scenario.empty()) write_sought_scenario(options, outcome, target_lines);
  if (options.quiet) return exit_ok;

  fmt::print(out, "{}: seeking {} target{} with {} instrument{} ({} simulations); amounts in {}\n\n",
             run.scenario.name, outcome.targets.size(), outcome.targets.size() == 1 ? "" : "s",
             outcome.instruments.size(), outcome.instruments.size() == 1 ? "" : "s", outcome.evaluations,
             summary.units);
  print_instruments(out, outcome, d);
  out << '\n';
  std::vector<std::vector<std::string>> targets;
  for (const SoughtTarget& t : outcome.targets) {
    const bool growth = t.spec.kind == TargetKind::growth;
    targets.push_back({t.spec.indicator, std::to_string(t.spec.year), d.text(growth ? "growth" : "level"),
                       shown(t.spec, t.spec.value), shown(t.spec, t.reached),
                       growth ? format_points(t.gap) : d.change(t.gap, unit_of(t.spec.indicator)), d.met(t.met)});
  }
  print_rows(out,
             {d.text("target"), d.text("year"), d.text("kind"), d.text("target"), d.text("reached"), d.text("gap"),
              d.text("met")},
             targets, OutputFormat::table);
  if (outcome.feasible) {
    fmt::print(out, "{}\n", d.text("every target met"));
  } else {
    fmt::print(out,
               "the targets cannot all be met within the instruments' bounds: the values above are the best "
               "reachable (least squares over the targets), the gaps what remains\n");
  }
  fmt::print(out, "\nwrote {}\n", output.string());
  if (!options.write_scenario.empty()) {
    fmt::print(out, "wrote {}: it extends {} with these values\n", options.write_scenario.string(),
               options.scenario.string());
  }
  return exit_ok;
}

}  // namespace regsim::cli
