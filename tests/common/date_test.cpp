#include "common/date.h"

#include <gtest/gtest.h>

namespace agencykpi {
namespace {

TEST(DateTest, RoundTripsEveryDayOverFourCenturies) {
  for (Day d = DayFromCivil(1900, 1, 1); d <= DayFromCivil(2300, 12, 31); ++d) {
    const CivilDate c = CivilFromDay(d);
    ASSERT_TRUE(IsValidCivil(c.year, c.month, c.day));
    ASSERT_EQ(DayFromCivil(c.year, c.month, c.day), d);
  }
}

TEST(DateTest, EpochIsDayZero) {
  EXPECT_EQ(DayFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(FormatDate(0), "1970-01-01");
}

TEST(DateTest, ParsesIsoAndFrenchFormats) {
  EXPECT_EQ(ParseDate("2026-01-31"), DayFromCivil(2026, 1, 31));
  EXPECT_EQ(ParseDate("31/01/2026"), DayFromCivil(2026, 1, 31));
  EXPECT_EQ(ParseDate("29/02/2024"), DayFromCivil(2024, 2, 29));
}

TEST(DateTest, ParsesShortFrenchYearsAsTwentyYY) {
  EXPECT_EQ(ParseDate("31/01/26"), DayFromCivil(2026, 1, 31));
  EXPECT_EQ(ParseDate("01/01/00"), DayFromCivil(2000, 1, 1));
  EXPECT_EQ(ParseDate("31/12/99"), DayFromCivil(2099, 12, 31));
  EXPECT_EQ(ParseDate("29/02/24"), DayFromCivil(2024, 2, 29));
}

TEST(DateTest, ShortYearDayThatDoesNotExistIsRefused) {
  EXPECT_FALSE(ParseDate("29/02/26"));
  EXPECT_FALSE(ParseDate("31/04/26"));
  EXPECT_FALSE(ParseDate("01/13/26"));
  EXPECT_FALSE(ParseDate("00/01/26"));
  EXPECT_FALSE(ParseDate("1/1/26"));
  EXPECT_FALSE(ParseDate("01/01/2"));
  EXPECT_FALSE(ParseDate("01-01-26"));
  EXPECT_FALSE(ParseDate("26/01/0a"));
}

TEST(DateTest, RefusesDaysThatDoNotExistAndOtherFormats) {
  EXPECT_FALSE(ParseDate("2026-02-30"));
  EXPECT_FALSE(ParseDate("2025-02-29"));
  EXPECT_FALSE(ParseDate("2026-13-01"));
  EXPECT_FALSE(ParseDate("2026-1-01"));
  EXPECT_FALSE(ParseDate("1/1/2026"));
  EXPECT_FALSE(ParseDate("2026/01/01"));
  EXPECT_FALSE(ParseDate("01-01-2026"));
  EXPECT_FALSE(ParseDate("2026-01-0a"));
  EXPECT_FALSE(ParseDate(""));
  EXPECT_FALSE(ParseDate("0000-01-01"));
}

TEST(DateTest, DaysInMonthKnowsLeapYears) {
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2100, 2), 28);
  EXPECT_EQ(DaysInMonth(2000, 2), 29);
  EXPECT_EQ(DaysInMonth(2026, 4), 30);
}

}  // namespace
}  // namespace agencykpi
