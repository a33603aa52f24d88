// The ARIO engine: parameters resolved against the table, the daily equilibrium every run shares,
// and the runs attribution needs (ario_run.cpp steps each one).

#include "model/ario_engine.hpp"

#include <fmt/format.h>

#include <map>
#include <utility>

#include "core/error.hpp"
#include "core/text.hpp"
#include "model/ario_run.hpp"
#include "model/quantities.hpp"

namespace regsim {

namespace {

using ario::DailyRun;
using ario::Yearly;

constexpr double technology_threshold = 1e-5;  // θ: inputs below this share of output are ignored

/// Each indicator's value in each simulated year of a run.
Eigen::MatrixXd indicator_years(const SimulationSpec& spec, const Yearly& yearly) {
  Eigen::MatrixXd values(std::ssize(spec.indicators), yearly.output.cols());
  for (Index i = 0; i < std::ssize(spec.indicators); ++i) {
    for (Eigen::Index y = 0; y < yearly.output.cols(); ++y) {
      const auto year = to_size(y);
      values(i, y) = indicator_value(at(spec.indicators, i), {yearly.output.col(y), yearly.demand[year],
                                                              yearly.imports.col(y), yearly.imported_demand[year]});
    }
  }
  return values;
}

}  // namespace

ArioParameters ario_parameters(const DynamicsSpec& dynamics, const IoTable& table) {
  ArioParameters p;
  std::map<std::string, ProductId> index;
  for (const Sector& sector : table.sectors) {
    const auto [it, inserted] = index.try_emplace(sector.product_code(), p.products.next_id());
    if (inserted) p.products.push_back(sector.product_code());
    p.product_of.push_back(it->second);
  }
  // BoARIO replaces durations of a step or less by 2 steps.
  const auto duration = [](double days) { return days <= 1.0 ? 2.0 : days; };
  p.inventory_days.assign(p.products.size(), duration(dynamics.inventory_days));
  p.infinite.assign(p.products.size(), false);
  Diagnostics diagnostics;
  const auto find = [&](const SectorShare& named, const std::string& path) -> std::optional<ProductId> {
    if (const auto it = index.find(named.code); it != index.end()) return it->second;
    diagnostics.add(named.where, path,
                    fmt::format("unknown product \"{}\"; the table's products are: {}{}", named.code,
                                join(p.products.values(), ", "), did_you_mean(named.code, p.products.values())));
    return std::nullopt;
  };
  for (const SectorShare& named : dynamics.product_days) {
    if (const auto i = find(named, "dynamics.inventory.days.products")) p.inventory_days[*i] = duration(named.share);
  }
  for (const SectorShare& named : dynamics.infinite_inventory) {
    if (const auto i = find(named, "dynamics.inventory.infinite")) p.infinite[*i] = true;
  }
  diagnostics.throw_if_any();
  p.dynamics = dynamics;
  return p;
}

ArioEngine::ArioEngine(const IoTable& table, ArioParameters parameters, double capital_to_value_added, bool attribute)
    : parameters_(std::move(parameters)), attribute_(attribute) {
  Table& t = fixed_;
  t.industries = table.size();
  t.products = parameters_.products.size();
  t.product_of.resize(t.industries);
  for (Eigen::Index g = 0; g < t.industries; ++g) t.product_of(g) = parameters_.product_of[SectorId(g)].index();
  const double per_day = 1.0 / parameters_.dynamics.days_per_year;
  t.x0 = table.output * per_day;
  t.z0 = table.local_flows * per_day;
  t.input_use = Eigen::MatrixXd::Zero(t.products, t.industries);
  Eigen::MatrixXd aggregated = Eigen::MatrixXd::Zero(t.products, t.industries);  // Σ_{g∼i} Z (annual)
  for (Eigen::Index f = 0; f < t.industries; ++f) {
    const double x = table.output(f);
    for (Eigen::Index g = 0; g < t.industries; ++g) {
      const Eigen::Index i = t.product_of(g);
      aggregated(i, f) += table.local_flows(g, f);
      if (x != 0.0) t.input_use(i, f) += table.local_flows(g, f) / x;
    }
  }
  // The mask compares annual flows with daily output, as BoARIO does (ARIO.md §2).
  t.uses.resize(t.products, t.industries);
  for (Eigen::Index f = 0; f < t.industries; ++f) {
    for (Eigen::Index i = 0; i < t.products; ++i) t.uses(i, f) = aggregated(i, f) > technology_threshold * t.x0(f);
  }
  t.one_region = t.products == t.industries;
  for (Eigen::Index g = 0; g < t.industries && t.one_region; ++g) t.one_region = t.product_of(g) == g;
  t.days.resize(t.products);
  for (Eigen::Index i = 0; i < t.products; ++i) {
    const ProductId p(i);
    t.days(i) = parameters_.infinite[p] ? 0.0 : parameters_.inventory_days[p];
  }
  // ψ s_i aˢ_if where the input binds (used, finite inventory); 0 where it never does.
  t.need = Eigen::MatrixXd::Zero(t.products, t.industries);
  for (Eigen::Index f = 0; f < t.industries; ++f) {
    for (Eigen::Index i = 0; i < t.products; ++i) {
      if (t.uses(i, f) && t.days(i) > 0.0) t.need(i, f) = parameters_.dynamics.psi * t.days(i) * t.input_use(i, f);
    }
  }
  t.capital = capital_to_value_added * table.total_value_added().transpose().cwiseMax(0.0);
}

EngineRun ArioEngine::run(const SimulationSpec& spec, ReportSink& sink, const Progress& progress) {
  EngineRun out;
  const std::size_t owners = spec.owners.size();
  std::vector<bool> enabled(owners, true);
  DynamicsTrace trace;
  DailyRun full(fixed_, parameters_, spec, enabled, &trace);
  full.run(&sink, &progress);
  out.steps = full.steps();
  out.firings = std::move(full.firings());
  Yearly& yearly = full.yearly();
  const Eigen::MatrixXd with_all = indicator_years(spec, yearly);

  // Attribution: the run without any lever is the baseline; each lever's row is the run minus the
  // run without it; `interaction` holds what is left, so the rows still sum to the indicator.
  std::vector<bool> acts(owners, false);
  for (const Component& c : spec.components) acts[c.owner.value()] = true;
  for (const Disruption& d : spec.disruptions) acts[d.owner.value()] = true;
  for (const Rule& r : spec.rules) acts[r.owner.value()] = true;
  const auto years = yearly.output.cols();
  Eigen::MatrixXd baseline = Eigen::MatrixXd::Zero(std::ssize(spec.indicators), years);
  if (attribute_) {
    const std::vector<bool> none(owners, false);
    DailyRun baseline_run(fixed_, parameters_, spec, none, nullptr);
    baseline_run.run(nullptr, nullptr);
    baseline = indicator_years(spec, baseline_run.yearly());
  } else {
    acts.assign(owners, false);
  }
  for (Index i = 0; i < std::ssize(spec.indicators); ++i) {
    out.attribution.push_back(Eigen::MatrixXd::Zero(to_index(owners) + 1, years + 1));
    out.attribution.back().row(0).tail(years) = baseline.row(i);
  }
  Eigen::MatrixXd explained = baseline;
  for (std::size_t o = 0; o < owners; ++o) {
    if (!acts[o]) continue;
    std::vector<bool> without = enabled;
    without[o] = false;
    DailyRun other(fixed_, parameters_, spec, without, nullptr);
    other.run(nullptr, nullptr);
    const Eigen::MatrixXd contribution = with_all - indicator_years(spec, other.yearly());
    explained += contribution;
    for (Index i = 0; i < std::ssize(spec.indicators); ++i) {
      at(out.attribution, i).row(to_index(o) + 1).tail(years) = contribution.row(i);
    }
  }
  if (!spec.owner_kinds.empty() && spec.owner_kinds.back() == "interaction") {
    const Eigen::MatrixXd rest = with_all - explained;
    for (Index i = 0; i < std::ssize(spec.indicators); ++i)
      at(out.attribution, i).row(to_index(owners)).tail(years) = rest.row(i);
  }

  out.covered = std::move(yearly.covered);
  out.demand = std::move(yearly.demand);
  out.imported_demand = std::move(yearly.imported_demand);
  out.imports = std::move(yearly.imports);
  out.output = std::move(yearly.output);
  out.exogenous.resize(out.output.rows(), out.output.cols());
  for (Index y = 0; y < std::ssize(out.demand); ++y) out.exogenous.col(y) = at(out.demand, y).rowwise().sum();
  out.dynamics = std::move(trace);
  return out;
}

}  // namespace regsim
