#include "common/period.h"

#include <gtest/gtest.h>

namespace agencykpi {
namespace {

Day D(const char* text) { return ParseDate(text).value(); }

void ExpectPeriod(const char* text, const char* start, const char* end, const char* prev_start,
                  const char* prev_end) {
  SCOPED_TRACE(text);
  const auto p = ParsePeriod(text);
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(FormatDate(p->start), start);
  EXPECT_EQ(FormatDate(p->end), end);
  const Period prev = PreviousPeriod(*p);
  EXPECT_EQ(FormatDate(prev.start), prev_start);
  EXPECT_EQ(FormatDate(prev.end), prev_end);
}

TEST(PeriodTest, PreviousPeriodOfEveryKind) {
  ExpectPeriod("2026", "2026-01-01", "2026-12-31", "2025-01-01", "2025-12-31");
  ExpectPeriod("2026-H1", "2026-01-01", "2026-06-30", "2025-07-01", "2025-12-31");
  ExpectPeriod("2026-h2", "2026-07-01", "2026-12-31", "2026-01-01", "2026-06-30");
  ExpectPeriod("2026-Q1", "2026-01-01", "2026-03-31", "2025-10-01", "2025-12-31");
  ExpectPeriod("2026-q3", "2026-07-01", "2026-09-30", "2026-04-01", "2026-06-30");
  ExpectPeriod("2026-01", "2026-01-01", "2026-01-31", "2025-12-01", "2025-12-31");
  ExpectPeriod("2024-03", "2024-03-01", "2024-03-31", "2024-02-01", "2024-02-29");
  ExpectPeriod("2026-02-01..2026-05-31", "2026-02-01", "2026-05-31", "2025-10-04", "2026-01-31");
  ExpectPeriod("01/02/2026..31/05/2026", "2026-02-01", "2026-05-31", "2025-10-04", "2026-01-31");
}

TEST(PeriodTest, RefusesMalformedPeriods) {
  for (const char* bad : {"2026-13", "2026-3", "2026-H3", "2026-Q5", "2026-Q0", "2026-00", "26",
                          "2026-H", "2026-06-30..2026-01-01", "2026-01-01..", "abc", "", "2026-h1x"}) {
    SCOPED_TRACE(bad);
    const auto p = ParsePeriod(bad);
    EXPECT_FALSE(p.ok());
    EXPECT_EQ(p.status().code(), ErrorCode::kInvalidInput);
  }
}

TEST(PeriodTest, SingleDayCustomRangeIsValid) {
  const auto p = ParsePeriod("2026-03-15..2026-03-15");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(PreviousPeriod(*p).start, D("2026-03-14"));
}

TEST(PeriodTest, HalfYearOfADay) {
  EXPECT_EQ(FormatPeriod(HalfYearOf(D("2026-06-30"))), "2026-H1");
  EXPECT_EQ(FormatPeriod(HalfYearOf(D("2026-07-01"))), "2026-H2");
}

TEST(PeriodTest, FormatsCanonicalText) {
  EXPECT_EQ(FormatPeriod(ParsePeriod("2026-q2").value()), "2026-Q2");
  EXPECT_EQ(FormatPeriod(ParsePeriod("2026-03").value()), "2026-03");
  EXPECT_EQ(FormatPeriod(ParsePeriod("2026").value()), "2026");
  EXPECT_EQ(FormatPeriod(ParsePeriod("01/01/2026..2026-02-15").value()), "2026-01-01..2026-02-15");
}

std::string Span(const Period& p) { return FormatPeriod(p) + " " + FormatDate(p.start) + ".." + FormatDate(p.end); }

TEST(PeriodTest, PeriodOfADayForEveryNamedKind) {
  EXPECT_EQ(Span(PeriodOf(PeriodKind::kMonth, D("2024-02-29"))), "2024-02 2024-02-01..2024-02-29");
  EXPECT_EQ(Span(PeriodOf(PeriodKind::kMonth, D("2026-12-31"))), "2026-12 2026-12-01..2026-12-31");
  EXPECT_EQ(Span(PeriodOf(PeriodKind::kQuarter, D("2026-05-10"))), "2026-Q2 2026-04-01..2026-06-30");
  EXPECT_EQ(Span(PeriodOf(PeriodKind::kQuarter, D("2026-10-01"))), "2026-Q4 2026-10-01..2026-12-31");
  EXPECT_EQ(Span(PeriodOf(PeriodKind::kHalf, D("2026-06-30"))), "2026-H1 2026-01-01..2026-06-30");
  EXPECT_EQ(Span(PeriodOf(PeriodKind::kHalf, D("2026-07-01"))), "2026-H2 2026-07-01..2026-12-31");
  EXPECT_EQ(Span(PeriodOf(PeriodKind::kYear, D("2026-03-15"))), "2026 2026-01-01..2026-12-31");
  EXPECT_EQ(PeriodOf(PeriodKind::kCustom, D("2026-03-15")).end, D("2026-03-15"));
}

TEST(PeriodTest, NextPeriodCrossesYearsAndUndoesPrevious) {
  EXPECT_EQ(Span(NextPeriod(*ParsePeriod("2026-12"))), "2027-01 2027-01-01..2027-01-31");
  EXPECT_EQ(Span(NextPeriod(*ParsePeriod("2024-01"))), "2024-02 2024-02-01..2024-02-29");
  EXPECT_EQ(Span(NextPeriod(*ParsePeriod("2025-Q4"))), "2026-Q1 2026-01-01..2026-03-31");
  EXPECT_EQ(Span(NextPeriod(*ParsePeriod("2025-H2"))), "2026-H1 2026-01-01..2026-06-30");
  EXPECT_EQ(Span(NextPeriod(*ParsePeriod("2025"))), "2026 2026-01-01..2026-12-31");
  const Period custom = NextPeriod(*ParsePeriod("2026-02-01..2026-02-10"));
  EXPECT_EQ(FormatPeriod(custom), "2026-02-11..2026-02-20");
  // Every month, quarter and half of four years: next then previous is the identity.
  int checked = 0;
  for (const PeriodKind kind : {PeriodKind::kMonth, PeriodKind::kQuarter, PeriodKind::kHalf, PeriodKind::kYear}) {
    for (Period p = PeriodOf(kind, D("2023-01-01")); p.start < D("2027-01-01"); p = NextPeriod(p)) {
      const Period back = PreviousPeriod(NextPeriod(p));
      EXPECT_EQ(back.start, p.start);
      EXPECT_EQ(back.end, p.end);
      EXPECT_EQ(NextPeriod(p).start, p.end + 1);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 48 + 16 + 8 + 4);
}

TEST(PeriodTest, TrailingMonthsEndWithTheMonthOfTheDay) {
  const auto months = TrailingMonths(D("2026-06-15"), 12);
  ASSERT_EQ(months.size(), 12U);
  EXPECT_EQ(Span(months.front()), "2025-07 2025-07-01..2025-07-31");
  EXPECT_EQ(Span(months[7]), "2026-02 2026-02-01..2026-02-28");
  EXPECT_EQ(Span(months.back()), "2026-06 2026-06-01..2026-06-30");
  for (size_t k = 1; k < months.size(); ++k) EXPECT_EQ(months[k].start, months[k - 1].end + 1);
  const auto over_two_years = TrailingMonths(D("2026-01-01"), 25);
  ASSERT_EQ(over_two_years.size(), 25U);
  EXPECT_EQ(FormatPeriod(over_two_years.front()), "2024-01");
  EXPECT_TRUE(TrailingMonths(D("2026-01-01"), 0).empty());
}

TEST(PeriodTest, MonthsInEveryKind) {
  EXPECT_EQ(MonthsIn(PeriodKind::kYear), 12);
  EXPECT_EQ(MonthsIn(PeriodKind::kHalf), 6);
  EXPECT_EQ(MonthsIn(PeriodKind::kQuarter), 3);
  EXPECT_EQ(MonthsIn(PeriodKind::kMonth), 1);
  EXPECT_EQ(MonthsIn(PeriodKind::kCustom), 0);
}

}  // namespace
}  // namespace agencykpi
