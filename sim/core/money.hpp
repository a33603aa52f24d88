#pragma once

// Money as two types that cannot be mixed up (STYLE.md, habit 3): a rate per year (final demand,
// output, a programme's amount) and an amount (a stock: capex, a year's total). Converting one
// into the other needs calendar time, and this header is the one place the length of a year in
// days appears.

#include <cmath>
#include <compare>
#include <cstdint>

#include "core/date.hpp"

namespace regsim {

/// An amount of money in the table's unit, spent or counted once.
class Money {
 public:
  constexpr Money() = default;
  constexpr explicit Money(double amount) : amount_(amount) {}
  [[nodiscard]] constexpr double amount() const { return amount_; }
  constexpr auto operator<=>(const Money&) const = default;
  friend constexpr Money operator*(double factor, Money m) { return Money(factor * m.amount_); }

 private:
  double amount_ = 0.0;
};

/// Money per year in the table's unit: an annual rate.
class MoneyRate {
 public:
  constexpr MoneyRate() = default;
  constexpr explicit MoneyRate(double per_year) : per_year_(per_year) {}
  [[nodiscard]] constexpr double per_year() const { return per_year_; }
  constexpr auto operator<=>(const MoneyRate&) const = default;
  friend constexpr MoneyRate operator*(double factor, MoneyRate r) { return MoneyRate(factor * r.per_year_); }

 private:
  double per_year_ = 0.0;
};

/// What `rate` (per unit of a pattern, or money) adds up to over `days` days of calendar year
/// `year`: rate · days / days_in_year(year). Only days within one calendar year.
constexpr double accrued(double rate, std::int64_t days, int year) {
  return rate * as_real(days) / days_in_year(year);
}

/// Years from `from` to `until`, each day counted in its own calendar year (negative if until < from).
inline double years_between(Date from, Date until) {
  if (until < from) return -years_between(until, from);
  double years = 0.0;
  while (from < until) {
    const int year = from.year();
    const Date stop = until < Date::from_ymd(year + 1, 1, 1) ? until : Date::from_ymd(year + 1, 1, 1);
    years += accrued(1.0, stop - from, year);
    from = stop;
  }
  return years;
}

}  // namespace regsim
