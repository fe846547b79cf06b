// SPEC §6.3, renewal risk, on a hand-built dataset seen from 2026-06-30.
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "dataset_builder.h"
#include "kpi/engine.h"
#include "kpi/renewal_risk.h"

namespace agencykpi {
namespace {

using testing::D;
using testing::DatasetBuilder;

constexpr const char* kAsOf = "2026-06-30";

// C1 chased last time; C2 with one contract ended within grace, one long
// ended and one whose renewal is signed after as-of; C3 with every
// client signal (objectives behind, low margin, fewer visits, less revenue,
// DN down).
Dataset RiskAgency() {
  DatasetBuilder b;
  const RowId c1 = b.Client("C1", "Un");
  const RowId c2 = b.Client("C2", "Deux");
  const RowId c3 = b.Client("C3", "Trois");
  const RowId k0 = b.Contract("K0", c1, "2025-02-01", "2026-01-31");
  b.Contract("K1", c1, "2026-02-01", "2026-07-31", k0, RenewalType::kSolicited, "2026-01-20");
  b.Contract("K7", c1, "2026-03-01", "2026-08-31", kNoRow, RenewalType::kNone, "2026-07-05");  // not signed yet
  b.Contract("K2", c2, "2025-06-16", "2026-06-15");   // ended 15 days ago, within grace
  b.Contract("K3", c2, "2025-05-16", "2026-05-15");   // ended 46 days ago: lost, not at risk
  const RowId k8 = b.Contract("K8", c2, "2025-08-16", "2026-08-15");
  b.Contract("K9", c2, "2026-08-16", "2027-08-15", k8, RenewalType::kSpontaneous, "2026-07-10");
  b.Contract("K4", c3, "2025-10-16", "2026-10-15");   // beyond the horizon
  b.Contract("K5", c3, "2025-09-29", "2026-09-28");   // exactly a + 90
  b.Contract("K6", c3, "2025-08-01", "2026-07-31");
  const RowId m3 = b.Mission("M3", c3);
  const RowId e = b.Employee("E1");
  b.Rate(e, "2020-01-01", 5000);
  b.Entry(e, "2026-05-10", 1000, m3);                  // 500 € of labour in L
  b.Invoice(c3, "2026-02-10", 100000, m3);             // L0: 1,000 €
  b.Invoice(c3, "2026-05-10", 50000, m3);              // L: 500 €
  for (const char* day : {"2026-01-10", "2026-02-10", "2026-03-01", "2026-03-10", "2026-03-20"}) b.Visit(m3, day);
  b.Visit(m3, "2026-05-10");
  b.Objective("O1", m3, "orders", Aggregation::kSum, 10'000000, "2026-01-01", "2026-12-31");
  b.Result(m3, "orders", "2026-02-01", 1'000000);
  Dataset& d = b.data();
  d.stores.push_back({"S1", "Store", "", ""});
  auto& audits = d.store_audits;
  for (const auto& [day, present] : {std::pair{"2026-03-01", 1}, std::pair{"2026-06-01", 0}}) {
    audits.date.push_back(D(day));
    audits.store.push_back(0);
    audits.client.push_back(c3);
    audits.present.push_back(static_cast<uint8_t>(present));
    audits.facings.push_back(present * 2);
  }
  return std::move(b.data());
}

// A report's ids and names are views into its engine's dataset: the engines
// of these sections live as long as the test binary.
RenewalRiskSection RiskOf(Dataset data, int horizon_days = kDefaultHorizonDays) {
  static std::vector<std::unique_ptr<KpiEngine>> engines;
  engines.push_back(std::make_unique<KpiEngine>(std::move(data)));
  ReportRequest request{ParsePeriod("2026-H1").value(), D(kAsOf)};
  request.horizon_days = horizon_days;
  return engines.back()->Compute(request).renewal_risk;
}

TEST(RenewalRiskTest, ContractsAtRiskOrderedByDaysLeftThenId) {
  const RenewalRiskSection risk = RiskOf(RiskAgency());
  EXPECT_EQ(risk.horizon_days, 90);
  std::vector<std::string_view> ids;
  std::vector<int64_t> days;
  for (const RenewalContract& c : risk.contracts) {
    ids.push_back(c.contract_id);
    days.push_back(c.days_left);
  }
  EXPECT_EQ(ids, (std::vector<std::string_view>{"K2", "K1", "K6", "K8", "K5"}));
  EXPECT_EQ(days, (std::vector<int64_t>{-15, 31, 31, 46, 90}));
  EXPECT_EQ(risk.contracts[0].name, "Deux");
  EXPECT_EQ(risk.contracts[0].end_date, D("2026-06-15"));
}

TEST(RenewalRiskTest, SignalsInSpecOrderRiskAndLevel) {
  const RenewalRiskSection risk = RiskOf(RiskAgency());
  const RenewalContract& k2 = risk.contracts[0];
  EXPECT_TRUE(k2.signals.empty());  // listed without signal: low
  EXPECT_EQ(k2.risk, 0);
  EXPECT_EQ(k2.level, RenewalLevel::kLow);
  const RenewalContract& k1 = risk.contracts[1];
  EXPECT_EQ(k1.signals, (RenewalSignals{RenewalSignal::kChasedBefore}));  // no line in L: no margin_low
  EXPECT_EQ(k1.level, RenewalLevel::kLow);
  const RenewalContract& k6 = risk.contracts[2];
  EXPECT_EQ(k6.signals, (RenewalSignals{RenewalSignal::kObjectivesBehind, RenewalSignal::kMarginLow,
                                        RenewalSignal::kActivityDown, RenewalSignal::kRevenueDown,
                                        RenewalSignal::kDnDown}));
  EXPECT_EQ(k6.risk, 5);
  EXPECT_EQ(k6.level, RenewalLevel::kHigh);
  EXPECT_EQ(risk.contracts[4].signals, k6.signals);  // K5: the same client, the same signals
}

TEST(RenewalRiskTest, HorizonAndGraceBoundTheList) {
  EXPECT_EQ(RiskOf(RiskAgency(), 0).contracts.size(), 1U);   // K2 only: ended within grace
  EXPECT_EQ(RiskOf(RiskAgency(), 107).contracts.size(), 6U);  // K4 too
}

TEST(RenewalRiskTest, SignalRulesOnExactFigures) {
  // margin / revenue < 0.15: 1,000 € of revenue, 850 € of cost is exactly 0.15.
  EXPECT_FALSE(MarginLow(100000, Fraction{85000 * kCostUnitsPerCent, 1}));
  EXPECT_TRUE(MarginLow(100000, Fraction{85000 * kCostUnitsPerCent + 1, 1}));
  EXPECT_TRUE(MarginLow(0, Fraction{1, 1}));
  EXPECT_FALSE(MarginLow(0, Fraction{0, 1}));
  EXPECT_FALSE(ActivityDown(8, 10));  // exactly 0.8
  EXPECT_TRUE(ActivityDown(7, 10));
  EXPECT_FALSE(ActivityDown(0, 0));
  EXPECT_FALSE(RevenueDown(800, 1000));
  EXPECT_TRUE(RevenueDown(799, 1000));
  EXPECT_FALSE(RevenueDown(-5, 0));
  EXPECT_FALSE(DnDown(std::nullopt));
  EXPECT_FALSE(DnDown(0));
  EXPECT_TRUE(DnDown(-1));
}

// dn_down is the brand review's own figure: the review of L as of a.
TEST(RenewalRiskTest, DnDownIsTheBrandReviewsDnChange) {
  const KpiEngine engine(RiskAgency());
  const RenewalWindows w = RenewalWindowsOf(D(kAsOf));
  const auto review = engine.BrandReview("C3", ReportRequest{w.recent, D(kAsOf)});
  ASSERT_TRUE(review.ok());
  ASSERT_TRUE(review->shelf.dn_change);
  EXPECT_LT(*review->shelf.dn_change, 0);
  const auto quiet = engine.BrandReview("C2", ReportRequest{w.recent, D(kAsOf)});
  ASSERT_TRUE(quiet.ok());
  EXPECT_FALSE(quiet->shelf.dn_change);  // no audit: no DN, no signal
}

TEST(RenewalRiskTest, LevelThresholds) {
  RenewalContract c;
  GradeRisk(c);
  EXPECT_EQ(c.level, RenewalLevel::kLow);
  c.signals = {RenewalSignal::kChasedBefore};
  GradeRisk(c);
  EXPECT_EQ(c.level, RenewalLevel::kLow);
  c.signals = {RenewalSignal::kChasedBefore, RenewalSignal::kDnDown};
  GradeRisk(c);
  EXPECT_EQ(c.risk, 2);
  EXPECT_EQ(c.level, RenewalLevel::kMedium);
  c.signals = {RenewalSignal::kChasedBefore, RenewalSignal::kMarginLow, RenewalSignal::kDnDown};
  GradeRisk(c);
  EXPECT_EQ(c.level, RenewalLevel::kHigh);
}

TEST(RenewalRiskTest, WindowsOfTheSignals) {
  const RenewalWindows w = RenewalWindowsOf(D(kAsOf));
  EXPECT_EQ(w.recent.start, D("2026-04-02"));
  EXPECT_EQ(w.recent.end, D("2026-06-30"));
  EXPECT_EQ(w.before.start, D("2026-01-02"));
  EXPECT_EQ(w.before.end, D("2026-04-01"));
  EXPECT_EQ(PreviousPeriod(w.recent).start, w.before.start);
  EXPECT_EQ(PreviousPeriod(w.recent).end, w.before.end);
}

}  // namespace
}  // namespace agencykpi
