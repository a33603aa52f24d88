// `kind: disruption` resolved against the table (docs/dynamics.md, "Disruptions").

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "core/text.hpp"
#include "model/spec_builder.hpp"

namespace regsim {

namespace {

/// The damage vector d⁰ of a disruption (or the capacity shares it removes), per industry named.
std::vector<std::pair<SectorId, double>> disruption_loss(SectorResolver& resolver, const IoTable& table,
                                                         const Eigen::VectorXd& capital, const LossSpec& loss,
                                                         const std::string& path) {
  std::vector<std::pair<SectorId, double>> out;
  if (loss.form == LossSpec::Form::per_industry) {
    for (const SectorShare& amount : loss.amounts) {
      if (const auto i = resolver.index(amount, path)) out.emplace_back(*i, amount.share);
    }
    return out;
  }
  const std::vector<SectorId> members = resolver.members(loss.sectors, path + ".sectors");
  if (loss.form != LossSpec::Form::split) {
    for (const SectorId i : members) {
      out.emplace_back(i, loss.form == LossSpec::Form::capital_share ? loss.share * capital(i.index()) : loss.share);
    }
    return out;
  }
  const Eigen::RowVectorXd value_added = table.total_value_added();
  double total = 0.0;
  for (const SectorId i : members) {
    const double weight = loss.by == LossSplit::output        ? table.output(i.index())
                          : loss.by == LossSplit::value_added ? std::max(0.0, value_added(i.index()))
                                                              : 1.0;
    out.emplace_back(i, weight);
    total += weight;
  }
  for (auto& [i, weight] : out) weight = total > 0.0 ? loss.amount.amount() * weight / total : 0.0;
  return out;
}

/// B⁰ (supplier × damaged industry): the rebuild demand for each damaged industry's lost capital.
/// An industry code takes its share whole; a product's share goes to that product's industries in
/// every region, in proportion to what the damaged industry buys from each (ARIO.md §5).
Eigen::MatrixXd rebuild_stock(const IoTable& table, const DisruptionEventSpec& event, const Disruption& d,
                              Quirks quirks, Diagnostics& diagnostics, const std::string& path) {
  const Eigen::Index n = table.size();
  Eigen::MatrixXd stock = Eigen::MatrixXd::Zero(n, std::ssize(d.damaged));
  std::vector<std::string> names;
  for (const Sector& s : table.sectors) names.push_back(s.code);
  for (const Sector& s : table.sectors) {
    if (!s.product.empty() && std::find(names.begin(), names.end(), s.product) == names.end()) names.push_back(s.product);
  }
  for (const SectorShare& to : event.rebuild_sectors) {
    const auto industry = table.find_sector(to.code);
    std::vector<SectorId> suppliers;
    for (std::size_t g = 0; g < table.sectors.size(); ++g) {
      if (industry ? SectorId(g) == *industry : table.sectors[g].product == to.code) suppliers.push_back(SectorId(g));
    }
    if (suppliers.empty()) {
      diagnostics.add(to.where, path + ".rebuild.sectors",
                      fmt::format("unknown product or industry \"{}\"{}", to.code, did_you_mean(to.code, names)));
      continue;
    }
    for (Index h = 0; h < std::ssize(d.damaged); ++h) {
      const double demand = d.rebuild_factor * to.share * at(d.loss, h);
      if (industry) {
        stock(industry->index(), h) += demand;
        continue;
      }
      double bought = 0.0, made = 0.0;
      for (const SectorId g : suppliers) {
        bought += table.local_flows(g.index(), at(d.damaged, h).index());
        made += table.output(g.index());
      }
      for (const SectorId g : suppliers) {
        // BoARIO drops the demand of a damaged industry that buys nothing from the product;
        // `quirks: corrected` sends it to the product's industries by output instead.
        const double share = bought > 0.0 ? table.local_flows(g.index(), at(d.damaged, h).index()) / bought
                             : quirks == Quirks::corrected ? table.output(g.index()) / made
                                                           : 0.0;
        stock(g.index(), h) += demand * share;
      }
    }
  }
  return stock;
}

}  // namespace

void add_disruption(SpecBuilder& builder, SectorResolver& resolver, const IoTable& table, const DynamicsSpec& dynamics,
                    OwnerId owner, const EventSpec& event, const DisruptionEventSpec& spec, Diagnostics& diagnostics,
                    SimulationSpec& out) {
  const std::string path = fmt::format("events[{}]", event.id);
  const bool capacity = spec.loss.form == LossSpec::Form::capacity_share;
  const std::string loss_path = path + (capacity ? ".capacity_lost" : ".capital_lost");
  const Eigen::VectorXd capital =
      dynamics.capital_to_value_added * table.total_value_added().transpose().cwiseMax(0.0);
  Disruption d;
  d.owner = owner;
  d.on = spec.on;
  d.duration_days = spec.duration_days;
  d.capacity = capacity;
  d.rebuild = spec.rebuild;
  d.curve = spec.curve;
  d.recovery_tau_days = spec.recovery_tau_days;
  d.rebuild_tau_days = spec.rebuild_tau_days;
  d.rebuild_factor = spec.rebuild_factor;
  auto losses = disruption_loss(resolver, table, capital, spec.loss, loss_path);
  std::sort(losses.begin(), losses.end());
  for (const auto& [i, value] : losses) {
    if (value == 0.0) continue;  // industries with no loss are dropped, as in ARIO
    if (!d.damaged.empty() && d.damaged.back() == i) {
      diagnostics.add(spec.loss.where, loss_path, fmt::format("industry {} is named twice", table.sectors[i.value()].code));
      continue;
    }
    if (!capacity && value > capital(i.index()) * (1.0 + 1e-12)) {
      diagnostics.add(spec.loss.where, loss_path,
                      fmt::format("the capital lost in {} ({:.6g}) exceeds its productive capital ({:.6g} = {:g} × "
                                  "value added; dynamics.capital.to_value_added)",
                                  table.sectors[i.value()].code, value, capital(i.index()),
                                  dynamics.capital_to_value_added));
    }
    d.damaged.push_back(i);
    d.loss.push_back(value);
  }
  if (d.damaged.empty() && diagnostics.empty()) {
    diagnostics.add(spec.loss.where, loss_path, "the disruption names no industry with a loss above 0");
  }
  if (d.rebuild) d.rebuild_stock = rebuild_stock(table, spec, d, dynamics.quirks, diagnostics, path);
  const double total = std::accumulate(d.loss.begin(), d.loss.end(), 0.0);
  const std::string aftermath =
      d.rebuild                 ? fmt::format("then rebuilt over a {}-day characteristic time", d.rebuild_tau_days)
      : d.recovery_tau_days > 0 ? fmt::format("then recovers ({}, {}-day characteristic time)",
                                              name_in(recovery_curve_names, d.curve), d.recovery_tau_days)
                                : std::string("then back at once");
  if (capacity) {
    builder.log(spec.on, owner, "capacity lost: {:.4g} % in {} industries for {} days, {}", spec.loss.share * 100.0,
                d.damaged.size(), d.duration_days, aftermath);
  } else {
    builder.log(spec.on, owner, "capital lost: {:.6g} in {} industries for {} days, {}", total, d.damaged.size(),
                d.duration_days, aftermath);
  }
  out.disruptions.push_back(std::move(d));
}


}  // namespace regsim
