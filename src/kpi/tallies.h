// What the engine answers besides whole reports: the headline series of a
// trend and the tallies of the client and mission pages, as plain structs.
// Every figure is the one the whole report of the same period gives,
// computed with the same exact arithmetic and rounded once.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "common/period.h"
#include "domain/dataset.h"
#include "kpi/report.h"

namespace agencykpi {

// The headline figures of one period, seen from min(period end, as_of): the
// same values as the report of {period, min(period.end, as_of), grace}.
struct TrendPoint {
  Period period;
  std::string label;  // FormatPeriod(period): "2026-01", "2026-Q1", "2026-H1"

  Ratio recurrence_rate;
  Ratio renewal_rate;
  Ratio churn_rate;
  Cents total_revenue = 0;
  std::optional<Cents> average_per_client;
  Ratio top1_share;
  Ratio hhi;
  Cents margin = 0;
  Ratio margin_rate;
  Ratio met_share;
  Ratio mean_capped_attainment;
};

// One month of a mission, seen from min(month end, as_of): the mission's line
// of that month's report (listed = it has one; otherwise zeros, rate null).
struct MissionMonth {
  Period month;
  bool listed = false;
  Cents revenue = 0;
  Cents full_cost = 0;
  Cents full_margin = 0;
  Ratio full_margin_rate;
};

// One mission over a window, exact, as its line of the report of that
// window has it (SPEC §3.3): the full cost in cost units, its share of the
// overhead included, and its visits (§3.2). The renewal price starts here.
struct MissionActivity {
  Cents revenue = 0;
  Hundredths hours = 0;
  Fraction full_cost;  // cost units (1/10000 €)
  int64_t visits = 0;
};

// A contract of a client and the contract renewing it (kNoRow if none).
struct ClientContract {
  RowId contract = kNoRow;
  RowId renewed_by = kNoRow;
};

// Visits per action, indexed by VisitAction.
using VisitCounts = std::array<int64_t, kVisitActionCount>;

}  // namespace agencykpi
