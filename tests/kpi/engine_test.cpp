// One test per KPI rule and edge of SPEC §2–3, on small hand-built datasets.
#include "kpi/engine.h"

#include <gtest/gtest.h>

#include <memory>

#include "dataset_builder.h"

namespace agencykpi {
namespace {

using testing::D;
using testing::DatasetBuilder;

// A report with the engine it refers to (a report's ids and names are views
// into the engine's dataset).
struct Computed : Report {
  std::shared_ptr<const KpiEngine> engine;
};

Computed Compute(const Dataset& data, const char* period, const char* as_of, int grace_days = kDefaultGraceDays) {
  auto engine = std::make_shared<const KpiEngine>(data);
  Computed out{engine->Compute(ReportRequest{ParsePeriod(period).value(), D(as_of), grace_days}), engine};
  return out;
}

const MissionMargin& MissionOf(const Report& r, const std::string& id) {
  for (const auto& m : r.margin.missions) {
    if (m.mission_id == id) return m;
  }
  throw std::runtime_error("mission not listed: " + id);
}

// Each test builds its dataset in b.
class EngineTest : public ::testing::Test {
 protected:
  DatasetBuilder b;
  // The employee E1, at HOURLY_COST an hour since 2025-01-01.
  RowId EmployeeAt(Cents hourly_cost) {
    const RowId e = b.Employee("E1");
    b.Rate(e, "2025-01-01", hourly_cost);
    return e;
  }
};

bool HasFlag(const MissionMargin& m, MarginFlag flag) {
  return std::find(m.flags.begin(), m.flags.end(), flag) != m.flags.end();
}

TEST_F(EngineTest, EmptyDatasetGivesNullRatiosNotZeroOrNaN) {
  b.Client("C1");
  const Computed r = Compute(b.data(), "2026-H1", "2026-06-30");
  EXPECT_EQ(r.recurrence.decided, 0);
  EXPECT_FALSE(r.recurrence.recurrence_rate);
  EXPECT_FALSE(r.recurrence.renewal_rate);
  EXPECT_FALSE(r.recurrence.churn_rate);
  EXPECT_EQ(r.revenue.total_revenue, 0);
  EXPECT_FALSE(r.revenue.average_per_client);
  EXPECT_FALSE(r.revenue.top1_share);
  EXPECT_FALSE(r.revenue.hhi);
  EXPECT_TRUE(r.revenue.clients.empty());
  EXPECT_FALSE(r.margin.margin_rate);
  EXPECT_FALSE(r.objectives.met_share);
  EXPECT_FALSE(r.objectives.mean_attainment);
}

TEST_F(EngineTest, CreditNotesCountAsBilledAndCancelRevenue) {
  const RowId c1 = b.Client("C1");
  const RowId e = EmployeeAt(2000);
  const RowId m = b.Mission("M1", c1);
  b.Invoice(c1, "2026-02-01", 100000, m);
  b.Invoice(c1, "2026-02-20", -100000, m);
  b.Entry(e, "2026-02-02", 1000, m);
  const Computed r = Compute(b.data(), "2026-H1", "2026-06-30");
  EXPECT_EQ(r.revenue.total_revenue, 0);
  EXPECT_EQ(r.revenue.clients_billed, 1);
  ASSERT_TRUE(r.revenue.average_per_client);
  EXPECT_EQ(*r.revenue.average_per_client, 0);
  ASSERT_EQ(r.revenue.clients.size(), 1U);
  EXPECT_FALSE(r.revenue.clients[0].share);             // total is 0
  EXPECT_FALSE(r.revenue.clients[0].index_vs_average);  // average is 0
  EXPECT_FALSE(r.revenue.clients[0].cumulative_share);
  EXPECT_EQ(r.revenue.clients[0].pareto_class, ParetoClass::kC);
  EXPECT_FALSE(r.revenue.top1_share);
  const auto& mission = MissionOf(r, "M1");
  EXPECT_FALSE(mission.full_margin_rate);  // revenue ≤ 0
  EXPECT_EQ(mission.full_cost, 20000);
  EXPECT_TRUE(HasFlag(mission, MarginFlag::kLoss));
  EXPECT_TRUE(HasFlag(mission, MarginFlag::kUnbilled));
  EXPECT_FALSE(HasFlag(mission, MarginFlag::kLowMargin));  // a null rate raises no flag
}

TEST_F(EngineTest, CostRateChangingInsideThePeriodPricesEachDay) {
  const RowId c1 = b.Client("C1");
  const RowId e = b.Employee("E1");
  b.Rate(e, "2026-03-01", 2500);  // out of order on purpose
  b.Rate(e, "2025-01-01", 2000);
  const RowId m = b.Mission("M1", c1);
  b.Entry(e, "2026-02-28", 800, m);
  b.Entry(e, "2026-03-01", 800, m);
  const Computed r = Compute(b.data(), "2026-Q1", "2026-03-31");
  EXPECT_EQ(MissionOf(r, "M1").labor_cost, 8 * 2000 + 8 * 2500);
  EXPECT_EQ(r.margin.labor_cost, 36000);
}

TEST_F(EngineTest, OverheadIsSharedByHoursAndRoundedOnce) {
  const RowId c1 = b.Client("C1");
  const RowId e = EmployeeAt(1000);
  const RowId m1 = b.Mission("M1", c1);
  const RowId m2 = b.Mission("M2", c1);
  const RowId m3 = b.Mission("M3", c1);
  for (RowId m : {m1, m2, m3}) b.Entry(e, "2026-01-10", 100, m);
  b.Expense("2026-01-15", 100, kNoRow, ExpenseCategory::kTools);  // 1.00 € over 3 missions
  const Computed r = Compute(b.data(), "2026-01", "2026-01-31");
  EXPECT_EQ(r.margin.overhead_pool, 100);
  EXPECT_EQ(r.margin.overhead_unallocated, 0);
  for (const auto& m : r.margin.missions) EXPECT_EQ(m.overhead, 33);  // 0.3333… each
  // The client's overhead is the exact sum (1.00), not the sum of rounded parts (0.99).
  ASSERT_EQ(r.revenue.clients.size(), 1U);
  EXPECT_EQ(r.revenue.clients[0].overhead, 100);
  EXPECT_EQ(r.revenue.clients[0].full_cost, 3 * 1000 + 100);
}

TEST_F(EngineTest, OverheadWithoutMissionHoursStaysUnallocated) {
  b.Client("C1");
  const RowId e = EmployeeAt(3000);
  b.Entry(e, "2026-01-10", 200, kNoRow, Activity::kManagement);
  const Computed r = Compute(b.data(), "2026-01", "2026-01-31");
  EXPECT_EQ(r.margin.overhead_pool, 6000);
  EXPECT_EQ(r.margin.overhead_unallocated, 6000);
  EXPECT_TRUE(r.margin.missions.empty());
}

TEST_F(EngineTest, LastAggregationTakesGreatestValueOfTheLatestDay) {
  const RowId c1 = b.Client("C1");
  const RowId m = b.Mission("M1", c1);
  b.Objective("O1", m, "dn", Aggregation::kLast, 60 * kMicrosPerUnit, "2026-01-01", "2026-06-30");
  b.Result(m, "dn", "2026-06-20", 58 * kMicrosPerUnit);
  b.Result(m, "dn", "2026-06-20", 57 * kMicrosPerUnit);
  b.Result(m, "dn", "2026-03-01", 70 * kMicrosPerUnit);
  b.Result(m, "dn", "2026-07-01", 90 * kMicrosPerUnit);  // after the as-of date: does not exist yet
  const Computed r = Compute(b.data(), "2026-H1", "2026-06-30");
  ASSERT_EQ(r.objectives.items.size(), 1U);
  const auto& o = r.objectives.items[0];
  EXPECT_EQ(o.achieved, 58 * kMicrosPerUnit);
  EXPECT_EQ(o.status, ObjectiveStatus::kMissed);
}

TEST_F(EngineTest, LevelObjectiveInProgressHasNoProjection) {
  const RowId c1 = b.Client("C1");
  const RowId m = b.Mission("M1", c1);
  b.Objective("O1", m, "dn", Aggregation::kLast, 60 * kMicrosPerUnit, "2026-01-01", "2026-12-31");
  b.Result(m, "dn", "2026-03-01", 30 * kMicrosPerUnit);
  const Computed r = Compute(b.data(), "2026-H1", "2026-06-30");
  const auto& o = r.objectives.items.at(0);
  EXPECT_EQ(o.status, ObjectiveStatus::kInProgress);
  EXPECT_FALSE(o.projected_attainment);
  EXPECT_DOUBLE_EQ(o.attainment.value(), 0.5);
}

TEST_F(EngineTest, SumObjectivePacingIsExactAtTheBoundary) {
  const RowId c1 = b.Client("C1");
  const RowId m = b.Mission("M1", c1);
  // 10 days, as of day 5 (5 days elapsed counting both ends): 50 of 100 is exactly on pace.
  b.Objective("O1", m, "implantations", Aggregation::kSum, 100 * kMicrosPerUnit, "2026-01-01", "2026-01-10");
  b.Objective("O2", m, "orders", Aggregation::kSum, 100 * kMicrosPerUnit, "2026-01-01", "2026-01-10");
  b.Result(m, "implantations", "2026-01-02", 50 * kMicrosPerUnit);
  b.Result(m, "orders", "2026-01-02", 49999999);
  const Computed r = Compute(b.data(), "2026-01", "2026-01-05");
  ASSERT_EQ(r.objectives.items.size(), 2U);
  EXPECT_DOUBLE_EQ(r.objectives.items[0].elapsed, 0.5);
  EXPECT_DOUBLE_EQ(r.objectives.items[0].projected_attainment.value(), 1.0);
  EXPECT_EQ(r.objectives.items[0].status, ObjectiveStatus::kOnTrack);
  EXPECT_EQ(r.objectives.items[1].status, ObjectiveStatus::kBehind);
}

TEST_F(EngineTest, ObjectiveNotStartedHasNullAchievedAndZeroElapsed) {
  const RowId c1 = b.Client("C1");
  const RowId m = b.Mission("M1", c1);
  b.Objective("O1", m, "orders", Aggregation::kSum, kMicrosPerUnit, "2026-07-01", "2026-12-31");
  const Computed r = Compute(b.data(), "2026", "2026-06-30");
  const auto& o = r.objectives.items.at(0);
  EXPECT_EQ(o.status, ObjectiveStatus::kNotStarted);
  EXPECT_FALSE(o.achieved);
  EXPECT_EQ(o.elapsed, 0.0);
  EXPECT_EQ(r.objectives.count, 1);
  EXPECT_DOUBLE_EQ(r.objectives.met_share.value(), 0.0);
  EXPECT_FALSE(r.objectives.mean_attainment);
}

// A contract ending 2026-05-31 with 30 grace days is pending through
// 2026-06-29 and lost from 2026-06-30 (a < end + grace).
TEST_F(EngineTest, GraceDaysBoundary) {
  const RowId c1 = b.Client("C1");
  b.Contract("K1", c1, "2025-06-01", "2026-05-31");
  EXPECT_EQ(Compute(b.data(), "2026-H1", "2026-06-29").recurrence.pending, 1);
  const Computed lost = Compute(b.data(), "2026-H1", "2026-06-30");
  EXPECT_EQ(lost.recurrence.lost, 1);
  EXPECT_DOUBLE_EQ(lost.recurrence.churn_rate.value(), 1.0);
  EXPECT_EQ(Compute(b.data(), "2026-H1", "2026-06-30", 31).recurrence.pending, 1);
  EXPECT_EQ(Compute(b.data(), "2026-H1", "2026-06-30", 0).recurrence.lost, 1);
}

TEST_F(EngineTest, RenewalSignedAfterAsOfDoesNotCountYet) {
  const RowId c1 = b.Client("C1");
  const RowId k1 = b.Contract("K1", c1, "2025-01-01", "2026-03-31");
  b.Contract("K2", c1, "2026-04-01", "2027-03-31", k1, RenewalType::kSpontaneous, "2026-05-10");
  const Computed before = Compute(b.data(), "2026-H1", "2026-05-09");
  ASSERT_EQ(before.recurrence.clients.size(), 1U);
  EXPECT_EQ(before.recurrence.clients[0].status, RecurrenceStatus::kLost);
  const Computed after = Compute(b.data(), "2026-H1", "2026-05-10");
  EXPECT_EQ(after.recurrence.clients[0].status, RecurrenceStatus::kSpontaneous);
  EXPECT_DOUBLE_EQ(after.recurrence.recurrence_rate.value(), 1.0);
}

TEST_F(EngineTest, ContractSignedAfterAsOfDoesNotExist) {
  const RowId c1 = b.Client("C1");
  b.Contract("K1", c1, "2026-01-01", "2026-03-31", kNoRow, RenewalType::kNone, "2026-07-15");
  EXPECT_EQ(Compute(b.data(), "2026-H1", "2026-06-30").recurrence.ending_clients, 0);
  EXPECT_EQ(Compute(b.data(), "2026-H1", "2026-07-15").recurrence.ending_clients, 1);
}

TEST_F(EngineTest, ClientTakesTheBestStatusOfItsEndingContracts) {
  const RowId c1 = b.Client("C1");
  const RowId k2 = b.Contract("K2", c1, "2025-01-01", "2026-02-28");
  b.Contract("K1", c1, "2025-01-01", "2026-01-31");
  b.Contract("K3", c1, "2026-03-01", "2027-02-28", k2, RenewalType::kSolicited, "2026-02-20");
  const Computed r = Compute(b.data(), "2026-H1", "2026-06-30");
  ASSERT_EQ(r.recurrence.clients.size(), 1U);
  EXPECT_EQ(r.recurrence.clients[0].status, RecurrenceStatus::kSolicited);
  EXPECT_EQ(r.recurrence.clients[0].ending_contracts, (std::vector<std::string_view>{"K1", "K2"}));
  EXPECT_DOUBLE_EQ(r.recurrence.renewal_rate.value(), 1.0);
  EXPECT_DOUBLE_EQ(r.recurrence.recurrence_rate.value(), 0.0);
}

TEST_F(EngineTest, ParetoTiesOrderByIdAndThresholdsAreExact) {
  // Shares 0.40, 0.40 (a tie), 0.15, 0.05: the third starts at exactly 0.80, the last at 0.95.
  const RowId z = b.Client("Z");
  const RowId a = b.Client("A");
  const RowId m = b.Client("M");
  const RowId c = b.Client("C");
  b.Invoice(z, "2026-01-10", 4000);
  b.Invoice(a, "2026-01-10", 4000);  // tie with Z: A first
  b.Invoice(m, "2026-01-10", 1500);  // before = 0.80 exactly: B
  b.Invoice(c, "2026-01-10", 500);   // before = 0.95 exactly: C
  const Computed r = Compute(b.data(), "2026-01", "2026-01-31");
  ASSERT_EQ(r.revenue.clients.size(), 4U);
  EXPECT_EQ(r.revenue.clients[0].client_id, "A");
  EXPECT_EQ(r.revenue.clients[1].client_id, "Z");
  EXPECT_EQ(r.revenue.clients[0].pareto_class, ParetoClass::kA);
  EXPECT_EQ(r.revenue.clients[1].pareto_class, ParetoClass::kA);
  EXPECT_EQ(r.revenue.clients[2].pareto_class, ParetoClass::kB);
  EXPECT_EQ(r.revenue.clients[3].pareto_class, ParetoClass::kC);
  EXPECT_DOUBLE_EQ(r.revenue.clients[3].cumulative_share.value(), 1.0);
  EXPECT_DOUBLE_EQ(r.revenue.top1_share.value(), 0.4);
  EXPECT_DOUBLE_EQ(r.revenue.top3_share.value(), 0.95);
  EXPECT_NEAR(r.revenue.hhi.value(), 10000 * (0.16 + 0.16 + 0.0225 + 0.0025), 1e-9);
}

TEST_F(EngineTest, EffortWithoutRevenueIsListed) {
  const RowId c1 = b.Client("C1");
  const RowId c2 = b.Client("C2");
  const RowId c3 = b.Client("C3");
  const RowId m2 = b.Mission("M2", c2);
  const RowId m3 = b.Mission("M3", c3);
  b.Invoice(c1, "2026-01-10", 1000);
  b.Visit(m2, "2026-01-12");
  b.Expense("2026-01-12", 500, m3);
  const Computed r = Compute(b.data(), "2026-01", "2026-01-31");
  ASSERT_EQ(r.revenue.clients.size(), 3U);
  EXPECT_EQ(r.revenue.clients[1].client_id, "C2");
  EXPECT_EQ(r.revenue.clients[1].visits, 1);
  EXPECT_EQ(r.revenue.clients[2].client_id, "C3");
  EXPECT_EQ(r.revenue.clients[2].expenses, 500);
  EXPECT_FALSE(r.revenue.clients[2].revenue_per_hour);  // no hours
  EXPECT_EQ(r.revenue.clients[2].pareto_class, ParetoClass::kC);
  // M2 has only a visit: not a listed mission.
  ASSERT_EQ(r.margin.missions.size(), 1U);
  EXPECT_EQ(r.margin.missions[0].mission_id, "M3");
}

TEST_F(EngineTest, ErodingAndLowMarginAreComparedExactly) {
  const RowId c1 = b.Client("C1");
  EmployeeAt(1000);
  const RowId m = b.Mission("M1", c1);
  // Previous quarter: revenue 1000 €, cost 750 € → rate 0.25.
  b.Invoice(c1, "2025-11-15", 100000, m);
  b.Expense("2025-11-15", 75000, m);
  // This quarter: revenue 1000 €, cost 850 € → rate 0.15: exactly −0.10, and not below 0.15.
  b.Invoice(c1, "2026-02-15", 100000, m);
  b.Expense("2026-02-15", 85000, m);
  const Computed r = Compute(b.data(), "2026-Q1", "2026-03-31");
  const auto& mm = MissionOf(r, "M1");
  EXPECT_DOUBLE_EQ(mm.full_margin_rate.value(), 0.15);
  EXPECT_DOUBLE_EQ(mm.previous_full_margin_rate.value(), 0.25);
  EXPECT_EQ(mm.flags, (MarginFlags{MarginFlag::kEroding}));
}

TEST_F(EngineTest, PeriodAfterAsOfIsEmptyOfActivity) {
  const RowId c1 = b.Client("C1");
  b.Invoice(c1, "2026-09-10", 1000);
  const Computed r = Compute(b.data(), "2026-09", "2026-06-30");
  EXPECT_TRUE(r.revenue.clients.empty());
  EXPECT_EQ(FormatDate(r.period.previous.start), "2026-08-01");
}

TEST_F(EngineTest, AvgComplexityUsesMissionsOverlappingTheEffectivePeriod) {
  const RowId c1 = b.Client("C1");
  b.Mission("M1", c1, "2025-01-01", "2026-12-31", 2);
  b.Mission("M2", c1, "2026-06-01", "2026-12-31", 5);  // starts after as-of: left out
  b.Mission("M3", c1, "2025-01-01", "2026-12-31", 0);  // no complexity: left out
  const RowId m4 = b.Mission("M4", c1, "2026-01-01", "2026-03-31", 3);
  b.Invoice(c1, "2026-02-01", 1000, m4);
  const Computed r = Compute(b.data(), "2026-H1", "2026-05-15");
  EXPECT_DOUBLE_EQ(r.revenue.clients.at(0).avg_complexity.value(), 2.5);
}

}  // namespace
}  // namespace agencykpi
