// Exact money and quantity arithmetic (SPEC §3.3): nothing here uses binary
// floating point except the explicit ToDouble() for ratios that are written
// unrounded.
//
// Units:
//   Cents      money as read: 12,34 € = 1234
//   Hundredths hours as read: 7,5 h = 750
//   CostUnits  cents × hundredths = 1/10000 €: the exact cost of an entry
//   Micros     objective targets and results, value × 1 000 000
#pragma once

#include <cstdint>
#include <string>

namespace agencykpi {

using Cents = int64_t;
constexpr Cents kCentsPerEuro = 100;
using Hundredths = int64_t;
using CostUnits = int64_t;
using Micros = int64_t;
using Int128 = __int128;

constexpr int64_t kCostUnitsPerCent = 100;  // a cost unit is a hundredth of a cent
constexpr int64_t kMicrosPerUnit = 1000000;

// num / den with den > 0, exact. Overheads are shares of a pool in
// proportion to hours, so they are fractions with the total hours as den.
struct Fraction {
  Int128 num = 0;
  Int128 den = 1;
};

// num / den rounded half away from zero; den > 0.
Int128 RoundDiv(Int128 num, Int128 den);

// A cost (in cost units, possibly a fraction) rounded once to cents.
Cents CostToCents(const Fraction& cost);
inline Cents CostToCents(CostUnits units) { return CostToCents(Fraction{units, 1}); }

// Exact comparison of a / b with c / d (b, d > 0) without overflow:
// negative, zero or positive as a/b <, =, > c/d.
int CompareFractions(Int128 a, Int128 b, Int128 c, Int128 d);
inline int Compare(const Fraction& x, const Fraction& y) {
  return CompareFractions(x.num, x.den, y.num, y.den);
}

// Nearest double of num / den (den != 0).
double ToDouble(Int128 num, Int128 den);

// "1234.56", "-0.05", "0.00": money in euros with exactly two decimals.
std::string FormatCents(Cents cents);

}  // namespace agencykpi
