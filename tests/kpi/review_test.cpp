// The brand review (SPEC §5), one rule or edge per test, on small hand-built
// datasets: shelf states and their ties, the panel, worked against control,
// the lifts and their nulls, chains, months, a future as-of date, a brand
// without audits, and the report's objectives and recurrence status.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <memory>
#include <stdexcept>
#include <string>

#include "dataset_builder.h"
#include "kpi/engine.h"

namespace agencykpi {
namespace {

using testing::D;
using testing::DatasetBuilder;

// The review with the engine it refers to (ids and names are views into it).
struct Reviewed {
  Review review;
  std::shared_ptr<const KpiEngine> engine;
  const Review* operator->() const { return &review; }
};

Reviewed ReviewOf(const Dataset& data, const std::string& client, const char* period, const char* as_of,
                  int grace_days = kDefaultGraceDays) {
  auto engine = std::make_shared<const KpiEngine>(data);
  auto review = engine->BrandReview(client, ReportRequest{ParsePeriod(period).value(), D(as_of), grace_days});
  EXPECT_TRUE(review.ok()) << review.status().message();
  return Reviewed{std::move(*review), engine};
}

// The brand's facts, added to a builder's dataset.
class BrandBuilder : public DatasetBuilder {
 public:
  RowId Store(const std::string& id, const std::string& chain = "", const std::string& region = "") {
    data().stores.push_back({id, "Store " + id, chain, region});
    return static_cast<RowId>(data().stores.size() - 1);
  }
  // The stores S1 to SN, without chain or region.
  template <size_t N>
  std::array<RowId, N> Stores() {
    std::array<RowId, N> ids{};
    for (size_t i = 0; i < N; ++i) ids[i] = Store("S" + std::to_string(i + 1));
    return ids;
  }
  void Audit(RowId store, RowId client, const char* date, int present, int facings) {
    auto& a = data().store_audits;
    a.date.push_back(D(date));
    a.store.push_back(store);
    a.client.push_back(client);
    a.present.push_back(static_cast<uint8_t>(present));
    a.facings.push_back(facings);
  }
  void Sale(RowId store, RowId client, const char* date, Cents amount) {
    auto& s = data().store_sales;
    s.date.push_back(D(date));
    s.store.push_back(store);
    s.client.push_back(client);
    s.amount.push_back(amount);
  }
  void StoreVisit(RowId mission, RowId store, const char* date, VisitAction action) {
    auto& v = data().visits;
    v.id.push_back("V" + std::to_string(v.size() + 1));
    v.employee.push_back(0);
    v.mission.push_back(mission);
    v.store.push_back(store);
    v.date.push_back(D(date));
    v.action.push_back(action);
  }
};

// Every test's brand is the client C1, the first row of its dataset.
class ReviewTest : public ::testing::Test {
 protected:
  BrandBuilder b;
  const RowId c = b.Client("C1");
};

const ReviewStore& StoreOf(const Review& r, const std::string& id) {
  for (const auto& s : r.stores) {
    if (s.store_id == id) return s;
  }
  throw std::runtime_error("store not listed: " + id);
}

TEST_F(ReviewTest, UnknownClientIsNotFoundAndNamesIt) {
  const KpiEngine engine(b.data());
  const auto review = engine.BrandReview("C9", ReportRequest{ParsePeriod("2026-H1").value(), D("2026-06-30")});
  ASSERT_FALSE(review.ok());
  EXPECT_EQ(review.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(review.status().message().find("'C9'"), std::string::npos) << review.status().message();
}

// The latest audit of the window is the state; on one day the greatest
// present wins, then the greatest facings; an audit after the window does not count.
TEST_F(ReviewTest, StateIsTheLatestAuditWithTiesOnPresentThenFacings) {
  const auto [s1, s2, s3] = b.Stores<3>();
  b.Audit(s1, c, "2026-02-01", 1, 9);  // earlier, so replaced despite more facings
  b.Audit(s1, c, "2026-03-01", 0, 0);
  b.Audit(s2, c, "2026-04-01", 1, 2);
  b.Audit(s2, c, "2026-04-01", 0, 7);  // same day: present 1 wins over more facings
  b.Audit(s3, c, "2026-05-01", 1, 3);
  b.Audit(s3, c, "2026-05-01", 1, 4);  // same day and present: greatest facings
  b.Audit(s3, c, "2026-07-01", 0, 0);  // after the as-of date: does not exist
  const Reviewed r = ReviewOf(b.data(), "C1", "2026", "2026-06-30");
  EXPECT_EQ(r->shelf.current.stores, 3);
  EXPECT_EQ(r->shelf.current.present, 2);
  EXPECT_DOUBLE_EQ(r->shelf.current.dn.value(), 2.0 / 3.0);
  EXPECT_EQ(r->shelf.current.facings, 0 + 2 + 4);
  EXPECT_DOUBLE_EQ(r->shelf.current.facings_per_present_store.value(), 3.0);
  EXPECT_EQ(StoreOf(r.review, "S1").present, 0);
  EXPECT_EQ(StoreOf(r.review, "S2").facings, 2);
  EXPECT_EQ(StoreOf(r.review, "S3").facings, 4);
}

// The panel compares the same stores; a store audited in one window only is
// out of it, and DN's change differs from the panel's.
TEST_F(ReviewTest, PanelHoldsTheStoresAuditedInBothWindows) {
  const auto [s1, s2, s3, s4] = b.Stores<4>();
  b.Audit(s1, c, "2025-09-01", 0, 0);
  b.Audit(s1, c, "2026-03-01", 1, 2);
  b.Audit(s2, c, "2025-09-01", 1, 1);
  b.Audit(s2, c, "2026-03-01", 1, 1);
  b.Audit(s3, c, "2025-10-01", 0, 0);  // previous only
  b.Audit(s4, c, "2026-02-01", 1, 1);  // current only
  const Reviewed r = ReviewOf(b.data(), "C1", "2026-H1", "2026-06-30");
  EXPECT_EQ(r->shelf.current.stores, 3);
  EXPECT_EQ(r->shelf.previous.stores, 3);
  EXPECT_DOUBLE_EQ(r->shelf.dn_change.value(), 3.0 / 3.0 - 1.0 / 3.0);
  EXPECT_EQ(r->shelf.panel.stores, 2);
  EXPECT_DOUBLE_EQ(r->shelf.panel.dn_start.value(), 0.5);
  EXPECT_DOUBLE_EQ(r->shelf.panel.dn_end.value(), 1.0);
  EXPECT_DOUBLE_EQ(r->shelf.panel.dn_change.value(), 0.5);
  // S3 is listed (a previous state) but not tracked; S4 is tracked by its state.
  EXPECT_FALSE(StoreOf(r.review, "S3").tracked);
  EXPECT_FALSE(StoreOf(r.review, "S3").present);
  EXPECT_EQ(StoreOf(r.review, "S3").present_previous, 0);
  EXPECT_TRUE(StoreOf(r.review, "S4").tracked);
  EXPECT_EQ(r->stores.size(), 4U);
}

// An audit visit only looks: its store is control; any other action works
// the store. The lift is the difference of the two changes.
TEST_F(ReviewTest, WorkedStoresHaveAVisitOtherThanAnAudit) {
  const RowId m = b.Mission("M1", c);
  const auto [s1, s2, s3] = b.Stores<3>();
  for (const RowId s : {s1, s2, s3}) b.Audit(s, c, "2025-10-01", 0, 0);
  b.Audit(s1, c, "2026-03-01", 1, 2);
  b.Audit(s2, c, "2026-03-01", 1, 2);
  b.Audit(s3, c, "2026-03-01", 0, 0);
  b.StoreVisit(m, s1, "2026-02-01", VisitAction::kImplantation);
  b.StoreVisit(m, s1, "2026-02-15", VisitAction::kAudit);
  b.StoreVisit(m, s2, "2026-02-01", VisitAction::kAudit);
  b.StoreVisit(m, s3, "2025-12-01", VisitAction::kNegotiation);  // before P: not a visit of P
  const Reviewed r = ReviewOf(b.data(), "C1", "2026-H1", "2026-06-30");
  EXPECT_EQ(r->actions.visits, 3);
  EXPECT_EQ(r->actions.stores_visited, 2);
  EXPECT_EQ(r->actions.worked_stores, 1);
  EXPECT_EQ(r->actions.by_action[static_cast<size_t>(VisitAction::kAudit)], 2);
  EXPECT_EQ(r->actions.by_action[static_cast<size_t>(VisitAction::kImplantation)], 1);
  EXPECT_EQ(r->impact.worked.stores, 1);
  EXPECT_DOUBLE_EQ(r->impact.worked.dn_change.value(), 1.0);
  EXPECT_EQ(r->impact.control.stores, 2);
  EXPECT_DOUBLE_EQ(r->impact.control.dn_change.value(), 0.5);
  EXPECT_DOUBLE_EQ(r->impact.dn_lift.value(), 0.5);
  EXPECT_TRUE(StoreOf(r.review, "S1").worked);
  EXPECT_FALSE(StoreOf(r.review, "S2").worked);
  EXPECT_EQ(StoreOf(r.review, "S1").visits, 2);
}

// Without control stores in the panel there is no lift; without previous
// sales a change rate, and so the sales lift, is null — never 0 or NaN.
TEST_F(ReviewTest, LiftsAreNullWhenAGroupHasNothingToCompare) {
  const RowId m = b.Mission("M1", c);
  const auto [s1, s2] = b.Stores<2>();
  b.Audit(s1, c, "2025-10-01", 0, 0);
  b.Audit(s1, c, "2026-03-01", 1, 1);
  b.StoreVisit(m, s1, "2026-02-01", VisitAction::kPromotion);
  b.StoreVisit(m, s2, "2026-02-01", VisitAction::kAudit);
  b.Sale(s1, c, "2025-11-30", 100'00);
  b.Sale(s1, c, "2026-02-28", 150'00);
  b.Sale(s2, c, "2026-02-28", 80'00);  // control without previous sales
  const Reviewed r = ReviewOf(b.data(), "C1", "2026-H1", "2026-06-30");
  EXPECT_EQ(r->impact.control.stores, 0);
  EXPECT_FALSE(r->impact.control.dn_start);
  EXPECT_FALSE(r->impact.control.dn_change);
  EXPECT_FALSE(r->impact.dn_lift);
  EXPECT_DOUBLE_EQ(r->sales.worked.change_rate.value(), 0.5);
  EXPECT_EQ(r->sales.control.stores, 1);
  EXPECT_EQ(r->sales.control.sales, 80'00);
  EXPECT_FALSE(r->sales.control.change_rate);
  EXPECT_FALSE(r->sales.lift);
  EXPECT_EQ(r->sales.tracked.stores, 2);
  EXPECT_EQ(r->sales.tracked.sales, 230'00);
  EXPECT_DOUBLE_EQ(r->sales.tracked.change_rate.value(), 1.3);
}

// Sales of stores neither tracked nor audited count in all_stores only, and
// such a store is not listed; negative sales (returns) are summed as they are.
TEST_F(ReviewTest, SalesOfUntrackedStoresCountOnlyForAllStores) {
  const RowId other = b.Client("C2");
  const auto [s1, s2] = b.Stores<2>();
  b.Audit(s1, c, "2026-01-10", 1, 1);
  b.Sale(s1, c, "2026-01-31", 500'00);
  b.Sale(s1, c, "2026-02-28", -20'00);
  b.Sale(s2, c, "2026-01-31", 999'99);
  b.Sale(s1, other, "2026-01-31", 777'77);  // another brand's
  b.Sale(s1, c, "2025-12-31", 300'00);
  const Reviewed r = ReviewOf(b.data(), "C1", "2026-H1", "2026-06-30");
  EXPECT_EQ(r->sales.tracked.sales, 480'00);
  EXPECT_EQ(r->sales.tracked.sales_previous, 300'00);
  EXPECT_EQ(r->sales.all_stores_sales, 1479'99);
  EXPECT_EQ(r->sales.all_stores_sales_previous, 300'00);
  ASSERT_EQ(r->stores.size(), 1U);
  EXPECT_EQ(r->stores[0].store_id, "S1");
  ASSERT_EQ(r->sales_by_month.size(), 6U);
  EXPECT_EQ(r->sales_by_month[0].sales, 500'00);
  EXPECT_EQ(r->sales_by_month[1].sales, -20'00);
  EXPECT_EQ(r->sales_by_month[2].sales, 0);
}

// Chains in byte order, stores without a chain last; a chain seen only in
// the previous state has 0 stores and a null DN.
TEST_F(ReviewTest, ChainsInByteOrderWithNoChainLastAndPreviousOnlyChains) {
  const RowId lone = b.Store("S1", "");
  const RowId leclerc = b.Store("S2", "Leclerc");
  const RowId carrefour = b.Store("S3", "Carrefour");
  const RowId gone = b.Store("S4", "Monoprix");
  const RowId accented = b.Store("S5", "\xc3\x89picerie");  // "Épicerie": after ASCII letters by bytes
  b.Audit(lone, c, "2026-03-01", 1, 1);
  b.Audit(leclerc, c, "2026-03-01", 0, 0);
  b.Audit(leclerc, c, "2025-09-01", 1, 1);
  b.Audit(carrefour, c, "2026-03-01", 1, 2);
  b.Audit(gone, c, "2025-09-01", 1, 1);
  b.Audit(accented, c, "2026-03-01", 1, 1);
  const Reviewed r = ReviewOf(b.data(), "C1", "2026-H1", "2026-06-30");
  ASSERT_EQ(r->by_chain.size(), 5U);
  EXPECT_EQ(r->by_chain[0].chain, "Carrefour");
  EXPECT_EQ(r->by_chain[1].chain, "Leclerc");
  EXPECT_DOUBLE_EQ(r->by_chain[1].dn.value(), 0.0);
  EXPECT_DOUBLE_EQ(r->by_chain[1].dn_previous.value(), 1.0);
  EXPECT_EQ(r->by_chain[2].chain, "Monoprix");
  EXPECT_EQ(r->by_chain[2].stores, 0);
  EXPECT_EQ(r->by_chain[2].present, 0);
  EXPECT_FALSE(r->by_chain[2].dn);
  EXPECT_DOUBLE_EQ(r->by_chain[2].dn_previous.value(), 1.0);
  EXPECT_EQ(r->by_chain[3].chain, "\xc3\x89picerie");
  EXPECT_FALSE(r->by_chain[4].chain);
  EXPECT_EQ(r->by_chain[4].stores, 1);
  EXPECT_FALSE(r->by_chain[4].dn_previous);
}

// Each month of [s, e'] gives the state since s up to its end (the last one
// is the current state); a custom period starting mid-month starts with that
// month; months after the as-of date are not written.
TEST_F(ReviewTest, DnByMonthIsTheStateSinceTheStartAtEachMonthEnd) {
  const auto [s1, s2] = b.Stores<2>();
  b.Audit(s1, c, "2026-01-10", 1, 1);  // before s: not in P
  b.Audit(s1, c, "2026-01-20", 0, 0);
  b.Audit(s2, c, "2026-02-05", 1, 1);
  b.Audit(s1, c, "2026-03-03", 1, 2);
  const Reviewed r = ReviewOf(b.data(), "C1", "2026-01-15..2026-06-30", "2026-03-10");
  const struct {
    const char* label;
    int64_t stores;
    int64_t present;
    double dn;
  } expected[] = {{"2026-01", 1, 0, 0.0}, {"2026-02", 2, 1, 0.5}, {"2026-03", 2, 2, 1.0}};
  ASSERT_EQ(r->dn_by_month.size(), std::size(expected));
  for (size_t i = 0; i < std::size(expected); ++i) {
    SCOPED_TRACE(expected[i].label);
    EXPECT_EQ(r->dn_by_month[i].label, expected[i].label);
    EXPECT_EQ(r->dn_by_month[i].stores, expected[i].stores);
    EXPECT_EQ(r->dn_by_month[i].present, expected[i].present);
    EXPECT_DOUBLE_EQ(r->dn_by_month[i].dn.value(), expected[i].dn);
  }
  EXPECT_EQ(r->dn_by_month[2].stores, r->shelf.current.stores);
  EXPECT_EQ(r->dn_by_month[2].present, r->shelf.current.present);
  EXPECT_EQ(r->sales_by_month.size(), 3U);
}

// As of a date before the period, nothing of P exists: no state, no
// visit, no month; the previous period is seen from the as-of date too.
TEST_F(ReviewTest, FutureAsOfDateGivesAnEmptyPeriod) {
  const RowId m = b.Mission("M1", c);
  const RowId s1 = b.Store("S1");
  b.Audit(s1, c, "2026-03-01", 1, 2);
  b.Audit(s1, c, "2026-08-01", 1, 3);
  b.StoreVisit(m, s1, "2026-08-02", VisitAction::kPromotion);
  b.Sale(s1, c, "2026-05-31", 100'00);
  const Reviewed r = ReviewOf(b.data(), "C1", "2026-H2", "2026-06-30");
  EXPECT_TRUE(r->dn_by_month.empty());
  EXPECT_TRUE(r->sales_by_month.empty());
  EXPECT_EQ(r->shelf.current.stores, 0);
  EXPECT_FALSE(r->shelf.current.dn);
  EXPECT_EQ(r->shelf.previous.stores, 1);
  EXPECT_FALSE(r->shelf.dn_change);
  EXPECT_EQ(r->actions.visits, 0);
  EXPECT_EQ(r->sales.tracked.stores, 0);
  EXPECT_EQ(r->sales.all_stores_sales_previous, 100'00);
  ASSERT_EQ(r->stores.size(), 1U);
  EXPECT_FALSE(r->stores[0].tracked);
  EXPECT_EQ(r->stores[0].facings_previous, 2);
  EXPECT_FALSE(r->stores[0].facings);
}

// A brand with visits but no audit: every DN is null, the counts are 0.
TEST_F(ReviewTest, BrandWithoutAuditsHasNullDnAndZeroCounts) {
  const RowId m = b.Mission("M1", c);
  const RowId s1 = b.Store("S1", "Leclerc");
  b.StoreVisit(m, s1, "2026-04-01", VisitAction::kImplantation);
  const Reviewed r = ReviewOf(b.data(), "C1", "2026", "2026-12-31");
  EXPECT_EQ(r->shelf.current.stores, 0);
  EXPECT_EQ(r->shelf.current.facings, 0);
  EXPECT_FALSE(r->shelf.current.dn);
  EXPECT_FALSE(r->shelf.current.facings_per_present_store);
  EXPECT_FALSE(r->shelf.previous.dn);
  EXPECT_FALSE(r->shelf.dn_change);
  EXPECT_EQ(r->shelf.panel.stores, 0);
  EXPECT_FALSE(r->shelf.panel.dn_change);
  EXPECT_FALSE(r->impact.dn_lift);
  EXPECT_TRUE(r->by_chain.empty());
  EXPECT_EQ(r->actions.worked_stores, 1);
  ASSERT_EQ(r->stores.size(), 1U);
  EXPECT_TRUE(r->stores[0].worked);
  EXPECT_FALSE(r->stores[0].present);
  EXPECT_FALSE(r->stores[0].present_previous);
  EXPECT_EQ(r->dn_by_month.size(), 12U);
  EXPECT_FALSE(r->dn_by_month[0].dn);
}

// Another brand's audits, sales and visits do not leak into the review.
TEST_F(ReviewTest, OnlyTheBrandsOwnRowsCount) {
  const RowId c2 = b.Client("C2");
  const RowId m2 = b.Mission("M2", c2);
  const RowId s1 = b.Store("S1");
  b.Audit(s1, c2, "2026-03-01", 1, 5);
  b.StoreVisit(m2, s1, "2026-03-01", VisitAction::kImplantation);
  b.Sale(s1, c2, "2026-03-31", 10'00);
  const Reviewed r = ReviewOf(b.data(), "C1", "2026-H1", "2026-06-30");
  EXPECT_EQ(r->client.client, c);
  EXPECT_EQ(r->shelf.current.stores, 0);
  EXPECT_EQ(r->actions.visits, 0);
  EXPECT_EQ(r->sales.all_stores_sales, 0);
  EXPECT_TRUE(r->stores.empty());
}

// Objectives are the report's items of the brand's missions, with totals
// over them; the recurrence status is the client's of the report; contracts
// overlap the nominal period and are signed by the as-of date.
TEST_F(ReviewTest, ObjectivesRecurrenceAndContractsAreTheReportsForTheBrand) {
  const RowId c2 = b.Client("C2");
  const RowId m1 = b.Mission("M1", c);
  const RowId m2 = b.Mission("M2", c2);
  b.Objective("O1", m1, "implantations", Aggregation::kSum, 10 * kMicrosPerUnit, "2026-01-01", "2026-06-30");
  b.Objective("O2", m2, "implantations", Aggregation::kSum, 10 * kMicrosPerUnit, "2026-01-01", "2026-06-30");
  b.Objective("O3", m1, "dn", Aggregation::kLast, 50 * kMicrosPerUnit, "2026-01-01", "2026-12-31");
  b.Objective("O0", m1, "orders", Aggregation::kSum, 5 * kMicrosPerUnit, "2025-01-01", "2025-06-30");
  b.Result(m1, "implantations", "2026-02-01", 12 * kMicrosPerUnit);
  b.Result(m1, "dn", "2026-03-01", 40 * kMicrosPerUnit);
  const RowId k1 = b.Contract("K1", c, "2025-07-01", "2026-03-31");
  b.Contract("K3", c, "2026-04-01", "2027-03-31", k1, RenewalType::kSolicited, "2026-03-20");
  b.Contract("K2", c, "2026-04-01", "2027-03-31", kNoRow, RenewalType::kNone, "2026-07-15");  // signed later
  b.Contract("K4", c2, "2025-07-01", "2026-03-31");
  const Reviewed r = ReviewOf(b.data(), "C1", "2026-H1", "2026-06-30");
  const Report report = r.engine->Compute(ReportRequest{ParsePeriod("2026-H1").value(), D("2026-06-30")});

  ASSERT_EQ(r->objectives.items.size(), 2U);
  EXPECT_EQ(r->objectives.items[0].objective_id, "O1");
  EXPECT_EQ(r->objectives.items[1].objective_id, "O3");
  for (const ObjectiveItem& item : r->objectives.items) {
    const auto same = std::find_if(report.objectives.items.begin(), report.objectives.items.end(),
                                   [&](const ObjectiveItem& x) { return x.objective == item.objective; });
    ASSERT_NE(same, report.objectives.items.end());
    EXPECT_EQ(item.achieved, same->achieved);
    EXPECT_EQ(item.attainment, same->attainment);
    EXPECT_EQ(item.status, same->status);
  }
  EXPECT_EQ(r->objectives.count, 2);
  EXPECT_EQ(r->objectives.met, 1);
  EXPECT_DOUBLE_EQ(r->objectives.met_share.value(), 0.5);
  EXPECT_DOUBLE_EQ(r->objectives.mean_attainment.value(), (1.2 + 0.8) / 2);
  EXPECT_DOUBLE_EQ(r->objectives.mean_capped_attainment.value(), (1.0 + 0.8) / 2);

  ASSERT_TRUE(r->recurrence_status);
  EXPECT_EQ(*r->recurrence_status, RecurrenceStatus::kSolicited);
  EXPECT_EQ(*r->recurrence_status, report.recurrence.clients.at(0).status);

  ASSERT_EQ(r->contracts.size(), 2U);
  EXPECT_EQ(r->contracts[0].contract_id, "K1");
  EXPECT_TRUE(r->contracts[0].renewal_of.empty());
  EXPECT_EQ(r->contracts[1].contract_id, "K3");
  EXPECT_EQ(r->contracts[1].renewal_of, "K1");
  EXPECT_EQ(r->contracts[1].renewal_type, RenewalType::kSolicited);

  const Reviewed none = ReviewOf(b.data(), "C1", "2026-Q3", "2026-09-30");
  EXPECT_FALSE(none->recurrence_status);
}

}  // namespace
}  // namespace agencykpi
