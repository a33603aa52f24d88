#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "core/strong_id.hpp"
#include "iomodel/table_spec.hpp"

namespace regsim {

/// The largest magnitude of money a scenario may name, in the table's unit: far above any economy,
/// far enough below the largest double that sums of them stay finite (docs/scenario-reference.md).
inline constexpr double money_limit = 1e15;

/// How often the simulation reports its state.
enum class ReportFrequency { daily, weekly, monthly, quarterly, yearly };
/// The names scenarios and run files use, in enum order.
inline constexpr std::array<std::string_view, 5> report_frequency_names{"daily", "weekly", "monthly", "quarterly",
                                                                        "yearly"};
constexpr std::string_view name_of(ReportFrequency frequency) {
  return name_in(report_frequency_names, frequency);
}

/// The simulated horizon: `time: {start, end, report}`; `end` is inclusive.
struct TimeSpec {
  Date start;
  Date end;
  ReportFrequency report = ReportFrequency::monthly;
};

/// A sector named in the scenario with a number attached (a share, or a growth rate), and where it
/// was written: names are resolved against the table's sectors when the run is built, and errors
/// point here.
struct SectorShare {
  std::string code;
  double share = 1.0;
  SourceLocation where;
};

/// `kind: demand`: final demand of one category changes by `amount` (an annual rate in the
/// table's unit; negative is a cut), or by `total` spent evenly over the window, split over sectors
/// by share, from `from` through `to`. Of gfcf demand the table's import share is bought outside
/// the region unless `local_share` says otherwise (docs/model.md, "Investment and imports").
struct DemandEventSpec {
  FinalDemand category = FinalDemand::household;
  std::vector<SectorShare> sectors;
  MoneyRate amount;  ///< per year; negative is a cut (when `total` is not given)
  std::optional<Money> total;  ///< spent over the window, instead of `amount`
  Date from;
  Date to;  ///< inclusive; time.end when not given
  std::optional<double> local_share;  ///< 0 to 1: the share bought from local industries
};

enum class BuildProfile { uniform, s_curve };
enum class Market { outside, local };

/// `kind: project`: `capex` spent as gross fixed capital formation over the build window, split by
/// `mix`; then `output` (an annual rate) on line in `sector` from `online`, ramping up linearly
/// over `ramp_days` (docs/model.md, "Projects"). Of the capex, the table's gfcf import share is
/// bought outside the region unless `local_share` says otherwise.
struct ProjectEventSpec {
  SectorShare sector;
  Money capex;  ///< total spending over the build window (0: no build phase)
  std::optional<double> local_share;  ///< 0 to 1: the share of capex bought from local industries
  Date build_from;
  Date build_to;  ///< inclusive
  BuildProfile profile = BuildProfile::uniform;
  std::vector<SectorShare> mix;
  MoneyRate output;  ///< annual output at full capacity (0: no operating phase)
  Date online;
  int ramp_days = 0;
  Market market = Market::outside;
};

/// How capital destroyed by a disruption comes back (docs/dynamics.md, "Recovery").
enum class RecoveryCurve { linear, concave, convex };
inline constexpr std::array<std::string_view, 3> recovery_curve_names{"linear", "concave", "convex"};

/// How `capital_lost: {amount, sectors, by}` splits an amount over the industries it names.
enum class LossSplit { output, value_added, equal };
inline constexpr std::array<std::string_view, 3> loss_split_names{"output", "value_added", "equal"};

/// What a disruption destroys (ARIO's damage vector, docs/dynamics.md, "Disruptions"): one of
/// amounts per industry, an amount split over industries, or a share of their productive capital;
/// or, with `capacity`, a share of their production capacity itself.
struct LossSpec {
  enum class Form { per_industry, split, capital_share, capacity_share };
  Form form = Form::per_industry;
  std::vector<SectorShare> amounts;  ///< per_industry: `share` holds the amount, in the table's unit
  Money amount;                      ///< split
  LossSplit by = LossSplit::output;  ///< split
  double share = 0.0;                ///< capital_share, capacity_share: 0 to 1
  std::vector<SectorShare> sectors;  ///< split and the shares: codes, `group:`, `region:` terms
  SourceLocation where;
};

/// `kind: disruption` (ARIO runs only): on `on` the loss happens; it lasts `duration_days`, then the
/// capital is rebuilt (by demand addressed to `rebuild.sectors`) or recovers along a curve.
struct DisruptionEventSpec {
  Date on;
  LossSpec loss;
  int duration_days = 0;
  bool rebuild = false;
  RecoveryCurve curve = RecoveryCurve::linear;  ///< recovery only
  int recovery_tau_days = 0;                    ///< recovery only; 0 (capacity losses): back at once
  std::vector<SectorShare> rebuild_sectors;     ///< products or industry codes; shares sum to 1
  int rebuild_tau_days = 60;
  double rebuild_factor = 1.0;
};

/// What a `kind: price` event changes (docs/prices.md).
enum class PriceLever { output_price, value_added, carbon };

/// `kind: price`: from `from` through `to`, a sector's output price is set `change` away from the
/// table's (the cost-push price model then prices every other sector), or a value-added component
/// per unit of output changes by `change` in `sectors`, or a price per unit of a satellite account
/// (`per: co2`) is charged in `sectors` as a production tax. Quantities do not change.
struct PriceEventSpec {
  PriceLever lever = PriceLever::output_price;
  SectorShare sector;                        ///< output_price: the sector whose price is set
  ValueAdded component = ValueAdded::compensation;  ///< value_added
  std::string satellite;                     ///< carbon: the satellite charged (`per`)
  SourceLocation satellite_where;
  std::vector<SectorShare> sectors;          ///< value_added, carbon: codes or terms; empty: every sector
  double change = 0.0;                       ///< output_price, value_added: −0.12 is −12 %
  double price = 0.0;                        ///< carbon: table money per unit of the satellite
  Date from;
  Date to;  ///< inclusive; time.end when not given
};

enum class RuleAction { scale, start, stop };

/// `kind: rule`: a lever that reacts (docs/whatif.md, "Rules"). On its schedule (the first day of
/// each month, quarter or year after the start) it compares the indicator's year-to-date amount with
/// the same period of the year before; when the growth is below (or above) the threshold it scales,
/// starts or stops another event, at most `max_times` times. An event a rule starts is held until then.
struct RuleSpec {
  ReportFrequency every = ReportFrequency::quarterly;  ///< monthly, quarterly or yearly
  std::string indicator;
  SourceLocation indicator_where;
  double threshold = 0.0;
  bool below = true;  ///< ytd_growth_below (true) or ytd_growth_above
  RuleAction action = RuleAction::scale;
  std::string event;  ///< the event acted on
  SourceLocation event_where;
  double by = 1.0;    ///< scale factor (scale only)
  int max_times = 1;
};

/// One dated policy lever. `id` is unique in the scenario.
struct EventSpec {
  std::string id;
  SourceLocation where;
  std::variant<DemandEventSpec, ProjectEventSpec, RuleSpec, DisruptionEventSpec, PriceEventSpec> detail;
};

/// `trends.<category>`: baseline annual real growth of one final-demand category, with optional
/// per-sector rates (`{default: g, sectors: {code: g}}`).
struct TrendSpec {
  FinalDemand category = FinalDemand::household;
  double rate = 0.0;
  std::vector<SectorShare> sectors;  ///< share holds the sector's own rate
  SourceLocation where;
};

/// Real indicators are in the table's (base-year) prices; nominal ones in each year's prices.
enum class PriceBasis { real, nominal };

/// `indicators.<name>`: Σ over sectors of a quantity, times `scale`.
struct IndicatorSpec {
  std::string name;
  std::string of;  ///< output, value_added[.component], final_demand[.category], imports, or a satellite
  SourceLocation of_where;
  /// Sector codes or `group:<name>` terms; empty means every sector.
  std::vector<SectorShare> sectors;
  double scale = 1.0;
  SourceLocation where;
  PriceBasis basis = PriceBasis::real;
  std::string label_en{};  ///< `label: {en, zh}`; empty: the name is shown
  std::string label_zh{};
};

enum class TargetKind { growth, level };

/// `targets[i]`: the indicator's growth over the previous year, or its level, in `year`.
struct TargetSpec {
  std::string indicator;
  int year = 0;
  TargetKind kind = TargetKind::growth;
  double value = 0.0;
  SourceLocation where;
};

/// `chains.<name>.derive`: members found by walking the flow graph from the core (docs/chains.md).
struct ChainDerivation {
  int upstream_depth = 1;    ///< supplier steps walked from the core
  int downstream_depth = 0;  ///< buyer steps walked from the core
  double threshold = 0.02;   ///< only links with a_ij ≥ threshold are walked
};

/// `chains.<name>`: an industry chain, declared (core, upstream, downstream) or derived.
/// Terms are sector codes or `group:<name>`, resolved against the table when the run is built.
struct ChainSpec {
  std::string name;
  std::string label_en;
  std::string label_zh{};
  std::vector<SectorShare> core;
  std::vector<SectorShare> upstream;
  std::vector<SectorShare> downstream;
  std::optional<ChainDerivation> derive;
  SourceLocation where;
};

enum class DynamicsModel { leontief, ario };
inline constexpr std::array<std::string_view, 2> dynamics_model_names{"leontief", "ario"};
enum class OrderModule { alt, classic };
inline constexpr std::array<std::string_view, 2> order_module_names{"alt", "classic"};
enum class UnmetDemand { lost, imported };
inline constexpr std::array<std::string_view, 2> unmet_demand_names{"lost", "imported"};
/// `boario` reproduces BoARIO's behaviour exactly; `corrected` fixes the two defects that are not
/// modelling choices (docs/dynamics.md, "Quirks").
enum class Quirks { boario, corrected };
inline constexpr std::array<std::string_view, 2> quirks_names{"boario", "corrected"};

/// `dynamics:` which engine runs the scenario, and the ARIO parameters (docs/dynamics.md). The
/// defaults are BoARIO's.
struct DynamicsSpec {
  DynamicsModel model = DynamicsModel::leontief;
  int step_days = 1;
  double days_per_year = 365.0;
  double inventory_days = 90.0;                 ///< for every product without its own
  std::vector<SectorShare> product_days;        ///< `share` holds the product's days
  std::vector<SectorShare> infinite_inventory;  ///< products never short
  int restoration_days = 60;
  double psi = 0.8;
  double overproduction_max = 1.25;
  int overproduction_tau_days = 365;
  double capital_to_value_added = 4.0;
  OrderModule orders = OrderModule::alt;
  UnmetDemand unmet_demand = UnmetDemand::lost;
  Quirks quirks = Quirks::boario;
  bool attribution = true;  ///< `attribution: reruns` (n + 2 runs) or `none` (one run)
  SourceLocation where;
};

/// `graph:`: how the flow graph is drawn from the coefficients (docs/chains.md).
struct GraphSpec {
  double threshold = 0.01;  ///< an edge i→j where a_ij ≥ threshold
};

/// `seek.instruments[i]`: an event field the seek may change, with its bounds. Amount fields
/// (`amount` of a demand event, `capex` or `output` of a project) enter the model linearly; date
/// fields (`from` of a demand event, `online` of a project) are bracketed.
struct InstrumentSpec {
  std::string event;
  std::string field;  ///< amount, capex, output, from or online
  double min = 0.0;
  double max = 0.0;
  Date earliest;
  Date latest;
  SourceLocation where;
  [[nodiscard]] bool is_date() const { return field == "from" || field == "online"; }
};

/// `seek:`: targets to meet exactly and the instruments that may move (docs/whatif.md, "Seeking").
struct SeekSpec {
  IdVector<TargetId, TargetSpec> targets;
  std::vector<InstrumentSpec> instruments;
  SourceLocation where;
};

/// The distributions an uncertain parameter is drawn from (docs/ensembles.md, "Distributions").
enum class DistributionKind { uniform, triangular, normal, lognormal, discrete };
inline constexpr std::array<std::string_view, 5> distribution_names{"uniform", "triangular", "normal", "lognormal",
                                                                    "discrete"};

/// One distribution with its parameters, as written: uniform [low, high]; triangular [low, mode,
/// high]; normal {mean, sd} truncated to [low, high] (infinite when not given); lognormal {median,
/// sigma}; discrete {values, weights} (weights normalized to sum to 1). Shifts are in days.
struct DistributionSpec {
  DistributionKind kind = DistributionKind::uniform;
  double low = 0.0;
  double mode = 0.0;
  double high = 0.0;
  double mean = 0.0;    ///< normal: mean; lognormal: median
  double spread = 0.0;  ///< normal: sd; lognormal: sigma (of the logarithm)
  std::vector<double> values;   ///< discrete
  std::vector<double> weights;  ///< discrete, summing to 1
};

/// How a drawn number changes the field: moves a date by that many days, multiplies a number, or
/// replaces it.
enum class ParameterAction { shift, scale, value };
inline constexpr std::array<std::string_view, 3> parameter_action_names{"shift", "scale", "value"};

/// `uncertainty.parameters[i]`: a `--set` key path (with `*` patterns) and how it is drawn. The
/// reader resolves the pattern into `fields`, concrete paths in scenario order (an event field
/// `events.<id>.<field>`, a trend `trends.<category>` or `trends.<category>.sectors.<code>`); each
/// is an independent parameter of the ensemble unless `uncertainty.correlate` ties it to others.
struct UncertainParameter {
  std::string path;
  ParameterAction action = ParameterAction::scale;
  DistributionSpec distribution;
  std::string kind;  ///< `where: {kind: …}`: only events of this kind (empty: any)
  bool clip = false;  ///< a draw beyond the field's valid range is held at its edge instead of refused
  std::vector<std::string> fields;
  SourceLocation where;
};

/// `uncertainty.correlate[i]`: the parameters whose fields match any of `paths` are correlated
/// pairwise with rank correlation `rho` (Iman-Conover, docs/ensembles.md).
struct ParameterCorrelation {
  std::vector<std::string> paths;
  double rho = 0.0;
  SourceLocation where;
};

enum class Sampling { latin_hypercube, random };
inline constexpr std::array<std::string_view, 2> sampling_names{"latin-hypercube", "random"};
/// `rank`: Spearman correlations of each parameter with each target; `sobol` adds first-order and
/// total Sobol indices from Saltelli's design (N (P + 2) runs for N draws and P parameters).
enum class SensitivityMethod { rank, sobol };
inline constexpr std::array<std::string_view, 2> sensitivity_names{"rank", "sobol"};

/// `uncertainty:` what `regsim ensemble` draws (docs/ensembles.md); `regsim run` ignores it.
struct UncertaintySpec {
  std::int64_t draws = 1000;
  std::uint64_t seed = 0;
  Sampling sampling = Sampling::latin_hypercube;
  SensitivityMethod sensitivity = SensitivityMethod::rank;
  std::vector<UncertainParameter> parameters;
  std::vector<ParameterCorrelation> correlate;
  SourceLocation where;
  /// What is legal but draws or correlates nothing (a pattern matching no field, as in a scenario
  /// that extends this one and removes events): printed by `regsim ensemble` only.
  std::vector<Diagnostic> warnings;
};

/// A validated scenario: every key checked, every path resolved (docs/scenario-reference.md).
struct Scenario {
  std::filesystem::path file;
  std::string name;
  TimeSpec time;
  TableSpec economy;
  std::vector<TrendSpec> trends;
  std::vector<IndicatorSpec> indicators;  ///< in file order; `gdp` (value added) when none is declared
  IdVector<TargetId, TargetSpec> targets;
  std::vector<EventSpec> events;          ///< in file order, after `extends` merging
  std::vector<ChainSpec> chains;          ///< in file order
  GraphSpec graph;
  DynamicsSpec dynamics;
  std::optional<SeekSpec> seek;           ///< read by `regsim seek`, ignored by `regsim run`
  std::optional<UncertaintySpec> uncertainty;  ///< read by `regsim ensemble`, ignored by `regsim run`
  /// `display_unit:` the unit results are shown in (亿元, "10k CNY", auto); empty: auto. `--unit` overrides it.
  std::string display_unit;
  SourceLocation display_unit_where;
  /// The scenario's YAML as simulated: the file's own text, or (after `extends` or `--set`) the
  /// resolved document. Stored in every run file.
  std::string text;
  std::vector<std::filesystem::path> extends;  ///< the files inherited from, nearest first
  /// What is legal but probably not meant (a plant on line before it is built), located like errors.
  std::vector<Diagnostic> warnings;

  /// Every file the scenario reads: itself, what it extends, the table's files.
  [[nodiscard]] std::vector<std::filesystem::path> input_files() const {
    std::vector<std::filesystem::path> files{file};
    files.insert(files.end(), extends.begin(), extends.end());
    for (const auto& path : {economy.table, economy.sectors, economy.satellites, economy.final_imports}) {
      if (!path.empty()) files.push_back(path);
    }
    return files;
  }
};

/// The kind an event was written with: demand, project, rule, disruption or price.
std::string_view event_kind(const EventSpec& event);

/// The scenario format version this regsim reads.
inline constexpr int scenario_format_version = 1;

/// Reads and validates a scenario file, following `extends` and then applying `overrides`
/// (`key.path=value`, as given to `regsim run --set`). Throws InputError listing every problem
/// found, each as `file:line:col: key.path: expected …, found …`.
Scenario load_scenario(const std::filesystem::path& file, const std::vector<std::string>& overrides = {});

/// A scenario document that `extends` `base` (a path relative to the written file's folder) and applies
/// `overrides` (`key.path=value`): changed events are written whole, since `extends` replaces events
/// by id. `header` becomes a comment at the top. Used by `regsim seek --write-scenario`.
std::string extension_document(const std::filesystem::path& base, const std::filesystem::path& written_to,
                               const std::string& name, const std::vector<std::string>& overrides,
                               const std::string& header);

/// Parses scenario text as if read from `file` (paths resolve against file's folder).
Scenario parse_scenario(const std::string& text, const std::filesystem::path& file);

}  // namespace regsim
