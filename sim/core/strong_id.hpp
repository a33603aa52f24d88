#pragma once

#include <cassert>
#include <compare>
#include <concepts>
#include <cstddef>
#include <type_traits>
#include <utility>
#include <vector>

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
/// Position of a sector (an industry) in the table's sector order.
using SectorId = StrongId<SectorTag>;

struct ProductTag {};
/// Position of a product in a table's product order (the order products first appear in; a
/// single-region table has one product per sector, a multiregional one one per product code).
using ProductId = StrongId<ProductTag>;

struct TargetTag {};
/// Position of a target in the scenario's `targets:` (or `seek.targets:`) order.
using TargetId = StrongId<TargetTag>;

/// The ids 0, 1, …, count − 1 of one kind, for range-for loops.
template <class Id>
class IdRange {
 public:
  class iterator {
   public:
    using value_type = Id;
    using difference_type = Index;
    constexpr iterator() = default;
    constexpr explicit iterator(Index i) : i_(i) {}
    constexpr Id operator*() const { return Id(i_); }
    constexpr iterator& operator++() {
      ++i_;
      return *this;
    }
    constexpr iterator operator++(int) {
      iterator before = *this;
      ++i_;
      return before;
    }
    constexpr bool operator==(const iterator&) const = default;

   private:
    Index i_ = 0;
  };
  constexpr explicit IdRange(Index count) : count_(count) {}
  [[nodiscard]] constexpr iterator begin() const { return iterator(0); }
  [[nodiscard]] constexpr iterator end() const { return iterator(count_); }

 private:
  Index count_;
};

/// A vector indexed by one kind of id only: `IdVector<ProductId, double>` takes a ProductId and
/// refuses a SectorId at compile time. Zero cost over std::vector.
template <class Id, class T>
class IdVector {
 public:
  IdVector() = default;
  IdVector(Index count, const T& value) : items_(to_size(count), value) {}

  [[nodiscard]] decltype(auto) operator[](Id id) { return items_[id.value()]; }
  [[nodiscard]] decltype(auto) operator[](Id id) const { return items_[id.value()]; }
  [[nodiscard]] Index size() const { return std::ssize(items_); }
  [[nodiscard]] bool empty() const { return items_.empty(); }
  /// Every id, in order: `for (const TargetId t : targets.ids())`.
  [[nodiscard]] IdRange<Id> ids() const { return IdRange<Id>(size()); }
  /// The id the next push_back will have.
  [[nodiscard]] Id next_id() const { return Id(items_.size()); }
  void push_back(T value) { items_.push_back(std::move(value)); }
  void assign(Index count, const T& value) { items_.assign(to_size(count), value); }
  [[nodiscard]] auto begin() const { return items_.begin(); }
  [[nodiscard]] auto end() const { return items_.end(); }
  /// The values in id order, for code that takes a plain sequence (printing, HDF5 writing).
  [[nodiscard]] const std::vector<T>& values() const { return items_; }

 private:
  std::vector<T> items_;
};

}  // namespace regsim
