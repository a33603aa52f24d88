#include "model/calendar.hpp"

#include <algorithm>

namespace regsim {

Date first_of_next_month(Date d) {
  const int month = d.month();
  return month == 12 ? Date::from_ymd(d.year() + 1, 1, 1) : Date::from_ymd(d.year(), month + 1, 1);
}

Date next_report(Date d, ReportFrequency frequency) {
  switch (frequency) {
    case ReportFrequency::daily:
      return d + 1;
    case ReportFrequency::weekly:
      return d + 7;
    case ReportFrequency::monthly:
      return first_of_next_month(d);
    case ReportFrequency::quarterly: {
      Date next = first_of_next_month(d);
      while ((next.month() - 1) % 3 != 0) next = first_of_next_month(next);
      return next;
    }
    case ReportFrequency::yearly:
      return Date::from_ymd(d.year() + 1, 1, 1);
  }
  return d + 1;
}

}  // namespace regsim
