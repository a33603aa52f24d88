#include "ensemble/ensemble_file.hpp"

#include <numeric>

#include "output/layout_writer.hpp"

namespace regsim {

namespace {


std::vector<std::int64_t> counting(std::int64_t n) {
  std::vector<std::int64_t> v(to_size(n));
  std::iota(v.begin(), v.end(), std::int64_t{0});
  return v;
}

void write_ensemble(LayoutWriter& w, const IoTable& table, const EnsembleResult& e) {
  namespace l = layout;
  w.file().group("ensemble");
  w.attribute(l::ensemble_attributes, "draws", e.draws);
  w.attribute(l::ensemble_attributes, "seed", narrow<std::int64_t>(e.seed));
  w.attribute(l::ensemble_attributes, "sampling", std::string(name_in(sampling_names, e.sampling)));
  w.attribute(l::ensemble_attributes, "sensitivity", std::string(name_in(sensitivity_names, e.sensitivity)));
  w.attribute(l::ensemble_attributes, "runs", e.runs);
  const std::vector<std::int64_t> draws = counting(e.draws);
  const std::vector<std::int64_t> targets = counting(std::ssize(e.targets));
  const std::vector<std::int64_t> years(e.years.begin(), e.years.end());
  w.coordinate(l::ensemble_draw, std::span<const std::int64_t>(draws));
  w.coordinate(l::ensemble_parameter, std::span<const std::string>(e.parameters));
  w.coordinate(l::ensemble_target, std::span<const std::int64_t>(targets));
  w.texts(l::ensemble_parameter_text, "action", e.actions);
  w.texts(l::ensemble_parameter_text, "distribution", e.distributions);
  w.variable(l::ensemble_samples, "samples", values_of(e.samples), {{"long_name", "drawn shift (days), factor or value"}});
  std::vector<std::string> indicator, kind;
  std::vector<std::int64_t> year;
  std::vector<double> value, central, p_met, se, median, p5, p95;
  for (const TargetOdds& t : e.targets) {
    indicator.push_back(t.spec.indicator);
    kind.emplace_back(t.spec.kind == TargetKind::growth ? "growth" : "level");
    year.push_back(t.spec.year);
    value.push_back(t.spec.value);
    central.push_back(t.central);
    p_met.push_back(t.p_met);
    se.push_back(t.p_met_se);
    median.push_back(t.median);
    p5.push_back(t.p5);
    p95.push_back(t.p95);
  }
  w.texts(l::ensemble_target_text, "target_indicator", indicator);
  w.texts(l::ensemble_target_text, "target_kind", kind);
  w.variable(l::ensemble_target_year, "target_year", std::span<const std::int64_t>(year));
  w.variable(l::ensemble_target_value, "target_value", std::span<const double>(value));
  w.variable(l::ensemble_target_value, "central", std::span<const double>(central));
  w.variable(l::ensemble_reached, "reached", values_of(e.reached));
  w.variable(l::ensemble_met, "met", std::span<const std::int64_t>(e.met.data(), to_size(e.met.size())));
  w.variable(l::ensemble_odds, "p_met", std::span<const double>(p_met), {{"units", "1"}});
  w.variable(l::ensemble_odds, "p_met_se", std::span<const double>(se), {{"units", "1"}});
  w.variable(l::ensemble_odds, "median", std::span<const double>(median));
  w.variable(l::ensemble_band, "p5", std::span<const double>(p5));
  w.variable(l::ensemble_band, "p95", std::span<const double>(p95));

  w.coordinate(l::ensemble_indicators_draw, std::span<const std::int64_t>(draws));
  w.coordinate(l::ensemble_indicators_year, std::span<const std::int64_t>(years), year_attributes);
  for (std::size_t i = 0; i < e.indicators.size(); ++i) {
    w.variable(l::ensemble_indicator, e.indicators[i], values_of(e.indicator_values[i]),
               {{"units", e.indicator_units[i]}});
  }
  std::vector<std::string> codes;
  for (const auto& s : table.sectors) codes.push_back(s.code);
  w.coordinate(l::ensemble_bands_quantile, std::span<const double>(e.quantiles));
  w.coordinate(l::ensemble_bands_year, std::span<const std::int64_t>(years), year_attributes);
  w.coordinate(l::ensemble_bands_sector, std::span<const std::string>(codes));
  for (const auto& [name, bands] : {std::pair{"output", &e.output_bands}, std::pair{"value_added", &e.value_added_bands}}) {
    std::vector<double> flat;
    for (const RowMajorMatrix& band : *bands) flat.insert(flat.end(), band.data(), band.data() + band.size());
    w.variable(l::ensemble_bands, name, std::span<const double>(flat), {{"units", table.units}});
  }
  w.coordinate(l::ensemble_indicator_bands_quantile, std::span<const double>(e.quantiles));
  w.coordinate(l::ensemble_indicator_bands_year, std::span<const std::int64_t>(years), year_attributes);
  for (std::size_t i = 0; i < e.indicators.size(); ++i) {
    w.variable(l::ensemble_indicator_band, e.indicators[i], values_of(e.indicator_bands[i]),
               {{"units", e.indicator_units[i]}});
  }
  w.coordinate(l::ensemble_sensitivity_parameter, std::span<const std::string>(e.parameters));
  w.coordinate(l::ensemble_sensitivity_target, std::span<const std::int64_t>(targets));
  w.variable(l::ensemble_spearman, "spearman", values_of(e.spearman), {{"units", "1"}});
  if (e.sensitivity == SensitivityMethod::sobol) {
    w.variable(l::ensemble_sobol, "first_order", values_of(e.sobol_first), {{"units", "1"}});
    w.variable(l::ensemble_sobol, "total", values_of(e.sobol_total), {{"units", "1"}});
  }
}

}  // namespace

void write_ensemble_file(const std::filesystem::path& path, const ScenarioRun& central, const EnsembleResult& ensemble) {
  refuse_to_overwrite_inputs(path, central.scenario.input_files(), "-o");
  write_run_file(path, central.scenario, central.table, central.spec, central.result, central.chains,
                 [&](LayoutWriter& w) { write_ensemble(w, central.table, ensemble); });
}

}  // namespace regsim
