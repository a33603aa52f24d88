#pragma once

// The interface a simulation engine implements (docs/model.md, "Engines"). An engine turns a
// SimulationSpec into dated states; the steps every engine shares (quantities, indicators,
// attribution rows, targets: simulation.cpp) turn those into a SimulationResult.

#include <Eigen/Core>
#include <cstddef>
#include <optional>
#include <vector>

#include "model/simulation.hpp"

namespace regsim {

/// Receives the state on each report date, as annual rates: output x, exogenous final demand
/// (summed over categories) and import changes.
class ReportSink {
 public:
  virtual ~ReportSink() = default;
  virtual void report(std::size_t tick, const Eigen::VectorXd& output, const Eigen::VectorXd& exogenous,
                      const Eigen::VectorXd& import_change) = 0;
  /// False when only yearly amounts are kept (RunDetail::yearly): an engine may then skip reports.
  [[nodiscard]] virtual bool wants_reports() const { return true; }
};

/// What an engine integrated over each simulated year (columns, or entries, in year order), and
/// what it found on the way.
struct EngineRun {
  std::vector<double> covered;          ///< share of each year the horizon covers
  std::vector<Eigen::MatrixXd> demand;  ///< per year: n × 5 exogenous final demand by category
  Eigen::MatrixXd imports;              ///< n × years: import changes
  /// per year: n × 5 imported final demand by product and category (the base and its changes)
  std::vector<Eigen::MatrixXd> imported_demand;
  Eigen::MatrixXd exogenous;            ///< n × years: exogenous final demand, all categories
  Eigen::MatrixXd output;               ///< n × years
  /// Per indicator: (1 + owners) × (1 + years), as SimulationResult::attribution; the base-year
  /// column is the caller's (it is the table's value of the indicator).
  std::vector<Eigen::MatrixXd> attribution;
  std::vector<RuleFiring> firings;
  std::size_t steps = 0;
  std::size_t solves = 0;
  std::optional<DynamicsTrace> dynamics;  ///< the daily state, from engines that step daily
};

/// A way of simulating the economy: `leontief` (LeontiefEngine: demand-driven, exact) or `ario`
/// (ArioEngine: supply-constrained, daily).
class Engine {
 public:
  virtual ~Engine() = default;
  /// Runs `spec`, reporting each report date's state to `sink` in date order.
  virtual EngineRun run(const SimulationSpec& spec, ReportSink& sink, const Progress& progress) = 0;
};

/// Runs `spec` with `engine`, then the shared steps: per-sector quantities at report dates and for
/// each year (the base year from the table), indicators, attribution and targets.
/// `model` is the table's Leontief model (its household closure is the run's; prices use Type I).
SimulationResult simulate(Engine& engine, const IoTable& table, const LeontiefModel& model, const SimulationSpec& spec,
                          const Progress& progress = {}, RunDetail detail = RunDetail::series);

}  // namespace regsim
