#pragma once

// Sector codes and `group:` terms written in a scenario, resolved against a table.

#include <fmt/format.h>
#include <Eigen/Core>

#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/text.hpp"
#include "iomodel/io_table.hpp"
#include "model/sector_rates.hpp"
#include "scenario/scenario.hpp"

namespace regsim {

/// Resolves sector codes and `group:` terms against the table, reporting unknown ones where the
/// scenario wrote them.
class SectorResolver {
 public:
  SectorResolver(const IoTable& table, Diagnostics& diagnostics);

  /// `path` is the key path for a message: a string, or a callable making one (so that a million
  /// valid events never format a path).
  template <class Path>
  std::optional<SectorId> index(const SectorShare& share, const Path& path) {
    if (const auto it = index_.find(share.code); it != index_.end()) return it->second;
    std::string key_path;
    if constexpr (std::is_invocable_v<Path>) {
      key_path = path();
    } else {
      key_path = path;
    }
    diagnostics_.add(share.where, std::move(key_path),
                     fmt::format("unknown sector \"{}\"{}", share.code, unknown_sector_hint(share.code)));
    return std::nullopt;
  }

  /// Shares as sparse rates; unknown codes are reported and left out. A term `like:<category>`
  /// spreads its share over the sectors in the table's proportions of that final-demand
  /// category. The result is valid until the next call (one buffer serves every event).
  template <class Path>
  const SparseRates& rates(const std::vector<SectorShare>& shares, const Path& path) {
    scratch_.clear();
    for (const SectorShare& share : shares) {
      if (share.code.starts_with("like:")) {
        if constexpr (std::is_invocable_v<Path>) {
          add_like(share, path());
        } else {
          add_like(share, path);
        }
      } else if (const auto i = index(share, path)) {
        scratch_.emplace_back(*i, share.share);
      }
    }
    return scratch_;
  }

  /// A 0/1 mask over sectors for terms: codes, `group:<name>` or `region:<name>`; empty terms mean all.
  Eigen::VectorXd mask(const std::vector<SectorShare>& terms, const std::string& path);

  /// The sectors the terms name, in table order, without repeats; empty terms mean none.
  std::vector<SectorId> members(const std::vector<SectorShare>& terms, const std::string& path);

 private:
  const IoTable& table_;
  Diagnostics& diagnostics_;
  std::vector<std::string> codes_;
  std::unordered_map<std::string, SectorId> index_;
  std::set<std::string> groups_;
  /// "did you mean" a sector, or, when the code names a group (`pv` for the group `chain_pv`),
  /// the `group:` term that selects it.
  std::string unknown_sector_hint(const std::string& code) const;
  std::set<std::string> regions_;
  SparseRates scratch_;

  void add_like(const SectorShare& term, const std::string& path);
};

}  // namespace regsim
