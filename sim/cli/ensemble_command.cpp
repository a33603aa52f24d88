// `regsim ensemble`: the draws of a scenario's uncertainty block and each target's odds.

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <chrono>
#include <algorithm>
#include <cmath>
#include <ostream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/display.hpp"
#include "cli/tables.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "ensemble/ensemble.hpp"
#include "ensemble/ensemble_file.hpp"
#include "ensemble/ranks.hpp"

namespace regsim::cli {

namespace {

/// P(met) ± its standard error; when no draw (or every draw) meets the target, how many draws say so.
std::string odds_text(double p, double se, std::int64_t draws, const Display& d) {
  if (p == 0.0) return d.say("0 of {}", draws);
  if (p == 1.0) return d.say("all {}", draws);
  const int digits = p < 0.01 || p > 0.99 ? 2 : 1;  // a rare outcome keeps a digit that is not 0
  return fmt::format("{:.{}f} % ± {:.{}f}", 100.0 * p, digits, 100.0 * se, digits);
}

std::string duration_text(double seconds) {
  if (seconds < 60.0) return fmt::format("{:.0f} s", std::ceil(seconds));
  return fmt::format("{:.0f} min {:02.0f} s", std::floor(seconds / 60.0), std::fmod(seconds, 60.0));
}

}  // namespace

namespace {

/// Each target's odds over the draws: P(met), the central run, the median and 90 % band, the drivers.
void print_odds(std::ostream& out, const ScenarioRun& central, const EnsembleResult& ensemble,
                const DisplayOptions& display) {
  const RunSummary summary = central.summary();
  const Display d = Display::for_run(display, summary);
  const auto reached_text = [&](const TargetSpec& target, double v) {
    if (target.kind == TargetKind::growth) return format_percent(v);
    const auto found = std::find(summary.indicators.begin(), summary.indicators.end(), target.indicator);
    return d.value(v, found == summary.indicators.end()
                          ? summary.units
                          : at(summary.indicator_units, found - summary.indicators.begin()));
  };
  const auto indicator_text = [&](const std::string& name) {
    const auto at = std::find(summary.indicators.begin(), summary.indicators.end(), name);
    return at == summary.indicators.end() ? name : d.indicator(summary, at - summary.indicators.begin());
  };
  const std::vector<std::string> header{
      d.text("indicator"), d.text("year"),   d.text("target"),    d.text("central"),
      d.text("P(met)"),    d.text("median"), d.text("90 % band"), d.text("drivers (Spearman)")};
  std::vector<std::vector<std::string>> rows;
  for (const TargetOdds& t : ensemble.targets) {
    std::vector<std::string> drivers;
    for (const auto& [name, rho] : t.drivers) drivers.push_back(fmt::format("{} ({:+.2f})", name, rho));
    rows.push_back({fmt::format("{} {}", indicator_text(t.spec.indicator),
                                d.text(t.spec.kind == TargetKind::growth ? "growth" : "level")),
                    std::to_string(t.spec.year), reached_text(t.spec, t.spec.value), reached_text(t.spec, t.central),
                    odds_text(t.p_met, t.p_met_se, ensemble.draws, d), reached_text(t.spec, t.median),
                    d.say("{} to {}", reached_text(t.spec, t.p5), reached_text(t.spec, t.p95)),
                    drivers.empty() ? std::string("-") : join(drivers, ", ")});
  }
  print_rows(out, header, rows, OutputFormat::table);
}

int ensemble_on_this_rank(const EnsembleOptions& options, std::ostream& out, std::ostream& err, bool err_is_terminal);

}  // namespace

int ensemble_command(const EnsembleOptions& options, std::ostream& out, std::ostream& err, bool err_is_terminal) {
  const processes::Session session;  // MPI, when regsim-mpi was started by mpirun
  if (processes::rank() == 0) return ensemble_on_this_rank(options, out, err, err_is_terminal);
  // Other ranks run their draws and report nothing: rank 0 prints the result or the error, and
  // its exit code is the job's. Every error here is one rank 0 meets too (the same scenario, the
  // lowest failing draw agreed by all ranks), so these ranks end normally: mpirun aborts the whole
  // job when any rank exits non-zero, which could kill rank 0 before it has printed the error.
  std::ostringstream quiet;
  try {
    return ensemble_on_this_rank(options, quiet, quiet, false);
  } catch (const InputError&) {
  } catch (const NumericalError&) {
  } catch (const OutputError&) {
  }
  return exit_ok;
}

namespace {

int ensemble_on_this_rank(const EnsembleOptions& options, std::ostream& out, std::ostream& err, bool err_is_terminal) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  const ScenarioRun central(load_scenario(options.scenario, options.overrides));
  if (processes::rank() == 0) print_scenario_warnings(central.scenario);
  if (central.scenario.uncertainty && processes::rank() == 0) {
    for (const Diagnostic& d : central.scenario.uncertainty->warnings) {
      fmt::print(err, "regsim: warning: {}\n", format_diagnostic(d));
    }
  }
  regsim::EnsembleOptions run;
  run.draws = options.draws;
  run.seed = options.seed;
  run.threads = options.threads;
  run.full_runs = options.full_runs;
  bool shown = false;
  if (!options.quiet && err_is_terminal) {
    run.progress = [&](std::int64_t done, std::int64_t total) {
      const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
      if (elapsed < 0.5 || done == 0) return;
      constexpr int width = 30;
      const double fraction = as_real(done) / as_real(total);
      const auto filled = whole_part<int>(fraction * width);
      fmt::print(err, "\r[{}{}] {} / {} runs, {} left   ", std::string(to_size(filled), '#'),
                 std::string(to_size(width - filled), ' '), done, total, duration_text(elapsed / fraction - elapsed));
      err.flush();
      shown = true;
    };
  }
  const EnsembleResult ensemble = run_ensemble(central, run);
  if (shown) fmt::print(err, "\r{}\r", std::string(80, ' '));
  if (processes::rank() != 0) return exit_ok;  // rank 0 writes the file
  const std::filesystem::path output = options.output.empty()
                                           ? std::filesystem::path(options.scenario.stem().string() + "-ensemble.h5")
                                           : options.output;
  write_ensemble_file(output, central, ensemble);
  if (options.quiet) return exit_ok;

  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  const std::string recombined =
      ensemble.recombined > 0 ? fmt::format(" ({} recombined from the central run, with no solve)", ensemble.recombined) : "";
  fmt::print(out, "{}: {} draws ({}, seed {}) of {} parameter{}; {} runs{} in {:.2f} s\n", central.scenario.name,
             ensemble.draws, name_in(sampling_names, ensemble.sampling), ensemble.seed, ensemble.parameters.size(),
             ensemble.parameters.size() == 1 ? "" : "s", ensemble.runs, recombined, seconds);
  fmt::print(out, "wrote {}\n\n", output.string());
  if (ensemble.targets.empty()) {
    fmt::print(out, "the scenario has no targets; the draws' indicators are in /ensemble/indicators\n");
    return exit_ok;
  }
  print_odds(out, central, ensemble, options.display);
  fmt::print(out, "\nP(met): the share of draws meeting the target, ± one Monte Carlo standard error; the band holds 90 % "
                  "of the draws\n");
  return exit_ok;
}

}  // namespace

}  // namespace regsim::cli
