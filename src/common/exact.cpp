#include "common/exact.h"

#include <cassert>
#include <cstdio>
#include <cstdlib>

namespace agencykpi {

Int128 RoundDiv(Int128 num, Int128 den) {
  assert(den > 0);
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
