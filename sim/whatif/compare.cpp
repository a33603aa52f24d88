#include "whatif/compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/error.hpp"
#include "core/text.hpp"
#include "core/units.hpp"

namespace regsim {

namespace {

/// Why `run` cannot be compared with `reference`, or an empty string.
std::string incomparable(const RunSummary& reference, const RunSummary& run) {
  std::vector<std::string> reasons;
  if (run.sectors != reference.sectors) {
    std::string detail =
        fmt::format("sectors differ ({} vs {} in the reference", run.sectors.size(), reference.sectors.size());
    const std::size_t common = std::min(run.sectors.size(), reference.sectors.size());
    for (std::size_t i = 0; i < common; ++i) {
      if (run.sectors[i] != reference.sectors[i]) {
        detail += fmt::format("; sector {} is \"{}\" vs \"{}\"", i + 1, run.sectors[i], reference.sectors[i]);
        break;
      }
    }
    reasons.push_back(detail + ")");
  }
  if (run.base_year != reference.base_year) {
    reasons.push_back(fmt::format("base year {} vs {} in the reference", run.base_year, reference.base_year));
  }
  // Units compare by meaning: "万元" and "10k CNY" are one unit.
  if (!same_unit(run.units, reference.units)) {
    reasons.push_back(fmt::format("units \"{}\" vs \"{}\" in the reference", run.units, reference.units));
  }
  return join(reasons, "; ");
}

std::optional<Eigen::Index> year_column(const RunSummary& run, std::int64_t year) {
  const auto it = std::find(run.years.begin(), run.years.end(), year);
  if (it == run.years.end()) return std::nullopt;
  return it - run.years.begin();
}

/// Sorts by the largest absolute change from the reference over the runs (ties keep their order)
/// and keeps, for every compared run, its own `top` largest changes, so that what explains each
/// run is shown even when another run changes more; `top` 0 keeps all.
void rank(std::vector<Comparison::Change>& changes, std::size_t top) {
  const auto change_in = [](const Comparison::Change& c, std::size_t run) {
    return std::abs(c.values[run] - c.values.front());
  };
  const auto spread = [&](const Comparison::Change& c) {
    double largest = 0.0;
    for (std::size_t r = 1; r < c.values.size(); ++r) largest = std::max(largest, change_in(c, r));
    return largest;
  };
  std::stable_sort(changes.begin(), changes.end(),
                   [&](const Comparison::Change& a, const Comparison::Change& b) { return spread(a) > spread(b); });
  if (top == 0 || changes.size() <= top) return;
  std::vector<bool> kept(changes.size(), false);
  const std::size_t runs = changes.front().values.size();
  for (std::size_t r = 1; r < runs; ++r) {
    std::vector<std::size_t> order(changes.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return change_in(changes[a], r) > change_in(changes[b], r); });
    for (std::size_t k = 0; k < top; ++k) kept[order[k]] = true;
  }
  std::vector<Comparison::Change> shown;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    if (kept[i]) shown.push_back(std::move(changes[i]));
  }
  changes = std::move(shown);
}

}  // namespace

namespace {

/// The runs' labels and shared years; InputError when a run does not share the reference's table
/// or no simulated year.
Comparison comparable_runs(const std::vector<ComparedRun>& runs) {
  const RunSummary& reference = runs.front().run;
  Comparison c;
  c.base_year = reference.base_year;
  c.units = reference.units;
  for (const ComparedRun& r : runs) {
    c.labels.push_back(r.label);
    c.sources.push_back(r.source);
    if (&r != &runs.front()) {
      if (const std::string why = incomparable(reference, r.run); !why.empty()) {
        throw InputError(SourceLocation{r.source, 0, 0}, "",
                         fmt::format("cannot compare run \"{}\" with the reference \"{}\" ({}): {}", r.label,
                                     runs.front().label, runs.front().source, why));
      }
    }
  }
  for (const std::int64_t year : reference.years) {
    if (std::all_of(runs.begin(), runs.end(),
                    [&](const ComparedRun& r) { return year_column(r.run, year).has_value(); })) {
      c.years.push_back(year);
    }
  }
  if (c.years.size() < 2) {
    throw InputError(SourceLocation{runs.back().source, 0, 0}, "",
                     fmt::format("the runs share no simulated year (the reference covers {} to {})", reference.start,
                                 reference.end));
  }
  return c;
}

/// Indicators every run has with the same unit, in the reference's order; the others are left out.
void line_up_indicators(Comparison& c, const std::vector<ComparedRun>& runs) {
  const RunSummary& reference = runs.front().run;
  const auto run_count = std::ssize(runs);
  const auto year_count = std::ssize(c.years);

  // Indicators every run has, in the reference's order.
  for (std::size_t i = 0; i < reference.indicators.size(); ++i) {
    const std::string& name = reference.indicators[i];
    Comparison::IndicatorRows rows{name, reference.indicator_units[i], Eigen::MatrixXd(run_count, year_count),
                                   Eigen::MatrixXd(run_count, year_count)};
    bool everywhere = true;
    for (Eigen::Index r = 0; r < run_count && everywhere; ++r) {
      const RunSummary& run = at(runs, r).run;
      const auto row = position_of(run.indicators, name);
      if (!row || !same_unit(at(run.indicator_units, *row), rows.unit)) {
        everywhere = false;
        break;
      }
      for (Eigen::Index y = 0; y < year_count; ++y) {
        const Eigen::Index column = *year_column(run, at(c.years, y));
        rows.values(r, y) = run.indicator_values(*row, column);
        const double before = column > 0 ? run.indicator_values(*row, column - 1) : 0.0;
        rows.growth(r, y) = column > 0 && before != 0.0 ? rows.values(r, y) / before - 1.0 : std::nan("");
      }
    }
    if (everywhere) {
      c.indicators.push_back(std::move(rows));
    } else {
      c.left_out.push_back(name);
    }
  }
  for (const ComparedRun& r : runs) {
    for (const std::string& name : r.run.indicators) {
      if (!position_of(reference.indicators, name) && !position_of(c.left_out, name)) c.left_out.push_back(name);
    }
    c.targets.push_back(r.run.targets);
  }
  if (c.indicators.empty()) {
    throw InputError(SourceLocation{runs.back().source, 0, 0}, "",
                     "the runs share no indicator (same name and unit) to compare");
  }
}

/// The indicator and year the sector, chain and event changes are ranked by.
void choose_ranking(Comparison& c, const RunSummary& reference, const CompareOptions& options) {
  std::vector<std::string> shared;
  for (const auto& rows : c.indicators) shared.push_back(rows.name);
  c.ranked_indicator = options.indicator.empty() ? shared.front() : options.indicator;
  if (!position_of(shared, c.ranked_indicator)) {
    throw InputError(SourceLocation{}, "--indicator",
                     fmt::format("expected an indicator every run has ({}), found \"{}\"{}", join(shared, ", "),
                                 c.ranked_indicator, did_you_mean(c.ranked_indicator, shared)));
  }
  c.ranked_unit = at(c.indicators, *position_of(shared, c.ranked_indicator)).unit;
  c.ranked_year = options.year ? *options.year : c.years[1];
  if (!year_column(reference, c.ranked_year) ||
      std::find(c.years.begin(), c.years.end(), c.ranked_year) == c.years.end() || c.ranked_year == c.base_year) {
    throw InputError(SourceLocation{}, "--year",
                     fmt::format("expected a simulated year every run holds ({} to {}), found {}", c.years[1],
                                 c.years.back(), c.ranked_year));
  }
}

/// Value added of every sector and chain in the ranked year, per run.
void sector_and_chain_changes(Comparison& c, const std::vector<ComparedRun>& runs) {
  const RunSummary& reference = runs.front().run;
  for (Index s = 0; s < std::ssize(reference.sectors); ++s) {
    Comparison::Change change{at(reference.sectors, s), "sector", {}};
    for (const ComparedRun& r : runs) {
      change.values.push_back(r.run.sector_value_added(*year_column(r.run, c.ranked_year), s));
    }
    c.sectors.push_back(std::move(change));
  }
  std::vector<std::string> chain_names;
  for (const ComparedRun& r : runs) {
    for (const auto& chain : r.run.chains) {
      if (!position_of(chain_names, chain.name)) chain_names.push_back(chain.name);
    }
  }
  for (const std::string& name : chain_names) {
    Comparison::Change change{name, "chain", {}};
    for (const ComparedRun& r : runs) {
      const auto chain = std::find_if(r.run.chains.begin(), r.run.chains.end(),
                                      [&](const RunSummary::ChainLine& l) { return l.name == name; });
      change.values.push_back(chain == r.run.chains.end() ? 0.0
                                                          : chain->value_added(*year_column(r.run, c.ranked_year)));
    }
    c.chains.push_back(std::move(change));
  }
}

/// Each owner's contribution to the ranked indicator in the ranked year, per run: the union of the
/// runs' events, rules and trends in order of first appearance, the baseline row first.
void event_changes(Comparison& c, const std::vector<ComparedRun>& runs) {
  std::vector<Comparison::Change> owners{{"baseline", "baseline", {}}};
  std::map<std::string, std::size_t> row_of;
  for (const ComparedRun& r : runs) {
    for (std::size_t o = 0; o < r.run.owners.size(); ++o) {
      if (row_of.emplace(r.run.owners[o], owners.size()).second) {
        owners.push_back({r.run.owners[o], o < r.run.owner_kinds.size() ? r.run.owner_kinds[o] : "", {}});
      }
    }
  }
  for (auto& owner : owners) owner.values.assign(runs.size(), 0.0);
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const RunSummary& run = runs[r].run;
    const Eigen::MatrixXd& attribution = at(run.attribution, *position_of(run.indicators, c.ranked_indicator));
    const Eigen::Index column = *year_column(run, c.ranked_year);
    owners.front().values[r] = attribution(0, column);
    for (Eigen::Index o = 0; o < std::ssize(run.owners); ++o) {
      owners[row_of.at(at(run.owners, o))].values[r] = attribution(o + 1, column);
    }
  }
  c.events_total = owners.size();
  c.events = std::move(owners);
}

}  // namespace

Comparison compare_runs(const std::vector<ComparedRun>& runs, const CompareOptions& options) {
  if (runs.size() < 2) throw InputError(SourceLocation{}, "", "compare needs at least two runs");
  Comparison c = comparable_runs(runs);
  line_up_indicators(c, runs);
  choose_ranking(c, runs.front().run, options);
  sector_and_chain_changes(c, runs);
  event_changes(c, runs);
  rank(c.sectors, options.top);
  rank(c.chains, options.top);
  rank(c.events, options.top);
  return c;
}

}  // namespace regsim
