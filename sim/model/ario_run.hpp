#pragma once

// Private to sim/model: one daily run of the ARIO engine (ario_run.cpp), the state it steps and
// what it integrates. ArioEngine (ario_engine.cpp) makes one for the scenario and one per
// attribution rerun.

#include <Eigen/Core>
#include <cstddef>
#include <utility>
#include <vector>

#include "events/event_queue.hpp"
#include "model/ario_engine.hpp"
#include "model/rule_state.hpp"
#include "model/simulation.hpp"

namespace regsim::ario {

enum class Status { pending, happening, rebuilding, recovering, finished };

/// One disruption during a run: its status, what is still lost, its rebuild stock and demand.
struct DisruptionState {
  const Disruption* spec = nullptr;
  Status status = Status::pending;
  std::vector<double> lost;  // per damaged industry: capital (or capacity share) not yet back
  Eigen::MatrixXd stock;     // B: rebuild still to deliver, supplier × damaged industry
  Eigen::MatrixXd demand;    // R: this step's rebuild demand flow, then (after S5) its residual
  Eigen::MatrixXd made;      // P: rebuild production delivered this step
  bool has_block = false;    // entered rebuilding once (ARIO never removes a block)
};

/// What one run integrated over each simulated year.
struct Yearly {
  std::vector<double> covered;
  std::vector<Eigen::MatrixXd> demand;
  std::vector<Eigen::MatrixXd> imported_demand;  // by product and category
  Eigen::MatrixXd imports;
  Eigen::MatrixXd output;
};


/// One run of the scenario (all levers, or all but some) from its start to its end, day by day.
class DailyRun {
 public:
  DailyRun(const ArioEngine::Table& table, const ArioParameters& parameters, const SimulationSpec& spec,
           const std::vector<bool>& enabled, DynamicsTrace* trace);

  void run(ReportSink* sink, const Progress* progress);
  [[nodiscard]] Yearly& yearly() { return yearly_; }
  [[nodiscard]] std::size_t steps() const { return applied_; }
  /// What the rules did, in date order (docs/whatif.md, "Rules").
  [[nodiscard]] std::vector<RuleFiring>& firings() { return firings_; }

 private:
  void size_trace();
  void apply_levers(Date day);
  bool set_amplitude(ComponentId c, double value);
  bool apply_rules(Date day);
  void follow_rules(Date day);
  void events_before(Eigen::Index t);  // S1
  void overproduction(Eigen::Index t);  // S3
  void produce();                       // S4
  void distribute();                    // S5
  void events_after(Eigen::Index t);    // S6
  void order();                         // S7
  void scan_inputs(Eigen::Index f);
  [[nodiscard]] int scarcest_input(Eigen::Index f) const;
  void deliveries_to(Eigen::Index f, bool whole_orders);
  bool deliveries_match_use(bool whole_orders);
  bool update_stocks(bool whole_orders, bool update);
  void stocks_and_orders(bool whole_orders, bool update);
  void supplier_weights();
  template <class Work>
  void on_two_cores(Work&& work);
  void record(Eigen::Index t);
  void integrate(Date day);
  void sum_demand(const std::vector<DisruptionState>& events, Eigen::VectorXd& out) const;

  const ArioEngine::Table& t_;
  const ArioParameters& p_;
  const SimulationSpec& spec_;
  const std::vector<bool>& enabled_;
  DynamicsTrace* trace_;
  const Eigen::Index n_;
  const int first_year_;
  const Eigen::Index days_;
  std::vector<std::pair<Date, std::size_t>> schedule_;
  std::size_t next_step_ = 0;
  std::size_t applied_ = 0;
  // Rules append components (copies of the patterns of the event they act on), so the list grows;
  // without rules the spec's own list is used as it is.
  std::vector<Component> extended_;
  const std::vector<Component>& components_;
  std::vector<double> amplitude_;  // per component: its amplitude now
  RuleState rules_;
  EventQueue<Tick> rule_ticks_;
  std::vector<RuleFiring> firings_;
  std::vector<DisruptionState> events_;
  Yearly yearly_;

  Eigen::MatrixXd demand_;         // exogenous final demand, annual rates by category
  Eigen::MatrixXd imported_demand_;  // imported final demand by product and category, annual
  Eigen::VectorXd import_rates_;   // import changes the levers make, annual
  Eigen::VectorXd capacity_added_;  // capacity projects add, annual
  Eigen::MatrixXd orders_;         // O: supplier × buyer
  Eigen::MatrixXd stock_;          // Ω: product × industry
  Eigen::VectorXd alpha_;          // α
  Eigen::VectorXd realised_;       // xᵃ
  Eigen::MatrixXd final_;          // Y: daily final demand by category
  Eigen::VectorXd delta_;          // Δ
  Eigen::VectorXd arbitrary_now_;     // Δᵃʳᵇ from the events as they stand
  Eigen::VectorXd arbitrary_before_;  // Δᵃʳᵇ as it stood at the previous step's S1
  Eigen::VectorXd capital_lost_;   // Kˡᵒˢᵗ
  Eigen::VectorXd intermediate_;   // Σ_f' O
  Eigen::VectorXd total_demand_;   // D (S2), then D̃ (S7)
  Eigen::VectorXd rebuild_demand_;  // Σ_h R after S1
  Eigen::VectorXd rebuild_made_;   // Σ_h P
  Eigen::VectorXd capacity_;       // xᶜᵃᵖ
  Eigen::VectorXd optimal_;        // xᵒᵖᵗ
  Eigen::VectorXd ratio_;          // xᵃ / D: the share of each demand served
  Eigen::VectorXd unmet_;          // final demand not served, by supplier
  Eigen::VectorXd shortfall_;      // demand bought outside the region (unmet_demand: imported), daily
  Eigen::VectorXd final_sum_;      // Σ_k Y
  Eigen::VectorXd target_;         // x̃ᵒᵖᵗ: the production the stock targets are set for (S7)
  Eigen::VectorXd weight_;         // π: each supplier's capacity ratio (S7)
  Eigen::VectorXd next_intermediate_;   // Σ_f' O(t + 1)
  Eigen::VectorXd other_intermediate_;  // the second core's part of it
  bool orders_done_ = false;            // S7 already ran with S5 (one-region tables)
  // Tables this large are worth a second thread per pass (smaller ones cost more to start it).
  static constexpr Eigen::Index parallel_from = 256;
  int threads_ = 1;
  Eigen::VectorXd shortage_;       // M: per industry, need over stock of its scarcest input
  Eigen::VectorXd supplying_;      // 1 for a supplier with capacity, else 0
  Eigen::VectorXd deliveries_;     // one buyer's column: V by product, or the weights' denominators
  Eigen::VectorXd ordered_;        // one buyer's column: Ô by product
  Eigen::VectorXi limiting_;
  bool stocks_at_target_ = false;  // S7: Ω is close to Ω* everywhere, so no gap is ordered
};

}  // namespace regsim::ario
