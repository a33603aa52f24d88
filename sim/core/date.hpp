#pragma once

#include <algorithm>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <numeric>
#include <vector>

#include "core/index.hpp"

namespace regsim {

/// A calendar day (proleptic Gregorian), stored as whole days since 1970-01-01.
/// Integer time keeps event order exact (STYLE.md: ns-3's integer time).
class Date {
public:
  constexpr Date() = default;
  /// The day `year-month-day`; the caller guarantees a valid date (see `parse`).
  static Date from_ymd(int year, int month, int day);
  static constexpr Date from_days(std::int64_t days_since_epoch) { return Date(days_since_epoch); }
  /// Parses `YYYY-MM-DD`; nullopt when malformed or not a real day (2023-02-29).
  static std::optional<Date> parse(std::string_view text);

  [[nodiscard]] constexpr std::int64_t days_since_epoch() const { return days_; }
  [[nodiscard]] int year() const;
  [[nodiscard]] int month() const;
  [[nodiscard]] int day() const;
  /// `YYYY-MM-DD`.
  [[nodiscard]] std::string to_string() const;

  constexpr auto operator<=>(const Date&) const = default;
  friend constexpr std::int64_t operator-(Date a, Date b) { return a.days_ - b.days_; }
  friend constexpr Date operator+(Date d, std::int64_t days) { return Date(d.days_ + days); }

private:
  constexpr explicit Date(std::int64_t days) : days_(days) {}
  std::int64_t days_ = 0;
};

/// True for Gregorian leap years.
constexpr bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }
/// 365 or 366.
constexpr int days_in_year(int year) { return is_leap_year(year) ? 366 : 365; }
/// Days in a month of a year (month 1–12).
int days_in_month(int year, int month);

/// The positions 0 … n−1 of n dated items in date order, ties in their given order: a counting sort
/// by day, O(n + days spanned), where a comparison sort of a million-step schedule took a fifth of
/// the run. Spans far longer than the items fall back to a stable comparison sort.
template <class DateOf>
std::vector<std::size_t> date_order(std::size_t n, DateOf date_of) {
  std::vector<std::size_t> order(n);
  if (n == 0) return order;
  std::int64_t first = date_of(0).days_since_epoch(), last = first;
  for (std::size_t i = 1; i < n; ++i) {
    const std::int64_t d = date_of(i).days_since_epoch();
    first = std::min(first, d);
    last = std::max(last, d);
  }
  const auto span = narrow<std::uint64_t>(last - first) + 1;
  if (span > 4 * narrow<std::uint64_t>(n) + (1u << 16)) {
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return date_of(a) < date_of(b); });
    return order;
  }
  std::vector<std::size_t> start(to_size(span) + 1, 0);
  for (std::size_t i = 0; i < n; ++i) ++start[to_size(date_of(i).days_since_epoch() - first) + 1];
  for (std::size_t d = 1; d < start.size(); ++d) start[d] += start[d - 1];
  for (std::size_t i = 0; i < n; ++i) order[at(start, date_of(i).days_since_epoch() - first)++] = i;
  return order;
}

}  // namespace regsim
