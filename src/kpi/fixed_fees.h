// Fixed fees spread over the mission (SPEC §6.2, *forfait au prorata*): a
// mission sold at a fixed price earns it day by day, fee × d / D over a
// period, so its margin over a half-year does not depend on when it was
// invoiced. Each figure is an exact fraction of cents rounded once.
#pragma once

#include <cstdint>
#include <vector>

#include "common/exact.h"
#include "domain/dataset.h"
#include "kpi/report.h"

namespace agencykpi {

// d: the days of [max(from, start), min(to, end)] of the mission, 0 when
// that is empty; [from, to] is [s, e'].
int64_t FeeDays(const Mission& mission, Day from, Day to);

// Whether the mission has a fee and earns some of it over [from, to]
// (d > 0): such a mission is listed in the margin section even when
// nothing happened on it.
bool EarnsFee(const Mission& mission, Day from, Day to);

// The line's fee, earned_revenue, billing_gap, earned_full_margin and
// earned_full_margin_rate, from its invoiced revenue and its exact full cost
// (cost units, SPEC §3.3).
void FillEarnedFigures(MissionMargin& line, const Mission& mission, const Fraction& full_cost, Day from, Day to);

// The margin section's earned_revenue (Σ of the listed missions' exact
// earned revenue + the unallocated revenue), earned_margin and
// earned_margin_rate. `total_cost` in cost units.
void FillEarnedTotals(MarginSection& margin, const std::vector<Mission>& missions, Cents unallocated_revenue,
                      CostUnits total_cost, Day from, Day to);

}  // namespace agencykpi
