#include "output/run_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ctime>

#include "core/error.hpp"
#include "core/text.hpp"
#include "core/version.hpp"
#include "output/hdf5_reader.hpp"
#include "output/hdf5_writer.hpp"

namespace regsim {

namespace {

using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

std::span<const double> values_of(const RowMajor& m) { return {m.data(), static_cast<std::size_t>(m.size())}; }

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
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

void write_chains(Hdf5Writer& w, const IoTable& table, const SimulationSpec& spec, const ChainResults& chains, std::span<const std::int64_t> days, std::span<const std::int64_t> years) {
  std::vector<std::string> names, labels_en, labels_zh, kinds;
  for (const Chain& c : chains.chains) {
    names.push_back(c.name);
    labels_en.push_back(c.label_en);
    labels_zh.push_back(c.label_zh);
    kinds.emplace_back(c.derived ? "derived" : "declared");
  }
  w.coordinate("chains", "chain", names, {{"long_name", "industry chain, in scenario order"}});
  w.variable("chains", "label_en", "chain", labels_en);
  w.variable("chains", "label_zh", "chain", labels_zh);
  w.variable("chains", "kind", "chain", kinds, {{"long_name", "declared in the scenario or derived from the flow graph"}});
  for (std::size_t c = 0; c < chains.chains.size(); ++c) {
    const Chain& chain = chains.chains[c];
    const ChainAccount& account = chains.accounts[c];
    const std::string group = "chains/" + chain.name;
    w.group(group);
    w.attribute(group, "label_en", chain.label_en);
    w.attribute(group, "label_zh", chain.label_zh);
    w.attribute(group, "kind", kinds[c]);
    std::vector<std::string> members, roles;
    for (std::size_t m = 0; m < chain.members.size(); ++m) {
      members.push_back(table.sectors[static_cast<std::size_t>(chain.members[m])].code);
      roles.emplace_back(role_name(chain.roles[m]));
    }
    w.coordinate(group, "member", members, {{"long_name", "member sector code"}});
    w.variable(group, "role", "member", roles, {{"long_name", "core, upstream or downstream"}});
    w.coordinate(group + "/series", "time", days, days_since(spec.time.start, "report date"));
    w.coordinate(group + "/yearly", "year", years, {{"long_name", "calendar year (the first is the table's base year)"}});
    for (std::size_t m = 0; m < account.measures.size(); ++m) {
      const auto column = static_cast<Eigen::Index>(m);
      const std::string& measure = account.measures[m];
      const std::string what = measure == "induced_value_added"
                                   ? "value added the chain's final demand induces in sectors outside it"
                                   : long_name(measure) + " of the chain's sectors";
      const Eigen::VectorXd series = account.series.col(column);
      const Eigen::VectorXd yearly = account.yearly.col(column);
      w.variable(group + "/series", measure, {"time"}, std::span<const double>(series.data(), static_cast<std::size_t>(series.size())),
                 {{"units", account.units[m] + " per year"}, {"long_name", what + ", annual rate on the report date"}});
      w.variable(group + "/yearly", measure, {"year"}, std::span<const double>(yearly.data(), static_cast<std::size_t>(yearly.size())),
                 {{"units", account.units[m]}, {"long_name", what + ", exact amount in the year"}});
    }
    w.coordinate(group + "/indicators", "year", years, {{"long_name", "calendar year (the first is the table's base year)"}});
    for (std::size_t i = 0; i < spec.indicators.size(); ++i) {
      const Eigen::RowVectorXd row = account.indicators.row(static_cast<Eigen::Index>(i));
      w.variable(group + "/indicators", spec.indicators[i].name, {"year"},
                 std::span<const double>(row.data(), static_cast<std::size_t>(row.size())),
                 {{"units", spec.indicators[i].unit},
                  {"long_name", spec.indicators[i].name + ": the part arising in the chain's sectors"}});
    }
  }

  std::vector<std::string> codes;
  std::vector<std::string> classes;
  const std::vector<SectorClass> sector_classes = classify_sectors(chains.linkages);
  for (std::size_t i = 0; i < table.sectors.size(); ++i) {
    codes.push_back(table.sectors[i].code);
    classes.emplace_back(class_name(sector_classes[i]));
  }
  w.group("graph");
  w.attribute("graph", "threshold", chains.graph.threshold());
  w.coordinate("graph", "sector", codes, {{"long_name", "sector code"}});
  w.variable("graph", "backward_linkage", {"sector"},
             std::span<const double>(chains.linkages.backward.data(), codes.size()),
             {{"units", "1"}, {"long_name", "normalized backward linkage (Rasmussen), Type I"}});
  w.variable("graph", "forward_linkage", {"sector"},
             std::span<const double>(chains.linkages.forward.data(), codes.size()),
             {{"units", "1"}, {"long_name", "normalized forward linkage (Ghosh inverse row sums), Type I"}});
  w.variable("graph", "sector_class", "sector", classes,
             {{"long_name", "key, backward-oriented, forward-oriented or weak"}});
  std::vector<std::int64_t> edge;
  std::vector<std::string> from, to;
  std::vector<double> coefficient, flow;
  for (const FlowEdge& e : chains.graph.edges()) {
    edge.push_back(static_cast<std::int64_t>(edge.size()));
    from.push_back(codes[static_cast<std::size_t>(e.from)]);
    to.push_back(codes[static_cast<std::size_t>(e.to)]);
    coefficient.push_back(e.coefficient);
    flow.push_back(e.flow);
  }
  w.coordinate("graph", "edge", edge, {{"long_name", "local flow from seller to buyer with a_ij at or above the threshold"}});
  w.variable("graph", "from", "edge", from, {{"long_name", "selling sector"}});
  w.variable("graph", "to", "edge", to, {{"long_name", "buying sector"}});
  w.variable("graph", "coefficient", {"edge"}, std::span<const double>(coefficient), {{"units", "1"}, {"long_name", "a_ij"}});
  w.variable("graph", "flow", {"edge"}, std::span<const double>(flow), {{"units", table.units}, {"long_name", "z_ij"}});
}

}  // namespace

void write_run_file(const std::filesystem::path& path, const Scenario& scenario, const IoTable& table,
                    const SimulationSpec& spec, const SimulationResult& result, const ChainResults& chains) {
  Hdf5Writer w(path);
  const Date start = spec.time.start;
  w.attribute("", "format_version", run_format_version);
  w.attribute("", "regsim_version", std::string(version));
  w.attribute("", "scenario_name", scenario.name);
  w.attribute("", "scenario_file", scenario.file.string());
  w.attribute("", "scenario_yaml", scenario.text);
  w.attribute("", "units", table.units);
  w.attribute("", "base_year", static_cast<std::int64_t>(table.base_year));
  w.attribute("", "start", start.to_string());
  w.attribute("", "end", spec.time.end.to_string());
  w.attribute("", "report", std::string(name_of(spec.time.report)));
  w.attribute("", "households",
              std::string(name_of(scenario.economy.households)));
  w.attribute("", "created", utc_now());

  std::vector<std::string> codes, names, names_zh, groups;
  for (const auto& s : table.sectors) {
    codes.push_back(s.code);
    names.push_back(s.name);
    names_zh.push_back(s.name_zh);
    groups.push_back(join(s.groups, ";"));
  }
  w.coordinate("", "sector", codes, {{"long_name", "sector code"}});
  w.variable("", "sector_name", "sector", names, {{"long_name", "sector name"}});
  w.variable("", "sector_name_zh", "sector", names_zh, {{"long_name", "sector name (Chinese)"}});
  w.variable("", "sector_groups", "sector", groups, {{"long_name", "groups the sector belongs to, ';'-separated"}});

  std::vector<std::int64_t> days;
  for (const Date d : result.report_dates) days.push_back(d - start);
  w.coordinate("series", "time", days, days_since(start, "report date"));
  w.coordinate("series", "sector", codes, {{"long_name", "sector code"}});
  std::vector<std::int64_t> years(result.years.begin(), result.years.end());
  w.coordinate("yearly", "year", years, {{"long_name", "calendar year (the first is the table's base year)"}});
  w.coordinate("yearly", "sector", codes, {{"long_name", "sector code"}});
  for (const Quantity& q : result.quantities) {
    w.variable("series", q.name, {"time", "sector"}, values_of(RowMajor(q.series)),
               {{"units", q.unit + " per year"}, {"long_name", long_name(q.name) + ", annual rate on the report date"}});
    w.variable("yearly", q.name, {"year", "sector"}, values_of(RowMajor(q.yearly)),
               {{"units", q.unit}, {"long_name", long_name(q.name) + ", exact amount in the year"}});
  }

  w.coordinate("indicators", "year", years, {{"long_name", "calendar year (the first is the table's base year)"}});
  for (std::size_t i = 0; i < spec.indicators.size(); ++i) {
    const Indicator& indicator = spec.indicators[i];
    const RowMajor row = result.indicators.row(static_cast<Eigen::Index>(i));
    w.variable("indicators", indicator.name, {"year"}, values_of(row),
               {{"units", indicator.unit}, {"of", indicator.of}, {"long_name", indicator.name}});
  }

  std::vector<std::int64_t> target_index, target_year, met;
  std::vector<std::string> target_indicator, target_kind;
  std::vector<double> target_growth, simulated_growth, target_level, simulated_level, gap;
  const double none = std::nan("");
  for (std::size_t t = 0; t < result.targets.size(); ++t) {
    const TargetResult& r = result.targets[t];
    const bool growth = r.spec.kind == TargetKind::growth;
    target_index.push_back(static_cast<std::int64_t>(t));
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
  w.coordinate("targets", "target", target_index, {{"long_name", "target number, in scenario order"}});
  w.variable("targets", "indicator", "target", target_indicator);
  w.variable("targets", "year", {"target"}, std::span<const std::int64_t>(target_year));
  w.variable("targets", "kind", "target", target_kind, {{"long_name", "growth (over the year before) or level"}});
  w.variable("targets", "target_growth", {"target"}, std::span<const double>(target_growth), {{"units", "1"}});
  w.variable("targets", "simulated_growth", {"target"}, std::span<const double>(simulated_growth), {{"units", "1"}});
  w.variable("targets", "target_level", {"target"}, std::span<const double>(target_level));
  w.variable("targets", "simulated_level", {"target"}, std::span<const double>(simulated_level));
  w.variable("targets", "gap", {"target"}, std::span<const double>(gap),
             {{"long_name", "simulated minus target, in the target's kind"}});
  w.variable("targets", "met", {"target"}, std::span<const std::int64_t>(met), {{"long_name", "1 if met"}});

  std::vector<std::string> owners{"baseline"};
  owners.insert(owners.end(), spec.owners.begin(), spec.owners.end());
  std::vector<std::string> kinds{"baseline"};
  kinds.insert(kinds.end(), spec.owner_kinds.begin(), spec.owner_kinds.end());
  w.coordinate("attribution", "event", owners, {{"long_name", "baseline, then events and trends"}});
  w.coordinate("attribution", "year", years, {{"long_name", "calendar year (the first is the table's base year)"}});
  w.variable("attribution", "kind", "event", kinds);
  for (std::size_t i = 0; i < spec.indicators.size(); ++i) {
    w.variable("attribution", spec.indicators[i].name, {"event", "year"}, values_of(RowMajor(result.attribution[i])),
               {{"units", spec.indicators[i].unit},
                {"long_name", spec.indicators[i].name + ": baseline and each event's contribution (they sum to it)"}});
  }

  // The scheduled log and the rules' firings, merged by date: on one date, changes come before the
  // rules that react to them.
  std::vector<std::int64_t> entry, log_days;
  std::vector<std::string> ids, log_kinds, details;
  const auto add_line = [&](Date date, std::size_t owner, std::string_view detail) {
    entry.push_back(static_cast<std::int64_t>(entry.size()));
    log_days.push_back(date - start);
    ids.push_back(spec.owners[owner]);
    log_kinds.push_back(spec.owner_kinds[owner]);
    details.emplace_back(detail);
  };
  std::size_t fired = 0;
  for (const LogEntry& line : spec.log) {
    for (; fired < result.firings.size() && result.firings[fired].date < line.date; ++fired) {
      add_line(result.firings[fired].date, result.firings[fired].owner, result.firings[fired].detail);
    }
    add_line(line.date, line.owner, spec.detail(line));
  }
  for (; fired < result.firings.size(); ++fired) {
    add_line(result.firings[fired].date, result.firings[fired].owner, result.firings[fired].detail);
  }
  w.coordinate("events", "entry", entry, {{"long_name", "log entry, in date order"}});
  w.variable("events", "date", {"entry"}, std::span<const std::int64_t>(log_days), days_since(start, "date"));
  w.variable("events", "id", "entry", ids);
  w.variable("events", "kind", "entry", log_kinds);
  w.variable("events", "detail", "entry", details);
  write_chains(w, table, spec, chains, days, years);
  w.commit();
}

RunSummary summarize_run(const Scenario& scenario, const IoTable& table, const SimulationSpec& spec,
                         const SimulationResult& result, const ChainResults& chains) {
  RunSummary s;
  s.format_version = run_format_version;
  s.regsim_version = version;
  s.scenario_name = scenario.name;
  s.scenario_file = scenario.file.string();
  s.units = table.units;
  s.base_year = table.base_year;
  s.start = spec.time.start.to_string();
  s.end = spec.time.end.to_string();
  s.report = name_of(spec.time.report);
  s.households = name_of(scenario.economy.households);
  s.report_count = result.report_dates.size();
  for (const auto& sector : table.sectors) s.sectors.push_back(sector.code);
  s.owners = spec.owners;
  s.owner_kinds = spec.owner_kinds;
  s.log_entries = spec.log.size() + result.firings.size();
  s.years.assign(result.years.begin(), result.years.end());
  for (const auto& indicator : spec.indicators) {
    s.indicators.push_back(indicator.name);
    s.indicator_units.push_back(indicator.unit);
    s.indicator_of.push_back(indicator.of);
  }
  s.indicator_values = result.indicators;
  s.attribution = result.attribution;
  s.sector_value_added = result.quantity("value_added").yearly;
  for (std::size_t c = 0; c < chains.chains.size(); ++c) {
    const ChainAccount& account = chains.accounts[c];
    const auto va = std::find(account.measures.begin(), account.measures.end(), "value_added") - account.measures.begin();
    s.chains.push_back({chains.chains[c].name, chains.chains[c].label_en, chains.chains[c].label_zh,
                        account.yearly.col(va).transpose(), account.indicators});
  }
  for (const TargetResult& r : result.targets) {
    const bool growth = r.spec.kind == TargetKind::growth;
    s.targets.push_back({r.spec.indicator, r.spec.year, growth ? "growth" : "level", r.spec.value,
                         growth ? r.simulated_growth : r.simulated_level, r.gap, r.met});
  }
  return s;
}

RunSummary read_run_summary(const std::filesystem::path& path) {
  const Hdf5Reader file(path);
  RunSummary s;
  if (!file.exists("indicators") || !file.exists("attribution")) {
    throw OutputError(fmt::format("{} is not a regsim run file (no /indicators or /attribution group)", path.string()));
  }
  s.format_version = file.integer_attribute("", "format_version");
  if (s.format_version != run_format_version) {
    throw OutputError(fmt::format("{} is a run file of format {}; this regsim reads format {}", path.string(),
                                  s.format_version, run_format_version));
  }
  s.regsim_version = file.text_attribute("", "regsim_version");
  s.scenario_name = file.text_attribute("", "scenario_name");
  s.scenario_file = file.text_attribute("", "scenario_file");
  s.created = file.text_attribute("", "created");
  s.units = file.text_attribute("", "units");
  s.base_year = file.integer_attribute("", "base_year");
  s.start = file.text_attribute("", "start");
  s.end = file.text_attribute("", "end");
  s.report = file.text_attribute("", "report");
  s.households = file.text_attribute("", "households");
  s.report_count = file.shape("series/time").at(0);
  s.sectors = file.texts("sector");
  const auto owners = file.texts("attribution/event");
  s.owners.assign(owners.begin() + 1, owners.end());  // the first is the baseline
  const auto kinds = file.texts("attribution/kind");
  s.owner_kinds.assign(kinds.begin() + 1, kinds.end());
  s.log_entries = file.shape("events/entry").at(0);
  for (const double y : file.numbers("indicators/year")) s.years.push_back(static_cast<std::int64_t>(y));
  for (const auto& name : file.members("indicators")) {
    if (name == "year") continue;
    s.indicators.push_back(name);
    s.indicator_units.push_back(file.text_attribute("indicators/" + name, "units"));
    s.indicator_of.push_back(file.text_attribute("indicators/" + name, "of"));
  }
  s.indicator_values.resize(static_cast<Eigen::Index>(s.indicators.size()), static_cast<Eigen::Index>(s.years.size()));
  for (std::size_t i = 0; i < s.indicators.size(); ++i) {
    const auto values = file.numbers("indicators/" + s.indicators[i]);
    for (std::size_t y = 0; y < values.size() && y < s.years.size(); ++y) {
      s.indicator_values(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(y)) = values[y];
    }
  }
  const auto year_count = static_cast<Eigen::Index>(s.years.size());
  const auto owner_rows = static_cast<Eigen::Index>(owners.size());
  for (const auto& name : s.indicators) {
    const auto values = file.numbers("attribution/" + name);
    if (values.size() != static_cast<std::size_t>(owner_rows * year_count)) {
      throw OutputError(fmt::format("{}: attribution/{} holds {} values, expected {} events × {} years", path.string(),
                                    name, values.size(), owner_rows, year_count));
    }
    s.attribution.emplace_back(Eigen::Map<const RowMajor>(values.data(), owner_rows, year_count));
  }
  const auto sector_count = static_cast<Eigen::Index>(s.sectors.size());
  const auto value_added = file.numbers("yearly/value_added");
  if (value_added.size() != static_cast<std::size_t>(year_count * sector_count)) {
    throw OutputError(fmt::format("{}: yearly/value_added holds {} values, expected {} years × {} sectors",
                                  path.string(), value_added.size(), year_count, sector_count));
  }
  s.sector_value_added = Eigen::Map<const RowMajor>(value_added.data(), year_count, sector_count);
  const auto indicator = file.texts("targets/indicator");
  const auto year = file.numbers("targets/year");
  const auto kind = file.texts("targets/kind");
  const auto target_growth = file.numbers("targets/target_growth");
  const auto target_level = file.numbers("targets/target_level");
  const auto simulated_growth = file.numbers("targets/simulated_growth");
  const auto simulated_level = file.numbers("targets/simulated_level");
  const auto gap = file.numbers("targets/gap");
  const auto met = file.numbers("targets/met");
  for (std::size_t t = 0; t < indicator.size(); ++t) {
    const bool growth = kind[t] == "growth";
    s.targets.push_back({indicator[t], static_cast<std::int64_t>(year[t]), kind[t],
                         growth ? target_growth[t] : target_level[t], growth ? simulated_growth[t] : simulated_level[t],
                         gap[t], met[t] != 0.0});
  }
  const auto chain_names = file.texts("chains/chain");
  const auto labels_en = file.texts("chains/label_en");
  const auto labels_zh = file.texts("chains/label_zh");
  for (std::size_t c = 0; c < chain_names.size(); ++c) {
    RunSummary::ChainLine line{chain_names[c], labels_en[c], labels_zh[c], Eigen::RowVectorXd::Zero(year_count),
                               Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(s.indicators.size()), year_count)};
    const std::string group = "chains/" + chain_names[c];
    const auto va = file.numbers(group + "/yearly/value_added");
    for (Eigen::Index y = 0; y < year_count && y < static_cast<Eigen::Index>(va.size()); ++y) line.value_added(y) = va[static_cast<std::size_t>(y)];
    for (std::size_t i = 0; i < s.indicators.size(); ++i) {
      const auto values = file.numbers(group + "/indicators/" + s.indicators[i]);
      for (Eigen::Index y = 0; y < year_count && y < static_cast<Eigen::Index>(values.size()); ++y) {
        line.indicators(static_cast<Eigen::Index>(i), y) = values[static_cast<std::size_t>(y)];
      }
    }
    s.chains.push_back(std::move(line));
  }
  return s;
}

}  // namespace regsim
