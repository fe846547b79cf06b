// Renewal risk (SPEC §6.3, *risque de non-renouvellement*): the contracts
// that end soon or ended and are still pending, each with the signals that
// should make the agency call the client now, its risk (their count) and
// level. The rules are here, as functions of exact figures; the engine
// gives them the figures of the recent window L = [a − 89, a] and of the
// window before it L0 = [a − 179, a − 90], for the clients at risk only.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "common/exact.h"
#include "common/period.h"
#include "domain/dataset.h"
#include "kpi/report.h"

namespace agencykpi {

// The windows of the signals, seen from a.
struct RenewalWindows {
  Period recent;        // L = [a − 89, a], a custom period: its previous period is L0
  Period before;        // L0 = [a − 179, a − 90]
  Day objectives_from;  // a − 180: objectives ending before it do not count
};
RenewalWindows RenewalWindowsOf(Day as_of);

// The contracts at risk as of `as_of`, in output order (days_left, then
// contract_id), without their signals: signed (signed_on ≤ a), not renewed
// by a contract signed by a, with a − grace < end_date ≤ a + horizon.
// `renewed_by`: per contract, the contract renewing it or kNoRow;
// `contract_rank`: each contract's place in contract_id order.
std::vector<RenewalContract> ContractsAtRisk(const Dataset& data, std::span<const RowId> renewed_by,
                                             std::span<const int32_t> contract_rank, Day as_of, int grace_days,
                                             int horizon_days);

// The signals' rules (SPEC §6.3), each on exact figures.
// `chased_before`: the contract is itself a renewal of type `solicited`.
bool ChasedBefore(const Contract& contract);
// `objectives_behind`: an objective's status as of a.
bool ObjectiveBehind(ObjectiveStatus status);
// `margin_low`: the client's line of the report of L (revenue, and its full
// cost in cost units) has margin / revenue < 0.15, or revenue ≤ 0 and a
// full cost > 0.
bool MarginLow(Cents revenue, const Fraction& full_cost);
// `activity_down`: visits in L < 0.8 × visits in L0, those in L0 > 0.
bool ActivityDown(int64_t recent_visits, int64_t earlier_visits);
// `revenue_down`: invoices in L < 0.8 × invoices in L0, those in L0 > 0.
bool RevenueDown(Cents recent_revenue, Cents earlier_revenue);
// `dn_down`: the review of L has shelf.dn_change < 0, given as its sign
// (nullopt when the review's DN change is null).
bool DnDown(std::optional<int> dn_change_sign);

// risk = the number of signals; level high from 3, medium at 2, else low.
void GradeRisk(RenewalContract& contract);

}  // namespace agencykpi
