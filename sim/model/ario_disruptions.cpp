// The disruptions of one ARIO day: S1 (statuses, capital and capacity lost, rebuild demand) and S6
// (rebuilding and recovery), as ../shared/ARIO.md §5 (docs/dynamics.md, "Disruptions") says.

#include <algorithm>
#include <cmath>

#include "model/ario_run.hpp"

namespace regsim::ario {

namespace {

/// Round half to even at `decimals` decimals of the table unit (BoARIO rounds recovered capital).
double round_to(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::rint(value * scale) / scale;
}

constexpr int capital_decimals = 7;   // ⌊log10(10⁶)⌋ + 1 for a table in millions (ARIO.md §5)
constexpr int capacity_decimals = 6;  // arbitrary production losses

/// The share of the initial loss still missing `elapsed` days into recovery (ARIO.md §5).
double still_lost(RecoveryCurve curve, double elapsed, double tau) {
  switch (curve) {
    case RecoveryCurve::linear:
      return std::max(0.0, 1.0 - elapsed / tau);
    case RecoveryCurve::convex:
      return std::pow(1.0 - 1.0 / tau, 4.0 * elapsed);
    case RecoveryCurve::concave: {
      constexpr double h = 1e-6;
      const double kappa = (std::log(tau) - std::log(h)) / (std::log(tau) - std::log(2.0));
      return tau / (tau + h * std::pow(elapsed, kappa));
    }
  }
  return 0.0;
}

}  // namespace

// S1: event statuses, the capital still lost, the capacity loss Δ and the rebuild demand R.
void DailyRun::events_before(Eigen::Index t) {
  bool rebuilding = false;
  capital_lost_.setZero();
  arbitrary_now_.setZero();
  for (DisruptionState& e : events_) {
    const Disruption& d = *e.spec;
    const Eigen::Index occurs = d.on - spec_.time.start;
    if (e.status == Status::pending && t >= occurs) {
      e.status = Status::happening;
      e.lost = d.loss;
    }
    if (e.status == Status::happening && t >= occurs + d.duration_days) {
      e.status = d.rebuild ? Status::rebuilding : Status::recovering;
      if (d.rebuild) {
        e.stock = d.rebuild_stock;
        e.demand = Eigen::MatrixXd::Zero(n_, e.stock.cols());
        e.made = Eigen::MatrixXd::Zero(n_, e.stock.cols());
        e.has_block = true;
      }
    }
    rebuilding = rebuilding || e.status == Status::rebuilding;
    if (e.status == Status::pending || e.status == Status::finished) continue;
    for (std::size_t h = 0; h < d.damaged.size(); ++h) {
      const Eigen::Index f = d.damaged[h].index();
      if (d.capacity) {
        arbitrary_now_(f) = std::max(arbitrary_now_(f), std::min(1.0, e.lost[h]));  // the largest loss counts
      } else {
        capital_lost_(f) += e.lost[h];
      }
    }
  }
  // BoARIO builds Δ before it refreshes the capacity losses, so they act one step late (a quirk).
  if (p_.dynamics.quirks == Quirks::boario) {
    delta_ = arbitrary_before_;
    arbitrary_before_ = arbitrary_now_;
  } else {
    delta_ = arbitrary_now_;
  }
  for (Eigen::Index f = 0; f < n_; ++f) {
    const double share = t_.capital(f) > 0.0 ? capital_lost_(f) / t_.capital(f) : 0.0;
    delta_(f) = std::max(share, delta_(f));
  }
  // R = B / τ while any event rebuilds; otherwise BoARIO keeps the last residual (a quirk that
  // `quirks: corrected` fixes by clearing it).
  for (DisruptionState& e : events_) {
    if (!e.has_block) continue;
    if (rebuilding) {
      e.demand = e.stock / as_real(e.spec->rebuild_tau_days);
    } else if (p_.dynamics.quirks == Quirks::corrected) {
      e.demand.setZero();
    }
  }
  sum_demand(events_, rebuild_demand_);
}

void DailyRun::sum_demand(const std::vector<DisruptionState>& events, Eigen::VectorXd& out) const {
  out.setZero();
  for (const DisruptionState& e : events) {
    if (e.has_block) out += e.demand.rowwise().sum();
  }
}

// S6: rebuilding absorbs what was made for it; recovering capital (or capacity) follows its curve.
void DailyRun::events_after(Eigen::Index t) {
  for (DisruptionState& e : events_) {
    const Disruption& d = *e.spec;
    if (e.status == Status::rebuilding) {
      bool any = false;
      for (Eigen::Index h = 0; h < e.stock.cols(); ++h) {
        double column = 0.0;
        for (Eigen::Index g = 0; g < n_; ++g) {
          const double left = std::max(0.0, round_to(e.stock(g, h) - e.made(g, h), capital_decimals));
          e.stock(g, h) = left;
          column += left;
          any = any || left != 0.0;
        }
        at(e.lost, h) = column / d.rebuild_factor;
      }
      if (!any) e.status = Status::finished;
    } else if (e.status == Status::recovering) {
      const double elapsed = as_real(t - (d.on - spec_.time.start) - d.duration_days);
      const double tau = as_real(d.recovery_tau_days);
      const double share = tau > 0.0 ? still_lost(d.curve, elapsed, tau) : 0.0;
      bool any = false;
      for (std::size_t h = 0; h < d.damaged.size(); ++h) {
        e.lost[h] = round_to(d.loss[h] * share, d.capacity ? capacity_decimals : capital_decimals);
        any = any || e.lost[h] != 0.0;
      }
      if (!any) e.status = Status::finished;
    }
  }
}

}  // namespace regsim::ario
