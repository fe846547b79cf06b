// The KPI engine (SPEC §2–3): pure computation over an in-memory Dataset.
//
// Construction takes the dataset and prepares it once (labour cost of every
// time entry, facts ordered by date and month, per-mission indexes);
// Compute() then answers any period. Compute() is const and safe to call from
// many threads at once. Reports refer to the engine's dataset (ids, names):
// they are valid while the engine lives.
//
// The time entries, expenses, invoices, results, store audits and store
// sales are moved into the engine's own layout as it is built (the audits
// and sales indexed by client for the brand review), so those tables of
// dataset() are empty afterwards (millions of rows are not held twice);
// every other table stays as it was.
#pragma once

#include <memory>

#include "common/period.h"
#include "common/status.h"
#include "domain/dataset.h"
#include "kpi/brand_activity.h"
#include "kpi/report.h"
#include "kpi/review.h"
#include "kpi/tallies.h"

namespace agencykpi {

struct PreparedDataset;  // the engine's date-ordered copy of the facts

constexpr int kDefaultGraceDays = 30;

struct ReportRequest {
  Period period;
  Day as_of = 0;
  int grace_days = kDefaultGraceDays;  // >= 0
  int horizon_days = kDefaultHorizonDays;  // >= 0: renewal risk (SPEC §6.3)
};

class KpiEngine {
 public:
  explicit KpiEngine(Dataset dataset);
  ~KpiEngine();
  KpiEngine(const KpiEngine&) = delete;
  KpiEngine& operator=(const KpiEngine&) = delete;

  [[nodiscard]] Report Compute(const ReportRequest& request) const;

  // The headline figures of every period of `granularity` (month, quarter,
  // half or year; not kCustom) from the one holding `from` to the one holding
  // `to`, oldest first, each seen from min(its end, as_of). Every figure
  // equals the one Compute({period, min(period.end, as_of), grace_days})
  // gives, without building those reports: sums come from per-month
  // aggregates, and only the figures that need per-client detail (top client,
  // HHI) or per-objective detail read it. Empty if from > to.
  [[nodiscard]] std::vector<TrendPoint> Trend(Day from, Day to, PeriodKind granularity, Day as_of,
                                              int grace_days) const;

  // The `months` calendar months ending with the month of as_of, oldest
  // first, of one mission: its line in the report of each month seen from
  // min(month end, as_of).
  [[nodiscard]] std::vector<MissionMonth> MissionMonths(RowId mission, Day as_of, int months) const;

  // One mission's revenue, hours, exact full cost and visits over [from, to]
  // (zeros when nothing happened): the same sums as its report line.
  [[nodiscard]] MissionActivity MissionOver(RowId mission, Day from, Day to) const;

  // The contracts of a client by (start, contract_id), each with the
  // contract renewing it.
  [[nodiscard]] std::vector<ClientContract> ClientContracts(RowId client) const;

  // The visits of a client's missions on days [from, to], per action.
  [[nodiscard]] VisitCounts VisitsByAction(RowId client, Day from, Day to) const;

  // The brand review of SPEC §5 of the client whose id is `client_id`, for
  // request's period, as-of date and grace days, from the data prepared
  // once (the brand's audits, sales and visits are indexed by client when
  // the engine is built, so a review reads only the brand's rows). Its
  // objectives and recurrence status are the report's own (§3.4, §3.1).
  // NotFound naming the id when no client has it. Const, thread-safe.
  [[nodiscard]] Result<Review> BrandReview(std::string_view client_id, const ReportRequest& request) const;
  // The brands with audits, visits or sales dated in [first, last], in
  // client_id order: those a review of the window has something to show
  // for (the brand picker, `review --all`). Const, thread-safe.
  [[nodiscard]] std::vector<BrandActivity> ActiveBrands(Day first, Day last) const;
  [[nodiscard]] const Dataset& dataset() const { return dataset_; }

 private:
  Dataset dataset_;
  std::unique_ptr<PreparedDataset> prepared_;
};

}  // namespace agencykpi
