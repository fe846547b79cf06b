// SPEC §6.1, workload per employee, on hand-built datasets.
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "dataset_builder.h"
#include "kpi/engine.h"
#include "kpi/workload.h"

namespace agencykpi {
namespace {

using testing::D;
using testing::DatasetBuilder;

// A report's ids and names are views into its engine's dataset: the engines
// of these reports live as long as the test binary.
Report ComputeOver(Dataset data, const char* period, const char* as_of) {
  static std::vector<std::unique_ptr<KpiEngine>> engines;
  engines.push_back(std::make_unique<KpiEngine>(std::move(data)));
  return engines.back()->Compute(ReportRequest{ParsePeriod(period).value(), D(as_of)});
}

TEST(WorkingDaysTest, CountsMondaysToFridays) {
  EXPECT_EQ(WorkingDays(D("2026-06-01"), D("2026-06-07")), 5);  // Monday to Sunday
  EXPECT_EQ(WorkingDays(D("2026-06-06"), D("2026-06-07")), 0);  // a weekend
  EXPECT_EQ(WorkingDays(D("2026-01-01"), D("2026-06-30")), 129);
  EXPECT_EQ(WorkingDays(D("2026-06-02"), D("2026-06-01")), 0);  // empty
}

// A mission entry, an internal entry, two missions, a visit; one employee
// with weekly hours, one without.
Dataset TwoEmployees() {
  DatasetBuilder b;
  const RowId c = b.Client("C1");
  const RowId m1 = b.Mission("M1", c);
  const RowId m2 = b.Mission("M2", c);
  const RowId e2 = b.Employee("E2");  // listed after E1 although added first
  const RowId e1 = b.Employee("E1");
  b.data().employees[static_cast<size_t>(e1)].weekly_hours = 3500;
  b.data().employees[static_cast<size_t>(e1)].role = "field rep";
  b.Rate(e1, "2020-01-01", 3000);
  b.Rate(e2, "2020-01-01", 4000);
  b.Entry(e1, "2026-02-10", 700, m1);
  b.Entry(e1, "2026-03-10", 300, m1, Activity::kPreparation);
  b.Entry(e1, "2026-03-11", 200, m2, Activity::kTravel);
  b.Entry(e1, "2026-03-12", 100, kNoRow, Activity::kReporting);
  b.Entry(e2, "2026-04-01", 400, kNoRow, Activity::kManagement);
  b.Expense("2026-03-01", 5000, m1);
  b.Visit(m1, "2026-02-10");  // by employee 0, E2
  b.Visit(m1, "2026-03-10");
  return std::move(b.data());
}

TEST(WorkloadTest, EmployeesByIdWithTheirHoursCostAndCapacity) {
  const Report r = ComputeOver(TwoEmployees(), "2026-H1", "2026-06-30");
  const WorkloadSection& w = r.workload;
  ASSERT_EQ(w.items.size(), 2U);
  const WorkloadEmployee& e1 = w.items[0];
  EXPECT_EQ(e1.employee_id, "E1");
  EXPECT_EQ(e1.role, "field rep");
  EXPECT_EQ(e1.hours, 1300);
  EXPECT_EQ(e1.mission_hours, 1200);
  EXPECT_EQ(e1.internal_hours, 100);
  EXPECT_DOUBLE_EQ(*e1.billable_share, 12.0 / 13.0);
  EXPECT_EQ(e1.hours_by_activity[static_cast<size_t>(Activity::kField)], 700);
  EXPECT_EQ(e1.hours_by_activity[static_cast<size_t>(Activity::kReporting)], 100);
  EXPECT_EQ(e1.labor_cost, 13 * 3000);
  EXPECT_EQ(e1.missions, 2);
  EXPECT_EQ(e1.visits, 0);
  ASSERT_TRUE(e1.capacity_hours);
  EXPECT_EQ(*e1.capacity_hours, 3500 * 129 / 5);  // 903 h
  EXPECT_DOUBLE_EQ(*e1.occupancy, 1300.0 * 5 / (3500.0 * 129));
  const WorkloadEmployee& e2 = w.items[1];
  EXPECT_EQ(e2.employee_id, "E2");
  EXPECT_EQ(e2.visits, 2);
  EXPECT_EQ(e2.missions, 0);
  EXPECT_FALSE(e2.capacity_hours);  // no weekly hours: null capacity and occupancy
  EXPECT_FALSE(e2.occupancy);
  EXPECT_EQ(w.employees, 2);
  EXPECT_EQ(w.hours, 1700);
  EXPECT_EQ(w.mission_hours, 1200);
  EXPECT_EQ(w.internal_hours, 500);
  // (13 × 30 € + 4 × 40 € + 50 €) / 2 visits.
  EXPECT_DOUBLE_EQ(*w.cost_per_visit, (390.0 + 160.0 + 50.0) / 2);  // euros
}

// A period cutting months (custom range, as-of inside a month) reads those
// months entry by entry: the same missions are counted once.
TEST(WorkloadTest, CutMonthsCountEachMissionOnce) {
  const Report r = ComputeOver(TwoEmployees(), "2026-02-10..2026-03-11", "2026-06-30");
  ASSERT_EQ(r.workload.items.size(), 1U);
  const WorkloadEmployee& e1 = r.workload.items[0];
  EXPECT_EQ(e1.hours, 1200);
  EXPECT_EQ(e1.missions, 2);
  const Report cut = ComputeOver(TwoEmployees(), "2026-H1", "2026-03-10");
  ASSERT_EQ(cut.workload.items.size(), 1U);
  EXPECT_EQ(cut.workload.items[0].hours, 1000);
  EXPECT_EQ(cut.workload.items[0].missions, 1);
}

TEST(WorkloadTest, NoEntryNoEmployeeAndNullTotals) {
  const Report r = ComputeOver(TwoEmployees(), "2025-H1", "2025-06-30");
  EXPECT_TRUE(r.workload.items.empty());
  EXPECT_EQ(r.workload.employees, 0);
  EXPECT_FALSE(r.workload.billable_share);
  EXPECT_FALSE(r.workload.cost_per_visit);
}

}  // namespace
}  // namespace agencykpi
