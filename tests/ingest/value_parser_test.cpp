#include "ingest/value_parser.h"

#include <gtest/gtest.h>

#include <array>
#include <string>

namespace agencykpi {
namespace {

int64_t Cents(std::string_view text, bool decimal_comma = true) {
  Result<int64_t> value = ParseDecimal(text, 2, decimal_comma);
  EXPECT_TRUE(value.ok()) << text << ": " << value.status().message();
  return value.ok() ? *value : 0;
}

std::string Error(std::string_view text, int decimals = 2, bool decimal_comma = true) {
  Result<int64_t> value = ParseDecimal(text, decimals, decimal_comma);
  return value.ok() ? "ok" : value.status().message();
}

TEST(ParseDecimalTest, ScalesExactly) {
  EXPECT_EQ(Cents("12"), 1200);
  EXPECT_EQ(Cents("12.3"), 1230);
  EXPECT_EQ(Cents("12.34"), 1234);
  EXPECT_EQ(Cents("-0.05"), -5);
  EXPECT_EQ(Cents("0"), 0);
  EXPECT_EQ(*ParseDecimal("999.999999", 6, false), 999999999);
}

TEST(ParseDecimalTest, DecimalCommaOnlyWhenAllowed) {
  EXPECT_EQ(Cents("7,5"), 750);
  EXPECT_EQ(Error("7,5", 2, false), "invalid number '7,5'");
}

TEST(ParseDecimalTest, ThousandsGroupingBetweenDigits) {
  EXPECT_EQ(Cents("4 200,00"), 420000);
  EXPECT_EQ(Cents("1\xC2\xA0" "234\xC2\xA0" "567.89"), 123456789);  // U+00A0
  EXPECT_EQ(Cents("12\xE2\x80\xAF" "500"), 1250000);                 // U+202F
  EXPECT_EQ(Cents("-1 000"), -100000);
  EXPECT_EQ(Error("1  000"), "invalid number '1  000'");
  EXPECT_EQ(Error("1 000, 5"), "invalid number '1 000, 5'");
  EXPECT_EQ(Error("- 5"), "invalid number '- 5'");
  EXPECT_EQ(Error("1,000 5"), "invalid number '1,000 5'");
}

TEST(ParseDecimalTest, TrailingZerosDoNotCountAsDecimals) {
  EXPECT_EQ(Cents("12.500"), 1250);
  EXPECT_EQ(Cents("12.0000000"), 1200);
  EXPECT_EQ(Error("12.345"), "too many decimals in '12.345' (at most 2)");
  EXPECT_EQ(Error("1.0000001", 6), "too many decimals in '1.0000001' (at most 6)");
}

TEST(ParseDecimalTest, RejectsWhatIsNotANumber) {
  for (const char* text : {".5", "5.", "1.2.3", "1,2,3", "12 \xE2\x82\xAC", "5%", "abc", "+5", "-",
                           "1e5", "0x10", "\xE2\x82\xAC" "12", "12a", "1.2,3"}) {
    EXPECT_EQ(Error(text), "invalid number '" + std::string(text) + "'") << text;
  }
}

TEST(ParseDecimalTest, RejectsNumbersTooLarge) {
  EXPECT_EQ(Error("99999999999999999999"), "number '99999999999999999999' is too large");
  EXPECT_EQ(Error("1000000000000000000000000000000000000000"),
            "number '1000000000000000000000000000000000000000' is too large");
  EXPECT_EQ(Cents("10000000000000000"), 1000000000000000000);
}

TEST(ParseWholeNumberTest, AcceptsIntegersOnly) {
  EXPECT_EQ(*ParseWholeNumber("3"), 3);
  EXPECT_EQ(*ParseWholeNumber("-2"), -2);
  EXPECT_EQ(*ParseWholeNumber("1 200"), 1200);
  EXPECT_EQ(ParseWholeNumber("3.0").status().message(), "invalid whole number '3.0'");
  EXPECT_EQ(ParseWholeNumber("3,0").status().message(), "invalid whole number '3,0'");
  EXPECT_FALSE(ParseWholeNumber("x").ok());
}

TEST(IsValidIdentifierTest, FollowsTheCharacterSetAndLength) {
  EXPECT_TRUE(IsValidIdentifier("F2026-001"));
  EXPECT_TRUE(IsValidIdentifier("a_b.c-d/e"));
  EXPECT_TRUE(IsValidIdentifier(std::string(64, 'x')));
  EXPECT_FALSE(IsValidIdentifier(std::string(65, 'x')));
  EXPECT_FALSE(IsValidIdentifier(""));
  EXPECT_FALSE(IsValidIdentifier("C 1"));
  EXPECT_FALSE(IsValidIdentifier("C\xC3\xA9"));
  EXPECT_FALSE(IsValidIdentifier("C;1"));
}

TEST(MatchNameTest, IgnoresCase) {
  constexpr std::array<std::string_view, 2> kNames = {"spontaneous", "solicited"};
  EXPECT_EQ(MatchName("Solicited", kNames), 1u);
  EXPECT_EQ(MatchName("SPONTANEOUS", kNames), 0u);
  EXPECT_EQ(MatchName("solicit", kNames), std::nullopt);
}

}  // namespace
}  // namespace agencykpi
