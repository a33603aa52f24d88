#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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

}  // namespace regsim
