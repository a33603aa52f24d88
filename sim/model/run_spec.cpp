// Scenario + table -> SimulationSpec: every lever becomes linear components with dated amplitudes.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <span>
#include <tuple>
#include <type_traits>
#include <unordered_map>

#include "core/error.hpp"
#include "core/memory.hpp"
#include "core/text.hpp"
#include "model/indicator_spec.hpp"
#include "model/sector_resolver.hpp"
#include "model/simulation.hpp"
#include "model/spec_builder.hpp"

namespace regsim {

namespace {

const std::string& item_name(const EventSpec& event) {
  return event.id;
}
const std::string& item_name(const IndicatorSpec& indicator) {
  return indicator.name;
}

std::string percent(double rate) {
  return fmt::format("{:+.4g} %", rate * 100.0);
}

/// The table's imported final demand by product and category: as the table records it
/// (final_imports.csv), or else each category's total spread over products in proportion to the
/// category's local demand (its positive part; evenly when it has none).
Eigen::MatrixXd base_imported_demand(const IoTable& table) {
  if (table.imported_final_demand_by_product.size() > 0) return table.imported_final_demand_by_product;
  const Eigen::Index n = table.size();
  Eigen::MatrixXd imported = Eigen::MatrixXd::Zero(n, final_demand_width);
  for (Eigen::Index k = 0; k < imported.cols(); ++k) {
    const Eigen::VectorXd local = table.local_final_demand.col(k).cwiseMax(0.0);
    const double total = local.sum();
    imported.col(k) = total > 0.0 ? Eigen::VectorXd(local / total) : Eigen::VectorXd::Constant(n, 1.0 / as_real(n));
    imported.col(k) *= table.imported_final_demand(k);
  }
  return imported;
}

/// The share of the table's gross fixed capital formation bought from local industries, for the
/// whole category: the rest is the `imports` row under the gfcf column (docs/model.md, "Investment
/// and imports").
double gfcf_local_share(const IoTable& table) {
  const double local = table.local_final_demand.col(column_of(FinalDemand::gfcf)).sum();
  const double imported = table.imported_final_demand(column_of(FinalDemand::gfcf));
  return local + imported > 0.0 && imported > 0.0 ? local / (local + imported) : 1.0;
}

/// Where gfcf of each product comes from: the table's own split by product when it has one
/// (final_imports.csv), else the category's share for every product; or the event's `local_share`.
/// " (82 % local, the rest imported)" for a pattern bought `local_share` locally, else "".
std::string origin_note(double local_share) {
  return local_share < 1.0 ? fmt::format(" ({:.4g} % local, the rest imported)", local_share * 100.0) : std::string();
}

class GfcfOrigin {
 public:
  GfcfOrigin(const IoTable& table, const SimulationSpec& spec)
      : local_(spec.base_demand.col(column_of(FinalDemand::gfcf))),
        imported_(spec.base_imported_demand.col(column_of(FinalDemand::gfcf))),
        by_product_(table.imported_final_demand_by_product.size() > 0),
        category_(gfcf_local_share(table)) {}

  [[nodiscard]] double local_share(SectorId i, std::optional<double> override_share) const {
    if (override_share) return *override_share;
    const double total = local_(i.index()) + imported_(i.index());
    return by_product_ && total > 0.0 ? std::clamp(local_(i.index()) / total, 0.0, 1.0) : category_;
  }

  /// A spending pattern split into what local industries supply (demand rates) and what is
  /// imported (import rates, by product).
  [[nodiscard]] std::pair<SparseRates, SparseRates> split(const SparseRates& pattern,
                                                          std::optional<double> override_share) const {
    SparseRates local, imported;
    for (const auto& [i, share] : pattern) {
      const double s = local_share(i, override_share);
      if (s > 0.0) local.emplace_back(i, share * s);
      if (s < 1.0) imported.emplace_back(i, share * (1.0 - s));
    }
    return {std::move(local), std::move(imported)};
  }

  /// The share of the whole pattern bought locally.
  [[nodiscard]] double pattern_local_share(const SparseRates& pattern, std::optional<double> override_share) const {
    double local = 0.0, total = 0.0;
    for (const auto& [i, share] : pattern) {
      local += share * local_share(i, override_share);
      total += share;
    }
    return total != 0.0 ? local / total : 1.0;
  }

  /// " (82 % local, the rest imported)" for the share of the whole pattern bought locally.
  [[nodiscard]] std::string note(const SparseRates& pattern, std::optional<double> override_share) const {
    return origin_note(pattern_local_share(pattern, override_share));
  }

 private:
  Eigen::VectorXd local_;
  Eigen::VectorXd imported_;
  bool by_product_;
  double category_;
};

void add_demand(SpecBuilder& builder, SectorResolver& resolver, const GfcfOrigin& gfcf, OwnerId owner,
                const EventSpec& event, const DemandEventSpec& demand, const TimeSpec& time) {
  const SparseRates& pattern =
      resolver.rates(demand.sectors, [&] { return fmt::format("events[{}].sectors", event.id); });
  // Other categories are bought locally unless the event says otherwise.
  const std::optional<double> share =
      demand.category == FinalDemand::gfcf ? demand.local_share : std::optional(demand.local_share.value_or(1.0));
  const auto [local, imported] = gfcf.split(pattern, share);
  const ComponentId c = builder.add_component(owner, demand.category, local, imported);
  DemandLogLine line{false, demand.category, demand.amount.per_year(), 0, gfcf.pattern_local_share(pattern, share)};
  if (demand.total) {
    // Spent evenly over the window: the same amount each day, an annual rate of that × the days of its year.
    const int days = narrow<int>(demand.to - demand.from) + 1;
    builder.evenly(
        c, demand.from, days, [&](int year_days) { return ((1.0 / days) * *demand.total).amount() * year_days; },
        demand.to < time.end);
    line.total = true;
    line.amount = demand.total->amount();
    line.days = days;
  } else {
    builder.step(demand.from, c, demand.amount.per_year());
    if (demand.to < time.end) builder.step(demand.to + 1, c, 0.0);
  }
  builder.log_demand(demand.from, demand.to + 1, owner, line, pattern);
}

// Smooth S-shaped cumulative share of spending at fraction u of the window: 3u² − 2u³.
double s_curve(double u) {
  return u * u * (3.0 - 2.0 * u);
}

void add_project(SpecBuilder& builder, SectorResolver& resolver, const IoTable& table, const GfcfOrigin& gfcf,
                 OwnerId owner, const EventSpec& event, const ProjectEventSpec& project) {
  const auto sector = resolver.index(project.sector, [&] { return fmt::format("events[{}].sector", event.id); });
  if (project.capex > Money(0.0)) {
    const SparseRates& mix = resolver.rates(project.mix, [&] { return fmt::format("events[{}].mix", event.id); });
    const auto [local, imported] = gfcf.split(mix, project.local_share);
    const ComponentId c = builder.add_component(owner, FinalDemand::gfcf, local, imported);
    const int days = narrow<int>(project.build_to - project.build_from) + 1;
    const bool s_shaped = project.profile == BuildProfile::s_curve;
    // The amount spent on day d is capex × (F((d+1)/D) − F(d/D)); as an annual rate, × days in that year.
    if (s_shaped) {
      builder.daily(
          c, project.build_from, days,
          [&](int d, int year_days) {
            const double share = s_curve((d + 1.0) / days) - s_curve(as_real(d) / days);
            return (share * project.capex).amount() * year_days;  // spent that day, as an annual rate
          },
          true);
    } else {
      builder.evenly(
          c, project.build_from, days, [&](int year_days) { return ((1.0 / days) * project.capex).amount() * year_days; },
          true);
    }
    builder.log(project.build_from, owner, "build starts: capex {:.6g} over {} days ({}), gfcf on {}{}",
                project.capex.amount(), days, s_shaped ? "s-curve" : "uniform", DescribedRates{table, mix},
                gfcf.note(mix, project.local_share));
    builder.log(project.build_to + 1, owner, "build ends");
  }
  if (project.output > MoneyRate(0.0) && sector) {
    const std::string code = table.sectors[sector->value()].code;
    std::vector<ComponentId> components;
    if (project.market == Market::outside) {
      const SectorRate sold{*sector, 1.0};
      components.push_back(builder.add_component(owner, FinalDemand::exports, {&sold, 1}));
    } else {
      // Import substitution: the new output replaces imported final goods, category by category in
      // the table's proportions (households when the table has no imported final demand).
      // Only categories that buy imports take part (imported inventories may be drawn down).
      const double total = table.imported_final_demand.cwiseMax(0.0).sum();
      for (std::size_t k = 0; k < final_demand_count; ++k) {
        const double share = total > 0.0 ? std::max(0.0, table.imported_final_demand(to_index(k))) / total
                                         : (k == index_of(FinalDemand::household) ? 1.0 : 0.0);
        if (share <= 0.0) continue;
        const SectorRate bought{*sector, share};
        const SectorRate imported{*sector, -share};
        components.push_back(builder.add_component(owner, enumerator<FinalDemand>(k), {&bought, 1}, {&imported, 1}));
      }
    }
    const int ramp = project.ramp_days;
    for (const ComponentId c : components) {
      builder.mark_capacity(c);
      // Day i of the ramp runs at the mean of the linear ramp over that day, (i + ½)/R, so the
      // piecewise-constant path integrates to the linear ramp exactly.
      builder.daily(
          c, project.online, ramp, [&](int d, int) { return project.output.per_year() * (d + 0.5) / ramp; }, false);
      builder.step(project.online + ramp, c, project.output.per_year());
    }
    builder.log(project.online, owner, "online in {}: output {:.6g} per year{}, market {}", code,
                project.output.per_year(), ramp > 0 ? fmt::format(" after a {}-day ramp", ramp) : std::string(),
                project.market == Market::outside ? "outside" : "local (replaces imports)");
    if (ramp > 0) builder.log(project.online + ramp, owner, "full capacity");
  }
}

// Calendar years from 1 January of `year0` to the start of day `d`: whole years, plus the share of
// d's year that has passed.
double calendar_years(int year0, Date d) {
  const int year = d.year();
  return (year - year0) + accrued(1.0, d - Date::from_ymd(year, 1, 1), year);
}

/// The trend's level G over [from, until), as its mean there (docs/model.md, "Trends"):
/// G(τ) = c (1 + g)^τ with τ in calendar years from 1 January after the base year and
/// c = (1 + g) ln(1 + g) / g, so that every calendar year's mean is (1 + g)^(year − base year).
double trend_level(double g, int base_year, Date from, Date until) {
  const double log_growth = std::log1p(g);
  const double c = (1.0 + g) * log_growth / g;
  const double t0 = calendar_years(base_year + 1, from);
  // `until` may be 1 January of the next year: it ends this year, τ = t0's whole years + 1.
  const double t1 = until.year() != from.year() ? std::floor(t0) + 1.0 : calendar_years(base_year + 1, until);
  const double span = t1 - t0;
  return c * std::exp(t0 * log_growth) * std::expm1(span * log_growth) / (log_growth * span);
}

/// Where trend levels change: each report date and each 1 January, then the day after the horizon.
/// A level holds its mean in between, so yearly totals are exact and each report shows the level
/// until the next.
std::vector<Date> trend_changes(const TimeSpec& time) {
  std::vector<Date> changes = report_dates(time);
  for (int year = time.start.year() + 1; year <= time.end.year(); ++year) changes.push_back(Date::from_ymd(year, 1, 1));
  changes.push_back(time.end + 1);
  std::sort(changes.begin(), changes.end());
  changes.erase(std::unique(changes.begin(), changes.end()), changes.end());
  return changes;
}

void add_trend(SpecBuilder& builder, SectorResolver& resolver, const SimulationSpec& spec, OwnerId owner,
               const TrendSpec& trend, int base_year, const std::vector<Date>& changes) {
  const auto k = ordinal(trend.category);
  const std::string path = fmt::format("trends.{}.sectors", at(final_demand_names, k));
  // The category's demand grows whatever its origin: local demand, and imported final demand
  // (imports rates). One component for the sectors on the default rate, one per sector with its own.
  struct Part {
    double rate = 0.0;
    SparseRates local, imported;
    void add(SectorId i, const SimulationSpec& s, Eigen::Index category) {
      if (s.base_demand(i.index(), category) != 0.0) local.emplace_back(i, s.base_demand(i.index(), category));
      if (s.base_imported_demand(i.index(), category) != 0.0)
        imported.emplace_back(i, s.base_imported_demand(i.index(), category));
    }
  };
  std::vector<Part> parts(1, Part{trend.rate, {}, {}});
  std::vector<bool> own_rate(to_size(spec.base_demand.rows()), false);
  for (const SectorShare& sector : trend.sectors) {
    if (const auto i = resolver.index(sector, path)) {
      own_rate[i->value()] = true;
      parts.push_back(Part{sector.share, {}, {}});
      parts.back().add(*i, spec, k);
    }
  }
  for (std::size_t s = 0; s < own_rate.size(); ++s) {
    if (!own_rate[s]) parts.front().add(SectorId(s), spec, k);
  }
  for (const Part& part : parts) {
    if (part.rate == 0.0 || (part.local.empty() && part.imported.empty())) continue;
    const ComponentId c = builder.add_component(owner, trend.category, part.local, part.imported);
    for (std::size_t r = 0; r + 1 < changes.size(); ++r)
      builder.step(changes[r], c, trend_level(part.rate, base_year, changes[r], changes[r + 1]) - 1.0);
  }
}

void add_price(SpecBuilder& builder, SectorResolver& resolver, const IoTable& table, OwnerId owner,
               const EventSpec& event, const PriceEventSpec& price, Diagnostics& diagnostics, SimulationSpec& spec) {
  const std::string path = fmt::format("events[{}]", event.id);
  const Eigen::Index n = table.size();
  PriceLeverSpec lever{owner, price.from, price.to + 1, std::nullopt, price.change, {}};
  for (auto& cost : lever.cost) cost = Eigen::VectorXd::Zero(n);
  const Eigen::ArrayXd per_output = table.output.array().inverse();
  std::string what;
  if (price.lever == PriceLever::output_price) {
    lever.fixed = resolver.index(price.sector, path + ".sector");
    if (!lever.fixed) return;
    what = fmt::format("output price of {} {:+.4g} %", price.sector.code, price.change * 100.0);
    for (const PriceLeverSpec& other : spec.prices) {
      if (other.fixed == lever.fixed && other.from < lever.until && lever.from < other.until) {
        diagnostics.add(price.sector.where, path + ".sector",
                        fmt::format("the output price of {} is already set by events[{}] on some of these days",
                                    price.sector.code, spec.owners[other.owner.value()]));
        return;
      }
    }
  } else if (price.lever == PriceLever::value_added) {
    const Eigen::VectorXd mask = resolver.mask(price.sectors, path + ".sectors");
    const auto c = index_of(price.component);
    lever.cost[c] = (mask.array() * table.value_added.row(row_of(price.component)).transpose().array() * per_output *
                     price.change)
                        .matrix();
    what = fmt::format("{} per unit of output {:+.4g} % in {} sectors", value_added_names[c], price.change * 100.0,
                       mask.sum());
  } else {
    const auto satellite = std::find_if(table.satellites.begin(), table.satellites.end(),
                                        [&](const Satellite& s) { return s.name == price.satellite; });
    if (satellite == table.satellites.end()) {
      std::vector<std::string> known;
      for (const auto& s : table.satellites) known.push_back(s.name);
      diagnostics.add(price.satellite_where, path + ".per",
                      fmt::format("unknown satellite account \"{}\"; the table has: {}{}", price.satellite,
                                  known.empty() ? std::string("none") : join(known, ", "),
                                  did_you_mean(price.satellite, known)));
      return;
    }
    const Eigen::VectorXd mask = resolver.mask(price.sectors, path + ".sectors");
    // A charge per unit emitted is a production tax: cost per unit of output = price × emissions / output.
    lever.cost[index_of(ValueAdded::taxes)] =
        (mask.array() * satellite->totals.array() * per_output * price.price).matrix();
    what = fmt::format("{:.6g} {} per {} of {} in {} sectors (a production tax)", price.price, table.units,
                       satellite->unit, satellite->name, mask.sum());
  }
  builder.log(price.from, owner, "{}", what);
  if (price.to < spec.time.end) builder.log(price.to + 1, owner, "{} ends", what);
  spec.prices.push_back(std::move(lever));
}

/// A demand event is one component, two steps and two log lines; reserving avoids regrowth, and a
/// million levers' arrays are advised onto huge pages (core/memory.hpp).
void reserve_for(SimulationSpec& spec, const Scenario& scenario) {
  const std::size_t levers = scenario.events.size() + scenario.trends.size();
  reserve_huge(spec.owners, levers);
  reserve_huge(spec.owner_kinds, levers);
  reserve_huge(spec.components, levers);
  reserve_huge(spec.steps, 2 * scenario.events.size());
  reserve_huge(spec.rates, levers);
  reserve_huge(spec.log, 2 * scenario.events.size() + scenario.trends.size());
  reserve_huge(spec.demand_log, scenario.events.size());
  reserve_huge(spec.log_rates, scenario.events.size());
  spec.held.assign(levers, false);
}

/// A rule, resolved: its indicator and the event it acts on by position. Names were checked when the
/// scenario was read, so both exist; events are the first owners, in file order.
void add_rule(SimulationSpec& spec, const Scenario& scenario, OwnerId owner, const RuleSpec& rule) {
  const auto named = [&](const auto& list, const std::string& name) {
    return std::find_if(list.begin(), list.end(), [&](const auto& item) { return item_name(item) == name; }) -
           list.begin();
  };
  const OwnerId acts_on(named(scenario.events, rule.event));
  spec.rules.push_back({owner, rule.every, IndicatorId(named(scenario.indicators, rule.indicator)), rule.threshold,
                        rule.below, rule.action, acts_on, rule.by, rule.max_times});
  if (rule.action == RuleAction::start) spec.held[acts_on.value()] = true;
}

}  // namespace

SimulationSpec simulation_spec(const Scenario& scenario, const IoTable& table, const LeontiefModel& model) {
  SimulationSpec spec;
  spec.time = scenario.time;
  spec.targets = scenario.targets;
  spec.base_demand = table.local_final_demand;
  spec.base_imported_demand = base_imported_demand(table);
  const GfcfOrigin gfcf(table, spec);
  if (model.households() == HouseholdMode::endogenous)
    spec.base_demand.col(column_of(FinalDemand::household)).setZero();

  Diagnostics diagnostics;
  SectorResolver resolver(table, diagnostics);
  SpecBuilder builder(spec);
  reserve_for(spec, scenario);
  for (const EventSpec& event : scenario.events) {
    const OwnerId owner(spec.owners.size());
    spec.owners.push_back(event.id);
    if (const auto* demand = std::get_if<DemandEventSpec>(&event.detail)) {
      spec.owner_kinds.emplace_back("demand");
      add_demand(builder, resolver, gfcf, owner, event, *demand, spec.time);
    } else if (const auto* rule = std::get_if<RuleSpec>(&event.detail)) {
      spec.owner_kinds.emplace_back("rule");
      add_rule(spec, scenario, owner, *rule);
    } else if (const auto* price = std::get_if<PriceEventSpec>(&event.detail)) {
      spec.owner_kinds.emplace_back("price");
      add_price(builder, resolver, table, owner, event, *price, diagnostics, spec);
    } else if (const auto* disruption = std::get_if<DisruptionEventSpec>(&event.detail)) {
      spec.owner_kinds.emplace_back("disruption");
      add_disruption(builder, resolver, table, scenario.dynamics, owner, event, *disruption, diagnostics, spec);
    } else {
      spec.owner_kinds.emplace_back("project");
      add_project(builder, resolver, table, gfcf, owner, event, std::get<ProjectEventSpec>(event.detail));
    }
  }
  const std::vector<Date> changes = scenario.trends.empty() ? std::vector<Date>{} : trend_changes(spec.time);
  for (const TrendSpec& trend : scenario.trends) {
    const std::string category{name_in(final_demand_names, trend.category)};
    const OwnerId owner(spec.owners.size());
    spec.owners.push_back("trend:" + category);
    spec.owner_kinds.emplace_back("trend");
    add_trend(builder, resolver, spec, owner, trend, table.base_year, changes);
    std::string detail = fmt::format("{} grows {} a year", category, percent(trend.rate));
    for (const auto& sector : trend.sectors) detail += fmt::format(", {} {}", sector.code, percent(sector.share));
    builder.log(spec.time.start, owner, "{}", detail);
  }
  if (scenario.dynamics.model == DynamicsModel::ario) {
    // A nonlinear run's levers do not add up: what is left is this row (docs/dynamics.md, "Attribution").
    spec.owners.emplace_back("interaction");
    spec.owner_kinds.emplace_back("interaction");
    spec.held.push_back(false);
  }
  for (const IndicatorSpec& indicator : scenario.indicators) {
    if (auto resolved = resolve_indicator(indicator, table, model.households(), resolver, diagnostics)) {
      spec.indicators.push_back(std::move(*resolved));
    }
  }
  diagnostics.throw_if_any();
  for (std::size_t owner = 0; owner < spec.held.size(); ++owner) {
    if (spec.held[owner]) builder.log(spec.time.start, OwnerId(owner), "held until a rule starts it");
  }
  return spec;
}

std::vector<std::size_t> log_order(const SimulationSpec& spec) {
  return date_order(spec.log.size(), [&](std::size_t i) { return spec.log[i].date; });
}

std::string log_detail(const SimulationSpec& spec, const IoTable& table, const LogEntry& entry) {
  if (entry.form == LogForm::text) return std::string(spec.log_text, entry.offset, entry.size);
  const DemandLogLine& line = at(spec.demand_log, to_index(entry.offset));
  const std::string_view category = name_in(final_demand_names, line.category);
  if (entry.form == LogForm::demand_ends) {
    return line.total ? fmt::format("{} spending ends", category)
                      : fmt::format("{} {:+.6g} per year ends", category, line.amount);
  }
  const DescribedRates sectors{table, std::span<const SectorRate>(spec.log_rates).subspan(line.first, line.size)};
  if (line.total) {
    return fmt::format("{} {:+.6g} in total over {} days on {}{}", category, line.amount, line.days, sectors,
                       origin_note(line.local_share));
  }
  return fmt::format("{} {:+.6g} per year on {}{}", category, line.amount, sectors, origin_note(line.local_share));
}

}  // namespace regsim
