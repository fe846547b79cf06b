#include "common/exact.h"

#include <gtest/gtest.h>

namespace agencykpi {
namespace {

TEST(ExactTest, RoundsHalfAwayFromZero) {
  EXPECT_EQ(RoundDiv(5, 10), 1);
  EXPECT_EQ(RoundDiv(-5, 10), -1);
  EXPECT_EQ(RoundDiv(4, 10), 0);
  EXPECT_EQ(RoundDiv(-4, 10), 0);
  EXPECT_EQ(RoundDiv(15, 10), 2);
  EXPECT_EQ(RoundDiv(-15, 10), -2);
  EXPECT_EQ(RoundDiv(7, 1), 7);
}

TEST(ExactTest, CostUnitsRoundToCents) {
  // 7.5 h × 28.50 €/h = 750 × 2850 units = 213.75 €
  EXPECT_EQ(CostToCents(750 * 2850), 21375);
  // 928.73 € × 54 / 131.75 = 380.6574… → 380.66 €
  EXPECT_EQ(CostToCents(Fraction{static_cast<Int128>(9287300) * 5400, 13175}), 38066);
  EXPECT_EQ(CostToCents(Fraction{-50, 1}), -1);  // −0.005 € → −0.01 €
  EXPECT_EQ(CostToCents(Fraction{-49, 1}), 0);
}

TEST(ExactTest, ComparesFractionsExactly) {
  EXPECT_EQ(CompareFractions(15, 100, 3, 20), 0);
  EXPECT_LT(CompareFractions(14999999, 100000000, 15, 100), 0);
  EXPECT_GT(CompareFractions(-1, 3, -1, 2), 0);
  EXPECT_LT(CompareFractions(-7, 2, -3, 1), 0);
  EXPECT_EQ(CompareFractions(0, 5, 0, 7), 0);
  // Operands whose cross products would overflow 128 bits.
  const Int128 big = static_cast<Int128>(1) << 100;
  EXPECT_LT(CompareFractions(big - 1, big, big, big + 1), 0);
  EXPECT_EQ(CompareFractions(big * 3, big * 9, 1, 3), 0);
}

TEST(ExactTest, FormatsCents) {
  EXPECT_EQ(FormatCents(0), "0.00");
  EXPECT_EQ(FormatCents(5), "0.05");
  EXPECT_EQ(FormatCents(-5), "-0.05");
  EXPECT_EQ(FormatCents(3442050), "34420.50");
  EXPECT_EQ(FormatCents(INT64_MIN), "-92233720368547758.08");
}

TEST(ExactTest, ToDoubleKeepsPrecisionOfLargeOperands) {
  const Int128 den = static_cast<Int128>(1) << 90;
  EXPECT_DOUBLE_EQ(ToDouble(den / 4, den), 0.25);
  EXPECT_DOUBLE_EQ(ToDouble(-3, 4), -0.75);
}

}  // namespace
}  // namespace agencykpi

namespace agencykpi {
namespace {

// The 64-bit fast paths and the 128-bit code agree on either side of the boundary.
TEST(ExactTest, FastPathsAgreeWithWideArithmetic) {
  const Int128 big = static_cast<Int128>(INT64_MAX) * 4 + 3;
  for (const Int128 scale : {static_cast<Int128>(1), static_cast<Int128>(1) << 40, static_cast<Int128>(1) << 70}) {
    for (const int64_t n : {-15, -5, -4, 0, 4, 5, 15, 1234567, -7654321}) {
      SCOPED_TRACE(n);
      const Int128 num = n * scale;
      const Int128 den = 10 * scale;
      EXPECT_EQ(RoundDiv(num, den), RoundDiv(n, 10));
      EXPECT_EQ(CompareFractions(num, den, n, 10), 0);
      EXPECT_DOUBLE_EQ(ToDouble(num, den), static_cast<double>(n) / 10);
    }
  }
  EXPECT_EQ(RoundDiv(big, 2), static_cast<Int128>(INT64_MAX) * 2 + 2);  // 4·max+3 over 2, half up
  EXPECT_EQ(RoundDiv(INT64_MIN, 1), static_cast<Int128>(INT64_MIN));
  EXPECT_LT(CompareFractions(INT64_MAX - 1, INT64_MAX, 1, 1), 0);
  EXPECT_GT(CompareFractions(big, 1, INT64_MAX, 1), 0);
}

}  // namespace
}  // namespace agencykpi
