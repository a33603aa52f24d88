#include "model/simulation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "model/calendar.hpp"
#include "model/engine.hpp"
#include "model/leontief_engine.hpp"
#include "model/prices.hpp"
#include "model/quantities.hpp"

namespace regsim {

namespace {

/// Records each report date's state into the quantities' series.
class SeriesRecorder final : public ReportSink {
 public:
  SeriesRecorder(const Quantities& quantities, SimulationResult& result, RunDetail detail)
      : quantities_(quantities), result_(result), keep_(detail == RunDetail::series) {}
  [[nodiscard]] bool wants_reports() const override { return keep_; }
  void report(std::size_t tick, const Eigen::VectorXd& output, const Eigen::VectorXd& exogenous,
              const Eigen::VectorXd& import_change) override {
    if (!keep_) return;
    const auto row = to_index(tick);
    result_.exogenous_series.row(row) = exogenous.transpose();
    quantities_.record(
        result_.quantities, [](Quantity& q) -> Eigen::MatrixXd& { return q.series; }, row, output, exogenous,
        import_change);
  }

 private:
  const Quantities& quantities_;
  SimulationResult& result_;
  const bool keep_;
};

/// The result's calendar (the base year, then every simulated year; report dates) and its
/// matrices, sized.
SimulationResult empty_result(const IoTable& table, const SimulationSpec& spec, const Quantities& quantities,
                              RunDetail detail) {
  const Eigen::Index n = table.size();
  SimulationResult result;
  result.years.push_back(table.base_year);
  for (int y = spec.time.start.year(); y <= spec.time.end.year(); ++y) result.years.push_back(y);
  if (detail == RunDetail::series) result.report_dates = report_dates(spec.time);
  const auto report_count = std::ssize(result.report_dates);
  const auto year_count = std::ssize(result.years);
  quantities.describe(result.quantities);
  for (Quantity& q : result.quantities) {
    q.series.resize(report_count, n);
    q.yearly.resize(year_count, n);
  }
  result.exogenous_series.resize(report_count, n);
  result.exogenous_yearly.resize(year_count, n);
  return result;
}

/// Yearly amounts of every quantity: the base year from the table, then what the engine integrated.
void record_years(SimulationResult& result, const Quantities& quantities, const SimulationSpec& spec,
                  const EngineRun& run) {
  quantities.record_table(result.quantities);
  result.exogenous_yearly.row(0) = spec.base_demand.rowwise().sum().transpose();
  result.exogenous_yearly.bottomRows(run.exogenous.cols()) = run.exogenous.transpose();
  for (Eigen::Index y = 0; y < run.output.cols(); ++y) {
    quantities.record(
        result.quantities, [](Quantity& q) -> Eigen::MatrixXd& { return q.yearly; }, y + 1, run.output.col(y),
        run.exogenous.col(y), run.imports.col(y));
  }
}

/// Indicators by year and by sector: the base year from the table, then each simulated year.
void evaluate_indicators(SimulationResult& result, const IoTable& table, const SimulationSpec& spec,
                         const EngineRun& run) {
  const Eigen::Index n = table.size();
  const auto year_count = std::ssize(result.years);
  const Eigen::VectorXd no_change = Eigen::VectorXd::Zero(n);
  result.indicators.resize(std::ssize(spec.indicators), year_count);
  for (Index i = 0; i < std::ssize(spec.indicators); ++i) {
    const Indicator& indicator = at(spec.indicators, i);
    Eigen::MatrixXd by_sector(year_count, n);
    by_sector.row(0) =
        indicator_terms(indicator, {table.output, spec.base_demand, no_change, spec.base_imported_demand});
    for (Eigen::Index y = 0; y < run.output.cols(); ++y) {
      const auto year = to_size(y);
      by_sector.row(y + 1) = indicator_terms(
          indicator, {run.output.col(y), run.demand[year], run.imports.col(y), run.imported_demand[year]});
    }
    result.indicators.row(i) = by_sector.rowwise().sum().transpose();
    result.indicators_by_sector.push_back(std::move(by_sector));
  }
}

/// Each target against its indicator: targets are floors, met within 1e-9 (growth) or 1e-9
/// relative (level), so a value sought to meet a target exactly does not miss it by rounding.
void evaluate_targets(SimulationResult& result, const SimulationSpec& spec) {
  for (const TargetSpec& target : spec.targets) {
    const auto i = std::find_if(spec.indicators.begin(), spec.indicators.end(),
                                [&](const Indicator& ind) { return ind.name == target.indicator; }) -
                   spec.indicators.begin();
    const Index column = target.year - spec.time.start.year() + 1;
    TargetResult t{target};
    t.simulated_level = result.indicators(i, column);
    t.simulated_growth = t.simulated_level / result.indicators(i, column - 1) - 1.0;
    const double simulated = target.kind == TargetKind::growth ? t.simulated_growth : t.simulated_level;
    t.gap = simulated - target.value;
    t.met = t.gap >= -1e-9 * (target.kind == TargetKind::growth ? 1.0 : std::max(1.0, std::abs(target.value)));
    result.targets.push_back(t);
  }
}

/// The price levers' effects (docs/prices.md): price indices and deflators by year, nominal
/// indicators (their price terms added by sector), and each price lever's attribution row.
void apply_prices(SimulationResult& result, const IoTable& table, const LeontiefModel& model,
                  const SimulationSpec& spec, const EngineRun& run) {
  const LeontiefModel type_one =
      model.households() == HouseholdMode::exogenous ? model : model.with_households(table, HouseholdMode::exogenous);
  const PriceRun prices = run_prices(type_one, spec);
  const Eigen::Index n = table.size();
  const auto years = std::ssize(result.years);
  PriceIndices indices;
  indices.series = prices.series;
  indices.yearly = Eigen::MatrixXd::Ones(years, n);
  indices.deflator_names = {"gdp", "cpi", "ppi", "fai"};
  indices.deflators = Eigen::MatrixXd::Ones(4, years);
  const Eigen::VectorXd household = table.local_final_demand.col(column_of(FinalDemand::household));
  const Eigen::VectorXd gfcf = table.local_final_demand.col(column_of(FinalDemand::gfcf));
  const double imported_household = table.imported_final_demand(column_of(FinalDemand::household));
  const double imported_gfcf = table.imported_final_demand(column_of(FinalDemand::gfcf));
  const Eigen::ArrayXd value_added_ratio = table.total_value_added().transpose().array() / table.output.array();
  const auto basket = [](const Eigen::VectorXd& weights, double imported, const Eigen::VectorXd& change) {
    const double total = weights.sum() + imported;
    return total > 0.0 ? 1.0 + weights.dot(change) / total : 1.0;
  };
  for (Eigen::Index y = 0; y + 1 < years; ++y) {
    const PriceChange& change = at(prices.total, y);
    indices.yearly.row(y + 1) += change.price.transpose();
    const auto output = run.output.col(y);
    Eigen::ArrayXd margin = Eigen::ArrayXd::Zero(n);
    for (const auto& part : change.value_added) margin += part.array();
    const double real_gdp = (value_added_ratio * output.array()).sum();
    indices.deflators(0, y + 1) = real_gdp != 0.0 ? 1.0 + (margin * output.array()).sum() / real_gdp : 1.0;
    indices.deflators(1, y + 1) = basket(household, imported_household, change.price);
    indices.deflators(2, y + 1) = basket(table.output, 0.0, change.price);
    indices.deflators(3, y + 1) = basket(gfcf, imported_gfcf, change.price);
  }
  for (Index i = 0; i < std::ssize(spec.indicators); ++i) {
    const Indicator& indicator = at(spec.indicators, i);
    if (indicator.basis != PriceBasis::nominal) continue;
    Eigen::MatrixXd& by_sector = at(result.indicators_by_sector, i);
    for (Eigen::Index y = 0; y + 1 < years; ++y) {
      const auto year = to_size(y);
      const IndicatorState state{run.output.col(y), run.demand[year], run.imports.col(y), run.imported_demand[year]};
      by_sector.row(y + 1) += price_terms(indicator, state, prices.total[year]);
      for (std::size_t l = 0; l < spec.prices.size(); ++l) {
        at(result.attribution, i)(spec.prices[l].owner.index() + 1, y + 1) +=
            price_terms(indicator, state, prices.by_lever[l][year]).sum();
      }
    }
    result.indicators.row(i) = by_sector.rowwise().sum().transpose();
  }
  result.prices = std::move(indices);
}

/// A result with a value that is not finite is refused, naming the first such value: what, where
/// and when (the levers are bounded where they are read, so this is a last line of defence).
void check_finite(const SimulationResult& result, const IoTable& table, const SimulationSpec& spec) {
  const auto refuse = [](const std::string& what, double value) {
    throw NumericalError(
        fmt::format("{} is {}: the scenario's amounts or the table give no finite result", what, value));
  };
  for (const Quantity& q : result.quantities) {
    for (Eigen::Index y = 0; y < q.yearly.rows(); ++y) {
      for (Eigen::Index s = 0; s < q.yearly.cols(); ++s) {
        if (!std::isfinite(q.yearly(y, s))) {
          refuse(fmt::format("{} of sector {} in {}", q.name, at(table.sectors, s).code, at(result.years, y)),
                 q.yearly(y, s));
        }
      }
    }
    for (Eigen::Index r = 0; r < q.series.rows(); ++r) {
      for (Eigen::Index s = 0; s < q.series.cols(); ++s) {
        if (!std::isfinite(q.series(r, s))) {
          refuse(fmt::format("{} of sector {} on {}", q.name, at(table.sectors, s).code,
                             at(result.report_dates, r).to_string()),
                 q.series(r, s));
        }
      }
    }
  }
  for (Index i = 0; i < std::ssize(spec.indicators); ++i) {
    for (Eigen::Index y = 0; y < result.indicators.cols(); ++y) {
      const double value = result.indicators(i, y);
      if (!std::isfinite(value)) {
        refuse(fmt::format("indicator {} in {}", at(spec.indicators, i).name, at(result.years, y)), value);
      }
    }
    if (!at(result.attribution, i).allFinite())
      refuse(fmt::format("the attribution of indicator {}", at(spec.indicators, i).name), std::nan(""));
  }
}

/// Every simulated year's negative output, value added or final demand where the table's own value
/// is not negative (inventories may be drawn down). Values within rounding of zero (1e-9 of the
/// sector's base-year value, at least 1e-9) are not negative.
std::vector<NegativeValue> find_negatives(const SimulationResult& result) {
  std::vector<NegativeValue> found;
  for (const char* name : {"output", "value_added", "final_demand"}) {
    const Eigen::MatrixXd& yearly = result.quantity(name).yearly;
    for (Eigen::Index y = 1; y < yearly.rows(); ++y) {
      for (Eigen::Index s = 0; s < yearly.cols(); ++s) {
        if (yearly(0, s) >= 0.0 && yearly(y, s) < -1e-9 * std::max(1.0, yearly(0, s))) {
          found.push_back({name, SectorId(to_size(s)), at(result.years, y), yearly(y, s)});
        }
      }
    }
  }
  return found;
}

}  // namespace

std::vector<Date> report_dates(const TimeSpec& time) {
  std::vector<Date> dates;
  for (Date d = time.start; d <= time.end; d = next_report(d, time.report)) dates.push_back(d);
  return dates;
}

const Quantity& SimulationResult::quantity(const std::string& name) const {
  for (const auto& q : quantities) {
    if (q.name == name) return q;
  }
  throw std::out_of_range(fmt::format("no quantity named \"{}\" in the result", name));
}

SimulationResult simulate(Engine& engine, const IoTable& table, const LeontiefModel& model, const SimulationSpec& spec,
                          const Progress& progress, RunDetail detail) {
  const Quantities quantities(table, model.households());
  SimulationResult result = empty_result(table, spec, quantities, detail);
  SeriesRecorder recorder(quantities, result, detail);
  EngineRun run = engine.run(spec, recorder, progress);
  record_years(result, quantities, spec, run);
  evaluate_indicators(result, table, spec, run);
  result.attribution = std::move(run.attribution);
  for (Index i = 0; i < std::ssize(result.attribution); ++i) {
    at(result.attribution, i)(0, 0) = result.indicators(i, 0);
  }
  if (!spec.prices.empty()) apply_prices(result, table, model, spec, run);
  check_finite(result, table, spec);
  result.negatives = find_negatives(result);
  evaluate_targets(result, spec);
  result.firings = std::move(run.firings);
  result.steps = run.steps;
  result.solves = run.solves;
  result.dynamics = std::move(run.dynamics);
  return result;
}

SimulationResult simulate(const IoTable& table, const LeontiefModel& model, const SimulationSpec& spec,
                          const Progress& progress) {
  LeontiefEngine engine(model);
  return simulate(engine, table, model, spec, progress);
}

}  // namespace regsim
