#include "common/date.h"

#include <gtest/gtest.h>

#include <array>
#include <string_view>

namespace agencykpi {
namespace {

// Every one of TEXTS is refused as a date.
template <size_t N>
void ExpectAllRefused(const std::array<std::string_view, N>& texts) {
  for (const std::string_view text : texts) EXPECT_FALSE(ParseDate(text)) << text;
}

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
  constexpr auto kRefused = std::to_array<std::string_view>(
      {"29/02/26", "31/04/26", "01/13/26", "00/01/26", "1/1/26", "01/01/2", "01-01-26", "26/01/0a"});
  static_assert(kRefused.size() == 8);
  ExpectAllRefused(kRefused);
}

TEST(DateTest, RefusesDaysThatDoNotExistAndOtherFormats) {
  constexpr auto kRefused =
      std::to_array<std::string_view>({"2026-02-30", "2025-02-29", "2026-13-01", "2026-1-01", "1/1/2026",
                                       "2026/01/01", "01-01-2026", "2026-01-0a", "", "0000-01-01"});
  static_assert(kRefused.size() == 10);
  ExpectAllRefused(kRefused);
}

TEST(DateTest, DaysInMonthKnowsLeapYears) {
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2100, 2), 28);
  EXPECT_EQ(DaysInMonth(2000, 2), 29);
  EXPECT_EQ(DaysInMonth(2026, 4), 30);
}

}  // namespace
}  // namespace agencykpi
