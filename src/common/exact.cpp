#include "common/exact.h"

#include <cassert>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace agencykpi {

namespace {

bool FitsInt64(Int128 value) {
  return value >= std::numeric_limits<int64_t>::min() && value <= std::numeric_limits<int64_t>::max();
}

}  // namespace

// The 64-bit fast paths below give the same results as the 128-bit code;
// they matter because a large report rounds millions of figures.
Int128 RoundDiv(Int128 num, Int128 den) {
  assert(den > 0);
  if (FitsInt64(num) && FitsInt64(den) && num > std::numeric_limits<int64_t>::min()) {
    const auto n = static_cast<int64_t>(num);
    const auto d = static_cast<int64_t>(den);
    const uint64_t magnitude = n < 0 ? static_cast<uint64_t>(-n) : static_cast<uint64_t>(n);
    const uint64_t q = magnitude / static_cast<uint64_t>(d);
    const uint64_t r = magnitude % static_cast<uint64_t>(d);
    const uint64_t up = (r >= static_cast<uint64_t>(d) - r) ? q + 1 : q;
    return n < 0 ? -static_cast<Int128>(up) : static_cast<Int128>(up);
  }
  const bool negative = num < 0;
  const Int128 magnitude = negative ? -num : num;
  // Half-up on the magnitude is half away from zero on the value.
  const Int128 q = magnitude / den;
  const Int128 r = magnitude % den;
  const Int128 up = (2 * r >= den) ? q + 1 : q;
  return negative ? -up : up;
}

Cents CostToCents(const Fraction& cost) {
  return static_cast<Cents>(RoundDiv(cost.num, cost.den * kCostUnitsPerCent));
}

// Compares by floor quotients and then the reciprocals of the remainders
// (continued fractions), so no product of operands is ever formed.
int CompareFractions(Int128 a, Int128 b, Int128 c, Int128 d) {
  assert(b > 0 && d > 0);
  if (FitsInt64(a) && FitsInt64(b) && FitsInt64(c) && FitsInt64(d)) {
    // Products of two 64-bit values cannot overflow 128 bits.
    const Int128 left = a * d;
    const Int128 right = c * b;
    return left < right ? -1 : (left > right ? 1 : 0);
  }
  int sign = 1;
  for (;;) {
    Int128 qa = a / b;
    Int128 ra = a % b;
    if (ra < 0) {
      --qa;
      ra += b;
    }
    Int128 qc = c / d;
    Int128 rc = c % d;
    if (rc < 0) {
      --qc;
      rc += d;
    }
    if (qa != qc) return qa < qc ? -sign : sign;
    if (ra == 0 || rc == 0) {
      if (ra == rc) return 0;
      return ra == 0 ? -sign : sign;
    }
    // a/b = q + ra/b; compare ra/b with rc/d  <=>  compare d/rc with b/ra.
    a = b;
    b = ra;
    Int128 next_c = d;
    d = rc;
    c = next_c;
    sign = -sign;
  }
}

double ToDouble(Int128 num, Int128 den) {
  if (FitsInt64(num) && FitsInt64(den)) {
    return static_cast<double>(static_cast<long double>(static_cast<int64_t>(num)) /
                               static_cast<long double>(static_cast<int64_t>(den)));
  }
  // Split off the integer part so the long double division keeps full
  // precision for small ratios of large numbers.
  const Int128 whole = num / den;
  const Int128 rest = num % den;
  return static_cast<double>(static_cast<long double>(whole) +
                             static_cast<long double>(rest) / static_cast<long double>(den));
}

std::string FormatCents(Cents cents) {
  const bool negative = cents < 0;
  const unsigned long long magnitude =
      negative ? 0ULL - static_cast<unsigned long long>(cents) : static_cast<unsigned long long>(cents);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%s%llu.%02llu", negative ? "-" : "", magnitude / 100,
                magnitude % 100);
  return buffer;
}

}  // namespace agencykpi
