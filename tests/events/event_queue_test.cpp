#include "events/event_queue.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace regsim {
namespace {

Date day(const char* text) { return *Date::parse(text); }

TEST(EventQueue, OrdersByDateThenPhaseThenScheduling) {
  EventQueue<std::string> q;
  q.push(day("2024-03-01"), Phase::report, "march report");
  q.push(day("2024-03-01"), Phase::change, "march change A");
  q.push(day("2024-01-15"), Phase::change, "january change");
  q.push(day("2024-03-01"), Phase::rule, "march rule");
  q.push(day("2024-03-01"), Phase::change, "march change B");
  std::vector<std::string> order;
  while (!q.empty()) order.push_back(q.pop().payload);
  EXPECT_EQ(order, (std::vector<std::string>{"january change", "march change A", "march change B", "march rule",
                                             "march report"}));
}

TEST(EventQueue, SameEventsInAnyInsertionOrderPopTheSameWayForEqualKeys) {
  // Events with equal (date, phase) keep their scheduling order however the heap is shaped.
  for (unsigned seed = 0; seed < 20; ++seed) {
    std::mt19937 rng(seed);
    EventQueue<int> q;
    std::vector<std::pair<std::int64_t, int>> scheduled;
    for (int i = 0; i < 200; ++i) {
      const auto offset = static_cast<std::int64_t>(rng() % 10);
      q.push(day("2024-01-01") + offset, Phase::change, i);
      scheduled.emplace_back(offset, i);
    }
    std::stable_sort(scheduled.begin(), scheduled.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [offset, id] : scheduled) {
      const auto entry = q.pop();
      ASSERT_EQ(entry.payload, id);
      ASSERT_EQ(entry.key.date, day("2024-01-01") + offset);
    }
  }
}

TEST(EventQueue, KeysAreUniqueAndExposed) {
  EventQueue<int> q;
  const EventKey a = q.push(day("2024-01-01"), Phase::change, 1);
  const EventKey b = q.push(day("2024-01-01"), Phase::change, 2);
  EXPECT_LT(a, b);
  EXPECT_EQ(q.size(), 2u);
  EXPECT_EQ(q.next_key(), a);
}

}  // namespace
}  // namespace regsim
