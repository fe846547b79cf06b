// The KPI engine (SPEC §2–3): pure computation over an in-memory Dataset.
//
// Construction prepares the dataset once (labour cost of every time entry,
// facts ordered by date, per-mission indexes); Compute() then answers any
// period without touching the dataset again. Compute() is const and safe to
// call from many threads at once. The Dataset must outlive the engine.
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
  explicit KpiEngine(const Dataset& dataset);
  ~KpiEngine();
  KpiEngine(const KpiEngine&) = delete;
  KpiEngine& operator=(const KpiEngine&) = delete;

  [[nodiscard]] Report Compute(const ReportRequest& request) const;
  [[nodiscard]] const Dataset& dataset() const { return dataset_; }

 private:
  const Dataset& dataset_;
  std::unique_ptr<PreparedDataset> prepared_;
};

}  // namespace agencykpi
