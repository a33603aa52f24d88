#pragma once

#include <cstdint>
#include <algorithm>
#include <utility>
#include <vector>

#include "core/date.hpp"

namespace regsim {

/// What happens first on a given day: state changes, then rules that react to them, then the
/// report that records the day's state.
enum class Phase : std::uint8_t { change = 0, rule = 1, report = 2 };

/// The total order of events: date, then phase, then the order they were scheduled in
/// (file order for scenario events). Unique per queue, so two runs pop the same sequence.
struct EventKey {
  Date date;
  Phase phase = Phase::change;
  std::uint64_t sequence = 0;
  auto operator<=>(const EventKey&) const = default;
};

/// A priority queue of events keyed by EventKey (ns-3's time-then-uid rule): deterministic for any
/// insertion pattern, because no two events share a key.
template <class Payload>
class EventQueue {
public:
  struct Entry {
    EventKey key;
    Payload payload;
  };

  /// Schedules `payload` and returns its key.
  EventKey push(Date date, Phase phase, Payload payload) {
    const EventKey key{date, phase, next_sequence_++};
    heap_.push_back(Entry{key, std::move(payload)});
    std::push_heap(heap_.begin(), heap_.end(), Later{});
    return key;
  }

  [[nodiscard]] bool empty() const { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const { return heap_.size(); }
  /// The next event's key; the queue must not be empty.
  [[nodiscard]] const EventKey& next_key() const { return heap_.front().key; }

  /// Removes and returns the next event; the queue must not be empty.
  Entry pop() {
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    Entry next = std::move(heap_.back());
    heap_.pop_back();
    return next;
  }

private:
  struct Later {
    bool operator()(const Entry& a, const Entry& b) const { return b.key < a.key; }
  };
  std::vector<Entry> heap_;  // a binary heap ordered by Later: the earliest key at the front
  std::uint64_t next_sequence_ = 0;
};

}  // namespace regsim
