// A run's summary (what `regsim run` prints and `regsim info` reads back): from a run just
// simulated, or from its file, whose paths come from the layout (run_layout.hpp).

#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/version.hpp"
#include "hdf5/hdf5_reader.hpp"
#include "chain/chain_accounts.hpp"
#include "output/run_file.hpp"
#include "output/run_layout.hpp"

namespace regsim {

namespace {

using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

}  // namespace

RunSummary summarize_run(const Scenario& scenario, const IoTable& table, const SimulationSpec& spec,
                         const SimulationResult& result, const ChainResults& chains) {
  RunSummary s;
  s.format_version = layout::format_version;
  s.regsim_version = version;
  s.scenario_name = scenario.name;
  s.scenario_file = scenario.file.string();
  s.units = table.units;
  s.display_unit = scenario.display_unit;
  s.base_year = table.base_year;
  s.start = spec.time.start.to_string();
  s.end = spec.time.end.to_string();
  s.report = name_of(spec.time.report);
  s.households = name_of(scenario.economy.households);
  s.report_count = result.report_dates.size();
  for (const auto& sector : table.sectors) {
    s.sectors.push_back(sector.code);
    s.sector_names_zh.push_back(sector.name_zh);
  }
  s.owners = spec.owners;
  s.owner_kinds = spec.owner_kinds;
  s.log_entries = spec.log.size() + result.firings.size();
  s.years.assign(result.years.begin(), result.years.end());
  for (const auto& indicator : spec.indicators) {
    s.indicators.push_back(indicator.name);
    s.indicator_units.push_back(indicator.unit);
    s.indicator_of.push_back(indicator.of);
    const auto declared = std::find_if(scenario.indicators.begin(), scenario.indicators.end(),
                                       [&](const IndicatorSpec& d) { return d.name == indicator.name; });
    const bool labelled = declared != scenario.indicators.end();
    s.indicator_labels_en.push_back(labelled && !declared->label_en.empty() ? declared->label_en : indicator.name);
    s.indicator_labels_zh.push_back(labelled ? declared->label_zh : std::string());
  }
  s.indicator_values = result.indicators;
  s.attribution = result.attribution;
  s.sector_value_added = result.quantity("value_added").yearly;
  if (result.prices) {
    s.deflator_names = result.prices->deflator_names;
    s.deflators = result.prices->deflators;
  }
  for (std::size_t c = 0; c < chains.chains.size(); ++c) {
    const ChainAccount& account = chains.accounts[c];
    const auto va =
        std::find(account.measures.begin(), account.measures.end(), "value_added") - account.measures.begin();
    s.chains.push_back({chains.chains[c].name, chains.chains[c].label_en, chains.chains[c].label_zh,
                        account.yearly.col(va).transpose(), account.indicators, account.bottlenecks,
                        account.bottleneck_days});
  }
  for (const TargetResult& r : result.targets) {
    const bool growth = r.spec.kind == TargetKind::growth;
    s.targets.push_back({r.spec.indicator, r.spec.year, growth ? "growth" : "level", r.spec.value,
                         growth ? r.simulated_growth : r.simulated_level, r.gap, r.met});
  }
  return s;
}

namespace {

// The readers below take every path from the layout (run_layout.hpp), as the writer does.

void read_identity(const Hdf5Reader& file, const std::filesystem::path& path, RunSummary& s) {
  if (!file.exists(std::string(layout::indicators_year.group)) || !file.exists(std::string(layout::attribution_event.group))) {
    throw InputError(SourceLocation{path.string(), 0, 0}, "",
                     "is an HDF5 file but not a regsim run file (no /indicators or /attribution group)");
  }
  const std::string root(layout::root_attributes.group);
  s.format_version = file.integer_attribute(root, "format_version");
  if (s.format_version < layout::oldest_format_version || s.format_version > layout::format_version) {
    throw InputError(SourceLocation{path.string(), 0, 0}, "",
                     fmt::format("is a run file of format {}; this regsim reads formats {} to {}", s.format_version,
                                 layout::oldest_format_version, layout::format_version));
  }
  s.regsim_version = file.text_attribute(root, "regsim_version");
  s.scenario_name = file.text_attribute(root, "scenario_name");
  s.scenario_file = file.text_attribute(root, "scenario_file");
  s.created = file.text_attribute(root, "created");
  s.units = file.text_attribute(root, "units");
  if (file.has_attribute(root, "display_unit")) s.display_unit = file.text_attribute(root, "display_unit");
  s.base_year = file.integer_attribute(root, "base_year");
  s.start = file.text_attribute(root, "start");
  s.end = file.text_attribute(root, "end");
  s.report = file.text_attribute(root, "report");
  s.households = file.text_attribute(root, "households");
  s.report_count = file.shape(layout::series_time.path()).at(0);
  s.sectors = file.texts(layout::sector.path());
  s.sector_names_zh = file.texts(layout::sector_labels.path("sector_name_zh"));
  const auto owners = file.texts(layout::attribution_event.path());
  s.owners.assign(owners.begin() + 1, owners.end());  // the first is the baseline
  const auto kinds = file.texts(layout::attribution_kind.path());
  s.owner_kinds.assign(kinds.begin() + 1, kinds.end());
  s.log_entries = file.shape(layout::events_entry.path()).at(0);
  for (const double y : file.numbers(layout::indicators_year.path())) s.years.push_back(whole_part<std::int64_t>(y));
}

void read_indicators(const Hdf5Reader& file, RunSummary& s) {
  const std::string group = std::string(layout::indicator.group);
  for (const auto& name : file.members(group)) {
    if (name == layout::indicators_year.names[0]) continue;
    s.indicators.push_back(name);
    s.indicator_units.push_back(file.text_attribute(layout::indicator.path(name), "units"));
    s.indicator_of.push_back(file.text_attribute(layout::indicator.path(name), "of"));
    s.indicator_labels_en.push_back(file.text_attribute(layout::indicator.path(name), "long_name"));
    const bool zh = file.has_attribute(layout::indicator.path(name), "long_name_zh");
    s.indicator_labels_zh.push_back(zh ? file.text_attribute(layout::indicator.path(name), "long_name_zh") : "");
  }
  s.indicator_values.resize(std::ssize(s.indicators), std::ssize(s.years));
  for (Index i = 0; i < std::ssize(s.indicators); ++i) {
    const auto values = file.numbers(layout::indicator.path(at(s.indicators, i)));
    for (std::size_t y = 0; y < values.size() && y < s.years.size(); ++y) {
      s.indicator_values(i, to_index(y)) = values[y];
    }
  }
}

/// A years × columns (or rows × years) block of `values`, refused when the count is not the product.
RowMajor block_of(const std::vector<double>& values, Eigen::Index rows, Eigen::Index columns,
                  const std::filesystem::path& path, const std::string& dataset, const char* what) {
  if (values.size() != to_size(rows * columns)) {
    throw OutputError(fmt::format("{}: {} holds {} values, expected {} {} × {} {}", path.string(), dataset,
                                  values.size(), rows, what, columns, "years"));
  }
  return Eigen::Map<const RowMajor>(values.data(), rows, columns);
}

void read_attribution(const Hdf5Reader& file, const std::filesystem::path& path, RunSummary& s) {
  const auto year_count = std::ssize(s.years);
  const auto owner_rows = std::ssize(s.owners) + 1;
  for (const auto& name : s.indicators) {
    const std::string dataset = layout::attribution_indicator.path(name).substr(1);
    s.attribution.emplace_back(block_of(file.numbers(dataset), owner_rows, year_count, path, dataset, "events"));
  }
  const auto sector_count = std::ssize(s.sectors);
  const std::string dataset = layout::yearly_quantity.path("value_added").substr(1);
  const auto value_added = file.numbers(dataset);
  if (value_added.size() != to_size(year_count * sector_count)) {
    throw OutputError(fmt::format("{}: {} holds {} values, expected {} years × {} sectors", path.string(), dataset,
                                  value_added.size(), year_count, sector_count));
  }
  s.sector_value_added = Eigen::Map<const RowMajor>(value_added.data(), year_count, sector_count);
}

void read_targets(const Hdf5Reader& file, RunSummary& s) {
  const auto indicator = file.texts(layout::targets_text.path("indicator"));
  const auto year = file.numbers(layout::targets_integer.path("year"));
  const auto kind = file.texts(layout::targets_text.path("kind"));
  const auto target_growth = file.numbers(layout::targets_growth.path("target_growth"));
  const auto target_level = file.numbers(layout::targets_level.path("target_level"));
  const auto simulated_growth = file.numbers(layout::targets_growth.path("simulated_growth"));
  const auto simulated_level = file.numbers(layout::targets_level.path("simulated_level"));
  const auto gap = file.numbers(layout::targets_gap.path("gap"));
  const auto met = file.numbers(layout::targets_integer.path("met"));
  for (std::size_t t = 0; t < indicator.size(); ++t) {
    const bool growth = kind[t] == "growth";
    s.targets.push_back({indicator[t], whole_part<std::int64_t>(year[t]), kind[t],
                         growth ? target_growth[t] : target_level[t], growth ? simulated_growth[t] : simulated_level[t],
                         gap[t], met[t] != 0.0});
  }
}

void read_chains(const Hdf5Reader& file, const std::filesystem::path& path, RunSummary& s) {
  const auto year_count = std::ssize(s.years);
  const auto chain_names = file.texts(layout::chains_chain.path().substr(1));
  const auto labels_en = file.texts(layout::chains_text.path("label_en").substr(1));
  const auto labels_zh = file.texts(layout::chains_text.path("label_zh").substr(1));
  if (chain_names.empty()) return;
  const auto chain_count = std::ssize(chain_names);
  const auto chains_by_years = [&](const std::string& dataset) {
    return block_of(file.numbers(dataset), chain_count, year_count, path, dataset, "chains");
  };
  const RowMajor value_added = chains_by_years(layout::chain_yearly.path("value_added").substr(1));
  std::vector<RowMajor> indicators;
  for (const std::string& indicator : s.indicators) {
    indicators.push_back(chains_by_years(layout::chain_indicator.path(indicator).substr(1)));
  }
  std::vector<std::string> products;
  std::vector<double> member_days;
  if (const std::string days = layout::chain_bottleneck_days.path("member_days").substr(1); file.exists(days)) {
    products = file.texts(layout::chain_bottleneck_product.path().substr(1));
    member_days = file.numbers(days);
    if (member_days.size() != chain_names.size() * products.size()) {
      throw OutputError(fmt::format("{}: {} holds {} values, expected {} chains × {} products", path.string(), days,
                                    member_days.size(), chain_names.size(), products.size()));
    }
  }
  for (Index c = 0; c < std::ssize(chain_names); ++c) {
    RunSummary::ChainLine line{at(chain_names, c),
                               at(labels_en, c),
                               at(labels_zh, c),
                               value_added.row(c),
                               Eigen::MatrixXd::Zero(std::ssize(s.indicators), year_count),
                               {},
                               {}};
    for (Index i = 0; i < std::ssize(s.indicators); ++i) line.indicators.row(i) = at(indicators, i).row(c);
    std::vector<std::int64_t> days;
    for (Index p = 0; p < std::ssize(products); ++p)
      days.push_back(whole_part<std::int64_t>(at(member_days, c * std::ssize(products) + p)));
    for (const std::size_t p : bottleneck_order(days)) {
      line.bottlenecks.push_back(products[p]);
      line.bottleneck_days.push_back(days[p]);
    }
    s.chains.push_back(std::move(line));
  }
}

}  // namespace

void read_deflators(const Hdf5Reader& file, const std::filesystem::path& path, RunSummary& s) {
  if (!file.exists(std::string(layout::prices_deflator.group))) return;
  s.deflator_names = file.texts(layout::prices_deflator.path());
  const std::string dataset = layout::prices_deflators.path().substr(1);
  s.deflators = block_of(file.numbers(dataset), std::ssize(s.deflator_names), std::ssize(s.years), path, dataset,
                         "deflators");
}

RunSummary read_run_summary(const std::filesystem::path& path) {
  const Hdf5Reader file(path);
  RunSummary s;
  read_identity(file, path, s);
  read_indicators(file, s);
  read_attribution(file, path, s);
  read_targets(file, s);
  read_chains(file, path, s);
  read_deflators(file, path, s);
  return s;
}

}  // namespace regsim
