// Report periods (SPEC §2): a year, half-year, quarter, month or custom range,
// with its previous period.
#pragma once

#include <string>
#include <string_view>

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

// The half-year holding `day` (the default period).
Period HalfYearOf(Day day);

// Canonical text of a period: `2026-H1`, `2026-03`, `2026-01-01..2026-02-15`.
std::string FormatPeriod(const Period& period);

}  // namespace agencykpi
