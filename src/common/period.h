// Report periods (SPEC §2): a year, half-year, quarter, month or custom range,
// with its previous period.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/status.h"

namespace agencykpi {

enum class PeriodKind { kYear, kHalf, kQuarter, kMonth, kCustom };

struct Period {
  PeriodKind kind = PeriodKind::kCustom;
  Day start = 0;  // inclusive
  Day end = 0;    // inclusive
};

// Parses `2026`, `2026-H1`, `2026-q3`, `2026-03`, `2026-01-01..2026-06-30`
// (either date format). Anything else is InvalidInput naming the text.
Result<Period> ParsePeriod(std::string_view text);

// The named period just before (2026-H1 → 2025-H2); for a custom range, the
// same number of days just before its start.
Period PreviousPeriod(const Period& period);

// The named period just after (2025-H2 → 2026-H1, 2026-12 → 2027-01); for a
// custom range, the same number of days just after its end.
Period NextPeriod(const Period& period);

// The half-year holding `day` (the default period).
Period HalfYearOf(Day day);

// The period of `kind` holding `day`: the year, half-year, quarter or month
// that starts on or before it and ends on or after it. `kind` must not be
// kCustom (the single day is returned then).
Period PeriodOf(PeriodKind kind, Day day);

// The `count` calendar months ending with the month holding `day`, oldest
// first (count = 12 on 2026-06-15: 2025-07 … 2026-06). Empty if count <= 0.
std::vector<Period> TrailingMonths(Day day, int count);

// Calendar months in a period of `kind` (12, 6, 3, 1; 0 for kCustom).
int MonthsIn(PeriodKind kind);

// Canonical text of a period: `2026-H1`, `2026-03`, `2026-01-01..2026-02-15`.
std::string FormatPeriod(const Period& period);

}  // namespace agencykpi
