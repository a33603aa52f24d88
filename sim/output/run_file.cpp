#include "output/run_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <stdexcept>
#include <system_error>

#include "core/error.hpp"
#include "core/text.hpp"
#include "core/units.hpp"
#include "core/version.hpp"
#include "hdf5/hdf5_writer.hpp"
#include "output/layout_writer.hpp"
#include "output/run_layout.hpp"

namespace regsim {

namespace {

using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;


/// Now, or the time SOURCE_DATE_EPOCH gives (seconds since 1970, the reproducible-builds
/// convention), so that the same run can write the same bytes: the root's checksum covers `created`.
std::string creation_time() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    std::int64_t seconds = 0;
    const char* end = epoch + std::strlen(epoch);
    if (const auto [at, error] = std::from_chars(epoch, end, seconds); error == std::errc{} && at == end && seconds >= 0) {
      now = static_cast<std::time_t>(seconds);
    }
  }
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::string long_name(const std::string& quantity) {
  if (quantity == "output") return "gross output";
  if (quantity == "value_added") return "value added (GDP by production)";
  if (quantity == "final_demand") return "local final demand (all categories)";
  if (quantity == "imports") return "imports (intermediate, less import substitution)";
  return quantity;
}

TextAttributes days_since(Date start, const std::string& name) {
  return {{"units", "days since " + start.to_string()}, {"calendar", "proleptic_gregorian"}, {"long_name", name}};
}

}  // namespace

namespace {

const TextAttributes sector_attributes{{"long_name", "sector code"}};

void write_root(LayoutWriter& w, const Scenario& scenario, const IoTable& table, const SimulationSpec& spec) {
  const layout::Entry& root = layout::root_attributes;
  w.attribute(root, "format_version", layout::format_version);
  w.attribute(root, "regsim_version", std::string(version));
  w.attribute(root, "scenario_name", scenario.name);
  w.attribute(root, "scenario_file", scenario.file.string());
  w.attribute(root, "scenario_yaml", scenario.text);
  w.attribute(root, "units", table.units);
  // The unit as meaning, so that readers compare "万元" and "10k CNY" as the same (core/units.hpp).
  if (const auto money = parse_money_unit(table.units)) {
    w.attribute(root, "currency", money->currency);
    w.attribute(root, "unit_scale", money->scale);
  }
  w.attribute(root, "display_unit", scenario.display_unit.empty() ? std::string("auto") : scenario.display_unit);
  w.attribute(root, "base_year", narrow<std::int64_t>(table.base_year));
  w.attribute(root, "start", spec.time.start.to_string());
  w.attribute(root, "end", spec.time.end.to_string());
  w.attribute(root, "report", std::string(name_of(spec.time.report)));
  w.attribute(root, "households", std::string(name_of(scenario.economy.households)));
  w.attribute(root, "created", creation_time());
}

void write_sectors(LayoutWriter& w, const IoTable& table, const std::vector<std::string>& codes) {
  std::vector<std::string> names, names_zh, groups;
  for (const auto& s : table.sectors) {
    names.push_back(s.name);
    names_zh.push_back(s.name_zh);
    groups.push_back(join(s.groups, ";"));
  }
  w.coordinate(layout::sector, std::span<const std::string>(codes), sector_attributes);
  w.texts(layout::sector_labels, "sector_name", names, {{"long_name", "sector name"}});
  w.texts(layout::sector_labels, "sector_name_zh", names_zh, {{"long_name", "sector name (Chinese)"}});
  w.texts(layout::sector_labels, "sector_groups", groups, {{"long_name", "groups the sector belongs to, ';'-separated"}});
  if (!table.multiregional()) return;
  std::vector<std::string> regions, products;
  for (const auto& s : table.sectors) {
    regions.push_back(s.region);
    products.push_back(s.product);
  }
  w.texts(layout::sector_regions, "sector_region", regions, {{"long_name", "region of the industry"}});
  w.texts(layout::sector_regions, "sector_product", products, {{"long_name", "product of the industry"}});
}

/// `/dynamics`: the daily state of a supply-constrained run, step × sector.
void write_dynamics(LayoutWriter& w, const Scenario& scenario, const IoTable& table, const DynamicsTrace& trace,
                    const std::vector<std::string>& codes, Date start) {
  const DynamicsSpec& d = scenario.dynamics;
  const layout::Entry& group = layout::dynamics_attributes;
  w.attribute(group, "model", std::string(name_in(dynamics_model_names, d.model)));
  w.attribute(group, "orders", std::string(name_in(order_module_names, d.orders)));
  w.attribute(group, "unmet_demand", std::string(name_in(unmet_demand_names, d.unmet_demand)));
  w.attribute(group, "quirks", std::string(name_in(quirks_names, d.quirks)));
  w.attribute(group, "days_per_year", d.days_per_year);
  w.attribute(group, "psi", d.psi);
  w.attribute(group, "restoration_days", narrow<std::int64_t>(d.restoration_days));
  w.attribute(group, "overproduction_max", d.overproduction_max);
  w.attribute(group, "overproduction_tau_days", narrow<std::int64_t>(d.overproduction_tau_days));
  w.attribute(group, "capital_to_value_added", d.capital_to_value_added);
  std::vector<std::int64_t> steps(to_size(trace.production.rows()));
  for (std::size_t t = 0; t < steps.size(); ++t) steps[t] = narrow<std::int64_t>(t);
  w.coordinate(layout::dynamics_step, std::span<const std::int64_t>(steps), days_since(start, "simulated day"));
  w.coordinate(layout::dynamics_sector, std::span<const std::string>(codes), sector_attributes);
  w.coordinate(layout::dynamics_product, std::span<const std::string>(trace.products),
               {{"long_name", "input product"}});
  const std::string per_day = table.units + " per day";
  const std::pair<const char*, const Eigen::MatrixXd*> flows[] = {
      {"production", &trace.production},
      {"capacity", &trace.capacity},
      {"intermediate_demand", &trace.intermediate_demand},
      {"final_demand", &trace.final_demand},
      {"rebuild_demand", &trace.rebuild_demand},
      {"rebuild_production", &trace.rebuild_production},
      {"final_demand_unmet", &trace.final_demand_unmet},
  };
  for (const auto& [name, matrix] : flows) {
    w.variable(layout::dynamics_variable, name, values_of(RowMajor(*matrix)), {{"units", per_day}, {"long_name", name}});
  }
  w.variable(layout::dynamics_variable, "overproduction", values_of(RowMajor(trace.overproduction)),
             {{"units", "1"}, {"long_name", "overproduction factor (1 = none)"}});
  w.variable(layout::dynamics_variable, "capital_to_recover", values_of(RowMajor(trace.capital_to_recover)),
             {{"units", table.units}, {"long_name", "productive capital destroyed and not yet back"}});
  std::vector<std::int64_t> limiting;
  limiting.reserve(to_size(trace.limiting_input.size()));
  for (Eigen::Index t = 0; t < trace.limiting_input.rows(); ++t) {
    for (Eigen::Index s = 0; s < trace.limiting_input.cols(); ++s) limiting.push_back(trace.limiting_input(t, s));
  }
  w.variable(layout::dynamics_limiting, "limiting_input", std::span<const std::int64_t>(limiting),
             {{"long_name", "input product that bound production (position in product), -1 for none"}});
}

void write_prices(LayoutWriter& w, const PriceIndices& prices, const std::vector<std::string>& codes,
                  std::span<const std::int64_t> days, std::span<const std::int64_t> years, Date start) {
  w.coordinate(layout::prices_time, days, days_since(start, "report date"));
  w.coordinate(layout::prices_year, years, year_attributes);
  w.coordinate(layout::prices_sector, std::span<const std::string>(codes), sector_attributes);
  w.coordinate(layout::prices_deflator, std::span<const std::string>(prices.deflator_names),
               {{"long_name", "price index"}});
  w.variable(layout::prices_series, "price_index", values_of(RowMajor(prices.series)),
             {{"units", "1"}, {"long_name", "output price index (1 = the table's prices)"}});
  w.variable(layout::prices_yearly, "yearly_price_index", values_of(RowMajor(prices.yearly)),
             {{"units", "1"}, {"long_name", "output price index, mean over the year's simulated days"}});
  w.variable(layout::prices_deflators, "deflators", values_of(RowMajor(prices.deflators)),
             {{"units", "1"}, {"long_name", "deflator (1 = the table's prices)"}});
}

void write_quantities(LayoutWriter& w, const SimulationResult& result, const std::vector<std::string>& codes,
                      std::span<const std::int64_t> days, std::span<const std::int64_t> years, Date start) {
  w.coordinate(layout::series_time, days, days_since(start, "report date"));
  w.coordinate(layout::series_sector, std::span<const std::string>(codes), sector_attributes);
  w.coordinate(layout::yearly_year, years, year_attributes);
  w.coordinate(layout::yearly_sector, std::span<const std::string>(codes), sector_attributes);
  for (const Quantity& q : result.quantities) {
    w.variable(layout::series_quantity, q.name, values_of(RowMajor(q.series)),
               {{"units", q.unit + " per year"}, {"long_name", long_name(q.name) + ", annual rate on the report date"}});
    w.variable(layout::yearly_quantity, q.name, values_of(RowMajor(q.yearly)),
               {{"units", q.unit}, {"long_name", long_name(q.name) + ", exact amount in the year"}});
  }
}

void write_indicators(LayoutWriter& w, const Scenario& scenario, const SimulationSpec& spec,
                      const SimulationResult& result, std::span<const std::int64_t> years) {
  w.coordinate(layout::indicators_year, years, year_attributes);
  for (Index i = 0; i < std::ssize(spec.indicators); ++i) {
    const Indicator& indicator = at(spec.indicators, i);
    const RowMajor row = result.indicators.row(i);
    TextAttributes attributes{{"units", indicator.unit}, {"of", indicator.of}, {"long_name", indicator.name}};
    const auto declared = std::find_if(scenario.indicators.begin(), scenario.indicators.end(),
                                       [&](const IndicatorSpec& s) { return s.name == indicator.name; });
    if (declared != scenario.indicators.end()) {
      if (!declared->label_en.empty()) attributes[2].second = declared->label_en;
      if (!declared->label_zh.empty()) attributes.emplace_back("long_name_zh", declared->label_zh);
    }
    w.variable(layout::indicator, indicator.name, values_of(row), attributes);
  }
}

void write_targets(LayoutWriter& w, const SimulationResult& result) {
  std::vector<std::int64_t> target_index, target_year, met;
  std::vector<std::string> target_indicator, target_kind;
  std::vector<double> target_growth, simulated_growth, target_level, simulated_level, gap;
  const double none = std::nan("");
  for (const TargetId t : result.targets.ids()) {
    const TargetResult& r = result.targets[t];
    const bool growth = r.spec.kind == TargetKind::growth;
    target_index.push_back(t.index());
    target_indicator.push_back(r.spec.indicator);
    target_year.push_back(r.spec.year);
    target_kind.emplace_back(growth ? "growth" : "level");
    target_growth.push_back(growth ? r.spec.value : none);
    target_level.push_back(growth ? none : r.spec.value);
    simulated_growth.push_back(r.simulated_growth);
    simulated_level.push_back(r.simulated_level);
    gap.push_back(r.gap);
    met.push_back(r.met ? 1 : 0);
  }
  w.coordinate(layout::targets_target, std::span<const std::int64_t>(target_index),
               {{"long_name", "target number, in scenario order"}});
  w.texts(layout::targets_text, "indicator", target_indicator);
  w.variable(layout::targets_integer, "year", std::span<const std::int64_t>(target_year));
  w.texts(layout::targets_text, "kind", target_kind, {{"long_name", "growth (over the year before) or level"}});
  w.variable(layout::targets_growth, "target_growth", std::span<const double>(target_growth), {{"units", "1"}});
  w.variable(layout::targets_growth, "simulated_growth", std::span<const double>(simulated_growth), {{"units", "1"}});
  w.variable(layout::targets_level, "target_level", std::span<const double>(target_level));
  w.variable(layout::targets_level, "simulated_level", std::span<const double>(simulated_level));
  w.variable(layout::targets_gap, "gap", std::span<const double>(gap),
             {{"long_name", "simulated minus target, in the target's kind"}});
  w.variable(layout::targets_integer, "met", std::span<const std::int64_t>(met), {{"long_name", "1 if met"}});
}

void write_attribution(LayoutWriter& w, const SimulationSpec& spec, const SimulationResult& result,
                       std::span<const std::int64_t> years) {
  std::vector<std::string> owners{"baseline"};
  owners.insert(owners.end(), spec.owners.begin(), spec.owners.end());
  std::vector<std::string> kinds{"baseline"};
  kinds.insert(kinds.end(), spec.owner_kinds.begin(), spec.owner_kinds.end());
  w.coordinate(layout::attribution_event, std::span<const std::string>(owners),
               {{"long_name", "baseline, then events and trends"}});
  w.coordinate(layout::attribution_year, years, year_attributes);
  w.texts(layout::attribution_kind, "kind", kinds);
  for (std::size_t i = 0; i < spec.indicators.size(); ++i) {
    w.variable(layout::attribution_indicator, spec.indicators[i].name, values_of(RowMajor(result.attribution[i])),
               {{"units", spec.indicators[i].unit},
                {"long_name", spec.indicators[i].name + ": baseline and each event's contribution (they sum to it)"}});
  }
}

// The scheduled log and the rules' firings, merged by date: on one date, changes come before the
// rules that react to them.
void write_event_log(LayoutWriter& w, const IoTable& table, const SimulationSpec& spec,
                     const SimulationResult& result) {
  const Date start = spec.time.start;
  std::vector<std::int64_t> entry, log_days;
  std::vector<std::string> ids, log_kinds, details;
  const auto add_line = [&](Date date, OwnerId owner, std::string_view detail) {
    entry.push_back(narrow<std::int64_t>(entry.size()));
    log_days.push_back(date - start);
    ids.push_back(spec.owners[owner.value()]);
    log_kinds.push_back(spec.owner_kinds[owner.value()]);
    details.emplace_back(detail);
  };
  std::size_t fired = 0;
  for (const std::size_t i : log_order(spec)) {
    const LogEntry& line = spec.log[i];
    for (; fired < result.firings.size() && result.firings[fired].date < line.date; ++fired) {
      add_line(result.firings[fired].date, result.firings[fired].owner, result.firings[fired].detail);
    }
    add_line(line.date, line.owner, log_detail(spec, table, line));
  }
  for (; fired < result.firings.size(); ++fired) {
    add_line(result.firings[fired].date, result.firings[fired].owner, result.firings[fired].detail);
  }
  w.coordinate(layout::events_entry, std::span<const std::int64_t>(entry), {{"long_name", "log entry, in date order"}});
  w.variable(layout::events_date, "date", std::span<const std::int64_t>(log_days), days_since(start, "date"));
  w.texts(layout::events_text, "id", ids);
  w.texts(layout::events_text, "kind", log_kinds);
  w.texts(layout::events_text, "detail", details);
}

void write_checks(LayoutWriter& w, const IoTable& table, const SimulationResult& result) {
  std::vector<std::int64_t> finding, years;
  std::vector<std::string> quantities, sectors;
  std::vector<double> values;
  for (const NegativeValue& negative : result.negatives) {
    finding.push_back(narrow<std::int64_t>(finding.size()));
    quantities.push_back(negative.quantity);
    sectors.push_back(table.sectors[negative.sector.value()].code);
    years.push_back(negative.year);
    values.push_back(negative.value);
  }
  w.coordinate(layout::checks_finding, std::span<const std::int64_t>(finding),
               {{"long_name", "negative yearly values of output, value added or final demand"}});
  w.texts(layout::checks_text, "quantity", quantities);
  w.texts(layout::checks_text, "sector", sectors);
  w.variable(layout::checks_year, "year", std::span<const std::int64_t>(years), {});
  w.variable(layout::checks_value, "value", std::span<const double>(values), {{"units", table.units}});
}

/// Per chain and input product: the member-days on which the product bound production (ARIO runs).
void write_chain_bottlenecks(LayoutWriter& w, const DynamicsTrace& trace, const ChainResults& chains,
                             const std::vector<std::string>& names, const TextAttributes& chain_attributes) {
  const std::vector<std::string>& products = trace.products;
  std::vector<std::int64_t> member_days(names.size() * products.size(), 0);
  for (std::size_t c = 0; c < names.size(); ++c) {
    const ChainAccount& a = chains.accounts[c];
    for (std::size_t b = 0; b < a.bottlenecks.size(); ++b) {
      const auto p = to_size(std::find(products.begin(), products.end(), a.bottlenecks[b]) - products.begin());
      member_days[c * products.size() + p] = a.bottleneck_days[b];
    }
  }
  w.coordinate(layout::chain_bottleneck_chain, std::span<const std::string>(names), chain_attributes);
  w.coordinate(layout::chain_bottleneck_product, std::span<const std::string>(products),
               {{"long_name", "input product"}});
  w.variable(layout::chain_bottleneck_days, "member_days", std::span<const std::int64_t>(member_days),
             {{"long_name", "member-days on which the product bound production"}});
}

// Chains share their dimensions: every measure and indicator is one chain × time or chain × year
// dataset (a run file of Jinzhong's eight chains was 229 datasets in per-chain groups, most of
// the time writing it took).
void write_chains(LayoutWriter& w, const SimulationSpec& spec, const SimulationResult& result,
                  const ChainResults& chains, const std::vector<std::string>& codes, std::span<const std::int64_t> days,
                  std::span<const std::int64_t> years) {
  std::vector<std::string> names, labels_en, labels_zh, kinds;
  for (const Chain& c : chains.chains) {
    names.push_back(c.name);
    labels_en.push_back(c.label_en);
    labels_zh.push_back(c.label_zh);
    kinds.emplace_back(c.derived ? "derived" : "declared");
  }
  const TextAttributes chain_attributes{{"long_name", "industry chain, in scenario order"}};
  w.coordinate(layout::chains_chain, std::span<const std::string>(names), chain_attributes);
  w.texts(layout::chains_text, "label_en", labels_en);
  w.texts(layout::chains_text, "label_zh", labels_zh);
  w.texts(layout::chains_text, "kind", kinds, {{"long_name", "declared in the scenario or derived from the flow graph"}});
  w.coordinate(layout::chains_sector, std::span<const std::string>(codes), sector_attributes);
  const std::size_t n = codes.size();
  std::vector<std::int64_t> roles(names.size() * n, 0);
  for (std::size_t c = 0; c < chains.chains.size(); ++c) {
    const Chain& chain = chains.chains[c];
    for (std::size_t m = 0; m < chain.members.size(); ++m) {
      roles[c * n + to_size(chain.members[m])] = 1 + ordinal(chain.roles[m]);
    }
  }
  w.variable(layout::chains_role, "role", std::span<const std::int64_t>(roles),
             {{"long_name", "the sector's part in the chain"}, {"flag_meanings", "none core upstream downstream"}});

  // Every chain has the same measures (output, value added, each satellite, induced value added).
  const std::vector<std::string> no_measures;
  const ChainAccount* first = chains.accounts.empty() ? nullptr : &chains.accounts.front();
  const std::vector<std::string>& measures = first != nullptr ? first->measures : no_measures;
  const auto stacked = [&](auto&& value_of, std::size_t columns) {
    std::vector<double> out(names.size() * columns);
    for (std::size_t c = 0; c < names.size(); ++c)
      for (std::size_t t = 0; t < columns; ++t) out[c * columns + t] = value_of(chains.accounts[c], t);
    return out;
  };
  w.coordinate(layout::chain_series_chain, std::span<const std::string>(names), chain_attributes);
  w.coordinate(layout::chain_series_time, days, days_since(spec.time.start, "report date"));
  w.coordinate(layout::chain_yearly_chain, std::span<const std::string>(names), chain_attributes);
  w.coordinate(layout::chain_yearly_year, years, year_attributes);
  for (Index m = 0; m < std::ssize(measures); ++m) {
    const std::string& measure = at(measures, m);
    const std::string what = measure == "induced_value_added"
                                 ? "value added the chain's final demand induces in sectors outside it"
                                 : long_name(measure) + " of the chain's sectors";
    const auto series =
        stacked([&](const ChainAccount& a, std::size_t t) { return a.series(to_index(t), m); }, days.size());
    const auto yearly =
        stacked([&](const ChainAccount& a, std::size_t y) { return a.yearly(to_index(y), m); }, years.size());
    w.variable(
        layout::chain_series, measure, std::span<const double>(series),
        {{"units", at(first->units, m) + " per year"}, {"long_name", what + ", annual rate on the report date"}});
    w.variable(layout::chain_yearly, measure, std::span<const double>(yearly),
               {{"units", at(first->units, m)}, {"long_name", what + ", exact amount in the year"}});
  }
  w.coordinate(layout::chain_indicators_chain, std::span<const std::string>(names), chain_attributes);
  w.coordinate(layout::chain_indicators_year, years, year_attributes);
  for (Index i = 0; i < std::ssize(spec.indicators); ++i) {
    const auto values =
        stacked([&](const ChainAccount& a, std::size_t y) { return a.indicators(i, to_index(y)); }, years.size());
    w.variable(layout::chain_indicator, at(spec.indicators, i).name, std::span<const double>(values),
               {{"units", at(spec.indicators, i).unit},
                {"long_name", at(spec.indicators, i).name + ": the part arising in the chain's sectors"}});
  }
  if (result.dynamics) write_chain_bottlenecks(w, *result.dynamics, chains, names, chain_attributes);
}

void write_graph(LayoutWriter& w, const IoTable& table, const ChainResults& chains,
                 const std::vector<std::string>& codes) {
  std::vector<std::string> classes;
  for (const SectorClass c : classify_sectors(chains.linkages)) classes.emplace_back(class_name(c));
  w.file().group(std::string(layout::graph_attributes.group));
  w.attribute(layout::graph_attributes, "threshold", chains.graph.threshold());
  w.coordinate(layout::graph_sector, std::span<const std::string>(codes), sector_attributes);
  w.variable(layout::graph_linkage, "backward_linkage", values_of(chains.linkages.backward),
             {{"units", "1"}, {"long_name", "normalized backward linkage (Rasmussen), Type I"}});
  w.variable(layout::graph_linkage, "forward_linkage", values_of(chains.linkages.forward),
             {{"units", "1"}, {"long_name", "normalized forward linkage (Ghosh inverse row sums), Type I"}});
  w.texts(layout::graph_class, "sector_class", classes, {{"long_name", "key, backward-oriented, forward-oriented or weak"}});
  std::vector<std::int64_t> edge;
  std::vector<std::string> from, to;
  std::vector<double> coefficient, flow;
  for (const FlowEdge& e : chains.graph.edges()) {
    edge.push_back(narrow<std::int64_t>(edge.size()));
    from.push_back(at(codes, e.from));
    to.push_back(at(codes, e.to));
    coefficient.push_back(e.coefficient);
    flow.push_back(e.flow);
  }
  w.coordinate(layout::graph_edge, std::span<const std::int64_t>(edge),
               {{"long_name", "local flow from seller to buyer with a_ij at or above the threshold"}});
  w.texts(layout::graph_ends, "from", from, {{"long_name", "selling sector"}});
  w.texts(layout::graph_ends, "to", to, {{"long_name", "buying sector"}});
  w.variable(layout::graph_values, "coefficient", std::span<const double>(coefficient), {{"units", "1"}, {"long_name", "a_ij"}});
  w.variable(layout::graph_values, "flow", std::span<const double>(flow), {{"units", table.units}, {"long_name", "z_ij"}});
}

}  // namespace

void write_run_file(const std::filesystem::path& path, const Scenario& scenario, const IoTable& table,
                    const SimulationSpec& spec, const SimulationResult& result, const ChainResults& chains,
                    const std::function<void(LayoutWriter&)>& more) {
  Hdf5Writer file(path);
  LayoutWriter w(file);
  std::vector<std::string> codes;
  for (const auto& s : table.sectors) codes.push_back(s.code);
  std::vector<std::int64_t> days;
  for (const Date d : result.report_dates) days.push_back(d - spec.time.start);
  const std::vector<std::int64_t> years(result.years.begin(), result.years.end());
  write_root(w, scenario, table, spec);
  write_sectors(w, table, codes);
  write_quantities(w, result, codes, days, years, spec.time.start);
  write_indicators(w, scenario, spec, result, years);
  write_targets(w, result);
  write_attribution(w, spec, result, years);
  write_event_log(w, table, spec, result);
  write_checks(w, table, result);
  write_chains(w, spec, result, chains, codes, days, years);
  write_graph(w, table, chains, codes);
  if (result.dynamics) write_dynamics(w, scenario, table, *result.dynamics, codes, spec.time.start);
  if (result.prices) write_prices(w, *result.prices, codes, days, years, spec.time.start);
  if (more) more(w);
  file.commit();
}

}  // namespace regsim
