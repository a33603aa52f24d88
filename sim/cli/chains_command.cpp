// `regsim chains`: linkages and key sectors, chain summaries, structural paths, extraction, shock
// spread and the DOT drawing, as tables (docs/chains.md). The analyses are chain/ library calls.

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <ostream>

#include "chain/chain.hpp"
#include "chain/extraction.hpp"
#include "chain/flow_graph.hpp"
#include "chain/linkages.hpp"
#include "chain/queries.hpp"
#include "chain/structural_paths.hpp"
#include "cli/commands.hpp"
#include "cli/tables.hpp"
#include "core/csv.hpp"
#include "core/file.hpp"
#include "core/text.hpp"
#include "iomodel/leontief.hpp"
#include "iomodel/multipliers.hpp"
#include "iomodel/table_loader.hpp"
#include "model/simulation.hpp"
#include "scenario/scenario.hpp"

namespace regsim::cli {

namespace {

std::string codes_of(const IoTable& table, const std::vector<Eigen::Index>& members) {
  std::vector<std::string> codes;
  for (const Eigen::Index i : members) codes.push_back(at(table.sectors, i).code);
  return join(codes, ";");
}

/// Everything the command's tables are made from, built once: the scenario, its table and Type I
/// model (linkages, paths and extraction are Type I), the chains and the flow graph.
struct ChainsContext {
  explicit ChainsContext(const ChainsOptions& chosen)
      : options(chosen),
        scenario(load_scenario(chosen.scenario)),
        table(load_table(scenario.economy)),
        model(table, HouseholdMode::exogenous),
        spec(simulation_spec(scenario, table, model)),
        coefficients(technical_coefficients(table)),
        chains(resolve_chains(scenario.chains, table, coefficients)),
        graph(table, coefficients, scenario.graph.threshold),
        linkages(rasmussen_linkages(table, model)),
        classes(classify_sectors(linkages)),
        csv(chosen.format == OutputFormat::csv),
        total_output(table.output.sum()),
        gdp(table.gdp_by_production()),
        display(chosen.display, table.units, gdp, scenario.display_unit, scenario.display_unit_where) {}

  /// A ratio (linkage, betweenness): four significant digits in tables.
  [[nodiscard]] std::string number(double v) const { return csv ? format_number(v) : format_amount(v, 4); }
  /// Money in the display unit (tables) or the table's unit (CSV).
  [[nodiscard]] std::string money(double v) const { return csv ? format_number(v) : display.money().amount(v); }
  /// A value in `unit` (an indicator's).
  [[nodiscard]] std::string value(double v, const std::string& unit) const {
    return csv ? format_number(v) : display.value(v, unit);
  }
  /// A header with the display unit of money, in tables.
  [[nodiscard]] std::string money_header(std::string_view label) const {
    return csv ? std::string(label) : display.with_unit(display.text(label), table.units);
  }
  [[nodiscard]] std::string header(std::string_view label) const {
    return csv ? std::string(label) : display.text(label);
  }
  /// A sector as tables name it (its Chinese name in Chinese); CSV keeps codes.
  [[nodiscard]] std::string sector(Eigen::Index i) const {
    const Sector& s = at(table.sectors, i);
    return csv ? s.code : display.sector(s.code, s.name_zh);
  }
  [[nodiscard]] std::string share(double v) const {
    return csv ? format_number(v) : fmt::format("{:.2f} %", 100.0 * v);
  }

  const ChainsOptions& options;
  const Scenario scenario;
  const IoTable table;
  const LeontiefModel model;
  const SimulationSpec spec;
  const Eigen::MatrixXd coefficients;
  const std::vector<Chain> chains;
  const FlowGraph graph;
  const Linkages linkages;
  const std::vector<SectorClass> classes;
  const bool csv;
  const double total_output;
  const double gdp;
  const Display display;
};

void write_dot(const ChainsContext& c) {
  DotOptions dot;
  dot.chinese = c.display.chinese();
  dot.title = fmt::format("{}: local flows with a_ij >= {}", c.scenario.name, c.scenario.graph.threshold);
  for (const Chain& chain : c.chains)
    dot.chains.emplace_back(dot.chinese && !chain.label_zh.empty() ? chain.label_zh : chain.label_en, chain.members);
  refuse_to_overwrite_inputs(c.options.dot, c.scenario.input_files(), "--dot");
  write_file(c.options.dot, c.graph.dot(dot));
}

void print_sector_table(const ChainsContext& c, std::ostream& out) {
  const Eigen::VectorXd betweenness = c.graph.betweenness();
  std::vector<std::vector<std::string>> rows;
  for (Eigen::Index i = 0; i < c.table.size(); ++i) {
    std::vector<std::string> in;
    for (const Chain& chain : c.chains) {
      if (std::find(chain.members.begin(), chain.members.end(), i) != chain.members.end()) in.push_back(chain.name);
    }
    rows.push_back({c.sector(i), c.number(c.linkages.backward(i)), c.number(c.linkages.forward(i)),
                    std::string(class_name(at(c.classes, i))), c.number(betweenness(i)), join(in, ";")});
  }
  print_rows(out, {c.header("sector"), c.header("backward"), c.header("forward"), c.header("class"), "betweenness",
                   c.header("chains")},
             rows, c.options.format);
}

void print_chain_table(const ChainsContext& c, std::ostream& out) {
  std::vector<std::vector<std::string>> rows;
  const Eigen::VectorXd va = c.table.total_value_added().transpose();
  for (const Chain& chain : c.chains) {
    const ChainLinkage l = chain_linkage(c.linkages, chain.members, c.table.output);
    const Extraction e = extract_chain(c.table, chain.members);
    const Eigen::VectorXd mask = chain.mask(c.table.size());
    const std::string name =
        !c.csv && c.display.chinese() && !chain.label_zh.empty() ? chain.label_zh : chain.name;
    rows.push_back({name, c.header(chain.derived ? "derived" : "declared"),
                    codes_of(c.table, chain.with_role(ChainRole::core)), std::to_string(chain.members.size()),
                    c.money(c.table.output.dot(mask)), c.money(va.dot(mask)), c.number(l.backward),
                    c.number(l.forward), c.share(e.total.total_value_added / c.gdp)});
  }
  print_rows(out,
             {c.header("chain"), c.header("kind"), c.header("core"), c.header("members"), c.money_header("output"),
              c.money_header("value added"), c.header("backward"), c.header("forward"),
              c.header("extraction: GDP lost")},
             rows, c.options.format);
}

void print_paths(const ChainsContext& c, std::ostream& out) {
  const PathQuery query =
      paths_between(c.options.from, c.options.to, {c.options.paths, c.options.path_threshold, c.options.depth}, c.table,
                    c.model, c.coefficients, c.spec.indicators, c.chains);
  const PathAnalysis& p = query.analysis;
  const std::vector<Eigen::Index>& from = query.from;
  std::vector<std::vector<std::string>> rows;
  for (std::size_t r = 0; r < p.top.size(); ++r) {
    std::vector<std::string> codes;
    for (const std::size_t i : p.top[r].sectors) codes.push_back(c.sector(to_index(i)));
    rows.push_back({std::to_string(r + 1), join(codes, c.csv ? ";" : " <- "), std::to_string(codes.size() - 1),
                    c.value(p.top[r].value, query.to->unit), c.share(p.top[r].value / p.total)});
  }
  if (!c.csv) {
    fmt::print(
        out,
        "structural paths from final demand for {}{} to {}: total {} {} per {} of final demand; {} paths at or above {} of "
        "it cover {:.2f} %; depth limit {}\n",
        c.options.from,
        from.size() > 1 || !c.table.find_sector(c.options.from) ? fmt::format(" ({})", codes_of(c.table, from)) : "",
        c.options.to, format_amount(p.total, 4), query.to->unit, c.table.units, p.paths, c.options.path_threshold,
        p.total != 0.0 ? 100.0 * p.listed / p.total : 0.0, c.options.depth);
  }
  print_rows(out, {"rank", "path (final demand <- supplier <- ...)", "links", "value", "share"}, rows,
             c.options.format);
}

void print_extraction(const ChainsContext& c, std::ostream& out) {
  const Chain& chain = chain_named(c.options.extract, "--extract", c.chains);
  const Extraction e = extract_chain(c.table, chain.members);
  if (!c.csv)
    fmt::print(out, "hypothetical extraction of {} ({} sectors), final demand fixed; amounts in {}:\n", chain.name,
               chain.members.size(), c.display.money().name());
  std::vector<std::vector<std::string>> rows;
  for (const auto& [name, loss] : {std::pair{"backward", &e.backward}, {"forward", &e.forward}, {"total", &e.total}}) {
    rows.push_back({name, c.money(loss->total_output), c.share(loss->total_output / c.total_output),
                    c.money(loss->total_value_added), c.share(loss->total_value_added / c.gdp)});
  }
  print_rows(out, {"links cut", "output lost", "of output", "value added lost", "of GDP"}, rows, c.options.format);
}

void print_shock_spread(const ChainsContext& c, std::ostream& out) {
  const std::vector<Eigen::Index> source = chain_or_sector(c.options.shock, "--shock", c.table, c.chains, false);
  const auto step = [](int steps) { return steps < 0 ? std::string("-") : std::to_string(steps); };
  std::vector<std::vector<std::string>> rows;
  for (const ShockReach& reach : shock_spread(c.graph, source)) {
    rows.push_back(
        {c.sector(reach.sector), step(reach.downstream), step(reach.upstream)});
  }
  if (!c.csv)
    fmt::print(out, "how a shock to {} spreads along links with a_ij >= {} (steps; - never):\n", c.options.shock,
               c.scenario.graph.threshold);
  print_rows(out, {"sector", "downstream", "upstream"}, rows, c.options.format);
}

}  // namespace

int chains_command(const ChainsOptions& options, std::ostream& out) {
  const ChainsContext c(options);
  if (!options.dot.empty()) write_dot(c);
  // Only what was asked: a path, extraction or shock query prints that alone; --sectors and
  // --list print those tables; nothing asked prints both (CSV: one table, the sectors by default).
  const bool detail = options.paths > 0 || !options.extract.empty() || !options.shock.empty();
  const bool nothing_asked = !detail && !options.sectors && !options.list;
  const bool sectors = options.sectors || nothing_asked;
  const bool list = options.list || (nothing_asked && !c.csv);
  if (!c.csv) {
    fmt::print(out, "{}: {} sectors, {} chains, flow graph of {} edges (a_ij >= {}), Type I, base year {} ({})\n",
               c.scenario.name, c.table.size(), c.chains.size(), c.graph.edges().size(), c.scenario.graph.threshold,
               c.table.base_year, c.table.units);
  }
  const auto section = [&](bool shown, auto&& print) {
    if (!shown) return;
    if (!c.csv) out << '\n';
    print(c, out);
  };
  section(sectors, print_sector_table);
  section(list && (!c.csv || !sectors) && !c.chains.empty(), print_chain_table);
  section(options.paths > 0, print_paths);
  section(!options.extract.empty(), print_extraction);
  section(!options.shock.empty(), print_shock_spread);
  if (!options.dot.empty() && !c.csv) fmt::print(out, "\nwrote {}\n", options.dot.string());
  return exit_ok;
}

}  // namespace regsim::cli
