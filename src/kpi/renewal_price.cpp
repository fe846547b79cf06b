#include "kpi/renewal_price.h"

#include <algorithm>
#include <string>

namespace agencykpi {
namespace {

constexpr int64_t kDaysPerYear = 365;
constexpr int64_t kHundredthsPerHour = 100;
constexpr int64_t kCostUnitsPerEuro = 100 * kCostUnitsPerCent;

// An exact amount of money in euros per unit of `per` (visits, or hours ×
// 100), null when there is no unit: price / (per × (1 + X)), where price
// already holds the factor (1 + X) = scale / kMicrosPerUnit.
struct PerUnit {
  Ratio euros;
  std::optional<Cents> cents;
};
PerUnit PriceOf(const Fraction& price, Int128 scale, Int128 per) {
  if (per == 0) return {};
  const Fraction units{price.num * kMicrosPerUnit, price.den * scale * per};  // cost units
  return {ToDouble(units.num, units.den * kCostUnitsPerEuro), CostToCents(units)};
}

std::string MissionNotFound(std::string_view id) { return "no mission '" + std::string(id) + "'"; }

}  // namespace

std::string_view PriceTermProblem(PriceTerm term, Micros value) {
  switch (term) {
    case PriceTerm::kTargetMargin:
      return value >= 0 && value < kMicrosPerUnit ? std::string_view{} : "must be at least 0 and less than 1";
    case PriceTerm::kScopeChange:
      return value > -kMicrosPerUnit && value <= kMaxScopeChange ? std::string_view{}
                                                                  : "must be greater than -1 and at most 100";
  }
  return "is unknown";
}

Result<PriceQuote> RenewalPrice(const KpiEngine& engine, std::string_view mission_id, const ReportRequest& request,
                                const PriceTerms& terms) {
  if (const auto problem = PriceTermProblem(PriceTerm::kTargetMargin, terms.target_margin); !problem.empty()) {
    return Status::InvalidInput("the target margin " + std::string(problem));
  }
  if (const auto problem = PriceTermProblem(PriceTerm::kScopeChange, terms.scope_change); !problem.empty()) {
    return Status::InvalidInput("the scope change " + std::string(problem));
  }
  // One look-up per quote: a scan of the missions costs less than an index.
  const Dataset& data = engine.dataset();
  const auto found = std::find_if(data.missions.begin(), data.missions.end(),
                                  [&](const Mission& m) { return m.id == mission_id; });
  if (found == data.missions.end()) return Status::NotFound(MissionNotFound(mission_id));

  PriceQuote quote;
  quote.mission = static_cast<RowId>(found - data.missions.begin());
  quote.mission_id = found->id;
  quote.client_id = data.clients[found->client].id;
  quote.name = found->name;
  quote.period = request.period;
  quote.as_of = request.as_of;
  quote.target_margin = terms.target_margin;
  quote.scope_change = terms.scope_change;

  const Day start = request.period.start;
  const Day effective_end = std::min(request.period.end, request.as_of);
  const MissionActivity activity = engine.MissionOver(quote.mission, start, effective_end);
  quote.full_cost = CostToCents(activity.full_cost);
  quote.revenue = activity.revenue;
  quote.hours = activity.hours;
  quote.visits = activity.visits;

  // Every figure from the exact full cost F (cost units): with (1 + X) =
  // scale / 10^6 and (1 − R) = keep / 10^6, the projected cost is F × scale
  // / 10^6 and the minimum price F × scale / keep.
  const Fraction& cost = activity.full_cost;
  const Int128 scale = kMicrosPerUnit + terms.scope_change;
  const Int128 keep = kMicrosPerUnit - terms.target_margin;
  quote.projected_cost = CostToCents(Fraction{cost.num * scale, cost.den * kMicrosPerUnit});
  const Fraction price{cost.num * scale, cost.den * keep};
  quote.minimum_price = CostToCents(price);
  if (effective_end >= start) {
    const int64_t days = effective_end - start + 1;
    quote.annual_minimum_price = CostToCents(Fraction{price.num * kDaysPerYear, price.den * days});
  }
  if (activity.revenue > 0) {
    const Int128 revenue_units = static_cast<Int128>(activity.revenue) * kCostUnitsPerCent;
    quote.required_change = ToDouble(price.num - price.den * revenue_units, price.den * revenue_units);
  }
  const PerUnit per_visit = PriceOf(price, scale, activity.visits);
  quote.per_visit = per_visit.euros;
  quote.per_visit_cents = per_visit.cents;
  // per hour = price / (hours / 100 × (1 + X)) = price × 100 / (hours × (1 + X))
  const PerUnit per_hour = PriceOf(Fraction{price.num * kHundredthsPerHour, price.den}, scale, activity.hours);
  quote.per_hour = per_hour.euros;
  quote.per_hour_cents = per_hour.cents;
  return quote;
}

}  // namespace agencykpi
