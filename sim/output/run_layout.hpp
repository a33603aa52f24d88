#pragma once

// The run-file layout, declared once (format version 1): the writer and the reader take their
// paths and dimensions from here, docs/hdf5-layout.md's table is this list rendered
// (tests/output/run_layout_test.cpp), and a Python test checks every run file against it.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace regsim::layout {

/// The run-file format this regsim writes; it reads this one and every one since
/// `oldest_format_version`. Format 2: text attributes of fixed length (in the checksummed object
/// headers, not the global heap) and datasets in chunks with Fletcher-32 checksums.
inline constexpr std::int64_t format_version = 2;
inline constexpr std::int64_t oldest_format_version = 1;

enum class Type { text, int64, float64, attributes };

/// One row of the layout: datasets `names` of one group that share dimensions, type and meaning
/// (or, for Type::attributes, the group's attributes). A name in angle brackets (`<q>`,
/// `<indicator>`) stands for a family of datasets.
struct Entry {
  std::string_view group;                 ///< "" is the root
  std::array<std::string_view, 3> names;  ///< unused slots are empty
  std::string_view dims;                  ///< outermost first, "time × sector"; empty for attributes
  Type type = Type::float64;
  std::string_view meaning;

  /// The path of the first name (or of the group), `/series/time`.
  [[nodiscard]] std::string path(std::string_view name = {}) const;
  /// The dimension names, outermost first.
  [[nodiscard]] std::vector<std::string> dimensions() const;
};

// Root.
inline constexpr Entry root_attributes{
    "",
    {},
    "",
    Type::attributes,
    "`format_version` (2; format 1, whose text attributes were variable-length, is still read), `regsim_version`, `scenario_name`, `scenario_file` (as given), `scenario_yaml` (the "
    "scenario as simulated: the file's text, or the resolved document after `extends`/`--set`), `units` (money), "
    "`currency` and `unit_scale` (the units as meaning, `CNY` and 10000 for `10k CNY`; absent when `units` is not "
    "money), `display_unit` (the scenario's, or `auto`), "
    "`base_year`, `start`, `end`, `report` (frequency), `households` (`exogenous`/`endogenous`), `created` (UTC, ISO "
    "8601)"};
inline constexpr Entry sector{"", {"sector"}, "sector", Type::text, "sector codes, in the table's order"};
inline constexpr Entry sector_labels{"",
                                     {"sector_name", "sector_name_zh", "sector_groups"},
                                     "sector",
                                     Type::text,
                                     "names and `;`-separated groups from the sectors file"};
inline constexpr Entry sector_regions{"",
                                      {"sector_region", "sector_product"},
                                      "sector",
                                      Type::text,
                                      "MRIO tables only: each industry's region and product"};
// Per-sector quantities.
inline constexpr Entry series_time{"series",
                                   {"time"},
                                   "time",
                                   Type::int64,
                                   "report dates, `units = \"days since <start>\"`, decoded to dates by xarray"};
inline constexpr Entry series_sector{"series",
                                     {"sector"},
                                     "sector",
                                     Type::text,
                                     "sector codes (each group carries its own copy of the coordinates it uses)"};
inline constexpr Entry series_quantity{"series",
                                       {"<q>"},
                                       "time × sector",
                                       Type::float64,
                                       "annual rate on each report date, `units = \"<unit> per year\"`"};
inline constexpr Entry yearly_year{
    "yearly", {"year"}, "year", Type::int64, "the base year, then every simulated calendar year"};
inline constexpr Entry yearly_sector{"yearly", {"sector"}, "sector", Type::text, "sector codes"};
inline constexpr Entry yearly_quantity{"yearly",
                                       {"<q>"},
                                       "year × sector",
                                       Type::float64,
                                       "exact amount in each year; the base-year row holds the table's values"};
// Indicators and targets.
inline constexpr Entry indicators_year{"indicators", {"year"}, "year", Type::int64, "as above"};
inline constexpr Entry indicator{
    "indicators", {"<indicator>"}, "year", Type::float64, "each indicator; attributes `units`, `of`, `long_name` (its label), `long_name_zh` (when labelled in Chinese)"};
inline constexpr Entry targets_target{"targets", {"target"}, "target", Type::int64, "targets in scenario order"};
inline constexpr Entry targets_text{
    "targets", {"indicator", "kind"}, "target", Type::text, "indicator name; `growth` or `level`"};
inline constexpr Entry targets_integer{
    "targets", {"year", "met"}, "target", Type::int64, "target year; 1 if met, else 0"};
inline constexpr Entry targets_growth{"targets",
                                      {"target_growth", "simulated_growth"},
                                      "target",
                                      Type::float64,
                                      "growth over the year before (target: NaN for level targets)"};
inline constexpr Entry targets_level{"targets",
                                     {"target_level", "simulated_level"},
                                     "target",
                                     Type::float64,
                                     "the indicator's value (target: NaN for growth targets)"};
inline constexpr Entry targets_gap{
    "targets", {"gap"}, "target", Type::float64, "simulated − target, in the target's kind"};
// Attribution.
inline constexpr Entry attribution_event{
    "attribution",
    {"event"},
    "event",
    Type::text,
    "`baseline`, then event ids (rules included) in scenario order, then `trend:<category>` (ARIO runs: then "
    "`interaction`)"};
inline constexpr Entry attribution_year{"attribution", {"year"}, "year", Type::int64, "as above"};
inline constexpr Entry attribution_kind{
    "attribution",
    {"kind"},
    "event",
    Type::text,
    "`baseline`, `demand`, `project`, `rule`, `trend`, `disruption`, `interaction`; a rule's row is what its "
    "firings changed ([whatif.md](whatif.md#rules)); ARIO runs end with `interaction`, what the levers' separate "
    "effects leave unexplained ([dynamics.md](dynamics.md#attribution))"};
inline constexpr Entry attribution_indicator{
    "attribution",
    {"<indicator>"},
    "event × year",
    Type::float64,
    "the baseline and each event's exact contribution; summed over `event` they give `/indicators/<indicator>`"};
// The event log.
inline constexpr Entry events_entry{"events", {"entry"}, "entry", Type::int64, "log entries in date order"};
inline constexpr Entry events_date{"events", {"date"}, "entry", Type::int64, "days since `start` (decoded to dates)"};
inline constexpr Entry events_text{
    "events",
    {"id", "kind", "detail"},
    "entry",
    Type::text,
    "which lever, its kind, what happened (e.g. `build starts: capex 300 over 306 days (s-curve), gfcf on sec1 30 %, "
    "sec2 70 %`); rule firings are entries of kind `rule`, after the scheduled entries of their date"};
// What the run found wrong with its own results.
inline constexpr Entry checks_finding{
    "checks", {"finding"}, "finding", Type::int64,
    "each negative yearly value of output, value added or final demand (empty when there is none)"};
inline constexpr Entry checks_text{
    "checks", {"quantity", "sector"}, "finding", Type::text, "which quantity (`output`, `value_added`, `final_demand`), which sector"};
inline constexpr Entry checks_year{"checks", {"year"}, "finding", Type::int64, "the calendar year"};
inline constexpr Entry checks_value{"checks", {"value"}, "finding", Type::float64, "the negative value, table units"};
// Prices (runs with `kind: price` events).
inline constexpr Entry prices_time{"prices", {"time"}, "time", Type::int64, "price-lever runs only: as in `/series`"};
inline constexpr Entry prices_year{"prices", {"year"}, "year", Type::int64, "price-lever runs only: as in `/yearly`"};
inline constexpr Entry prices_sector{"prices", {"sector"}, "sector", Type::text, "price-lever runs only: sector codes"};
inline constexpr Entry prices_deflator{
    "prices", {"deflator"}, "deflator", Type::text,
    "price-lever runs only: `gdp`, `cpi` (household basket), `ppi` (all local output), `fai` (investment)"};
inline constexpr Entry prices_series{"prices", {"price_index"}, "time × sector", Type::float64,
                                     "price-lever runs only: each sector's output price index on the report date (1 = the table's)"};
inline constexpr Entry prices_yearly{"prices", {"yearly_price_index"}, "year × sector", Type::float64,
                                     "price-lever runs only: its mean over the year's simulated days"};
inline constexpr Entry prices_deflators{"prices", {"deflators"}, "deflator × year", Type::float64,
                                        "price-lever runs only: the deflators by year (base year 1)"};
// Industry chains.
inline constexpr Entry chains_chain{
    "chains", {"chain"}, "chain", Type::text, "the scenario's chains, in file order (empty when it declares none)"};
inline constexpr Entry chains_text{
    "chains", {"label_en", "label_zh", "kind"}, "chain", Type::text, "labels; `declared` or `derived`"};
inline constexpr Entry chains_sector{"chains", {"sector"}, "sector", Type::text, "sector codes"};
inline constexpr Entry chains_role{
    "chains", {"role"}, "chain × sector", Type::int64,
    "each sector's part in each chain: 0 not a member, 1 `core`, 2 `upstream`, 3 `downstream` (`flag_meanings`)"};
inline constexpr Entry chain_series_chain{"chains/series", {"chain"}, "chain", Type::text, "as in `/chains`"};
inline constexpr Entry chain_series_time{"chains/series", {"time"}, "time", Type::int64, "as in `/series`"};
inline constexpr Entry chain_series{
    "chains/series", {"<m>"}, "chain × time", Type::float64, "each chain's measure: annual rate on each report date"};
inline constexpr Entry chain_yearly_chain{"chains/yearly", {"chain"}, "chain", Type::text, "as in `/chains`"};
inline constexpr Entry chain_yearly_year{"chains/yearly", {"year"}, "year", Type::int64, "as in `/yearly`"};
inline constexpr Entry chain_yearly{"chains/yearly", {"<m>"}, "chain × year", Type::float64,
                                    "each chain's measure: exact amount in each year (base year: the table)"};
inline constexpr Entry chain_indicators_chain{"chains/indicators", {"chain"}, "chain", Type::text, "as in `/chains`"};
inline constexpr Entry chain_indicators_year{"chains/indicators", {"year"}, "year", Type::int64, "as in `/yearly`"};
inline constexpr Entry chain_indicator{"chains/indicators",
                                       {"<indicator>"},
                                       "chain × year",
                                       Type::float64,
                                       "the part of each indicator arising in each chain's sectors"};
inline constexpr Entry chain_bottleneck_chain{
    "chains/bottlenecks", {"chain"}, "chain", Type::text, "ARIO runs only: as in `/chains`"};
inline constexpr Entry chain_bottleneck_product{
    "chains/bottlenecks", {"product"}, "product", Type::text, "ARIO runs only: as in `/dynamics`"};
inline constexpr Entry chain_bottleneck_days{
    "chains/bottlenecks",
    {"member_days"},
    "chain × product",
    Type::int64,
    "ARIO runs only: on how many member-days (a member sector on one day) each input product bound production"};
// The flow graph.
inline constexpr Entry graph_attributes{
    "graph", {}, "", Type::attributes, "`threshold`: the flow graph's a_ij cut-off (`graph.threshold`)"};
inline constexpr Entry graph_sector{"graph", {"sector"}, "sector", Type::text, "sector codes"};
inline constexpr Entry graph_linkage{
    "graph",
    {"backward_linkage", "forward_linkage"},
    "sector",
    Type::float64,
    "normalized Rasmussen linkages, Type I ([chains.md](chains.md#linkages-and-key-sectors))"};
inline constexpr Entry graph_class{
    "graph", {"sector_class"}, "sector", Type::text, "`key`, `backward-oriented`, `forward-oriented`, `weak`"};
inline constexpr Entry graph_edge{
    "graph", {"edge"}, "edge", Type::int64, "edges i → j with a_ij ≥ threshold, by seller then buyer"};
inline constexpr Entry graph_ends{"graph", {"from", "to"}, "edge", Type::text, "selling and buying sector"};
inline constexpr Entry graph_values{
    "graph", {"coefficient", "flow"}, "edge", Type::float64, "a_ij and z_ij (table units)"};

// The daily state of a supply-constrained run.
inline constexpr Entry dynamics_attributes{
    "dynamics",
    {},
    "",
    Type::attributes,
    "ARIO runs only: `model` (`ario`), `orders`, `unmet_demand`, `quirks`, `days_per_year`, `psi`, "
    "`restoration_days`, `overproduction_max`, `overproduction_tau_days`, `capital_to_value_added`"};
inline constexpr Entry dynamics_step{"dynamics",
                                     {"step"},
                                     "step",
                                     Type::int64,
                                     "ARIO runs only: each simulated day, `units = \"days since <start>\"`"};
inline constexpr Entry dynamics_sector{"dynamics", {"sector"}, "sector", Type::text, "ARIO runs only: sector codes"};
inline constexpr Entry dynamics_product{
    "dynamics", {"product"}, "product", Type::text, "ARIO runs only: the products inventories are kept in"};
inline constexpr Entry dynamics_variable{
    "dynamics",
    {"<v>"},
    "step × sector",
    Type::float64,
    "ARIO runs only: `production`, `capacity`, `intermediate_demand`, `final_demand`, `rebuild_demand`, "
    "`rebuild_production`, `final_demand_unmet` (by supplying industry): flows per day in table units; "
    "`overproduction` (factor, 1 = none); `capital_to_recover` (table units)"};
inline constexpr Entry dynamics_limiting{
    "dynamics",
    {"limiting_input"},
    "step × sector",
    Type::int64,
    "ARIO runs only: the input product that bound production (its position in `product`), −1 when none did"};

// An ensemble (`regsim ensemble`, docs/ensembles.md): the draws and what they say.
inline constexpr Entry ensemble_attributes{
    "ensemble", {}, "", Type::attributes,
    "ensemble runs only: `draws`, `seed`, `sampling` (`latin-hypercube`, `random`), `sensitivity` (`rank`, "
    "`sobol`), `runs` (simulations made)"};
inline constexpr Entry ensemble_draw{"ensemble", {"draw"}, "draw", Type::int64, "ensemble runs only: draws 0 to N − 1"};
inline constexpr Entry ensemble_parameter{
    "ensemble", {"parameter"}, "parameter", Type::text,
    "ensemble runs only: each drawn field, `events.<id>.<field>` or `trends.<category>…`"};
inline constexpr Entry ensemble_parameter_text{
    "ensemble", {"action", "distribution"}, "parameter", Type::text,
    "`shift` (days), `scale` (factor) or `value`; the distribution as written, e.g. `triangular(-30, 0, 180)`"};
inline constexpr Entry ensemble_samples{
    "ensemble", {"samples"}, "draw × parameter", Type::float64,
    "each draw's number: days shifted, factor or value, as the parameter's action says"};
inline constexpr Entry ensemble_target{"ensemble", {"target"}, "target", Type::int64, "targets in scenario order"};
inline constexpr Entry ensemble_target_text{
    "ensemble", {"target_indicator", "target_kind"}, "target", Type::text, "indicator; `growth` or `level`"};
inline constexpr Entry ensemble_target_year{"ensemble", {"target_year"}, "target", Type::int64, "the target's year"};
inline constexpr Entry ensemble_target_value{
    "ensemble", {"target_value", "central"}, "target", Type::float64,
    "the target; the central run's growth (or level)"};
inline constexpr Entry ensemble_reached{
    "ensemble", {"reached"}, "draw × target", Type::float64, "each draw's growth (or level) in the target year"};
inline constexpr Entry ensemble_met{"ensemble", {"met"}, "draw × target", Type::int64, "1 if the draw meets the target"};
inline constexpr Entry ensemble_odds{
    "ensemble", {"p_met", "p_met_se", "median"}, "target", Type::float64,
    "share of draws meeting each target, its Monte Carlo standard error √(p(1 − p)/N), the median growth"};
inline constexpr Entry ensemble_band{
    "ensemble", {"p5", "p95"}, "target", Type::float64, "the 5th and 95th percentiles of the growth (or level)"};
inline constexpr Entry ensemble_indicators_draw{
    "ensemble/indicators", {"draw"}, "draw", Type::int64, "ensemble runs only: as in `/ensemble`"};
inline constexpr Entry ensemble_indicators_year{
    "ensemble/indicators", {"year"}, "year", Type::int64, "as in `/indicators`"};
inline constexpr Entry ensemble_indicator{
    "ensemble/indicators", {"<indicator>"}, "draw × year", Type::float64, "each indicator in each draw; `units`"};
inline constexpr Entry ensemble_bands_quantile{
    "ensemble/bands", {"quantile"}, "quantile", Type::float64, "ensemble runs only: 0.05, 0.25, 0.5, 0.75, 0.95"};
inline constexpr Entry ensemble_bands_year{"ensemble/bands", {"year"}, "year", Type::int64, "as in `/yearly`"};
inline constexpr Entry ensemble_bands_sector{"ensemble/bands", {"sector"}, "sector", Type::text, "sector codes"};
inline constexpr Entry ensemble_bands{
    "ensemble/bands", {"output", "value_added"}, "quantile × year × sector", Type::float64,
    "percentiles over the draws of each sector's yearly amount (table units)"};
inline constexpr Entry ensemble_indicator_bands_quantile{
    "ensemble/indicator_bands", {"quantile"}, "quantile", Type::float64, "ensemble runs only: as in `/ensemble/bands`"};
inline constexpr Entry ensemble_indicator_bands_year{
    "ensemble/indicator_bands", {"year"}, "year", Type::int64, "as in `/yearly`"};
inline constexpr Entry ensemble_indicator_band{
    "ensemble/indicator_bands", {"<indicator>"}, "quantile × year", Type::float64,
    "percentiles over the draws of each indicator"};
inline constexpr Entry ensemble_sensitivity_parameter{
    "ensemble/sensitivity", {"parameter"}, "parameter", Type::text, "ensemble runs only: as in `/ensemble`"};
inline constexpr Entry ensemble_sensitivity_target{
    "ensemble/sensitivity", {"target"}, "target", Type::int64, "as in `/ensemble`"};
inline constexpr Entry ensemble_spearman{
    "ensemble/sensitivity", {"spearman"}, "parameter × target", Type::float64,
    "Spearman rank correlation of each parameter with each target's growth (NaN when either is constant)"};
inline constexpr Entry ensemble_sobol{
    "ensemble/sensitivity", {"first_order", "total"}, "parameter × target", Type::float64,
    "`sensitivity: sobol` only: first-order (Saltelli 2010) and total (Jansen 1999) Sobol indices"};

/// Every entry, in the order of docs/hdf5-layout.md's table.
inline constexpr std::array entries{&root_attributes,
                                    &sector,
                                    &sector_labels,
                                    &sector_regions,
                                    &series_time,
                                    &series_sector,
                                    &series_quantity,
                                    &yearly_year,
                                    &yearly_sector,
                                    &yearly_quantity,
                                    &indicators_year,
                                    &indicator,
                                    &targets_target,
                                    &targets_text,
                                    &targets_integer,
                                    &targets_growth,
                                    &targets_level,
                                    &targets_gap,
                                    &attribution_event,
                                    &attribution_year,
                                    &attribution_kind,
                                    &attribution_indicator,
                                    &events_entry,
                                    &events_date,
                                    &events_text,
                                    &checks_finding,
                                    &checks_text,
                                    &checks_year,
                                    &checks_value,
                                    &prices_time,
                                    &prices_year,
                                    &prices_sector,
                                    &prices_deflator,
                                    &prices_series,
                                    &prices_yearly,
                                    &prices_deflators,
                                    &chains_chain,
                                    &chains_text,
                                    &chains_sector,
                                    &chains_role,
                                    &chain_series_chain,
                                    &chain_series_time,
                                    &chain_series,
                                    &chain_yearly_chain,
                                    &chain_yearly_year,
                                    &chain_yearly,
                                    &chain_indicators_chain,
                                    &chain_indicators_year,
                                    &chain_indicator,
                                    &chain_bottleneck_chain,
                                    &chain_bottleneck_product,
                                    &chain_bottleneck_days,
                                    &graph_attributes,
                                    &graph_sector,
                                    &graph_linkage,
                                    &graph_class,
                                    &graph_edge,
                                    &graph_ends,
                                    &graph_values,
                                    &dynamics_attributes,
                                    &dynamics_step,
                                    &dynamics_sector,
                                    &dynamics_product,
                                    &dynamics_variable,
                                    &dynamics_limiting,
                                    &ensemble_attributes,
                                    &ensemble_draw,
                                    &ensemble_parameter,
                                    &ensemble_parameter_text,
                                    &ensemble_samples,
                                    &ensemble_target,
                                    &ensemble_target_text,
                                    &ensemble_target_year,
                                    &ensemble_target_value,
                                    &ensemble_reached,
                                    &ensemble_met,
                                    &ensemble_odds,
                                    &ensemble_band,
                                    &ensemble_indicators_draw,
                                    &ensemble_indicators_year,
                                    &ensemble_indicator,
                                    &ensemble_bands_quantile,
                                    &ensemble_bands_year,
                                    &ensemble_bands_sector,
                                    &ensemble_bands,
                                    &ensemble_indicator_bands_quantile,
                                    &ensemble_indicator_bands_year,
                                    &ensemble_indicator_band,
                                    &ensemble_sensitivity_parameter,
                                    &ensemble_sensitivity_target,
                                    &ensemble_spearman,
                                    &ensemble_sobol};

/// The layout as the Markdown table of docs/hdf5-layout.md (header and one row per entry).
std::string markdown_table();

}  // namespace regsim::layout
