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
  for (const Eigen::Index i : members) codes.push_back(table.sectors[static_cast<std::size_t>(i)].code);
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
        gdp(table.gdp_by_production()) {}

  [[nodiscard]] std::string number(double v) const { return csv ? format_number(v) : fmt::format("{:.6g}", v); }
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
};

void write_dot(const ChainsContext& c) {
  DotOptions dot;
  dot.chinese = c.options.chinese;
  dot.title = fmt::format("{}: local flows with a_ij >= {}", c.scenario.name, c.scenario.graph.threshold);
  for (const Chain& chain : c.chains)
    dot.chains.emplace_back(c.options.chinese && !chain.label_zh.empty() ? chain.label_zh : chain.label_en,
                            chain.members);
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
    rows.push_back({c.table.sectors[static_cast<std::size_t>(i)].code, c.number(c.linkages.backward(i)),
                    c.number(c.linkages.forward(i)), std::string(class_name(c.classes[static_cast<std::size_t>(i)])),
                    c.number(betweenness(i)), join(in, ";")});
  }
  print_rows(out, {"sector", "backward", "forward", "class", "betweenness", "chains"}, rows, c.options.format);
}

void print_chain_table(const ChainsContext& c, std::ostream& out) {
  std::vector<std::vector<std::string>> rows;
  const Eigen::VectorXd va = c.table.total_value_added().transpose();
  for (const Chain& chain : c.chains) {
    const ChainLinkage l = chain_linkage(c.linkages, chain.members, c.table.output);
    const Extraction e = extract_chain(c.table, chain.members);
    const Eigen::VectorXd mask = chain.mask(c.table.size());
    rows.push_back({chain.name, chain.derived ? "derived" : "declared",
                    codes_of(c.table, chain.with_role(ChainRole::core)), std::to_string(chain.members.size()),
                    c.number(c.table.output.dot(mask)), c.number(va.dot(mask)), c.number(l.backward),
                    c.number(l.forward), c.share(e.total.total_value_added / c.gdp)});
  }
  out << '\n';
  print_rows(
      out, {"chain", "kind", "core", "members", "output", "value added", "backward", "forward", "extraction: GDP lost"},
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
    for (const std::size_t i : p.top[r].sectors) codes.push_back(c.table.sectors[i].code);
    rows.push_back({std::to_string(r + 1), join(codes, c.csv ? ";" : " <- "), std::to_string(codes.size() - 1),
                    c.number(p.top[r].value), c.share(p.top[r].value / p.total)});
  }
  if (!c.csv) {
    fmt::print(
        out,
        "\nstructural paths from final demand for {}{} to {} ({}): total {:.6g}; {} paths at or above {} of it "
        "cover {:.2f} %; depth limit {}\n",
        c.options.from,
        from.size() > 1 || !c.table.find_sector(c.options.from) ? fmt::format(" ({})", codes_of(c.table, from)) : "",
        c.options.to, query.to->unit, p.total, p.paths, c.options.path_threshold,
        p.total != 0.0 ? 100.0 * p.listed / p.total : 0.0, c.options.depth);
  }
  print_rows(out, {"rank", "path (final demand <- supplier <- ...)", "links", "value", "share"}, rows,
             c.options.format);
}

void print_extraction(const ChainsContext& c, std::ostream& out) {
  const Chain& chain = chain_named(c.options.extract, "--extract", c.chains);
  const Extraction e = extract_chain(c.table, chain.members);
  if (!c.csv)
    fmt::print(out, "\nhypothetical extraction of {} ({} sectors), final demand fixed:\n", chain.name,
               chain.members.size());
  std::vector<std::vector<std::string>> rows;
  for (const auto& [name, loss] : {std::pair{"backward", &e.backward}, {"forward", &e.forward}, {"total", &e.total}}) {
    rows.push_back({name, c.number(loss->total_output), c.share(loss->total_output / c.total_output),
                    c.number(loss->total_value_added), c.share(loss->total_value_added / c.gdp)});
  }
  print_rows(out, {"links cut", "output lost", "of output", "value added lost", "of GDP"}, rows, c.options.format);
}

void print_shock_spread(const ChainsContext& c, std::ostream& out) {
  const std::vector<Eigen::Index> source = chain_or_sector(c.options.shock, "--shock", c.table, c.chains, false);
  const auto step = [](int steps) { return steps < 0 ? std::string("-") : std::to_string(steps); };
  std::vector<std::vector<std::string>> rows;
  for (const ShockReach& reach : shock_spread(c.graph, source)) {
    rows.push_back(
        {c.table.sectors[static_cast<std::size_t>(reach.sector)].code, step(reach.downstream), step(reach.upstream)});
  }
  if (!c.csv)
    fmt::print(out, "\nhow a shock to {} spreads along links with a_ij >= {} (steps; - never):\n", c.options.shock,
               c.scenario.graph.threshold);
  print_rows(out, {"sector", "downstream", "upstream"}, rows, c.options.format);
}

}  // namespace

int chains_command(const ChainsOptions& options, std::ostream& out) {
  const ChainsContext c(options);
  if (!options.dot.empty()) write_dot(c);
  // One table is printed as CSV: the one asked for (paths, extraction, shock), else the sectors.
  const bool detail = options.paths > 0 || !options.extract.empty() || !options.shock.empty();
  if (!c.csv) {
    fmt::print(out, "{}: {} sectors, {} chains, flow graph of {} edges (a_ij >= {}), Type I, base year {} ({})\n\n",
               c.scenario.name, c.table.size(), c.chains.size(), c.graph.edges().size(), c.scenario.graph.threshold,
               c.table.base_year, c.table.units);
  }
  if (!c.csv || !detail) print_sector_table(c, out);
  if (!c.csv && !c.chains.empty()) print_chain_table(c, out);
  if (options.paths > 0) print_paths(c, out);
  if (!options.extract.empty()) print_extraction(c, out);
  if (!options.shock.empty()) print_shock_spread(c, out);
  return exit_ok;
}

}  // namespace regsim::cli
