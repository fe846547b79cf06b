#include "kpi/fixed_fees.h"

#include <algorithm>
#include <map>
#include <optional>

namespace agencykpi {
namespace {

// The earned revenue of a fee mission as an exact fraction of cents.
Fraction EarnedCents(const Mission& mission, Day from, Day to) {
  const int64_t mission_days = static_cast<int64_t>(mission.end) - mission.start + 1;
  return Fraction{static_cast<Int128>(mission.fee) * FeeDays(mission, from, to), mission_days};
}

// A sum of fractions of cents whose denominators are mission lengths in
// days: kept exact over the least common multiple of the distinct lengths
// while that stays small, which every agency's handful of fee missions
// does; past it the fractional parts are added in 113-bit floating point,
// whose error (far below 1e-20 of a cent) can only matter at an exact tie.
class EarnedSum {
 public:
  void AddCents(Int128 cents) { whole_ += cents; }
  void Add(const Fraction& cents) {
    whole_ += cents.num / cents.den;
    const Int128 remainder = cents.num % cents.den;
    if (remainder != 0) remainders_[static_cast<int64_t>(cents.den)] += remainder;
  }
  // The exact sum, or nullopt when its denominator would not fit.
  [[nodiscard]] std::optional<Fraction> Exact() const {
    Fraction sum{whole_, 1};
    for (const auto& [den, num] : remainders_) {
      const Int128 g = Gcd(sum.den, den);
      const Int128 lcm = sum.den / g * den;
      if (lcm > kMaxExactDenominator) return std::nullopt;
      sum = Fraction{sum.num * (lcm / sum.den) + num * (lcm / den), lcm};
    }
    return sum;
  }
  [[nodiscard]] __float128 Approximate() const {
    __float128 sum = static_cast<__float128>(whole_);
    for (const auto& [den, num] : remainders_) sum += static_cast<__float128>(num) / static_cast<__float128>(den);
    return sum;
  }

 private:
  static constexpr Int128 kMaxExactDenominator = Int128{1} << 60;
  static Int128 Gcd(Int128 a, Int128 b) {
    while (b != 0) {
      const Int128 t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
  Int128 whole_ = 0;
  std::map<int64_t, Int128> remainders_;  // by denominator: Σ remainders (each < its denominator)
};

// Half away from zero, as RoundDiv, of a 113-bit value.
Cents RoundCents(__float128 value) {
  const __float128 half = 0.5;
  return static_cast<Cents>(value < 0 ? -static_cast<Int128>(-value + half) : static_cast<Int128>(value + half));
}

}  // namespace

int64_t FeeDays(const Mission& mission, Day from, Day to) {
  const Day first = std::max(from, mission.start);
  const Day last = std::min(to, mission.end);
  return last < first ? 0 : static_cast<int64_t>(last) - first + 1;
}

bool EarnsFee(const Mission& mission, Day from, Day to) {
  return mission.fee != kNoMoney && FeeDays(mission, from, to) > 0;
}

void FillEarnedFigures(MissionMargin& line, const Mission& mission, const Fraction& full_cost, Day from, Day to) {
  // earned − full cost, and the rate, over the common denominator (cost units).
  const Fraction earned =
      mission.fee == kNoMoney ? Fraction{line.revenue, 1} : EarnedCents(mission, from, to);
  const Int128 earned_units_num = earned.num * kCostUnitsPerCent;
  const Fraction earned_margin{earned_units_num * full_cost.den - full_cost.num * earned.den,
                               earned.den * full_cost.den};
  if (mission.fee != kNoMoney) line.fee = mission.fee;
  line.earned_revenue = static_cast<Cents>(RoundDiv(earned.num, earned.den));
  line.billing_gap = static_cast<Cents>(RoundDiv(static_cast<Int128>(line.revenue) * earned.den - earned.num, earned.den));
  line.earned_full_margin = CostToCents(earned_margin);
  if (earned.num > 0) {
    line.earned_full_margin_rate = ToDouble(earned_margin.num, earned_units_num * full_cost.den);
  }
}

void FillEarnedTotals(MarginSection& margin, const std::vector<Mission>& missions, Cents unallocated_revenue,
                      CostUnits total_cost, Day from, Day to) {
  EarnedSum earned;
  earned.AddCents(unallocated_revenue);
  for (const MissionMargin& line : margin.missions) {
    const Mission& mission = missions[static_cast<size_t>(line.mission)];
    if (mission.fee == kNoMoney) {
      earned.AddCents(line.revenue);
    } else {
      earned.Add(EarnedCents(mission, from, to));
    }
  }
  if (const auto exact = earned.Exact()) {
    const Int128 earned_units = exact->num * kCostUnitsPerCent;  // over exact->den
    const Fraction earned_margin{earned_units - static_cast<Int128>(total_cost) * exact->den, exact->den};
    margin.earned_revenue = static_cast<Cents>(RoundDiv(exact->num, exact->den));
    margin.earned_margin = CostToCents(earned_margin);
    if (exact->num > 0) margin.earned_margin_rate = ToDouble(earned_margin.num, earned_units);
    return;
  }
  const __float128 cents = earned.Approximate();
  const __float128 margin_cents = cents - static_cast<__float128>(total_cost) / kCostUnitsPerCent;
  margin.earned_revenue = RoundCents(cents);
  margin.earned_margin = RoundCents(margin_cents);
  if (cents > 0) margin.earned_margin_rate = static_cast<double>(margin_cents / cents);
}

}  // namespace agencykpi
