#pragma once

#include "iomodel/leontief.hpp"
#include "model/engine.hpp"
#include "model/linear_responses.hpp"

namespace regsim {

/// The demand-driven engine (docs/model.md, "The engine"): amplitude steps, rule checks and report
/// ticks in (date, phase, order) order on one cached factorization of (I − A). A report solves once
/// (O(n²)) when an amplitude changed since the last report, and otherwise reuses that solve (O(n));
/// yearly amounts solve once for all years; attribution is exact and costs O(nonzeros) per
/// component. Nothing is ever refactorized. With `shared` (the responses of a central run whose
/// variants it runs: an ensemble's draws), what they share is not solved again, and yearly outputs
/// are recombined from the components' responses when every pattern is the central run's.
class LeontiefEngine final : public Engine {
 public:
  explicit LeontiefEngine(const LeontiefModel& model, const LinearResponses* shared = nullptr)
      : model_(model), shared_(shared) {}
  EngineRun run(const SimulationSpec& spec, ReportSink& sink, const Progress& progress) override;

 private:
  const LeontiefModel& model_;
  const LinearResponses* shared_;
};

}  // namespace regsim
