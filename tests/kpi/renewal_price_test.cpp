// The renewal price (SPEC §6.4) on hand-built datasets: each formula, the
// nulls, R = 0, a negative scope change, exact rounding and the refusals.
#include "kpi/renewal_price.h"

#include <gtest/gtest.h>

#include "dataset_builder.h"

namespace agencykpi {
namespace {

using testing::D;
using testing::DatasetBuilder;

constexpr Cents kRate = 5000;  // 50 € an hour
constexpr Micros kPercent = kMicrosPerUnit / 100;

ReportRequest January() { return ReportRequest{ParsePeriod("2026-01").value(), D("2026-01-31"), kDefaultGraceDays}; }

// M1: 10 h (500 €), 100 € of expenses, 1 000 € invoiced, 2 visits; M3: 5 h;
// 3 h of internal time (150 €) spread over the 15 mission hours, so M1's
// overhead is 100 € and its full cost 700 €. M2 does nothing.
KpiEngine Agency() {
  DatasetBuilder b;
  const RowId c = b.Client("C1", "Client 1");
  const RowId m1 = b.Mission("M1", c);
  b.Mission("M2", c);
  const RowId m3 = b.Mission("M3", c);
  const RowId e = b.Employee("E1");
  b.Rate(e, "2020-01-01", kRate);
  b.Entry(e, "2026-01-10", 1000, m1);
  b.Entry(e, "2026-01-12", 300, kNoRow, Activity::kManagement);
  b.Entry(e, "2026-01-15", 500, m3);
  b.Entry(e, "2026-02-02", 800, m1);  // after the period
  b.Expense("2026-01-11", 10000, m1);
  b.Invoice(c, "2026-01-20", 100000, m1);
  b.Visit(m1, "2026-01-10");
  b.Visit(m1, "2026-01-11");
  b.Visit(m3, "2026-01-15");
  return KpiEngine(std::move(b.data()));
}

PriceQuote Quote(const KpiEngine& engine, const std::string& mission, Micros r, Micros x = 0,
                 const ReportRequest& request = January()) {
  auto quote = RenewalPrice(engine, mission, request, PriceTerms{r, x});
  EXPECT_TRUE(quote.ok()) << quote.status().message();
  return quote.ok() ? *quote : PriceQuote{};
}

TEST(RenewalPriceTest, EachFigureOfTheMission) {
  const KpiEngine engine = Agency();
  const PriceQuote q = Quote(engine, "M1", 30 * kPercent);
  EXPECT_EQ(q.mission_id, "M1");
  EXPECT_EQ(q.client_id, "C1");
  EXPECT_EQ(q.name, "Mission M1");
  EXPECT_EQ(q.full_cost, 70000);
  EXPECT_EQ(q.revenue, 100000);
  EXPECT_EQ(q.hours, 1000);
  EXPECT_EQ(q.visits, 2);
  EXPECT_EQ(q.projected_cost, 70000);
  EXPECT_EQ(q.minimum_price, 100000);                  // 700 / (1 − 0.30)
  EXPECT_EQ(q.annual_minimum_price, 1177419);          // 1 000 × 365 / 31 = 11 774.19…
  ASSERT_TRUE(q.required_change.has_value());
  EXPECT_DOUBLE_EQ(*q.required_change, 0.0);           // 1 000 / 1 000 − 1
  EXPECT_DOUBLE_EQ(q.per_visit.value(), 500.0);        // 1 000 / 2
  EXPECT_DOUBLE_EQ(q.per_hour.value(), 100.0);         // 1 000 / 10
  EXPECT_EQ(q.per_visit_cents, 50000);
  EXPECT_EQ(q.per_hour_cents, 10000);
}

TEST(RenewalPriceTest, ZeroTargetMarginPricesAtCost) {
  const KpiEngine engine = Agency();
  const PriceQuote q = Quote(engine, "M1", 0);
  EXPECT_EQ(q.minimum_price, q.projected_cost);
  EXPECT_EQ(q.minimum_price, 70000);
  EXPECT_DOUBLE_EQ(q.required_change.value(), -0.3);
}

TEST(RenewalPriceTest, ScopeChangeScalesTheCostButNotThePricePerUnitOfWork) {
  const KpiEngine engine = Agency();
  const PriceQuote more = Quote(engine, "M1", 30 * kPercent, 10 * kPercent);
  EXPECT_EQ(more.projected_cost, 77000);  // 700 × 1.10
  EXPECT_EQ(more.minimum_price, 110000);  // 770 / 0.70
  EXPECT_NEAR(more.required_change.value(), 0.1, 1e-12);
  EXPECT_DOUBLE_EQ(more.per_visit.value(), 500.0);  // 1 100 / (2 × 1.10)
  EXPECT_DOUBLE_EQ(more.per_hour.value(), 100.0);

  const PriceQuote less = Quote(engine, "M1", 30 * kPercent, -25 * kPercent);
  EXPECT_EQ(less.projected_cost, 52500);  // 700 × 0.75
  EXPECT_EQ(less.minimum_price, 75000);
  EXPECT_DOUBLE_EQ(less.required_change.value(), -0.25);
  EXPECT_DOUBLE_EQ(less.per_visit.value(), 500.0);  // 750 / (2 × 0.75)
  EXPECT_DOUBLE_EQ(less.per_hour.value(), 100.0);
  EXPECT_EQ(less.scope_change, -25 * kPercent);
}

TEST(RenewalPriceTest, MoneyIsRoundedOnceFromTheExactFullCost) {
  // M1 1 h (50 €), M3 2 h, 1 h internal (50 €): M1's overhead is 50 / 3, its
  // full cost 66.666… € (written 66.67).
  DatasetBuilder b;
  const RowId c = b.Client("C1");
  const RowId m1 = b.Mission("M1", c);
  const RowId m3 = b.Mission("M3", c);
  const RowId e = b.Employee("E1");
  b.Rate(e, "2020-01-01", kRate);
  b.Entry(e, "2026-01-05", 100, m1);
  b.Entry(e, "2026-01-05", 200, m3);
  b.Entry(e, "2026-01-06", 100, kNoRow);
  const KpiEngine engine(std::move(b.data()));
  const PriceQuote q = Quote(engine, "M1", 50 * kPercent, 50 * kPercent);
  EXPECT_EQ(q.full_cost, 6667);
  EXPECT_EQ(q.projected_cost, 10000);  // 66.666… × 1.5 = 100, not 66.67 × 1.5 = 100.005
  EXPECT_EQ(q.minimum_price, 20000);   // 100 / 0.5
  const PriceQuote at_cost = Quote(engine, "M1", 50 * kPercent);
  EXPECT_EQ(at_cost.minimum_price, 13333);  // 133.333…, not 66.67 / 0.5 = 133.34
  EXPECT_DOUBLE_EQ(at_cost.per_hour.value(), 400.0 / 3);
  EXPECT_EQ(at_cost.per_hour_cents, 13333);
}

TEST(RenewalPriceTest, UndefinedFiguresAreNull) {
  const KpiEngine engine = Agency();
  // M2 did nothing in January: zeros, and every ratio undefined.
  const PriceQuote idle = Quote(engine, "M2", 20 * kPercent);
  EXPECT_EQ(idle.full_cost, 0);
  EXPECT_EQ(idle.minimum_price, 0);
  EXPECT_EQ(idle.annual_minimum_price, 0);
  EXPECT_FALSE(idle.required_change.has_value());
  EXPECT_FALSE(idle.per_visit.has_value());
  EXPECT_FALSE(idle.per_hour.has_value());
  EXPECT_FALSE(idle.per_visit_cents.has_value());

  // M3 has hours and a visit but no revenue.
  const PriceQuote unbilled = Quote(engine, "M3", 20 * kPercent);
  EXPECT_EQ(unbilled.full_cost, 30000);  // 250 + 150 × 5 / 15
  EXPECT_FALSE(unbilled.required_change.has_value());
  EXPECT_DOUBLE_EQ(unbilled.per_visit.value(), 375.0);  // 300 / 0.8

  // Seen from before the period: no effective day, no annual price.
  const ReportRequest early{ParsePeriod("2026-01").value(), D("2025-12-31"), kDefaultGraceDays};
  const PriceQuote before = Quote(engine, "M1", 20 * kPercent, 0, early);
  EXPECT_FALSE(before.annual_minimum_price.has_value());
  EXPECT_EQ(before.minimum_price, 0);
  EXPECT_EQ(before.as_of, D("2025-12-31"));
}

TEST(RenewalPriceTest, AsOfCutsThePeriodAndTheYearIsScaledFromItsDays) {
  const KpiEngine engine = Agency();
  const ReportRequest midway{ParsePeriod("2026").value(), D("2026-01-31"), kDefaultGraceDays};
  const PriceQuote q = Quote(engine, "M1", 30 * kPercent, 0, midway);
  EXPECT_EQ(q.hours, 1000);  // February's 8 h do not exist yet
  EXPECT_EQ(q.annual_minimum_price, 1177419);
  EXPECT_EQ(q.period.end, D("2026-12-31"));
}

TEST(RenewalPriceTest, RefusesAnUnknownMissionAndTermsOutOfRange) {
  const KpiEngine engine = Agency();
  const auto unknown = RenewalPrice(engine, "M9", January(), PriceTerms{});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(unknown.status().message().find("M9"), std::string::npos);
  for (const Micros r : {kMicrosPerUnit, -kPercent / 10, 2 * kMicrosPerUnit}) {
    const auto refused = RenewalPrice(engine, "M1", January(), PriceTerms{r, 0});
    ASSERT_FALSE(refused.ok()) << r;
    EXPECT_EQ(refused.status().code(), ErrorCode::kInvalidInput);
    EXPECT_NE(refused.status().message().find("target margin"), std::string::npos);
  }
  for (const Micros x : {-kMicrosPerUnit, -2 * kMicrosPerUnit, kMaxScopeChange + 1}) {
    const auto refused = RenewalPrice(engine, "M1", January(), PriceTerms{0, x});
    ASSERT_FALSE(refused.ok()) << x;
    EXPECT_NE(refused.status().message().find("scope change"), std::string::npos);
  }
  EXPECT_TRUE(RenewalPrice(engine, "M1", January(), PriceTerms{kMicrosPerUnit - 1, -kMicrosPerUnit + 1}).ok());
}

TEST(RenewalPriceTest, TermBounds) {
  EXPECT_TRUE(PriceTermProblem(PriceTerm::kTargetMargin, 0).empty());
  EXPECT_TRUE(PriceTermProblem(PriceTerm::kTargetMargin, kMicrosPerUnit - 1).empty());
  EXPECT_FALSE(PriceTermProblem(PriceTerm::kTargetMargin, kMicrosPerUnit).empty());
  EXPECT_FALSE(PriceTermProblem(PriceTerm::kTargetMargin, -1).empty());
  EXPECT_TRUE(PriceTermProblem(PriceTerm::kScopeChange, -kMicrosPerUnit + 1).empty());
  EXPECT_TRUE(PriceTermProblem(PriceTerm::kScopeChange, kMaxScopeChange).empty());
  EXPECT_FALSE(PriceTermProblem(PriceTerm::kScopeChange, -kMicrosPerUnit).empty());
}

}  // namespace
}  // namespace agencykpi
