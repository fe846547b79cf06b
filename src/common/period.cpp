#include "common/period.h"

#include <cstdio>
#include <optional>

namespace agencykpi {
namespace {

constexpr int kMonthsPerYear = 12;

std::optional<int> ParseYear(std::string_view text) {
  if (text.size() != 4) return std::nullopt;
  int year = 0;
  for (char ch : text) {
    if (ch < '0' || ch > '9') return std::nullopt;
    year = year * 10 + (ch - '0');
  }
  if (year < 1) return std::nullopt;
  return year;
}

// Months [first, first + count) of `year`, as a period of `kind`; months may
// run before January (negative) for previous periods.
Period MonthSpan(PeriodKind kind, int year, int first_month, int count) {
  int y = year;
  int m = first_month;
  while (m < 1) {
    m += kMonthsPerYear;
    --y;
  }
  const int last_index = m - 1 + count - 1;
  const int end_year = y + last_index / kMonthsPerYear;
  const int end_month = last_index % kMonthsPerYear + 1;
  return Period{kind, DayFromCivil(y, m, 1),
                DayFromCivil(end_year, end_month, DaysInMonth(end_year, end_month))};
}

}  // namespace

int MonthsIn(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kYear: return 12;
    case PeriodKind::kHalf: return 6;
    case PeriodKind::kQuarter: return 3;
    case PeriodKind::kMonth: return 1;
    case PeriodKind::kCustom: return 0;
  }
  return 0;
}

Result<Period> ParsePeriod(std::string_view text) {
  const auto bad = [&] {
    return Status::InvalidInput("invalid period '" + std::string(text) +
                                "': expected 2026, 2026-H1, 2026-Q1, 2026-03 or "
                                "2026-01-01..2026-06-30");
  };
  if (const size_t dots = text.find(".."); dots != std::string_view::npos) {
    const auto start = ParseDate(text.substr(0, dots));
    const auto end = ParseDate(text.substr(dots + 2));
    if (!start || !end) return bad();
    if (*start > *end) {
      return Status::InvalidInput("invalid period '" + std::string(text) +
                                  "': the start is after the end");
    }
    return Period{PeriodKind::kCustom, *start, *end};
  }
  const auto year = ParseYear(text.substr(0, 4));
  if (!year) return bad();
  if (text.size() == 4) return MonthSpan(PeriodKind::kYear, *year, 1, 12);
  if (text.size() != 7 || text[4] != '-') return bad();
  const char tag = text[5];
  const char digit = text[6];
  if (tag == 'H' || tag == 'h') {
    if (digit != '1' && digit != '2') return bad();
    return MonthSpan(PeriodKind::kHalf, *year, (digit - '1') * 6 + 1, 6);
  }
  if (tag == 'Q' || tag == 'q') {
    if (digit < '1' || digit > '4') return bad();
    return MonthSpan(PeriodKind::kQuarter, *year, (digit - '1') * 3 + 1, 3);
  }
  if (tag < '0' || tag > '9' || digit < '0' || digit > '9') return bad();
  const int month = (tag - '0') * 10 + (digit - '0');
  if (month < 1 || month > kMonthsPerYear) return bad();
  return MonthSpan(PeriodKind::kMonth, *year, month, 1);
}

Period PreviousPeriod(const Period& period) {
  if (period.kind == PeriodKind::kCustom) {
    const Day length = period.end - period.start + 1;
    return Period{PeriodKind::kCustom, period.start - length, period.start - 1};
  }
  const CivilDate first = CivilFromDay(period.start);
  const int months = MonthsIn(period.kind);
  return MonthSpan(period.kind, first.year, first.month - months, months);
}

Period NextPeriod(const Period& period) {
  if (period.kind == PeriodKind::kCustom) {
    const Day length = period.end - period.start + 1;
    return Period{PeriodKind::kCustom, period.end + 1, period.end + length};
  }
  const CivilDate next = CivilFromDay(period.end + 1);
  return MonthSpan(period.kind, next.year, next.month, MonthsIn(period.kind));
}

Period HalfYearOf(Day day) { return PeriodOf(PeriodKind::kHalf, day); }

Period PeriodOf(PeriodKind kind, Day day) {
  const int months = MonthsIn(kind);
  if (months == 0) return Period{PeriodKind::kCustom, day, day};
  const CivilDate c = CivilFromDay(day);
  return MonthSpan(kind, c.year, (c.month - 1) / months * months + 1, months);
}

std::vector<Period> TrailingMonths(Day day, int count) {
  std::vector<Period> months;
  if (count <= 0) return months;
  months.resize(static_cast<size_t>(count));
  const CivilDate c = CivilFromDay(day);
  for (int k = 0; k < count; ++k) {
    months[static_cast<size_t>(k)] = MonthSpan(PeriodKind::kMonth, c.year, c.month - (count - 1 - k), 1);
  }
  return months;
}

std::string FormatPeriod(const Period& period) {
  const CivilDate c = CivilFromDay(period.start);
  char buffer[32];
  switch (period.kind) {
    case PeriodKind::kYear:
      std::snprintf(buffer, sizeof buffer, "%04d", c.year);
      return buffer;
    case PeriodKind::kHalf:
      std::snprintf(buffer, sizeof buffer, "%04d-H%d", c.year, c.month <= 6 ? 1 : 2);
      return buffer;
    case PeriodKind::kQuarter:
      std::snprintf(buffer, sizeof buffer, "%04d-Q%d", c.year, (c.month - 1) / 3 + 1);
      return buffer;
    case PeriodKind::kMonth:
      std::snprintf(buffer, sizeof buffer, "%04d-%02d", c.year, c.month);
      return buffer;
    case PeriodKind::kCustom:
      break;
  }
  return FormatDate(period.start) + ".." + FormatDate(period.end);
}

}  // namespace agencykpi
