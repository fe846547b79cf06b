// The months of the engine's time-entry partitions that a date range
// overlaps: the engine and its figures read whole months from per-month
// sums and filter only the months the range cuts, day by day.
#pragma once

#include <algorithm>
#include <cstddef>
#include <limits>
#include <span>

#include "common/date.h"

namespace agencykpi {

// Calls visit(k, whole) for every month k of `month_start` (the first day of
// consecutive months, oldest first) that overlaps [from, to]; whole: the
// month lies within [from, to], so its entries need no date test.
template <typename Visit>
void ForEachMonthOverlapping(std::span<const Day> month_start, Day from, Day to, Visit visit) {
  if (from > to || month_start.empty()) return;
  // Months [first, last) that overlap [from, to].
  const auto first = static_cast<size_t>(std::upper_bound(month_start.begin(), month_start.end(), from) -
                                         month_start.begin());
  const size_t first_month = first == 0 ? 0 : first - 1;
  const auto last_month = static_cast<size_t>(std::upper_bound(month_start.begin(), month_start.end(), to) -
                                              month_start.begin());
  for (size_t k = first_month; k < last_month; ++k) {
    const Day month_end = k + 1 < month_start.size() ? month_start[k + 1] - 1 : std::numeric_limits<Day>::max();
    visit(k, month_start[k] >= from && month_end <= to);
  }
}

}  // namespace agencykpi
