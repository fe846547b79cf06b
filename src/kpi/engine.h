// The KPI engine (SPEC §2–3): pure computation over an in-memory Dataset.
//
// Construction takes the dataset and prepares it once (labour cost of every
// time entry, facts ordered by date and month, per-mission indexes);
// Compute() then answers any period. Compute() is const and safe to call from
// many threads at once. Reports refer to the engine's dataset (ids, names):
// they are valid while the engine lives.
//
// The time entries, expenses, invoices and results are moved into the
// engine's own layout as it is built, so those tables of dataset() are empty
// afterwards (ten million entries are not held twice); every other table
// stays as it was.
#pragma once

#include <memory>

#include "common/period.h"
#include "domain/dataset.h"
#include "kpi/report.h"

namespace agencykpi {

struct PreparedDataset;  // the engine's date-ordered copy of the facts

constexpr int kDefaultGraceDays = 30;

struct ReportRequest {
  Period period;
  Day as_of = 0;
  int grace_days = kDefaultGraceDays;  // >= 0
};

class KpiEngine {
 public:
  explicit KpiEngine(Dataset dataset);
  ~KpiEngine();
  KpiEngine(const KpiEngine&) = delete;
  KpiEngine& operator=(const KpiEngine&) = delete;

  [[nodiscard]] Report Compute(const ReportRequest& request) const;
  [[nodiscard]] const Dataset& dataset() const { return dataset_; }

 private:
  Dataset dataset_;
  std::unique_ptr<PreparedDataset> prepared_;
};

}  // namespace agencykpi
