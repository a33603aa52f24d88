// One daily run of the ARIO engine: ../shared/ARIO.md's steps S1–S7 in that order, one day per
// step. Comments name the step and the symbol of ARIO.md (docs/dynamics.md) each piece computes.

#include "model/ario_run.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <atomic>
#include <cstdlib>
#include <thread>

#include "core/money.hpp"
#include "model/quantities.hpp"

namespace regsim::ario {

namespace {

// numpy.allclose(a, b): |a − b| ≤ atol + rtol |b| everywhere, with its defaults, which BoARIO relies
// on (an infinite stock is close to nothing finite).
constexpr double close_absolute = 1e-8;
constexpr double close_relative = 1e-5;

// The indicators' annual rates in the table's state (before the start, rules see these).
std::vector<double> indicator_base_rates(const ArioEngine::Table& table, const ArioParameters& parameters,
                                         const SimulationSpec& spec) {
  std::vector<double> rates;
  if (spec.rules.empty()) return rates;
  const Eigen::VectorXd output = table.x0 * parameters.dynamics.days_per_year;
  const Eigen::VectorXd no_change = Eigen::VectorXd::Zero(table.industries);
  for (const Indicator& indicator : spec.indicators) {
    rates.push_back(indicator_value(indicator, {output, spec.base_demand, no_change, spec.base_imported_demand}));
  }
  return rates;
}

}  // namespace

DailyRun::DailyRun(const ArioEngine::Table& table, const ArioParameters& parameters, const SimulationSpec& spec,
                   const std::vector<bool>& enabled, DynamicsTrace* trace)
    : t_(table),
      p_(parameters),
      spec_(spec),
      enabled_(enabled),
      trace_(trace),
      n_(table.industries),
      first_year_(spec.time.start.year()),
      days_(spec.time.end - spec.time.start + 1),
      extended_(spec.rules.empty() ? std::vector<Component>{} : spec.components),
      components_(spec.rules.empty() ? spec.components : extended_),
      amplitude_(spec.components.size(), 0.0),
      // Rules follow the realised indicators (set_rates each day), not per-unit effects.
      rules_(
          spec, extended_, [](const Component&, IndicatorId) { return 0.0; },
          indicator_base_rates(table, parameters, spec)),
      demand_(spec.base_demand),
      imported_demand_(spec.base_imported_demand),
      import_rates_(Eigen::VectorXd::Zero(n_)),
      capacity_added_(Eigen::VectorXd::Zero(n_)),
      orders_(table.z0),
      stock_(table.products, n_),
      alpha_(Eigen::VectorXd::Ones(n_)),
      realised_(table.x0),
      final_(n_, final_demand_count),
      delta_(n_),
      arbitrary_now_(Eigen::VectorXd::Zero(n_)),
      arbitrary_before_(Eigen::VectorXd::Zero(n_)),
      capital_lost_(n_),
      intermediate_(n_),
      total_demand_(n_),
      rebuild_demand_(n_),
      rebuild_made_(n_),
      capacity_(n_),
      optimal_(n_),
      ratio_(n_),
      unmet_(n_),
      shortfall_(n_),
      final_sum_(n_),
      target_(n_),
      weight_(n_),
      next_intermediate_(n_),
      other_intermediate_(n_),
      shortage_(n_),
      supplying_(n_),
      deliveries_(table.products),
      ordered_(table.products),
      limiting_(n_) {
  for (Eigen::Index f = 0; f < n_; ++f) {
    for (Eigen::Index i = 0; i < t_.products; ++i) {
      // Ω(0) = s x⁰ aˢ; an infinite inventory is never short.
      stock_(i, f) = t_.days(i) > 0.0 ? t_.days(i) * t_.x0(f) * t_.input_use(i, f)
                                      : std::numeric_limits<double>::infinity();
    }
  }
  for (const Disruption& d : spec.disruptions) {
    if (!enabled_[d.owner.value()]) continue;
    DisruptionState state;
    state.spec = &d;
    state.lost.assign(d.damaged.size(), 0.0);
    events_.push_back(std::move(state));
  }
  rules_.schedule(rule_ticks_);
  schedule_.reserve(spec.steps.size());
  for (std::size_t s = 0; s < spec.steps.size(); ++s) {
    if (enabled_[spec.components[spec.steps[s].component.value()].owner.value()])
      schedule_.emplace_back(spec.steps[s].date, s);
  }
  std::sort(schedule_.begin(), schedule_.end());
  const auto years = to_size(spec.time.end.year() - first_year_ + 1);
  yearly_.covered.assign(years, 0.0);
  yearly_.demand.assign(years, Eigen::MatrixXd::Zero(n_, final_demand_count));
  yearly_.imported_demand.assign(years, Eigen::MatrixXd::Zero(n_, final_demand_count));
  yearly_.imports = Eigen::MatrixXd::Zero(n_, to_index(years));
  yearly_.output = Eigen::MatrixXd::Zero(n_, to_index(years));
  intermediate_ = orders_.rowwise().sum();
  for (Eigen::Index f = 0; f < n_; ++f) scan_inputs(f);
  // REGSIM_ARIO_THREADS=1 keeps the passes on one core, =2 uses two even on small tables.
  threads_ = n_ >= parallel_from ? 2 : 1;
  if (const char* text = std::getenv("REGSIM_ARIO_THREADS")) threads_ = std::strtol(text, nullptr, 10) > 1 ? 2 : 1;
  if (trace_ != nullptr) size_trace();
}

void DailyRun::size_trace() {
  trace_->products.clear();
  for (Eigen::Index i = 0; i < t_.products; ++i) trace_->products.push_back(p_.products[ProductId(i)]);
  for (Eigen::MatrixXd* m :
       {&trace_->production, &trace_->capacity, &trace_->overproduction, &trace_->intermediate_demand,
        &trace_->final_demand, &trace_->rebuild_demand, &trace_->rebuild_production, &trace_->final_demand_unmet,
        &trace_->capital_to_recover}) {
    m->resize(days_, n_);
  }
  trace_->limiting_input.resize(days_, n_);
}

// S3: overproduction α moves towards α_max while demand exceeds what was made (from the third step).
void DailyRun::overproduction(Eigen::Index t) {
  if (t < 2) return;
  const double rate = 1.0 / p_.dynamics.overproduction_tau_days;  // BoARIO stores τ_α as its inverse
  for (Eigen::Index f = 0; f < n_; ++f) {
    const double d = total_demand_(f);
    const double scarcity = d != 0.0 ? (d - realised_(f)) / d : 0.0;  // ζ
    double a = alpha_(f);
    a += (p_.dynamics.overproduction_max - a) * scarcity * rate + (1.0 - a) * (scarcity == 0.0 ? 1.0 : 0.0) * rate;
    alpha_(f) = std::max(a, 1.0);
  }
}

// How short industry f is of its scarcest input: M_f = max_i ψ s_i aˢ_if / Ω_if over the inputs
// that can bind it (an infinite inventory never does), so that S4's ρ_f = min(1, 1 / (M_f xᵒᵖᵗ_f))
// costs O(1). Computed from the stocks after S5, on the pass that updates them; which input it is
// is looked up only where it binds.
inline void DailyRun::scan_inputs(Eigen::Index f) {
  shortage_(f) = (t_.need.col(f).array() / stock_.col(f).array().max(std::numeric_limits<double>::min())).maxCoeff();
}

int DailyRun::scarcest_input(Eigen::Index f) const {
  for (Eigen::Index i = 0; i < t_.products; ++i) {
    if (t_.need(i, f) / std::max(stock_(i, f), std::numeric_limits<double>::min()) == shortage_(f))
      return narrow<int>(i);
  }
  return -1;
}

// S4: capacity, the production demand asks for, and what inputs in stock allow.
void DailyRun::produce() {
  for (Eigen::Index f = 0; f < n_; ++f) {
    const double base = t_.x0(f) + capacity_added_(f) / p_.dynamics.days_per_year;
    capacity_(f) = base * (1.0 - delta_(f)) * alpha_(f);
    // Demand below zero (cuts larger than a sector's whole demand) asks for no production at all.
    optimal_(f) = std::max(0.0, std::min(total_demand_(f), capacity_(f)));
    const double bound = optimal_(f) > 0.0 ? 1.0 / (shortage_(f) * optimal_(f)) : 1.0;  // ρ
    realised_(f) = bound < 1.0 ? optimal_(f) * bound : optimal_(f);
    limiting_(f) = bound < 1.0 ? scarcest_input(f) : -1;
  }
}

// V(:, f): what the suppliers deliver to buyer f this step, by product (several regions' industries
// make one product; in a one-region table V is the orders column times each supplier's ratio).
inline void DailyRun::deliveries_to(Eigen::Index f, bool whole_orders) {
  if (t_.one_region) {
    if (whole_orders) {
      deliveries_ = orders_.col(f);
    } else {
      deliveries_ = orders_.col(f).cwiseProduct(ratio_);
    }
    return;
  }
  deliveries_.setZero();
  for (Eigen::Index g = 0; g < n_; ++g) {
    const double ordered = orders_(g, f);
    deliveries_(t_.product_of(g)) += whole_orders ? ordered : ordered * ratio_(g);
  }
}

// Runs work(first, last, part) over the columns: on one core, or halves on two (the second on a
// thread of its own, joined before this returns).
template <class Work>
void DailyRun::on_two_cores(Work&& work) {
  if (threads_ < 2) {
    work(Eigen::Index{0}, n_, 0);
    return;
  }
  const Eigen::Index half = n_ / 2;
  std::thread second([&] { work(half, n_, 1); });
  work(Eigen::Index{0}, half, 0);
  second.join();
}

// BoARIO leaves the stocks alone when deliveries and use are all close (quiet days). The check stops
// at the first column that differs, which comes at once on any day that is not quiet.
bool DailyRun::deliveries_match_use(bool whole_orders) {
  const auto close = [](const auto& delivered, const auto& use) {
    return ((delivered - use).abs() <= close_absolute + close_relative * use.abs()).all();
  };
  if (t_.one_region && !whole_orders) {
    // Columns split over the cores; a difference found by either stops both.
    std::atomic<bool> differ{false};
    on_two_cores([&](Eigen::Index first, Eigen::Index last, int) {
      for (Eigen::Index f = first; f < last && !differ.load(std::memory_order_relaxed); ++f) {
        if (!close(orders_.col(f).array() * ratio_.array(), t_.input_use.col(f).array() * realised_(f)))
          differ.store(true, std::memory_order_relaxed);
      }
    });
    return !differ.load();
  }
  for (Eigen::Index f = 0; f < n_; ++f) {
    const auto use = t_.input_use.col(f).array() * realised_(f);
    deliveries_to(f, whole_orders);
    if (!close(deliveries_.array(), use)) return false;
  }
  return true;
}

// Multi-regional tables: stocks take the deliveries and give up what production used
// (Ω ← Ω + (V − U)); on the same pass, whether they now sit at their targets Ω* = s aˢ x̃ᵒᵖᵗ (S7's
// check). Returns that. (One-region tables do this in stocks_and_orders.)
bool DailyRun::update_stocks(bool whole_orders, bool update) {
  bool at_target = true;
  for (Eigen::Index f = 0; f < n_; ++f) {
    const auto a = t_.input_use.col(f).array();
    auto stock = stock_.col(f).array();
    if (update) {
      deliveries_to(f, whole_orders);
      stock += deliveries_.array() - a * realised_(f);
      scan_inputs(f);
    } else if (!at_target) {
      break;
    }
    if (at_target) {
      const auto wanted = t_.days.array() * a * target_(f);
      at_target = ((stock - wanted).abs() <= close_absolute + close_relative * wanted.abs()).all();
    }
  }
  return at_target;
}

// S5: every demand on a supplier is served in the same proportion; stocks take deliveries and give
// up what production used; rebuild demand keeps what was not made.
void DailyRun::distribute() {
  for (Eigen::Index g = 0; g < n_; ++g) ratio_(g) = total_demand_(g) > 0.0 ? realised_(g) / total_demand_(g) : 0.0;
  // Under `imported` a buyer gets its whole order: what the supplier could not make comes from outside.
  const bool import_unmet = p_.dynamics.unmet_demand == UnmetDemand::imported;
  for (Eigen::Index g = 0; g < n_; ++g) {
    double unmet = 0.0;
    for (Eigen::Index k = 0; k < final_.cols(); ++k) unmet += final_(g, k) - final_(g, k) * ratio_(g);
    unmet_(g) = unmet;
    shortfall_(g) = import_unmet ? unmet + (intermediate_(g) - intermediate_(g) * ratio_(g)) : 0.0;
  }
  rebuild_made_.setZero();
  for (DisruptionState& e : events_) {
    if (!e.has_block) continue;
    for (Eigen::Index h = 0; h < e.demand.cols(); ++h) {
      for (Eigen::Index g = 0; g < n_; ++g) {
        e.made(g, h) = e.demand(g, h) * ratio_(g);  // P
        e.demand(g, h) -= e.made(g, h);
        rebuild_made_(g) += e.made(g, h);
      }
    }
  }
  // S7's production target x̃ᵒᵖᵗ uses the residual rebuild demand (a quirk ARIO.md §6.4 documents);
  // it is known now, so S7's stock check rides on the stock update's pass.
  sum_demand(events_, rebuild_demand_);
  for (Eigen::Index f = 0; f < n_; ++f) {
    target_(f) = std::max(0.0, std::min(intermediate_(f) + final_sum_(f) + rebuild_demand_(f), capacity_(f)));
  }
  const bool quiet = deliveries_match_use(import_unmet);
  if (t_.one_region) {
    stocks_and_orders(import_unmet, !quiet);
  } else {
    stocks_at_target_ = update_stocks(import_unmet, !quiet);
  }
}

// In a one-region table S5's stock update and S7's orders touch the same column of each buyer, so
// they run in one pass over it, the two cores taking half the columns each. The orders are
// computed with the stock gap, as they are on any day some stock is off its target; on the rare
// day every stock is at its target (known only once all columns are done) they are recomputed
// without it, so the result is BoARIO's either way.
void DailyRun::stocks_and_orders(bool whole_orders, bool update) {
  supplier_weights();
  const double per_day = 1.0 / p_.dynamics.restoration_days;  // BoARIO stores τ_inv as its inverse
  const auto days = t_.days.array();
  const auto columns = [&](Eigen::Index first, Eigen::Index last, Eigen::VectorXd& intermediate) {
    bool at_target = true;
    intermediate.setZero();
    for (Eigen::Index f = first; f < last; ++f) {
      const auto a = t_.input_use.col(f).array();
      auto stock = stock_.col(f).array();
      auto orders = orders_.col(f).array();
      const double use = realised_(f);
      if (update) {
        if (whole_orders) {
          stock += orders - a * use;
        } else {
          stock += orders * ratio_.array() - a * use;
        }
        scan_inputs(f);
      }
      const double target = target_(f);
      if (at_target) {
        at_target = ((stock - days * a * target).abs() <= close_absolute + close_relative * (days * a * target).abs()).all();
      }
      orders = ((days * a * target - stock).max(0.0) * per_day + a * use) * supplying_.array();
      intermediate += orders.matrix();
    }
    return at_target;
  };
  bool at_target[2] = {true, true};
  on_two_cores([&](Eigen::Index first, Eigen::Index last, int part) {
    at_target[part] = columns(first, last, part == 0 ? next_intermediate_ : other_intermediate_);
  });
  if (threads_ > 1) next_intermediate_ += other_intermediate_;
  stocks_at_target_ = at_target[0] && at_target[1];
  if (stocks_at_target_) {
    // Every stock is at its target: no gap is ordered, only what production uses.
    on_two_cores([&](Eigen::Index first, Eigen::Index last, int part) {
      Eigen::VectorXd& sums = part == 0 ? next_intermediate_ : other_intermediate_;
      sums.setZero();
      for (Eigen::Index f = first; f < last; ++f) {
        orders_.col(f) = (t_.input_use.col(f).array() * realised_(f) * supplying_.array()).matrix();
        sums += orders_.col(f);
      }
    });
    if (threads_ > 1) next_intermediate_ += other_intermediate_;
  }
  orders_done_ = true;
}

// π: each supplier's capacity ratio (alt orders), and whether it supplies at all.
void DailyRun::supplier_weights() {
  const bool alt = p_.dynamics.orders == OrderModule::alt;
  for (Eigen::Index g = 0; g < n_; ++g) weight_(g) = !alt || t_.x0(g) == 0.0 ? 1.0 : capacity_(g) / t_.x0(g);
  // A supplier with no capacity left gets no orders (its weight is 0).
  for (Eigen::Index g = 0; g < n_; ++g) supplying_(g) = weight_(g) != 0.0 ? 1.0 : 0.0;
}

// S7 ("alt" orders): each buyer orders what it uses plus a share of its inventory gap, from the
// suppliers of each product in proportion to their table flows weighted by their capacity. One-region
// tables computed this with S5 (stocks_and_orders); multi-regional ones make one pass per buyer here.
void DailyRun::order() {
  if (orders_done_) {  // computed with the stock update (stocks_and_orders)
    orders_done_ = false;
    intermediate_.swap(next_intermediate_);
    return;
  }
  supplier_weights();
  const double per_day = 1.0 / p_.dynamics.restoration_days;  // BoARIO stores τ_inv as its inverse
  next_intermediate_.setZero();
  for (Eigen::Index f = 0; f < n_; ++f) {
    const auto a = t_.input_use.col(f).array();
    const auto stock = stock_.col(f).array();
    // Ô = G + aˢ xᵃ, with the gap G = max(0, Ω* − Ω) / τ_inv unless every stock is at its target.
    if (stocks_at_target_) {
      ordered_ = a * realised_(f);
    } else {
      ordered_ = (t_.days.array() * a * target_(f) - stock).max(0.0) * per_day + a * realised_(f);
    }
    auto column = orders_.col(f);
    deliveries_.setZero();  // here: Σ_{g'∼σ(g)} Z⁰_g'f π_g', the weights' denominators
    for (Eigen::Index g = 0; g < n_; ++g) {
      deliveries_(t_.product_of(g)) += t_.z0(g, f) * weight_(g);
    }
    for (Eigen::Index g = 0; g < n_; ++g) {
      const Eigen::Index i = t_.product_of(g);
      const double denominator = deliveries_(i);
      column(g) = denominator != 0.0 ? ordered_(i) * ((t_.z0(g, f) * weight_(g)) / denominator) : 0.0;
    }
    next_intermediate_ += column;
  }
  intermediate_.swap(next_intermediate_);
}

void DailyRun::record(Eigen::Index t) {
  if (trace_ == nullptr) return;
  trace_->production.row(t) = realised_.transpose();
  trace_->capacity.row(t) = capacity_.transpose();
  trace_->overproduction.row(t) = alpha_.transpose();
  trace_->final_demand.row(t) = final_sum_.transpose();
  trace_->rebuild_production.row(t) = rebuild_made_.transpose();
  trace_->final_demand_unmet.row(t) = unmet_.transpose();
  trace_->capital_to_recover.row(t) = capital_lost_.transpose();
  trace_->limiting_input.row(t) = limiting_.transpose();
}

// The day's flows as annual rates, integrated into its calendar year (a full year of the table's
// daily equilibrium is the table's year, leap or not).
void DailyRun::integrate(Date day) {
  const int year = day.year();
  const auto y = to_size(year - first_year_);
  const double share = 1.0 / days_in_year(year);
  yearly_.covered[y] += share;
  yearly_.demand[y] += demand_ * share;
  yearly_.imported_demand[y] += imported_demand_ * share;
  yearly_.output.col(to_index(y)) += realised_ * (p_.dynamics.days_per_year * share);
  yearly_.imports.col(to_index(y)) += (import_rates_ + shortfall_ * p_.dynamics.days_per_year) * share;
}

void DailyRun::run(ReportSink* sink, const Progress* progress) {
  const std::vector<Date> reports = report_dates(spec_.time);
  std::size_t next_report = 0;
  for (Eigen::Index t = 0; t < days_; ++t) {
    const Date day = spec_.time.start + narrow<int>(t);
    apply_levers(day);
    events_before(t);
    if (trace_ != nullptr) {
      trace_->intermediate_demand.row(t) = intermediate_.transpose();
      trace_->rebuild_demand.row(t) = rebuild_demand_.transpose();
    }
    total_demand_ = intermediate_ + final_sum_ + rebuild_demand_;  // S2
    overproduction(t);
    produce();
    distribute();
    events_after(t);
    record(t);
    order();
    integrate(day);
    follow_rules(day);
    if (next_report < reports.size() && reports[next_report] == day) {
      if (sink != nullptr) {
        const Eigen::VectorXd imports = import_rates_ + shortfall_ * p_.dynamics.days_per_year;
        sink->report(next_report, realised_ * p_.dynamics.days_per_year, demand_.rowwise().sum(), imports);
      }
      if (progress != nullptr && *progress) (*progress)(as_real(t + 1) / as_real(days_));
      ++next_report;
    }
  }
}

}  // namespace regsim::ario
