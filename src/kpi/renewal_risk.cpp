#include "kpi/renewal_risk.h"

#include <algorithm>

#include "kpi/rules.h"

namespace agencykpi {

RenewalWindows RenewalWindowsOf(Day as_of) {
  RenewalWindows windows;
  windows.recent = Period{PeriodKind::kCustom, static_cast<Day>(as_of - (kRenewalWindowDays - 1)), as_of};
  windows.before = Period{PeriodKind::kCustom, static_cast<Day>(as_of - (2 * kRenewalWindowDays - 1)),
                          static_cast<Day>(as_of - kRenewalWindowDays)};
  windows.objectives_from = static_cast<Day>(as_of - kRenewalObjectiveLookbackDays);
  return windows;
}

std::vector<RenewalContract> ContractsAtRisk(const Dataset& data, std::span<const RowId> renewed_by,
                                             std::span<const int32_t> contract_rank, Day as_of, int grace_days,
                                             int horizon_days) {
  std::vector<RenewalContract> out;
  const int64_t a = as_of;
  for (size_t k = 0; k < data.contracts.size(); ++k) {
    const Contract& contract = data.contracts[k];
    if (contract.signed_on > as_of) continue;
    const RowId renewal = renewed_by[k];
    if (renewal != kNoRow && data.contracts[static_cast<size_t>(renewal)].signed_on <= as_of) continue;
    const int64_t end = contract.end;
    if (end <= a - grace_days || end > a + horizon_days) continue;
    const Client& client = data.clients[static_cast<size_t>(contract.client)];
    RenewalContract line;
    line.contract = static_cast<RowId>(k);
    line.contract_id = contract.id;
    line.client_id = client.id;
    line.name = client.name;
    line.end_date = contract.end;
    line.days_left = end - a;
    out.push_back(line);
  }
  std::sort(out.begin(), out.end(), [&](const RenewalContract& x, const RenewalContract& y) {
    if (x.days_left != y.days_left) return x.days_left < y.days_left;
    return contract_rank[static_cast<size_t>(x.contract)] < contract_rank[static_cast<size_t>(y.contract)];
  });
  return out;
}

bool ChasedBefore(const Contract& contract) {
  return contract.renewal_of != kNoRow && contract.renewal_type == RenewalType::kSolicited;
}

bool ObjectiveBehind(ObjectiveStatus status) {
  return status == ObjectiveStatus::kBehind || status == ObjectiveStatus::kMissed;
}

bool MarginLow(Cents revenue, const Fraction& full_cost) {
  if (revenue <= 0) return full_cost.num > 0;
  // (revenue − full_cost) / revenue < num/den, over full_cost's denominator (> 0).
  const Int128 revenue_units = static_cast<Int128>(revenue) * kCostUnitsPerCent * full_cost.den;
  const Int128 margin_units = revenue_units - full_cost.num;
  return margin_units * kRenewalMarginLowRate.den < revenue_units * kRenewalMarginLowRate.num;
}

bool ActivityDown(int64_t recent_visits, int64_t earlier_visits) {
  return earlier_visits > 0 && static_cast<Int128>(recent_visits) * kRenewalActivityDownRatio.den <
                                   static_cast<Int128>(earlier_visits) * kRenewalActivityDownRatio.num;
}

bool RevenueDown(Cents recent_revenue, Cents earlier_revenue) {
  return earlier_revenue > 0 && static_cast<Int128>(recent_revenue) * kRenewalRevenueDownRatio.den <
                                    static_cast<Int128>(earlier_revenue) * kRenewalRevenueDownRatio.num;
}

bool DnDown(std::optional<int> dn_change_sign) { return dn_change_sign && *dn_change_sign < 0; }

void GradeRisk(RenewalContract& contract) {
  contract.risk = static_cast<int64_t>(contract.signals.size());
  // risk ≥ num/den with den = 1.
  if (contract.risk * kRenewalHighRiskFrom.den >= kRenewalHighRiskFrom.num) {
    contract.level = RenewalLevel::kHigh;
  } else if (contract.risk * kRenewalMediumRiskFrom.den >= kRenewalMediumRiskFrom.num) {
    contract.level = RenewalLevel::kMedium;
  } else {
    contract.level = RenewalLevel::kLow;
  }
}

}  // namespace agencykpi
