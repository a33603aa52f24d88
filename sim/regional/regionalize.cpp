#include "regional/regionalize.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "core/text.hpp"
#include "iomodel/table_loader.hpp"
#include "regional/balancing.hpp"

namespace regsim {

namespace {

/// Indices of the sectors named by `terms` (codes or `group:<name>`), reporting unknown ones.
std::vector<Eigen::Index> resolve_terms(const IoTable& table, const std::vector<std::string>& terms,
                                        const SourceLocation& where, const std::string& path,
                                        Diagnostics& diagnostics) {
  std::vector<Eigen::Index> found;
  std::vector<std::string> codes;
  for (const auto& s : table.sectors) codes.push_back(s.code);
  for (const std::string& term : terms) {
    const std::size_t before = found.size();
    if (term.starts_with("group:")) {
      const std::string group = term.substr(6);
      for (Index i = 0; i < std::ssize(table.sectors); ++i) {
        const auto& groups = at(table.sectors, i).groups;
        if (std::find(groups.begin(), groups.end(), group) != groups.end()) found.push_back(i);
      }
      if (found.size() == before) diagnostics.add(where, path, fmt::format("no sector is in group \"{}\"", group));
    } else if (const auto id = table.find_sector(term)) {
      found.push_back(id->index());
    } else {
      diagnostics.add(where, path, fmt::format("unknown sector \"{}\"{}", term, did_you_mean(term, codes)));
    }
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

Eigen::VectorXd per_output(const Eigen::VectorXd& amounts, const Eigen::VectorXd& output) {
  return amounts.cwiseQuotient(output);
}

}  // namespace

IoTable aggregate_sectors(const IoTable& national, const std::vector<Sector>& sectors,
                          const std::vector<std::vector<std::string>>& sources,
                          const std::vector<SourceLocation>& where, Diagnostics& diagnostics) {
  const auto m = std::ssize(sectors);
  const Eigen::Index n = national.size();
  Eigen::MatrixXd s = Eigen::MatrixXd::Zero(m, n);  // S: regional × national, 0/1
  std::vector<std::string> codes;
  for (const auto& sector : national.sectors) codes.push_back(sector.code);
  std::vector<int> claimed(to_size(n), -1);
  for (Eigen::Index r = 0; r < m; ++r) {
    const auto ru = to_size(r);
    const std::string path = fmt::format("sector \"{}\".source", sectors[ru].code);
    if (sources[ru].empty())
      diagnostics.add(where[ru], path, "expected national sector codes separated by ';', found none");
    for (const std::string& code : sources[ru]) {
      const auto id = national.find_sector(code);
      if (!id) {
        diagnostics.add(where[ru], path,
                        fmt::format("unknown national sector \"{}\"{}", code, did_you_mean(code, codes)));
        continue;
      }
      const auto i = to_size(id->value());
      if (claimed[i] >= 0) {
        diagnostics.add(
            where[ru], path,
            fmt::format("national sector \"{}\" already goes to \"{}\"", code, at(sectors, claimed[i]).code));
        continue;
      }
      claimed[i] = narrow<int>(r);
      s(r, to_index(i)) = 1.0;
    }
  }
  std::vector<std::string> unmapped;
  for (std::size_t i = 0; i < claimed.size(); ++i) {
    if (claimed[i] < 0) unmapped.push_back(national.sectors[i].code);
  }
  if (!unmapped.empty() && !where.empty()) {
    diagnostics.add(
        {where.front().file, 0, 0}, "source",
        fmt::format("every national sector must go to one regional sector; not mapped: {}", join(unmapped, ", ")));
  }
  IoTable t;
  t.sectors = sectors;
  t.units = national.units;
  t.base_year = national.base_year;
  if (!diagnostics.empty()) return t;
  t.local_flows = s * national.local_flows * s.transpose();
  t.local_final_demand = s * national.local_final_demand;
  t.imported_inputs = national.imported_inputs * s.transpose();
  t.imported_final_demand = national.imported_final_demand;
  t.value_added = national.value_added * s.transpose();
  t.output = s * national.output;
  for (const Satellite& sat : national.satellites) t.satellites.push_back({sat.name, sat.unit, s * sat.totals});
  return t;
}

namespace {

/// The new sector's column (local inputs, imports, value added) per unit of its output: the
/// split's given inputs, the rest in the parent's proportions, scaled to fill the column.
/// `parent` is the parent's whole column with the new sector's row inserted; `t` that row.
Eigen::VectorXd split_column(const IoTable& table, const SectorSplit& split, const IoTable& out,
                             const Eigen::VectorXd& parent, Eigen::Index p, Eigen::Index t, double own_output) {
  const Eigen::Index n = table.size();
  const Eigen::Index m_row = n + 1;  // imports
  const auto moved = [&](Eigen::Index i) { return i <= p ? i : i + 1; };
  const double parent_output = table.output(p);
  Eigen::VectorXd own = split.share * parent;
  if (split.inputs.empty()) return own;
  std::vector<bool> given(to_size(parent.size()), false);
  double given_total = 0.0;
  double parent_given = 0.0;
  for (const auto& [code, coefficient] : split.inputs) {
    Eigen::Index row = -1;
    if (code == "imports") {
      row = m_row;
    } else if (code == split.sector.code) {
      row = t;
    } else if (const auto id = table.find_sector(code)) {
      row = moved(id->index());
    } else {
      std::vector<std::string> codes{"imports"};
      for (const auto& s : out.sectors) codes.push_back(s.code);
      throw InputError(split.where, split.path + ".inputs",
                       fmt::format("unknown input \"{}\"{}", code, did_you_mean(code, codes)));
    }
    own(row) = coefficient * own_output;
    at(given, row) = true;
    given_total += own(row);
    parent_given += parent(row);
  }
  // The inputs not given keep the parent's proportions, scaled to fill the rest of the column.
  const double rest = own_output - given_total;
  const double parent_rest = parent_output - parent_given;
  if (rest < 0.0 || parent_rest <= 0.0) {
    throw InputError(split.where, split.path + ".inputs",
                     fmt::format("the inputs given add up to {:.6g} per unit of output; expected less than 1",
                                 given_total / own_output));
  }
  for (Eigen::Index r = 0; r < parent.size(); ++r) {
    if (!at(given, r)) own(r) = parent(r) * rest / parent_rest;
  }
  return own;
}

/// What the parent keeps must stay non-negative (but for net taxes and operating surplus, which may
/// be negative in the data).
void check_what_remains(const SectorSplit& split, const IoTable& out, const Eigen::VectorXd& parent,
                        const Eigen::VectorXd& own, const Eigen::VectorXd& remaining, Eigen::Index n,
                        double parent_output) {
  const Eigen::Index m_row = n + 1;
  const Eigen::Index va_row = n + 2;
  for (Eigen::Index r = 0; r < parent.size(); ++r) {
    // Net taxes and operating surplus may be negative in the data; everything else must stay ≥ 0.
    const bool signed_row = r == va_row + row_of(ValueAdded::taxes) || r == va_row + row_of(ValueAdded::surplus);
    if (!signed_row && remaining(r) < -1e-9 * parent_output) {
      const std::string what = r < n + 1    ? fmt::format("input from \"{}\"", at(out.sectors, r).code)
                               : r == m_row ? std::string("imported inputs")
                                            : fmt::format("value added ({})", at(value_added_names, r - va_row));
      throw InputError(split.where, split.path + ".inputs",
                       fmt::format("\"{}\" would need {:.6g} of {} but \"{}\" has only {:.6g}", split.sector.code,
                                   own(r), what, split.from, parent(r)));
    }
  }
}

}  // namespace

IoTable split_sector(const IoTable& table, const SectorSplit& split) {
  const auto parent_id = table.find_sector(split.from);
  if (!parent_id) {
    std::vector<std::string> codes;
    for (const auto& s : table.sectors) codes.push_back(s.code);
    throw InputError(split.where, split.path + ".from",
                     fmt::format("unknown sector \"{}\"{}", split.from, did_you_mean(split.from, codes)));
  }
  if (table.find_sector(split.sector.code)) {
    throw InputError(split.where, split.path + ".code", fmt::format("sector \"{}\" exists already", split.sector.code));
  }
  const auto p = parent_id->index();
  const Eigen::Index n = table.size();
  const Eigen::Index t = p + 1;  // the new sector's index
  const double share = split.share;
  // Index maps: old sector i -> new index; the parent keeps p, the new sector is p + 1.
  const auto moved = [&](Eigen::Index i) { return i <= p ? i : i + 1; };

  IoTable out;
  out.sectors = table.sectors;
  out.sectors.insert(out.sectors.begin() + t, split.sector);
  out.units = table.units;
  out.base_year = table.base_year;
  out.imported_final_demand = table.imported_final_demand;
  // 1. Rows: the new sector sells `share` of what the parent sold, to every buyer.
  Eigen::MatrixXd rows(n + 1, n);
  Eigen::MatrixXd final_demand(n + 1, table.local_final_demand.cols());
  for (Eigen::Index i = 0; i < n; ++i) {
    rows.row(moved(i)) = table.local_flows.row(i);
    final_demand.row(moved(i)) = table.local_final_demand.row(i);
  }
  rows.row(t) = share * table.local_flows.row(p);
  rows.row(p) *= 1.0 - share;
  final_demand.row(t) = share * table.local_final_demand.row(p);
  final_demand.row(p) *= 1.0 - share;
  out.local_final_demand = final_demand;
  // 2. Columns: the parent's column (local inputs, imports, value added) is divided between the two.
  const Eigen::Index m_row = n + 1;                                              // imports
  Eigen::VectorXd parent(n + 2 + value_added_height);                            // the parent's whole column
  parent << rows.col(p), table.imported_inputs(p), table.value_added.col(p);
  const double parent_output = table.output(p);
  const double own_output = share * parent_output;
  const Eigen::VectorXd own = split_column(table, split, out, parent, p, t, own_output);
  const Eigen::VectorXd remaining = parent - own;
  check_what_remains(split, out, parent, own, remaining, n, parent_output);
  out.local_flows.resize(n + 1, n + 1);
  out.imported_inputs.resize(n + 1);
  out.value_added.resize(value_added_count, n + 1);
  for (Eigen::Index j = 0; j < n; ++j) {
    if (j == p) continue;
    out.local_flows.col(moved(j)) = rows.col(j);
    out.imported_inputs(moved(j)) = table.imported_inputs(j);
    out.value_added.col(moved(j)) = table.value_added.col(j);
  }
  const auto place = [&](Eigen::Index column, const Eigen::VectorXd& values) {
    out.local_flows.col(column) = values.head(n + 1);
    out.imported_inputs(column) = values(m_row);
    out.value_added.col(column) = values.tail(value_added_count);
  };
  place(p, remaining);
  place(t, own);
  out.output.resize(n + 1);
  for (Eigen::Index i = 0; i < n; ++i) out.output(moved(i)) = table.output(i);
  out.output(t) = own_output;
  out.output(p) = parent_output - own_output;
  for (const Satellite& sat : table.satellites) {
    Eigen::VectorXd totals(n + 1);
    for (Eigen::Index i = 0; i < n; ++i) totals(moved(i)) = sat.totals(i);
    totals(t) = share * sat.totals(p);
    totals(p) *= 1.0 - share;
    out.satellites.push_back({sat.name, sat.unit, totals});
  }
  return out;
}

namespace {

/// How much of a total's measure each sector has per unit of its value added, nationally.
std::optional<Eigen::VectorXd> measure_per_value_added(const IoTable& national, const RegionalTotal& total,
                                                       Diagnostics& diagnostics) {
  const Eigen::VectorXd va = national.total_value_added().transpose();
  if (total.measure == "value_added") return Eigen::VectorXd::Ones(national.size());
  if (total.measure == "output") return national.output.cwiseQuotient(va);
  std::vector<std::string> names{"value_added", "output"};
  for (const Satellite& sat : national.satellites) {
    if (sat.name == total.measure) return sat.totals.cwiseQuotient(va);
    names.push_back(sat.name);
  }
  diagnostics.add(total.measure_where, total.path + ".measure",
                  fmt::format("expected one of {}, found \"{}\"{}", join(names, ", "), total.measure,
                              did_you_mean(total.measure, names)));
  return std::nullopt;
}

}  // namespace

namespace {

/// 1. Regional sectors: the national ones aggregated as the sectors file says, then split.
IoTable regional_sectors(const RegionalRecipe& recipe, const IoTable& source) {
  Diagnostics diagnostics;
  std::vector<std::string> source_cells;
  const std::vector<Sector> sectors = read_sector_list(recipe.sectors, diagnostics, "source", &source_cells);
  diagnostics.throw_if_any();
  std::vector<std::vector<std::string>> sources;
  std::vector<SourceLocation> where;
  for (std::size_t r = 0; r < sectors.size(); ++r) {
    sources.push_back(split_trimmed(source_cells[r], ';'));
    where.push_back({recipe.sectors.string(), r + 2, 1});  // the header is line 1
  }
  IoTable national = aggregate_sectors(source, sectors, sources, where, diagnostics);
  diagnostics.throw_if_any();
  for (const SectorSplit& split : recipe.splits) national = split_sector(national, split);
  return national;
}

/// 2. Regional value added by sector: each total scales its sectors not fixed by an earlier one.
///    Output and satellite totals count at national ratios to value added, so every measure
///    scales value added (and with it output) by the same factor.
Eigen::VectorXd regional_value_added(const RegionalRecipe& recipe, const IoTable& national, Diagnostics& diagnostics) {
  const Eigen::Index n = national.size();
  const Eigen::VectorXd national_va = national.total_value_added().transpose();
  Eigen::VectorXd va = national_va;
  std::vector<bool> fixed(to_size(n), false);
  for (const RegionalTotal& total : recipe.totals) {
    const auto members = resolve_terms(national, total.sectors, total.where, total.path + ".sectors", diagnostics);
    const std::optional<Eigen::VectorXd> per_va = measure_per_value_added(national, total, diagnostics);
    // A total in error still counts as covering its sectors, so one mistake gives one message.
    const auto mark_fixed = [&] {
      for (const Eigen::Index i : members) at(fixed, i) = true;
    };
    if (!per_va) mark_fixed();
    if (members.empty() || !per_va) continue;
    double fixed_sum = 0.0;
    double free_sum = 0.0;
    for (const Eigen::Index i : members) (at(fixed, i) ? fixed_sum : free_sum) += va(i) * (*per_va)(i);
    const double target = total.value - fixed_sum;
    if (free_sum <= 0.0 || target <= 0.0) {
      diagnostics.add(
          total.where, total.path + ".value",
          free_sum <= 0.0
              ? fmt::format("every sector here is fixed by an earlier total already ({:.6g})", fixed_sum)
              : fmt::format("expected more than the {:.6g} that earlier totals give these sectors, found {:.6g}",
                            fixed_sum, total.value));
      mark_fixed();
      continue;
    }
    for (const Eigen::Index i : members) {
      if (!at(fixed, i)) va(i) *= target / free_sum;
      at(fixed, i) = true;
    }
  }
  std::vector<std::string> missing;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!at(fixed, i)) missing.push_back(at(national.sectors, i).code);
  }
  if (!missing.empty()) {
    diagnostics.add(recipe.totals.empty() ? SourceLocation{recipe.file.string(), 0, 0} : recipe.totals.back().where,
                    "totals", fmt::format("no total covers these sectors: {}", join(missing, ", ")));
  }
  diagnostics.throw_if_any();

  return va;
}

/// 3. Output at national value-added ratios; coefficients by location quotients; inputs no longer
///    found locally are imported.
void regionalize_production(RegionalBuild& build, const RegionalRecipe& recipe, const IoTable& national,
                            const Eigen::VectorXd& va) {
  const Eigen::VectorXd national_va = national.total_value_added().transpose();
  const Eigen::VectorXd x_n = national.output;
  const Eigen::VectorXd x_r = va.cwiseProduct(x_n).cwiseQuotient(national_va);
  build.slq = simple_location_quotients(x_r, x_n);
  build.lambda = uses_regional_size(recipe.method) ? flq_lambda(x_r.sum(), x_n.sum(), recipe.delta) : 1.0;
  const Eigen::MatrixXd a_n = national.local_flows * x_n.cwiseInverse().asDiagonal();
  const Eigen::MatrixXd a_r = regional_coefficients(a_n, location_quotients(recipe.method, x_r, x_n, recipe.delta));
  IoTable& t = build.table;
  t.sectors = national.sectors;
  t.units = recipe.units;
  t.base_year = recipe.base_year;
  t.output = x_r;
  t.local_flows = a_r * x_r.asDiagonal();
  // What the region's buyers no longer find locally, they import (from the rest of the country or abroad).
  const Eigen::RowVectorXd import_coefficients =
      per_output(national.imported_inputs.transpose(), x_n).transpose() + (a_n - a_r).colwise().sum();
  t.imported_inputs = import_coefficients.cwiseProduct(x_r.transpose());
  t.value_added = national.value_added * x_n.cwiseInverse().asDiagonal() * x_r.asDiagonal();
}

/// 4. Final use: the national product mix of each category at the region's totals, bought locally
///    in proportion min(SLQ, 1), exports to start from the national pattern at the sector's regional
///    scale; then GRAS to the local output left after intermediate sales.
void regional_final_use(RegionalBuild& build, const RegionalRecipe& recipe, const IoTable& national,
                        Diagnostics& diagnostics) {
  IoTable& t = build.table;
  const Eigen::Index n = national.size();
  const Eigen::VectorXd& x_n = national.output;
  const Eigen::VectorXd& x_r = t.output;
  const double gdp = t.total_value_added().sum();
  Eigen::MatrixXd initial = Eigen::MatrixXd::Zero(n, final_demand_width);
  Eigen::VectorXd category_totals = Eigen::VectorXd::Zero(final_demand_width);
  const Eigen::VectorXd local_share = build.slq.cwiseMin(1.0);
  for (std::size_t k = 0; k < 4; ++k) {
    const auto ki = to_index(k);
    const auto& total = recipe.final_use[k];
    if (!total) continue;
    const double amount = total->share_of_gdp ? total->value * gdp : total->value;
    const double national_sum = national.local_final_demand.col(ki).sum();
    if (national_sum == 0.0) {
      diagnostics.add(recipe.final_use_where, fmt::format("final_use.{}", final_demand_names[k]),
                      "the national table has no final use in this category to take the product mix from");
      continue;
    }
    initial.col(ki) = national.local_final_demand.col(ki) * (amount / national_sum);
    initial.col(ki) = initial.col(ki).cwiseProduct(local_share);
    category_totals(ki) = amount;
  }
  diagnostics.throw_if_any();
  const auto exports = column_of(FinalDemand::exports);
  initial.col(exports) = national.local_final_demand.col(exports).cwiseProduct(x_r.cwiseQuotient(x_n));
  const Eigen::VectorXd row_targets = x_r - t.local_flows.rowwise().sum();
  // A sector that exports nothing nationally still ships its surplus out of the region.
  for (Eigen::Index i = 0; i < n; ++i) {
    if (initial.row(i).cwiseAbs().sum() == 0.0 && row_targets(i) > 0.0) initial(i, exports) = row_targets(i);
  }
  Eigen::VectorXd column_targets = initial.colwise().sum().transpose();
  column_targets(exports) = row_targets.sum() - (column_targets.sum() - column_targets(exports));
  if (column_targets(exports) <= 0.0) {
    throw InputError(recipe.final_use_where, "final_use",
                     fmt::format("the local part of final use ({:.6g}) exceeds what local output leaves after "
                                 "intermediate sales ({:.6g}); lower the final-use totals",
                                 column_targets.sum() - column_targets(exports), row_targets.sum()));
  }
  const BalancingResult balanced = gras(initial, row_targets, column_targets);
  build.balancing_iterations = balanced.iterations;
  t.local_final_demand = balanced.matrix;
  t.imported_final_demand = Eigen::RowVectorXd::Zero(final_demand_width);
  // What each product's use is beyond its local supply is imported: the table records it by product
  // (final_imports.csv), in the category's national product mix less what GRAS left local.
  t.imported_final_demand_by_product = Eigen::MatrixXd::Zero(n, final_demand_width);
  for (Eigen::Index k = 0; k < 4; ++k) {
    if (!at(recipe.final_use, k)) continue;
    t.imported_final_demand(k) = category_totals(k) - column_targets(k);
    const Eigen::VectorXd use = national.local_final_demand.col(k) * (category_totals(k) / national.local_final_demand.col(k).sum());
    Eigen::VectorXd imported = use - t.local_final_demand.col(k);
    if (enumerator<FinalDemand>(k) != FinalDemand::inventory) imported = imported.cwiseMax(0.0);
    const double sum = imported.sum();
    if (sum != 0.0) {
      imported *= t.imported_final_demand(k) / sum;
    } else if (use.sum() != 0.0) {
      imported = use * (t.imported_final_demand(k) / use.sum());
    }
    t.imported_final_demand_by_product.col(k) = imported;
  }
}

/// 5. Satellites: national intensities, scaled to the regional totals given.
void regional_satellites(IoTable& t, const RegionalRecipe& recipe, const IoTable& national, Diagnostics& diagnostics) {
  const Eigen::VectorXd& x_n = national.output;
  const Eigen::VectorXd& x_r = t.output;
  for (const Satellite& sat : national.satellites) {
    Eigen::VectorXd totals = per_output(sat.totals, x_n).cwiseProduct(x_r);
    for (const auto& [name, regional_total] : recipe.satellite_totals) {
      if (name == sat.name) totals *= regional_total / totals.sum();
    }
    t.satellites.push_back({sat.name, sat.unit, totals});
  }
  for (const auto& [satellite_name, regional_total] : recipe.satellite_totals) {
    const std::string& name = satellite_name;  // a plain reference: C++20 lambdas cannot capture a structured binding
    if (std::none_of(national.satellites.begin(), national.satellites.end(),
                     [&](const Satellite& s) { return s.name == name; })) {
      std::vector<std::string> names;
      for (const auto& s : national.satellites) names.push_back(s.name);
      diagnostics.add(recipe.satellites_where, "satellites." + name,
                      fmt::format("the national table has no account \"{}\"{}", name, did_you_mean(name, names)));
    }
  }
}

}  // namespace

RegionalBuild build_regional_table(const RegionalRecipe& recipe, const IoTable& source) {
  IoTable national = regional_sectors(recipe, source);
  Diagnostics diagnostics;
  const Eigen::VectorXd va = regional_value_added(recipe, national, diagnostics);
  RegionalBuild build;
  regionalize_production(build, recipe, national, va);
  regional_final_use(build, recipe, national, diagnostics);
  regional_satellites(build.table, recipe, national, diagnostics);
  diagnostics.throw_if_any();
  build.national = std::move(national);
  return build;
}

}  // namespace regsim
