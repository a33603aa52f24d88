#pragma once

// Private to sim/model: calendar arithmetic the engine and rules share.

#include "core/date.hpp"
#include "scenario/scenario.hpp"

namespace regsim {

/// The first day of the month after `d`'s.
Date first_of_next_month(Date d);

/// The first day of the period after `d`'s: the next day, 7 days on, or the first day of the next
/// month, quarter or year.
Date next_report(Date d, ReportFrequency frequency);


}  // namespace regsim
