#include "model/sector_resolver.hpp"

#include <algorithm>

namespace regsim {

SectorResolver::SectorResolver(const IoTable& table, Diagnostics& diagnostics)
    : table_(table), diagnostics_(diagnostics) {
  for (std::size_t i = 0; i < table.sectors.size(); ++i) {
    const auto& sector = table.sectors[i];
    codes_.push_back(sector.code);
    index_.emplace(sector.code, SectorId(i));
    for (const auto& group : sector.groups) groups_.insert(group);
    if (!sector.region.empty()) regions_.insert(sector.region);
  }
}

void SectorResolver::add_like(const SectorShare& term, const std::string& path) {
  const std::string category = term.code.substr(5);
  const auto found = std::find(final_demand_names.begin(), final_demand_names.end(), category);
  if (found == final_demand_names.end()) {
    const std::vector<std::string> known(final_demand_names.begin(), final_demand_names.end());
    diagnostics_.add(term.where, path,
                     fmt::format("unknown final-demand category \"{}\" after like:; expected one of: {}{}", category,
                                 join(known, ", "), did_you_mean(category, known)));
    return;
  }
  const Eigen::VectorXd demand = table_.local_final_demand.col(found - final_demand_names.begin()).cwiseMax(0.0);
  const double total = demand.sum();
  if (total <= 0.0) {
    diagnostics_.add(term.where, path, fmt::format("the table has no local {} demand to take proportions from", category));
    return;
  }
  for (Eigen::Index i = 0; i < demand.size(); ++i) {
    if (demand(i) > 0.0) scratch_.emplace_back(SectorId(to_size(i)), term.share * demand(i) / total);
  }
}

Eigen::VectorXd SectorResolver::mask(const std::vector<SectorShare>& terms, const std::string& path) {
  if (terms.empty()) return Eigen::VectorXd::Ones(table_.size());
  Eigen::VectorXd mask = Eigen::VectorXd::Zero(table_.size());
  for (const SectorShare& term : terms) {
    if (term.code.starts_with("group:")) {
      const std::string group = term.code.substr(6);
      if (!groups_.contains(group)) {
        const std::vector<std::string> known(groups_.begin(), groups_.end());
        diagnostics_.add(
            term.where, path,
            fmt::format("unknown group \"{}\"; the sectors file defines: {}{}", group,
                        known.empty() ? std::string("no groups") : join(known, ", "), did_you_mean(group, known)));
        continue;
      }
      for (Index i = 0; i < std::ssize(table_.sectors); ++i) {
        const auto& groups = at(table_.sectors, i).groups;
        if (std::find(groups.begin(), groups.end(), group) != groups.end()) mask(i) = 1.0;
      }
    } else if (term.code.starts_with("region:")) {
      const std::string region = term.code.substr(7);
      if (!regions_.contains(region)) {
        const std::vector<std::string> known(regions_.begin(), regions_.end());
        diagnostics_.add(term.where, path,
                         fmt::format("unknown region \"{}\"; {}{}", region,
                                     known.empty() ? std::string("the table has no regions (no `region` column)")
                                                   : "the table's regions are: " + join(known, ", "),
                                     did_you_mean(region, known)));
        continue;
      }
      for (Index i = 0; i < std::ssize(table_.sectors); ++i) {
        if (at(table_.sectors, i).region == region) mask(i) = 1.0;
      }
    } else if (const auto i = index(term, path)) {
      mask(i->index()) = 1.0;
    }
  }
  return mask;
}

std::vector<SectorId> SectorResolver::members(const std::vector<SectorShare>& terms, const std::string& path) {
  std::vector<SectorId> out;
  if (terms.empty()) return out;
  const Eigen::VectorXd selected = mask(terms, path);
  for (std::size_t i = 0; i < table_.sectors.size(); ++i) {
    if (selected(SectorId(i).index()) != 0.0) out.push_back(SectorId(i));
  }
  return out;
}

std::string SectorResolver::unknown_sector_hint(const std::string& code) const {
  for (const std::string& group : {code, "chain_" + code}) {
    if (groups_.contains(group)) {
      return fmt::format("; the sectors file has a group \"{}\": write \"group:{}\" for its sectors", group, group);
    }
  }
  return did_you_mean(code, codes_);
}

}  // namespace regsim
