#pragma once

#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/date.hpp"
#include "core/strong_id.hpp"
#include "iomodel/io_table.hpp"
#include "iomodel/leontief.hpp"
#include "model/sector_rates.hpp"
#include "scenario/scenario.hpp"

namespace regsim {

struct OwnerTag {};
/// A row of attribution: an event, a rule or a trend (SimulationSpec::owners).
using OwnerId = StrongId<OwnerTag>;
struct ComponentTag {};
/// A linear piece of change (SimulationSpec::components, and the copies rules add).
using ComponentId = StrongId<ComponentTag>;
struct IndicatorTag {};
/// An indicator of the run (SimulationSpec::indicators).
using IndicatorId = StrongId<IndicatorTag>;

/// One linear piece of exogenous change (docs/model.md, "The engine"): a fixed pattern of annual
/// final-demand rates (per unit of amplitude) in one category, and the change of imports that comes
/// with it. Its amplitude steps at dated changes; between changes it is constant. The patterns live
/// in SimulationSpec::rates (read them with SimulationSpec::demand and ::imports), so a million
/// components are three flat arrays rather than a million small allocations.
struct Component {
  OwnerId owner;  ///< the attribution row this piece counts for
  FinalDemand category = FinalDemand::household;
  std::size_t first = 0;           ///< its first entry in SimulationSpec::rates
  std::uint32_t demand_size = 0;   ///< final-demand rates per unit amplitude, from `first`
  std::uint32_t imports_size = 0;  ///< then imports rates per unit amplitude (substitution is negative)
  /// A project's output: under supply constraints (ArioEngine) its demand rates also add
  /// production capacity to the sectors they name.
  bool adds_capacity = false;
};

/// A `kind: disruption` resolved against the table (docs/dynamics.md): the damage vector d⁰ (or
/// the capacity shares lost), when it happens, how long it lasts, and how it comes back. For a
/// rebuild, the rebuild stock B⁰ (supplier × damaged industry) is computed here from the table.
struct Disruption {
  OwnerId owner;
  Date on;
  int duration_days = 0;
  std::vector<SectorId> damaged;  ///< industries with a loss, in table order
  std::vector<double> loss;       ///< per damaged industry: capital lost (table unit) or capacity share
  bool capacity = false;          ///< a capacity loss (shares), not capital
  bool rebuild = false;
  RecoveryCurve curve = RecoveryCurve::linear;
  int recovery_tau_days = 0;
  Eigen::MatrixXd rebuild_stock;  ///< n × damaged: B⁰ = κ β d⁰ (supplier shares)
  int rebuild_tau_days = 60;
  double rebuild_factor = 1.0;
};

/// A `kind: price` event resolved against the table (docs/prices.md): from `from` until the day
/// before `until`, either a sector's output price is held `change` away from the table's, or value
/// added per unit of output changes by `cost` (by component) in the sectors it names.
struct PriceLeverSpec {
  OwnerId owner;
  Date from;
  Date until;
  std::optional<SectorId> fixed;  ///< an output price set: its sector
  double change = 0.0;            ///< that price's relative change
  std::array<Eigen::VectorXd, value_added_count> cost;  ///< Δv per unit of output, by component
};

/// From `date` on, `component` runs at `amplitude`.
struct AmplitudeStep {
  Date date;
  ComponentId component;
  double amplitude = 0.0;
};

/// A demand event's log lines, kept as their facts and written out only when the log is read: two
/// lines for each of a million events were a third of building a spec, which ensemble draws and
/// seek iterations build without ever reading the log. Its start and end lines share one record.
struct DemandLogLine {
  bool total = false;  ///< an amount in total over the window, not a rate per year
  FinalDemand category = FinalDemand::household;
  double amount = 0.0;       ///< per year, or in total
  int days = 0;              ///< the window (a total)
  double local_share = 1.0;  ///< of the whole pattern; below 1 the line says so
  std::size_t first = 0;     ///< its pattern's first entry in SimulationSpec::log_rates
  std::uint32_t size = 0;
};

/// Where a log line's text is: a slice of SimulationSpec::log_text, or a DemandLogLine's start or
/// end written out by log_detail.
enum class LogForm : std::uint8_t { text, demand_starts, demand_ends };

/// A line of the run's event log: its id and kind are its owner's (read its text with log_detail).
struct LogEntry {
  Date date;
  LogForm form = LogForm::text;
  OwnerId owner;
  std::size_t offset = 0;  ///< into log_text, or the index of a DemandLogLine
  std::size_t size = 0;
};

/// A rule resolved against the run (RuleSpec): which owner it is, what it watches and acts on.
struct Rule {
  OwnerId owner;  ///< the rule's own attribution row
  ReportFrequency every = ReportFrequency::quarterly;
  IndicatorId indicator;  ///< the indicator it watches
  double threshold = 0.0;
  bool below = true;
  RuleAction action = RuleAction::scale;
  OwnerId acts_on;  ///< the event it scales, starts or stops
  double by = 1.0;
  int max_times = 1;
};

/// A linear indicator: Σ over sectors of quantities that are linear in output x, exogenous final
/// demand F (by category) and import changes r:  value = w_xᵀ x + Σ_k w_kᵀ F_k + w_rᵀ r.
struct Indicator {
  std::string name;
  std::string of;
  std::string unit;
  Eigen::VectorXd on_output;   ///< w_x (n)
  Eigen::MatrixXd on_demand;   ///< w_k (n × 5)
  Eigen::VectorXd on_imports;  ///< w_r (n)
  /// Weights on imported final demand by product and category (n × 5): `investment` counts
  /// imported equipment (docs/model.md, "Investment and imports").
  Eigen::MatrixXd on_imported_demand;
  /// Nominal indicators (docs/prices.md) add the levers' price changes: output-priced weights
  /// (w_x of output and of induced consumption, and w_k) take Δp, value-added weights take Δv of
  /// the components they count; imports keep the table's prices.
  PriceBasis basis = PriceBasis::real;
  bool output_priced = false;  ///< w_x is priced at output prices
  Eigen::VectorXd value_added_weight;  ///< mask × scale for value-added indicators (else empty)
  std::array<bool, value_added_count> value_added_parts{};  ///< which components it counts
};

/// What to simulate, resolved against the table: components with their amplitude steps, the
/// attribution owners, indicators and targets.
struct SimulationSpec {
  TimeSpec time;
  Eigen::MatrixXd base_demand;           ///< n × 5 exogenous final demand of the table (0 for endogenous households)
  /// n × 5 imported final demand of the table: its `imports` row, spread over products like the
  /// category's local demand (the table does not say which products were imported).
  Eigen::MatrixXd base_imported_demand;
  std::vector<std::string> owners;       ///< attribution rows: event ids in file order, then `trend:<category>`
  std::vector<std::string> owner_kinds;  ///< demand, project, trend
  std::vector<Component> components;
  SparseRates rates;                 ///< the components' patterns, back to back
  std::vector<AmplitudeStep> steps;  ///< in scheduling order; ties at one date keep this order
  std::vector<LogEntry> log;         ///< in the order logged (log_order gives date order)
  std::string log_text;              ///< the log's details, back to back
  std::vector<DemandLogLine> demand_log;  ///< the demand events' lines
  SparseRates log_rates;                  ///< their sector patterns, back to back
  std::vector<Indicator> indicators;
  IdVector<TargetId, TargetSpec> targets;
  std::vector<Rule> rules;  ///< in file order, which is the order they are evaluated on one date
  std::vector<bool> held;   ///< per owner: held at zero until a rule starts it
  std::vector<Disruption> disruptions;  ///< in file order (ArioEngine only)
  std::vector<PriceLeverSpec> prices;   ///< in file order

  [[nodiscard]] std::span<const SectorRate> demand(const Component& c) const {
    return {rates.data() + c.first, c.demand_size};
  }
  [[nodiscard]] std::span<const SectorRate> imports(const Component& c) const {
    return {rates.data() + c.first + c.demand_size, c.imports_size};
  }
};

/// The spec's log lines in date order, ties in the order they were logged: the log is put in order
/// only when it is read (a run file), not by every spec an ensemble or a seek builds.
[[nodiscard]] std::vector<std::size_t> log_order(const SimulationSpec& spec);

/// The text of a line of the spec's log; `table` is the one the spec was built on (sector codes).
[[nodiscard]] std::string log_detail(const SimulationSpec& spec, const IoTable& table, const LogEntry& entry);

/// Builds the run: demand events, projects and trends become components and steps; indicators
/// become weights. Throws InputError listing every unknown sector, group or quantity at the place
/// the scenario names it.
SimulationSpec simulation_spec(const Scenario& scenario, const IoTable& table, const LeontiefModel& model);

/// The dates a run reports on: the start, then the first day of each later period
/// (day, 7-day week from the start, calendar month, quarter or year) up to the end.
std::vector<Date> report_dates(const TimeSpec& time);

/// A per-sector quantity, as rates at report dates and as exact yearly amounts.
struct Quantity {
  std::string name;
  std::string unit;
  Eigen::MatrixXd series;  ///< report dates × n: annual rates in effect that day
  Eigen::MatrixXd yearly;  ///< years × n: exact amounts; the base-year row holds the table's values
};

/// The daily state of a supply-constrained run (ArioEngine; docs/dynamics.md): steps × sectors,
/// flows per day in the table's unit.
struct DynamicsTrace {
  std::vector<std::string> products;  ///< the products inventories are kept in
  Eigen::MatrixXd production;
  Eigen::MatrixXd capacity;
  Eigen::MatrixXd overproduction;
  Eigen::MatrixXd intermediate_demand;
  Eigen::MatrixXd final_demand;
  Eigen::MatrixXd rebuild_demand;
  Eigen::MatrixXd rebuild_production;
  Eigen::MatrixXd final_demand_unmet;  ///< by supplying industry
  Eigen::MatrixXd capital_to_recover;  ///< table unit (a stock, not a flow)
  Eigen::MatrixXi limiting_input;      ///< the product that bound production (index into products), or -1
};

/// A rule that fired: when, which rule, and why (a line of the run's event log).
struct RuleFiring {
  Date date;
  OwnerId owner;
  std::string detail;
};

struct TargetResult {
  TargetSpec spec;
  double simulated_level = 0.0;
  double simulated_growth = 0.0;
  double gap = 0.0;  ///< simulated − target (growth or level)
  bool met = false;  ///< simulated ≥ target (within 1e-9): targets are floors
};

/// A simulated yearly value of output, value added or final demand below zero: economically
/// impossible, so a sign that a lever takes away more than the sector has (docs/model.md, "Checks").
struct NegativeValue {
  std::string quantity;  ///< output, value_added or final_demand
  SectorId sector;
  int year = 0;
  double value = 0.0;
};

/// Price indices of a run with price levers (docs/prices.md): 1 is the table's price.
struct PriceIndices {
  Eigen::MatrixXd series;  ///< report dates × n: each sector's output price index that day
  Eigen::MatrixXd yearly;  ///< years × n: day-weighted means over the simulated days (base year 1)
  std::vector<std::string> deflator_names;  ///< gdp, cpi, ppi, fai
  Eigen::MatrixXd deflators;                ///< deflators × years
};

/// Results of one run. Yearly values are exact integrals of piecewise-constant rates: an interval
/// of d days at annual rate r in year Y contributes r · d / days_in_year(Y). Only simulated days
/// count, so a year the horizon covers in part holds a partial amount.
struct SimulationResult {
  std::vector<int> years;  ///< the base year, then every simulated calendar year
  std::vector<Date> report_dates;
  std::vector<Quantity> quantities;  ///< output, value_added, final_demand, imports, then each satellite
  /// Exogenous final demand (all categories) per sector: what the Leontief model was solved for.
  Eigen::MatrixXd exogenous_series;  ///< report dates × n, annual rates
  Eigen::MatrixXd exogenous_yearly;  ///< years × n; the base-year row is the table's
  Eigen::MatrixXd indicators;        ///< indicators × years
  /// Per indicator: years × n, each sector's term of the indicator (they sum to it): where it arises.
  std::vector<Eigen::MatrixXd> indicators_by_sector;
  /// Per indicator: (1 + owners) × years; row 0 is the baseline (no event, no trend), then one row
  /// per owner. Columns sum to the indicator exactly in the linear model.
  std::vector<Eigen::MatrixXd> attribution;
  IdVector<TargetId, TargetResult> targets;
  std::vector<RuleFiring> firings;  ///< in the order they fired
  std::vector<NegativeValue> negatives;  ///< by quantity, year, then sector
  std::size_t steps = 0;            ///< amplitude changes processed
  std::size_t solves = 0;           ///< uses of the cached factorization
  std::optional<DynamicsTrace> dynamics;  ///< supply-constrained runs only
  std::optional<PriceIndices> prices;     ///< runs with `kind: price` events only
  [[nodiscard]] const Quantity& quantity(const std::string& name) const;
};

/// Called with the fraction of the horizon simulated so far (0 to 1), at report dates.
using Progress = std::function<void(double)>;

/// What a run keeps: the series at report dates and the yearly amounts, or (for an ensemble's
/// draws, which read only years) the yearly amounts alone, with no report date.
enum class RunDetail { series, yearly };

/// Runs the model event by event: amplitude steps, rule checks and report ticks in (date, phase,
/// order) order. A rule that fires adds components (copies of the patterns of the event it acts on,
/// owned by the rule) whose amplitudes follow that event's schedule, so attribution stays exact.
/// A report solves once with the cached factorization (O(n²)) when an amplitude changed since the
/// last one, and otherwise reuses that solve (O(n)); yearly amounts solve once for all years;
/// attribution costs O(nonzeros) per component. Nothing is ever refactorized.
SimulationResult simulate(const IoTable& table, const LeontiefModel& model, const SimulationSpec& spec,
                          const Progress& progress = {});

}  // namespace regsim
