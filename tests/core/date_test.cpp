#include "core/date.hpp"

#include <gtest/gtest.h>

namespace regsim {
namespace {

TEST(Date, ParsesAndPrintsIsoDates) {
  const auto d = Date::parse("2024-02-29");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->year(), 2024);
  EXPECT_EQ(d->month(), 2);
  EXPECT_EQ(d->day(), 29);
  EXPECT_EQ(d->to_string(), "2024-02-29");
}

TEST(Date, CountsDaysFromTheUnixEpoch) {
  EXPECT_EQ(Date::from_ymd(1970, 1, 1).days_since_epoch(), 0);
  EXPECT_EQ(Date::from_ymd(2000, 3, 1).days_since_epoch(), 11017);
  EXPECT_EQ(Date::from_ymd(2024, 1, 1).days_since_epoch(), 19723);
  EXPECT_EQ(Date::from_ymd(1969, 12, 31).days_since_epoch(), -1);
}

TEST(Date, RoundTripsEveryDayOfFourCenturies) {
  // Covers the 1900 (not leap) and 2000 (leap) century rules.
  const Date first = Date::from_ymd(1800, 1, 1);
  for (std::int64_t k = 0; k < 146097 + 366; ++k) {
    const Date d = first + k;
    ASSERT_EQ(Date::from_ymd(d.year(), d.month(), d.day()), d) << d.to_string();
  }
  EXPECT_EQ(Date::from_ymd(2200, 1, 1) - Date::from_ymd(1800, 1, 1), 146097);
}

TEST(Date, RejectsImpossibleAndMalformedDates) {
  EXPECT_FALSE(Date::parse("2023-02-29"));
  EXPECT_FALSE(Date::parse("1900-02-29"));
  EXPECT_TRUE(Date::parse("2000-02-29"));
  EXPECT_FALSE(Date::parse("2024-13-01"));
  EXPECT_FALSE(Date::parse("2024-04-31"));
  EXPECT_FALSE(Date::parse("2024-1-01"));
  EXPECT_FALSE(Date::parse("24-01-01xx"));
  EXPECT_FALSE(Date::parse("2024/01/01"));
}

TEST(Date, KnowsYearLengths) {
  EXPECT_EQ(days_in_year(2024), 366);
  EXPECT_EQ(days_in_year(2023), 365);
  EXPECT_EQ(days_in_year(2100), 365);
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(days_in_month(2023, 2), 28);
  EXPECT_EQ(days_in_month(2023, 12), 31);
}

TEST(Date, OrdersDatedItemsByDayKeepingTiesInTheirOrder) {
  const std::vector<Date> dates{Date::from_ymd(2024, 3, 1), Date::from_ymd(2024, 1, 1), Date::from_ymd(2024, 3, 1),
                                Date::from_ymd(2023, 12, 31), Date::from_ymd(2024, 1, 1)};
  const auto order = date_order(dates.size(), [&](std::size_t i) { return dates[i]; });
  EXPECT_EQ(order, (std::vector<std::size_t>{3, 1, 4, 0, 2}));
  // A span far longer than the items takes the comparison sort, with the same answer.
  const std::vector<Date> far{Date::from_ymd(2900, 1, 1), Date::from_ymd(1900, 1, 1), Date::from_ymd(2900, 1, 1)};
  EXPECT_EQ(date_order(far.size(), [&](std::size_t i) { return far[i]; }), (std::vector<std::size_t>{1, 0, 2}));
  EXPECT_TRUE(date_order(0, [&](std::size_t i) { return dates[i]; }).empty());
}

}  // namespace
}  // namespace regsim
