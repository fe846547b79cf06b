#include "demo/demo_shelf.h"

#include <algorithm>
#include <array>
#include <map>
#include <utility>
#include <vector>

#include "common/period.h"
#include "demo/demo_random.h"

namespace agencykpi::demo {
namespace {

// The story covers the last kShelfMonths months of the activity (two
// half-years: a review of the last one has a previous state), and sales
// start kSalesLeadMonths earlier so the first half has a previous one too.
constexpr int kShelfMonths = 12;
constexpr int kSalesLeadMonths = 6;

// Streams of DemoRandom::For, apart from the model's (demo_model.cpp).
constexpr uint64_t kShelfStream = 101;
constexpr uint64_t kControlStream = 102;

// A brand starts listed in this share of its followed stores (per mille).
constexpr int kStartListedLow = 350;
constexpr int kStartListedHigh = 650;
constexpr int kMaxFacings = 8;
// Monthly odds (per mille) of the shelf moving.
constexpr int kListedByImplantation = 750;  // an implantation or a negotiation gets an absent brand listed
constexpr int kDelistedWhenWorked = 20;     // a worked store drops a listed brand
constexpr int kDelistedWhenLeft = 70;       // a store left alone drops it
constexpr int kListedWhenLeft = 25;         // a store left alone lists it on its own
// The losing brand: a retailer's delisting in the last half-year.
constexpr int kLosingDelisted = 220;
constexpr int kLosingListedByImplantation = 150;
// Audit rounds: the share of followed stores audited each month.
constexpr int kRoundPerMille = 600;
constexpr int kRoundFirstDay = 8;
constexpr int kRoundLastDay = 24;
// Control stores per worked store, in per mille, drawn in the same region.
constexpr int kControlPerMille = 600;
// Monthly sell-out of the brand in a store, in euros.
constexpr int kSalesBaseLow = 300;
constexpr int kSalesBaseHigh = 2400;
constexpr int kAbsentSalesPerMille = 120;      // what sells without a listing (a few displays, old stock)
constexpr int kListedSalesPerMille = 550;      // listed, before facings
constexpr int kSalesPerFacingPerMille = 90;    // each facing adds this
constexpr int kPromotionBoostPerMille = 1350;  // a month with a promotion
constexpr int kNoiseLowPerMille = 850;
constexpr int kNoiseHighPerMille = 1150;
constexpr int kReturnsMonthPerMille = 25;      // a month of returns: negative sales
constexpr int kReturnsLow = 20;
constexpr int kReturnsHigh = 180;
constexpr int kPerMille = 1000;

// The shelf of one brand in one store at the end of a month.
struct ShelfMonth {
  bool listed = false;
  int facings = 0;
  bool promoted = false;  // a promotion visit that month
};

struct Shelf {
  ShelfMonth now;
  ShelfMonth start;             // before the story
  std::vector<ShelfMonth> months;  // one per story month, once stepped
  Cents base_sales = 0;         // a month's sell-out when listed with no facing
};

class ShelfStory {
 public:
  ShelfStory(uint64_t seed, DemoAgency& agency) : seed_(seed), agency_(agency) {}

  void Run() {
    if (agency_.visits.empty()) return;
    const Day last_day = agency_.visits.back().date;
    months_ = TrailingMonths(last_day, kShelfMonths);
    sales_months_ = TrailingMonths(last_day, kShelfMonths + kSalesLeadMonths);
    FollowStores();
    ChooseLosingBrand();
    StartShelves();
    std::vector<AuditRow> rounds;
    for (size_t m = 0; m < months_.size(); ++m) {
      StepMonth(m);
      AuditMonth(m, rounds);
    }
    agency_.audits.insert(agency_.audits.end(), rounds.begin(), rounds.end());
    std::stable_sort(agency_.audits.begin(), agency_.audits.end(),
                     [](const AuditRow& a, const AuditRow& b) { return a.date < b.date; });
    MakeSales();
  }

 private:
  using Key = std::pair<int32_t, int32_t>;  // (client, store)

  [[nodiscard]] int32_t ClientOf(const VisitRow& visit) const {
    return agency_.missions[static_cast<size_t>(visit.mission)].client;
  }
  [[nodiscard]] int MonthIndex(Day day) const {
    for (size_t m = 0; m < months_.size(); ++m) {
      if (day >= months_[m].start && day <= months_[m].end) return static_cast<int>(m);
    }
    return -1;
  }

  // The stores each brand visits in the story, and control stores of the
  // same regions that it never visits there.
  void FollowStores() {
    std::map<int32_t, std::vector<int32_t>> visited;  // client → stores, first-visit order
    for (const VisitRow& visit : agency_.visits) {
      if (visit.date < months_.front().start) continue;
      const int32_t client = ClientOf(visit);
      if (shelves_.emplace(Key{client, visit.store}, Shelf{}).second) visited[client].push_back(visit.store);
    }
    std::vector<std::vector<int32_t>> stores_by_region(agency_.regions.size());
    for (size_t s = 0; s < agency_.stores.size(); ++s) {
      const StoreRow& store = agency_.stores[s];
      if (!store.chain.empty()) stores_by_region[static_cast<size_t>(store.region)].push_back(static_cast<int32_t>(s));
    }
    for (const auto& [client, stores] : visited) {
      DemoRandom rng = DemoRandom::For(seed_, {kControlStream, static_cast<uint64_t>(client)});
      const size_t wanted = stores.size() * kControlPerMille / kPerMille;
      for (size_t n = 0; n < wanted; ++n) {
        const int32_t near = stores[rng.Below(stores.size())];
        const auto& pool = stores_by_region[static_cast<size_t>(agency_.stores[static_cast<size_t>(near)].region)];
        if (pool.empty()) continue;
        shelves_.emplace(Key{client, pool[rng.Below(pool.size())]}, Shelf{});
      }
    }
  }

  // The brand with the second most followed stores loses shelf in the last
  // half-year: a big enough brand for its review to show it plainly.
  void ChooseLosingBrand() {
    std::map<int32_t, size_t> followed;
    for (const auto& [key, shelf] : shelves_) ++followed[key.first];
    std::vector<std::pair<size_t, int32_t>> by_size;
    for (const auto& [client, count] : followed) by_size.emplace_back(count, client);
    std::sort(by_size.begin(), by_size.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    losing_brand_ = by_size.size() >= 2 ? by_size[1].second : kNoRef;
    losing_from_ = months_[months_.size() / 2].start;
  }

  void StartShelves() {
    for (auto& [key, shelf] : shelves_) {
      DemoRandom rng = Stream(key, 0);
      const int listed_per_mille =
          static_cast<int>(DemoRandom::For(seed_, {kShelfStream, static_cast<uint64_t>(key.first)})
                               .Between(kStartListedLow, kStartListedHigh));
      shelf.now.listed = rng.PerMille(listed_per_mille);
      shelf.now.facings = shelf.now.listed ? rng.Between(1, 4) : 0;
      shelf.start = shelf.now;
      shelf.base_sales = rng.Between(kSalesBaseLow, kSalesBaseHigh) * kCentsPerEuro;
    }
  }

  // One generator per (brand, store, step): each draws independently.
  [[nodiscard]] DemoRandom Stream(const Key& key, uint64_t step) const {
    return DemoRandom::For(seed_, {kShelfStream, static_cast<uint64_t>(key.first) + 1,
                                   static_cast<uint64_t>(key.second), step});
  }

  // The month's field actions move the shelf, then the audits of audit
  // visits that month read it.
  void StepMonth(size_t m) {
    std::map<Key, std::array<int, 7>> actions;  // action counts of the month
    for (const VisitRow& visit : agency_.visits) {
      if (visit.date >= months_[m].start && visit.date <= months_[m].end) {
        ++actions[Key{ClientOf(visit), visit.store}][static_cast<size_t>(visit.action)];
      }
    }
    const bool late = months_[m].start >= losing_from_;
    for (auto& [key, shelf] : shelves_) {
      DemoRandom rng = Stream(key, m + 1);
      const auto found = actions.find(key);
      const std::array<int, 7> done = found == actions.end() ? std::array<int, 7>{} : found->second;
      const bool losing = late && key.first == losing_brand_;
      const int gains = done[static_cast<size_t>(ActionKind::kImplantation)] +
                        done[static_cast<size_t>(ActionKind::kNegotiation)];
      const int care = done[static_cast<size_t>(ActionKind::kMerchandising)] +
                       done[static_cast<size_t>(ActionKind::kPromotion)] + gains;
      ShelfMonth& now = shelf.now;
      if (!now.listed) {
        const int odds = gains > 0 ? (losing ? kLosingListedByImplantation : kListedByImplantation)
                                   : (care > 0 ? kListedWhenLeft * 2 : kListedWhenLeft);
        if (rng.PerMille(odds)) {
          now.listed = true;
          now.facings = rng.Between(1, 3);
        }
      } else {
        const int odds = losing ? kLosingDelisted : (care > 0 ? kDelistedWhenWorked : kDelistedWhenLeft);
        if (rng.PerMille(odds)) {
          now.listed = false;
          now.facings = 0;
        } else {
          now.facings = std::min(kMaxFacings,
                                 now.facings + done[static_cast<size_t>(ActionKind::kMerchandising)] + (gains > 0 ? 1 : 0));
        }
      }
      now.promoted = done[static_cast<size_t>(ActionKind::kPromotion)] > 0;
      shelf.months.push_back(now);
    }
    for (AuditRow& audit : agency_.audits) {
      if (audit.date < months_[m].start || audit.date > months_[m].end) continue;
      const auto shelf = shelves_.find(Key{audit.client, audit.store});
      if (shelf == shelves_.end()) continue;
      audit.present = shelf->second.now.listed;
      audit.facings = shelf->second.now.facings;
    }
  }

  void AuditMonth(size_t m, std::vector<AuditRow>& rounds) {
    const Period& month = months_[m];
    for (const auto& [key, shelf] : shelves_) {
      DemoRandom rng = Stream(key, months_.size() + m + 1);
      if (!rng.PerMille(kRoundPerMille)) continue;
      const Day day = std::min(month.end, month.start + rng.Between(kRoundFirstDay, kRoundLastDay) - 1);
      rounds.push_back({day, key.second, key.first, shelf.now.listed, shelf.now.facings});
    }
  }

  // Sell-out per followed store and month: the shelf of that month (the
  // starting one before the story), facings and promotions, some noise, a
  // rare month of returns.
  void MakeSales() {
    for (const auto& [key, shelf] : shelves_) {
      for (size_t s = 0; s < sales_months_.size(); ++s) {
        const Period& month = sales_months_[s];
        const int m = MonthIndex(month.start);
        const ShelfMonth& state = m < 0 ? shelf.start : shelf.months[static_cast<size_t>(m)];
        DemoRandom rng = Stream(key, 4 * months_.size() + s + 1);
        Cents amount = 0;
        if (rng.PerMille(kReturnsMonthPerMille)) {
          amount = -rng.Between(kReturnsLow, kReturnsHigh) * kCentsPerEuro;
        } else {
          const int64_t per_mille =
              state.listed ? kListedSalesPerMille + int64_t{kSalesPerFacingPerMille} * state.facings : kAbsentSalesPerMille;
          amount = shelf.base_sales * per_mille / kPerMille;
          if (state.promoted) amount = amount * kPromotionBoostPerMille / kPerMille;
          amount = amount * rng.Between(kNoiseLowPerMille, kNoiseHighPerMille) / kPerMille;
          amount += rng.Between(0, static_cast<int>(kCentsPerEuro) - 1);
        }
        agency_.sales.push_back({month.end, key.second, key.first, amount});
      }
    }
    std::stable_sort(agency_.sales.begin(), agency_.sales.end(), [](const SalesRow& a, const SalesRow& b) {
      return a.date != b.date ? a.date < b.date : a.store != b.store ? a.store < b.store : a.client < b.client;
    });
  }

  uint64_t seed_;
  DemoAgency& agency_;
  std::vector<Period> months_;
  std::vector<Period> sales_months_;
  std::map<Key, Shelf> shelves_;
  int32_t losing_brand_ = kNoRef;
  Day losing_from_ = 0;
};

}  // namespace

void MakeShelfStory(uint64_t seed, DemoAgency& agency) { ShelfStory(seed, agency).Run(); }

}  // namespace agencykpi::demo
