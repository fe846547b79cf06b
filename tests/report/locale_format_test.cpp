#include "report/locale_format.h"

#include <cstdint>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "common/date.h"

namespace agencykpi {
namespace {

const std::string kNnbsp = "\u202F";  // French thousands separator
const std::string kNbsp = "\u00A0";   // before a unit

TEST(FormatMoneyTest, FrenchGroupsWithNarrowNoBreakSpace) {
  EXPECT_EQ(FormatMoney(1234567, Language::kFrench), "12" + kNnbsp + "345,67" + kNbsp + "€");
}

TEST(FormatMoneyTest, EnglishPutsTheSymbolFirst) {
  EXPECT_EQ(FormatMoney(1234567, Language::kEnglish), "€12,345.67");
}

TEST(FormatMoneyTest, Negatives) {
  EXPECT_EQ(FormatMoney(-123450, Language::kFrench), "-1" + kNnbsp + "234,50" + kNbsp + "€");
  EXPECT_EQ(FormatMoney(-123450, Language::kEnglish), "-€1,234.50");
}

TEST(FormatMoneyTest, ZeroAndOneCent) {
  EXPECT_EQ(FormatMoney(0, Language::kFrench), "0,00" + kNbsp + "€");
  EXPECT_EQ(FormatMoney(0, Language::kEnglish), "€0.00");
  EXPECT_EQ(FormatMoney(1, Language::kFrench), "0,01" + kNbsp + "€");
  EXPECT_EQ(FormatMoney(-1, Language::kEnglish), "-€0.01");
}

TEST(FormatMoneyTest, LargeAmountsStayExact) {
  // 92 233 720 368 547 758,07 €: the largest int64 of cents, no rounding.
  EXPECT_EQ(FormatMoney(std::numeric_limits<int64_t>::max(), Language::kEnglish),
            "€92,233,720,368,547,758.07");
  EXPECT_EQ(FormatMoney(std::numeric_limits<int64_t>::min(), Language::kEnglish),
            "-€92,233,720,368,547,758.08");
  EXPECT_EQ(FormatMoney(100000000, Language::kFrench),
            "1" + kNnbsp + "000" + kNnbsp + "000,00" + kNbsp + "€");
  EXPECT_EQ(FormatMoney(99999, Language::kEnglish), "€999.99");
  EXPECT_EQ(FormatMoney(100000, Language::kEnglish), "€1,000.00");
}

TEST(FormatMoneyTest, NullIsADash) {
  EXPECT_EQ(FormatMoney(std::optional<Cents>(), Language::kFrench), "—");
  EXPECT_EQ(FormatMoney(std::optional<Cents>(250), Language::kEnglish), "€2.50");
}

TEST(FormatPercentTest, FromRatio) {
  EXPECT_EQ(FormatPercent(0.75, Language::kFrench), "75,0" + kNbsp + "%");
  EXPECT_EQ(FormatPercent(0.75, Language::kEnglish), "75.0%");
  EXPECT_EQ(FormatPercent(-0.1234, Language::kEnglish), "-12.3%");
  EXPECT_EQ(FormatPercent(12.5, Language::kEnglish), "1,250.0%");
  EXPECT_EQ(FormatPercent(1.0 / 3.0, Language::kFrench, 2), "33,33" + kNbsp + "%");
}

TEST(FormatPercentTest, NoNegativeZero) {
  EXPECT_EQ(FormatPercent(-0.0001, Language::kEnglish), "0.0%");
  EXPECT_EQ(FormatPercent(-0.0, Language::kEnglish), "0.0%");
}

TEST(FormatPercentTest, NullAndNonFiniteAreADash) {
  EXPECT_EQ(FormatPercent(std::nullopt, Language::kFrench), "—");
  EXPECT_EQ(FormatPercent(std::numeric_limits<double>::infinity(), Language::kEnglish), "—");
  EXPECT_EQ(FormatPercent(std::numeric_limits<double>::quiet_NaN(), Language::kEnglish), "—");
  EXPECT_EQ(FormatDecimal(std::nullopt, Language::kEnglish), "—");
  EXPECT_EQ(FormatQuantity(std::nullopt, Language::kEnglish), "—");
  EXPECT_EQ(FormatPoints(std::nullopt, Language::kEnglish), "—");
}

TEST(FormatPointsTest, AlwaysSigned) {
  EXPECT_EQ(FormatPoints(-0.12, Language::kFrench), "-12,0" + kNbsp + "pts");
  EXPECT_EQ(FormatPoints(0.032, Language::kEnglish), "+3.2 pp");
  EXPECT_EQ(FormatPoints(0.0, Language::kEnglish), "0.0 pp");
}

TEST(FormatHoursTest, TrailingZerosDropped) {
  EXPECT_EQ(FormatHours(3750, Language::kFrench), "37,5" + kNbsp + "h");
  EXPECT_EQ(FormatHours(3750, Language::kEnglish), "37.5 h");
  EXPECT_EQ(FormatHours(4000, Language::kEnglish), "40 h");
  EXPECT_EQ(FormatHours(725, Language::kEnglish), "7.25 h");
  EXPECT_EQ(FormatHours(5, Language::kEnglish), "0.05 h");
  EXPECT_EQ(FormatHours(123456, Language::kEnglish), "1,234.56 h");
}

TEST(FormatDecimalTest, PlainDecimals) {
  EXPECT_EQ(FormatDecimal(1234.5, Language::kFrench), "1" + kNnbsp + "234,50");
  EXPECT_EQ(FormatDecimal(1234.5, Language::kEnglish), "1,234.50");
  EXPECT_EQ(FormatDecimal(6800.4, Language::kEnglish, 0), "6,800");
  EXPECT_EQ(FormatDecimal(-2.005, Language::kEnglish, 1), "-2.0");
}

TEST(FormatIntegerTest, Grouped) {
  EXPECT_EQ(FormatInteger(0, Language::kFrench), "0");
  EXPECT_EQ(FormatInteger(999, Language::kEnglish), "999");
  EXPECT_EQ(FormatInteger(-1234567, Language::kEnglish), "-1,234,567");
  EXPECT_EQ(FormatInteger(1234, Language::kFrench), "1" + kNnbsp + "234");
}

TEST(FormatQuantityTest, ExactMillionths) {
  EXPECT_EQ(FormatQuantity(100 * kMicrosPerUnit, Language::kFrench), "100");
  EXPECT_EQ(FormatQuantity(12500000, Language::kFrench), "12,5");
  EXPECT_EQ(FormatQuantity(1, Language::kEnglish), "0.000001");
  EXPECT_EQ(FormatQuantity(-1500000000, Language::kEnglish), "-1,500");
}

TEST(FormatDayTest, FrenchDayFirst) {
  const Day day = DayFromCivil(2026, 1, 31);
  EXPECT_EQ(FormatDay(day, Language::kFrench), "31/01/2026");
  EXPECT_EQ(FormatDay(day, Language::kEnglish), "2026-01-31");
}

TEST(LanguageTest, FirstSetVariableWins) {
  EXPECT_EQ(LanguageFromLocaleVars("", "", "fr_FR.UTF-8"), Language::kFrench);
  EXPECT_EQ(LanguageFromLocaleVars("C", "", "fr_FR.UTF-8"), Language::kEnglish);
  EXPECT_EQ(LanguageFromLocaleVars("", "fr_CA", "en_US.UTF-8"), Language::kFrench);
  EXPECT_EQ(LanguageFromLocaleVars("fr", "", ""), Language::kFrench);
  EXPECT_EQ(LanguageFromLocaleVars("FR_be@euro", "", ""), Language::kFrench);
  EXPECT_EQ(LanguageFromLocaleVars("", "", ""), Language::kEnglish);
  EXPECT_EQ(LanguageFromLocaleVars("fur_IT", "", ""), Language::kEnglish);
  EXPECT_EQ(LanguageFromLocaleVars("friulian", "", ""), Language::kEnglish);
}

}  // namespace
}  // namespace agencykpi
