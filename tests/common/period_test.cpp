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

}  // namespace
}  // namespace agencykpi
