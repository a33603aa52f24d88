#pragma once

#include <compare>
#include <cstddef>

namespace regsim {

/// An index that cannot be mixed up with another kind of index (STYLE.md, habit 3).
/// Becomes a matrix index (Eigen::Index is std::ptrdiff_t) only through `index()`.
template <class Tag>
class StrongId {
public:
  constexpr StrongId() = default;
  constexpr explicit StrongId(std::size_t value) : value_(value) {}
  [[nodiscard]] constexpr std::size_t value() const { return value_; }
  [[nodiscard]] constexpr std::ptrdiff_t index() const { return static_cast<std::ptrdiff_t>(value_); }
  constexpr auto operator<=>(const StrongId&) const = default;

private:
  std::size_t value_ = 0;
};

struct SectorTag {};
/// Position of a sector in the table's sector order.
using SectorId = StrongId<SectorTag>;

}  // namespace regsim
