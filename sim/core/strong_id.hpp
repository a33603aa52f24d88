#pragma once

#include <cassert>
#include <compare>
#include <concepts>
#include <cstddef>
#include <type_traits>

#include "core/index.hpp"

namespace regsim {

/// An index that cannot be mixed up with another kind of index (STYLE.md, habit 3).
/// Becomes a matrix index (Eigen::Index is std::ptrdiff_t) only through `index()`.
template <class Tag>
class StrongId {
public:
  constexpr StrongId() = default;
  /// From a position of any integer type (a container's size_t, a matrix's signed index): the one
  /// place such a conversion is written.
  template <std::integral Position>
  constexpr explicit StrongId(Position value) : value_(to_size(value)) {}
  [[nodiscard]] constexpr std::size_t value() const { return value_; }
  [[nodiscard]] constexpr Index index() const { return to_index(value_); }
  constexpr auto operator<=>(const StrongId&) const = default;

private:
  std::size_t value_ = 0;
};

struct SectorTag {};
/// Position of a sector in the table's sector order.
using SectorId = StrongId<SectorTag>;

}  // namespace regsim
