#pragma once

#include <algorithm>
#include <array>
#include <cassert>
#include <concepts>
#include <cstddef>
#include <iterator>
#include <limits>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace regsim {

/// A position in a sequence. Signed, like `Eigen::Index` and `std::ssize` (C++ Core Guidelines
/// ES.107), so that a loop over sectors can index a matrix and a vector of labels alike; the
/// conversions to a container's `size_t` are written once, here.
using Index = std::ptrdiff_t;

/// Element `i` of a contiguous container, for a position of any integer type, asserted in range
/// (what `gsl::at` does).
template <class Container, std::integral Position>
[[nodiscard]] constexpr decltype(auto) at(Container& c, Position i) {
  if constexpr (std::is_signed_v<Position>) assert(i >= 0);
  assert(static_cast<std::size_t>(i) < std::size(c));
  return c[static_cast<std::size_t>(i)];
}

/// A vector of `count` copies of `value`, for a signed count.
template <class T>
[[nodiscard]] std::vector<T> vector_of(Index count, const T& value = T{}) {
  assert(count >= 0);
  return std::vector<T>(static_cast<std::size_t>(count), value);
}

/// A count or position of any integer type as the signed `Index`, asserted to fit.
template <std::integral Count>
[[nodiscard]] constexpr Index to_index(Count n) {
  if constexpr (std::is_unsigned_v<Count>) assert(n <= static_cast<std::size_t>(std::numeric_limits<Index>::max()));
  return static_cast<Index>(n);
}

/// A count or position of any integer type as a container's `size_t`, asserted not negative.
template <std::integral Count>
[[nodiscard]] constexpr std::size_t to_size(Count n) {
  if constexpr (std::is_signed_v<Count>) assert(n >= 0);
  return static_cast<std::size_t>(n);
}

/// A count of any integer type as a real number, for averages and fractions (exact below 2^53).
template <std::integral Count>
[[nodiscard]] constexpr double as_real(Count n) {
  return static_cast<double>(n);
}

/// An integer converted to another integer type, asserted to keep its value (what `gsl::narrow` does).
template <std::integral To, std::integral From>
[[nodiscard]] constexpr To narrow(From value) {
  const To out = static_cast<To>(value);
  assert(static_cast<From>(out) == value && ((out < To{}) == (value < From{})));
  return out;
}

/// The integer part of a real number (rounded toward zero), asserted to fit in `To`.
template <std::integral To>
[[nodiscard]] constexpr To whole_part(double x) {
  assert(x > static_cast<double>(std::numeric_limits<To>::min()) - 1.0 &&
         x < static_cast<double>(std::numeric_limits<To>::max()) + 1.0);
  return static_cast<To>(x);
}

/// An enumerator's position in its declaration, for enums numbered 0, 1, 2, … in the order of their
/// name table.
template <class Enum>
requires std::is_enum_v<Enum>
[[nodiscard]] constexpr Index ordinal(Enum e) {
  return static_cast<Index>(e);
}

/// Where `value` first is in `range`, if it is there.
template <class Range, class Value>
[[nodiscard]] constexpr std::optional<Index> position_of(const Range& range, const Value& value) {
  const auto first = std::begin(range), last = std::end(range);
  const auto found = std::find(first, last, value);
  if (found == last) return std::nullopt;
  return std::distance(first, found);
}

/// The enumerator at `position` in an enum numbered like its name table.
template <class Enum, std::integral Position>
requires std::is_enum_v<Enum>
[[nodiscard]] constexpr Enum enumerator(Position position) {
  return static_cast<Enum>(position);
}

/// The name of `e` in the enum's name table (`names[k]` spells enumerator k).
template <class Enum, std::size_t N>
requires std::is_enum_v<Enum>
[[nodiscard]] constexpr std::string_view name_in(const std::array<std::string_view, N>& names, Enum e) {
  return at(names, ordinal(e));
}

/// The enumerator a name spells in the enum's name table, if it spells one.
template <class Enum, std::size_t N>
requires std::is_enum_v<Enum>
[[nodiscard]] constexpr std::optional<Enum> enumerator_named(const std::array<std::string_view, N>& names,
                                                             std::string_view name) {
  for (std::size_t k = 0; k < N; ++k)
    if (names[k] == name) return enumerator<Enum>(to_index(k));
  return std::nullopt;
}

}  // namespace regsim
