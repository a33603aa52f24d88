// `regsim init NAME [--from BASE]`: a commented scenario that extends a shipped one, for a user to
// edit. Its examples use the base table's own sectors and unit, and each one passes `regsim check`
// once uncommented (tests/cli/test_init.py).

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <ostream>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/file.hpp"
#include "core/text.hpp"
#include "core/units.hpp"
#include "iomodel/table_loader.hpp"
#include "scenario/scenario.hpp"

namespace regsim::cli {

namespace {

/// The base scenario `--from` names: a shipped scenario's name (jinzhong-2024, miller-blair, a
/// what-if) or a path to any scenario file.
std::filesystem::path base_scenario(const std::string& from) {
  if (path_kind(from) == PathKind::file) return from;
  const std::filesystem::path shipped = default_scenario().parent_path();
  for (const auto& folder : {shipped, shipped / "examples", shipped / "what-if"}) {
    const std::filesystem::path candidate = folder / (from + ".yaml");
    if (path_kind(candidate) == PathKind::file) return candidate;
  }
  throw InputError(SourceLocation{"--from", 1, 1}, "",
                   fmt::format("expected a scenario file or a shipped scenario's name (jinzhong-2024, miller-blair, "
                               "or one of {}), found {}",
                               (shipped / "what-if").string(), quoted_excerpt(from)));
}

/// A round amount of money near `share` of GDP, in the table's unit: what examples spend per year.
double round_amount(double gdp, double share) {
  const double raw = gdp * share;
  if (raw <= 0.0) return 1.0;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  return std::round(raw / magnitude) * magnitude;
}

/// The codes of the two largest industries by output (the largest twice in a one-sector table), for
/// examples that name sectors.
std::pair<std::string, std::string> two_largest(const IoTable& table) {
  std::vector<Index> order = vector_of<Index>(table.size());
  std::iota(order.begin(), order.end(), Index{0});
  std::stable_sort(order.begin(), order.end(), [&](Index a, Index b) { return table.output(a) > table.output(b); });
  return {at(table.sectors, order.front()).code, at(table.sectors, order.size() > 1 ? order[1] : order.front()).code};
}

}  // namespace

int init_command(const InitOptions& options, std::ostream& out) {
  const std::filesystem::path base = base_scenario(options.from);
  const Scenario scenario = load_scenario(base);
  const IoTable table = load_table(scenario.economy);
  std::filesystem::path file = options.name;
  if (file.extension() != ".yaml") file += ".yaml";
  if (path_kind(file) != PathKind::none) {
    throw OutputError(fmt::format("{} exists: regsim init writes only new files; name another", file.string()));
  }
  const auto [first, second] = two_largest(table);
  const double gdp = table.gdp_by_production();
  const int year = scenario.time.start.year();
  const MoneyDisplay money(table.units, scenario.display_unit, gdp, Language::zh);
  const std::string relative =
      std::filesystem::relative(std::filesystem::absolute(base), std::filesystem::absolute(file).parent_path())
          .generic_string();
  std::vector<std::string> choices;
  if (const auto unit = parse_money_unit(table.units)) {
    for (const MoneyUnit& u : display_units(unit->currency)) choices.push_back(money_unit_name(u, Language::zh));
  }
  const auto amount = [&](double share) { return format_number(round_amount(gdp, share)); };
  const auto shown = [&](double share) { return money.amount(round_amount(gdp, share)) + " " + money.name(); };
  const std::string name = file.stem().string();
  const std::string text = fmt::format(
      R"(## {name}: a scenario written by `regsim init` from {base}.
## It extends that scenario: everything there applies, and what you write here is added or
## replaces it (docs/scenario-reference.md#extends-and---set). Lines starting with "# " are
## examples: delete the "# " of a block to use it; lines starting with "##" explain.
## Amounts are in the table's unit, {units} (money per year unless said otherwise); results are
## shown in {display} (display_unit). Check with `regsim check {file}`, run with `regsim run {file}`.
regsim: 1
name: {name}
extends: {relative}

## The horizon (inherited: {start} to {end}).
# time: {{start: {start}, end: {end}, report: monthly}}

## The unit results are shown in ({choices}, or auto); --unit overrides it.
# display_unit: {display}

## Growth of final demand a year, by category (inherited values apply when not set here).
# trends: {{household: 0.05, exports: 0.03}}

## Levers, dated. Events here are added to the inherited ones; an event with an inherited id
## ({first_event}, say) replaces it; `remove_events: [id, …]` drops inherited ones. Shocks (kind:
## disruption) need the supply-constrained engine, dynamics: ario (scenarios/what-if/flood.yaml).
# events:
##   A demand programme: {vouchers} a year ({vouchers_shown}) of household demand for six months.
#   - {{id: my-vouchers, kind: demand, category: household, sectors: {{{first}: 0.6, {second}: 0.4}},
#      amount: {vouchers}, from: {year}-05-01, to: {year}-10-31}}
##   An investment project: capex {capex} ({capex_shown}) spent over the build, then output a year.
##   mix: what the capex buys, by supplying industry.
#   - {{id: my-plant, kind: project, sector: {first}, capex: {capex}, mix: {{{second}: 1.0}},
#      build: {{from: {year}-01-01, to: {year}-06-30}}, online: {year}-07-01, output: {output}, ramp: 90d}}
##   A price change: {first}'s output price down 5 % (docs/prices.md).
#   - {{id: my-price, kind: price, sector: {first}, change: -0.05, from: {year}-01-01}}

## What to measure (added to the inherited indicators) and aim at (replaces the inherited targets).
# indicators:
#   gdp: {{of: value_added, label: {{en: GDP, zh: 地区生产总值}}}}
#   {first}_va: {{of: value_added, sectors: {first}}}
# targets:
#   - {{indicator: gdp, year: {year}, growth: 0.055}}
)",
      fmt::arg("name", name), fmt::arg("base", base.string()), fmt::arg("units", table.units),
      fmt::arg("display", money.name()), fmt::arg("choices", choices.empty() ? table.units : join(choices, ", ")),
      fmt::arg("file", file.string()), fmt::arg("relative", relative),
      fmt::arg("start", scenario.time.start.to_string()), fmt::arg("end", scenario.time.end.to_string()),
      fmt::arg("first_event", scenario.events.empty() ? std::string("an-inherited-id") : scenario.events.front().id),
      fmt::arg("vouchers", amount(0.001)), fmt::arg("vouchers_shown", shown(0.001)), fmt::arg("capex", amount(0.002)),
      fmt::arg("capex_shown", shown(0.002)), fmt::arg("output", amount(0.003)), fmt::arg("first", first),
      fmt::arg("second", second), fmt::arg("year", year));
  write_file(file, text);
  fmt::print(out, "wrote {} (extends {}); edit it, then: regsim check {} && regsim run {}\n", file.string(),
             base.string(), file.string(), file.string());
  return exit_ok;
}

}  // namespace regsim::cli
