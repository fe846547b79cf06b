// The demo's shelf and sell-out story: audits over the last two half-years,
// monthly sales, and reviews that tell different stories per brand.
#include "demo/demo_shelf.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <utility>

#include "common/date.h"
#include "common/period.h"
#include "demo/demo_model.h"

namespace agencykpi::demo {
namespace {

constexpr int kStoryMonths = 12;
constexpr int kSalesMonths = 18;

const DemoAgency& Agency() {
  static const DemoAgency agency = BuildDemoAgency(DemoOptions{.seed = 1, .scale = 1});
  return agency;
}

// Share of listed stores per brand over the latest audit of each store in
// [first, last]: the DN of SPEC §5, in per mille.
std::map<int32_t, int64_t> DnPerMille(const DemoAgency& agency, Day first, Day last) {
  std::map<std::pair<int32_t, int32_t>, bool> latest;  // audits are in date order
  for (const AuditRow& audit : agency.audits) {
    if (audit.date >= first && audit.date <= last) latest[{audit.client, audit.store}] = audit.present;
  }
  std::map<int32_t, std::pair<int64_t, int64_t>> counts;  // client → (present, stores)
  for (const auto& [key, present] : latest) {
    counts[key.first].first += present ? 1 : 0;
    ++counts[key.first].second;
  }
  std::map<int32_t, int64_t> dn;
  for (const auto& [client, c] : counts) dn[client] = c.first * 1000 / c.second;
  return dn;
}

TEST(DemoShelfStory, SalesCoverEveryFollowedStoreForEighteenMonths) {
  const DemoAgency& agency = Agency();
  ASSERT_FALSE(agency.sales.empty());
  std::map<std::pair<int32_t, int32_t>, std::set<Day>> months;
  for (const SalesRow& sale : agency.sales) months[{sale.client, sale.store}].insert(sale.date);
  for (const auto& [key, dates] : months) EXPECT_EQ(dates.size(), static_cast<size_t>(kSalesMonths));
  bool returns = false;
  for (const SalesRow& sale : agency.sales) returns = returns || sale.amount < 0;
  EXPECT_TRUE(returns) << "some months are returns";
  const Day last = agency.visits.back().date;
  EXPECT_EQ(agency.sales.back().date, TrailingMonths(last, 1).front().end);
}

TEST(DemoShelfStory, AuditRoundsRunEveryMonthOfTheStory) {
  const DemoAgency& agency = Agency();
  const Day last = agency.visits.back().date;
  std::set<Day> audited_months;
  for (const Period& month : TrailingMonths(last, kStoryMonths)) {
    for (const AuditRow& audit : agency.audits) {
      if (audit.date >= month.start && audit.date <= month.end) {
        audited_months.insert(month.start);
        break;
      }
    }
  }
  EXPECT_EQ(audited_months.size(), static_cast<size_t>(kStoryMonths));
}

TEST(DemoShelfStory, SomeBrandsGainShelfAndOneLosesIt) {
  const DemoAgency& agency = Agency();
  const std::vector<Period> halves = TrailingMonths(agency.visits.back().date, kStoryMonths);
  const auto before = DnPerMille(agency, halves.front().start, halves[kStoryMonths / 2 - 1].end);
  const auto after = DnPerMille(agency, halves[kStoryMonths / 2].start, halves.back().end);
  int gaining = 0;
  int losing_much = 0;
  for (const auto& [client, dn] : after) {
    const auto was = before.find(client);
    if (was == before.end()) continue;
    if (dn > was->second) ++gaining;
    if (dn + 150 < was->second) ++losing_much;  // more than 15 points down
  }
  EXPECT_GE(gaining, 2);
  EXPECT_GE(losing_much, 1);
}

TEST(DemoShelfStory, IsDeterministic) {
  const DemoAgency again = BuildDemoAgency(DemoOptions{.seed = 1, .scale = 1});
  ASSERT_EQ(again.sales.size(), Agency().sales.size());
  ASSERT_EQ(again.audits.size(), Agency().audits.size());
  for (size_t i = 0; i < again.sales.size(); ++i) ASSERT_EQ(again.sales[i].amount, Agency().sales[i].amount);
  for (size_t i = 0; i < again.audits.size(); ++i) ASSERT_EQ(again.audits[i].present, Agency().audits[i].present);
}

}  // namespace
}  // namespace agencykpi::demo
