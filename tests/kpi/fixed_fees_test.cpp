// SPEC §6.2, fixed fees earned day by day, on hand-built datasets.
#include <gtest/gtest.h>

#include "dataset_builder.h"
#include "kpi/engine.h"
#include "kpi/fixed_fees.h"

namespace agencykpi {
namespace {

using testing::D;
using testing::DatasetBuilder;

const MissionMargin* LineOf(const Report& r, std::string_view id) {
  for (const MissionMargin& m : r.margin.missions) {
    if (m.mission_id == id) return &m;
  }
  return nullptr;
}

TEST(FeeDaysTest, DaysOfTheMissionInsideThePeriod) {
  Mission m;
  m.start = D("2026-04-01");
  m.end = D("2026-09-30");
  EXPECT_EQ(FeeDays(m, D("2026-01-01"), D("2026-06-30")), 91);
  EXPECT_EQ(FeeDays(m, D("2026-10-01"), D("2026-12-31")), 0);
  EXPECT_FALSE(EarnsFee(m, D("2026-01-01"), D("2026-06-30")));  // no fee
  m.fee = 0;
  EXPECT_TRUE(EarnsFee(m, D("2026-01-01"), D("2026-06-30")));  // a fee of 0 € is a fee
}

// M1: a 6,000 € fee over 183 days, nothing happened in 2026-H1 but 91 of its
// days; M2: a fee, invoiced ahead; M3: no fee; M4: a fee, all in the future.
Dataset FeeAgency() {
  DatasetBuilder b;
  const RowId c = b.Client("C1");
  const RowId m1 = b.Mission("M1", c, "2026-04-01", "2026-09-30");
  const RowId m2 = b.Mission("M2", c, "2026-01-01", "2026-12-31");
  const RowId m3 = b.Mission("M3", c);
  const RowId m4 = b.Mission("M4", c, "2026-08-01", "2026-12-31");
  b.data().missions[static_cast<size_t>(m1)].fee = 600000;
  b.data().missions[static_cast<size_t>(m2)].fee = 365000;
  b.data().missions[static_cast<size_t>(m4)].fee = 100000;
  const RowId e = b.Employee("E1");
  b.Rate(e, "2020-01-01", 5000);
  b.Entry(e, "2026-02-01", 1000, m2);
  b.Invoice(c, "2026-01-15", 300000, m2);
  b.Invoice(c, "2026-02-15", 100000, m3);
  b.Invoice(c, "2026-03-15", 50000);  // no mission
  return std::move(b.data());
}

TEST(FixedFeesTest, EarnedRevenueGapAndMarginOfEachLine) {
  const KpiEngine engine(FeeAgency());
  const Report r = engine.Compute(ReportRequest{ParsePeriod("2026-H1").value(), D("2026-06-30")});
  ASSERT_EQ(r.margin.missions.size(), 3U);  // M4 earns nothing yet: not listed
  const MissionMargin* m1 = LineOf(r, "M1");
  ASSERT_NE(m1, nullptr);  // a fee mission with no activity, listed with zeros
  EXPECT_EQ(m1->revenue, 0);
  EXPECT_EQ(m1->full_cost, 0);
  EXPECT_EQ(m1->fee, 600000);
  EXPECT_EQ(m1->earned_revenue, 298361);  // 6000 × 91 / 183 = 2983.606…
  EXPECT_EQ(m1->billing_gap, -298361);
  EXPECT_EQ(m1->earned_full_margin, 298361);
  EXPECT_DOUBLE_EQ(*m1->earned_full_margin_rate, 1.0);
  EXPECT_TRUE(m1->flags.empty());
  const MissionMargin* m2 = LineOf(r, "M2");
  ASSERT_NE(m2, nullptr);
  EXPECT_EQ(m2->earned_revenue, 181000);  // 3650 × 181 / 365
  EXPECT_EQ(m2->billing_gap, 300000 - 181000);
  EXPECT_EQ(m2->earned_full_margin, 181000 - 50000);
  const MissionMargin* m3 = LineOf(r, "M3");
  ASSERT_NE(m3, nullptr);
  EXPECT_FALSE(m3->fee);
  EXPECT_EQ(m3->earned_revenue, 100000);
  EXPECT_EQ(m3->billing_gap, 0);
  EXPECT_EQ(m3->earned_full_margin, m3->full_margin);
  EXPECT_EQ(m3->earned_full_margin_rate, m3->full_margin_rate);
  // Totals: Σ exact earned revenue + the revenue without mission.
  const Cents earned = 600000LL * 91 * 365 + 365000LL * 181 * 183;  // over 183 × 365
  const Cents total = (earned + 183 * 365 / 2) / (183 * 365) + 100000 + 50000;
  EXPECT_EQ(r.margin.earned_revenue, total);
  EXPECT_EQ(r.margin.earned_margin, total - r.margin.total_cost);
  ASSERT_TRUE(r.margin.earned_margin_rate);
}

TEST(FixedFeesTest, NoFeeLeavesTheInvoicedView) {
  DatasetBuilder b;
  const RowId c = b.Client("C1");
  const RowId m = b.Mission("M1", c);
  b.Invoice(c, "2026-01-15", 100000, m);
  const KpiEngine engine(std::move(b.data()));
  const Report r = engine.Compute(ReportRequest{ParsePeriod("2026-H1").value(), D("2026-06-30")});
  EXPECT_EQ(r.margin.earned_revenue, r.margin.revenue);
  EXPECT_EQ(r.margin.earned_margin, r.margin.margin);
  EXPECT_EQ(r.margin.earned_margin_rate, r.margin.margin_rate);
}

TEST(FixedFeesTest, ZeroEarnedRevenueHasNoRate) {
  DatasetBuilder b;
  const RowId c = b.Client("C1");
  const RowId m = b.Mission("M1", c, "2026-01-01", "2026-12-31");
  b.data().missions[static_cast<size_t>(m)].fee = 0;
  const KpiEngine engine(std::move(b.data()));
  const Report r = engine.Compute(ReportRequest{ParsePeriod("2026-H1").value(), D("2026-06-30")});
  ASSERT_EQ(r.margin.missions.size(), 1U);
  EXPECT_EQ(r.margin.missions[0].earned_revenue, 0);
  EXPECT_FALSE(r.margin.missions[0].earned_full_margin_rate);
  EXPECT_FALSE(r.margin.earned_margin_rate);
}

}  // namespace
}  // namespace agencykpi
