// The figures of the brand review (SPEC §5) from the brand's rows of the
// index: shelf states, panel, actions, impact, sell-out, monthly series,
// chains, stores and contracts. Every count and sum is an integer; every
// ratio is one exact fraction converted once.
#include <algorithm>
#include <numeric>
#include <tuple>

#include "common/executor.h"
#include "common/period.h"
#include "kpi/review_index.h"

namespace agencykpi {
namespace {

constexpr int32_t kNoSlot = -1;
constexpr int32_t kNoAudit = -1;

// Row positions ordered by client, then date, then file order: a counting
// sort on the client over the date order.
std::vector<uint32_t> OrderByClientAndDate(const std::vector<RowId>& client, const std::vector<Day>& date,
                                           size_t clients, DateOrder order_by_date, std::vector<uint32_t>& begin) {
  const std::vector<uint32_t> by_date = order_by_date(date);
  begin.assign(clients + 1, 0);
  for (const RowId c : client) ++begin[static_cast<size_t>(c) + 1];
  for (size_t c = 1; c < begin.size(); ++c) begin[c] += begin[c - 1];
  std::vector<uint32_t> next(begin.begin(), begin.end() - 1);
  std::vector<uint32_t> order(date.size());
  for (const uint32_t i : by_date) order[next[static_cast<size_t>(client[i])]++] = i;
  return order;
}

template <typename T>
std::vector<T> Gathered(const std::vector<T>& column, const std::vector<uint32_t>& order) {
  std::vector<T> out(order.size());
  for (size_t k = 0; k < order.size(); ++k) out[k] = column[order[k]];
  return out;
}

// Rows of `ids` (in id order) grouped by owner, each group in id order.
std::vector<RowId> GroupByOwner(const std::vector<RowId>& ids, const std::vector<RowId>& owner_of_row,
                                size_t owners, std::vector<uint32_t>& begin) {
  begin.assign(owners + 1, 0);
  for (const RowId row : ids) ++begin[static_cast<size_t>(owner_of_row[row]) + 1];
  for (size_t c = 1; c < begin.size(); ++c) begin[c] += begin[c - 1];
  std::vector<uint32_t> next(begin.begin(), begin.end() - 1);
  std::vector<RowId> out(ids.size());
  for (const RowId row : ids) out[next[static_cast<size_t>(owner_of_row[row])]++] = row;
  return out;
}

// [first, last) of the rows of client c's date-ordered range within [from, to].
struct Range {
  size_t first = 0;
  size_t last = 0;
};
Range ClientRange(const std::vector<uint32_t>& begin, const std::vector<Day>& dates, RowId client, Day from,
                  Day to) {
  const auto b = dates.begin() + begin[static_cast<size_t>(client)];
  const auto e = dates.begin() + begin[static_cast<size_t>(client) + 1];
  if (from > to) return {};
  const auto lo = std::lower_bound(b, e, from);
  const auto hi = std::upper_bound(lo, e, to);
  return {static_cast<size_t>(lo - dates.begin()), static_cast<size_t>(hi - dates.begin())};
}

// num / den as the nearest double; null when den = 0 (den ≥ 0 here).
Ratio ExactRatio(Int128 num, Int128 den) {
  if (den == 0) return std::nullopt;
  return ToDouble(num, den);
}

// x/y − u/v as one exact fraction; null when y or v is 0.
Ratio ExactDifference(Int128 x, Int128 y, Int128 u, Int128 v) {
  if (y == 0 || v == 0) return std::nullopt;
  return ToDouble(x * v - u * y, y * v);
}

// What the review knows of one store the brand's rows meet.
struct StoreTally {
  RowId store = kNoRow;
  int32_t current = kNoAudit;   // the audit of E, if any
  int32_t previous = kNoAudit;  // the audit of B, if any
  bool visited = false;
  bool worked = false;
  int64_t visits = 0;
  VisitCounts by_action{};
  Cents sales = 0;
  Cents sales_previous = 0;
  [[nodiscard]] bool tracked() const { return visited || current != kNoAudit; }
};

class BrandReviewBuilder {
 public:
  BrandReviewBuilder(const Dataset& d, const BrandFacts& f, Review& out)
      : d_(d), f_(f), out_(out), client_(out.client.client), slot_(d.stores.size(), kNoSlot) {
    const ReportPeriod& p = out.period;
    s_ = p.period.start;
    end_ = std::min(p.period.end, p.as_of);
    s0_ = p.previous.start;
    end0_ = std::min(p.previous.end, p.as_of);
  }

  void Build() {
    CountVisits();
    TakePreviousState();
    TakeCurrentStateByMonth();
    AddSales();
    SumUp();
    ListChains();
    ListStores();
    ListContracts();
  }

 private:
  StoreTally& Tally(RowId store) {
    int32_t& slot = slot_[static_cast<size_t>(store)];
    if (slot == kNoSlot) {
      slot = static_cast<int32_t>(tallies_.size());
      tallies_.push_back(StoreTally{});
      tallies_.back().store = store;
    }
    return tallies_[static_cast<size_t>(slot)];
  }

  // Audit i is a later state than audit j: greater date, then present, then facings.
  bool Later(size_t i, int32_t j) const {
    if (j == kNoAudit) return true;
    const auto k = static_cast<size_t>(j);
    return std::tie(f_.audit_date[i], f_.audit_present[i], f_.audit_facings[i]) >
           std::tie(f_.audit_date[k], f_.audit_present[k], f_.audit_facings[k]);
  }

  void CountVisits() {
    const Range visits = ClientRange(f_.visit_begin, f_.visit_date, client_, s_, end_);
    for (size_t i = visits.first; i < visits.last; ++i) {
      const auto action = static_cast<size_t>(f_.visit_action[i]);
      StoreTally& t = Tally(f_.visit_store[i]);
      t.visited = true;
      ++t.visits;
      ++t.by_action[action];
      // An audit only looks; the other actions change the shelf.
      if (f_.visit_action[i] != VisitAction::kAudit) t.worked = true;
      ++out_.actions.visits;
      ++out_.actions.by_action[action];
    }
  }

  void TakePreviousState() {
    const Range audits = ClientRange(f_.audit_begin, f_.audit_date, client_, s0_, end0_);
    for (size_t i = audits.first; i < audits.last; ++i) {
      StoreTally& t = Tally(f_.audit_store[i]);
      if (Later(i, t.previous)) t.previous = static_cast<int32_t>(i);
    }
  }

  // The current state, audit after audit in date order, written out at the
  // end of every month of [s, e'] (the state of [s, min(month end, e')]).
  void TakeCurrentStateByMonth() {
    const Range audits = ClientRange(f_.audit_begin, f_.audit_date, client_, s_, end_);
    int64_t stores = 0;
    int64_t present = 0;
    size_t i = audits.first;
    for (Period month = PeriodOf(PeriodKind::kMonth, s_); month.start <= end_; month = NextPeriod(month)) {
      const Day month_end = std::min(month.end, end_);
      for (; i < audits.last && f_.audit_date[i] <= month_end; ++i) {
        StoreTally& t = Tally(f_.audit_store[i]);
        if (!Later(i, t.current)) continue;
        if (t.current == kNoAudit) {
          ++stores;
        } else {
          present -= f_.audit_present[static_cast<size_t>(t.current)];
        }
        present += f_.audit_present[i];
        t.current = static_cast<int32_t>(i);
      }
      ReviewDnMonth row;
      row.month = month;
      row.label = FormatPeriod(month);
      row.stores = stores;
      row.present = present;
      row.dn = ExactRatio(present, stores);
      ReviewSalesMonth sales;
      sales.month = month;
      sales.label = row.label;
      out_.dn_by_month.push_back(std::move(row));
      out_.sales_by_month.push_back(std::move(sales));
    }
  }

  // Sales of P and P0 on the listed stores (a store with sales only is in
  // neither T nor B), and of every store for all_stores.
  void AddSales() {
    const Range current = ClientRange(f_.sale_begin, f_.sale_date, client_, s_, end_);
    size_t month = 0;
    for (size_t i = current.first; i < current.last; ++i) {
      out_.sales.all_stores_sales += f_.sale_amount[i];
      const int32_t slot = slot_[static_cast<size_t>(f_.sale_store[i])];
      if (slot == kNoSlot) continue;
      StoreTally& t = tallies_[static_cast<size_t>(slot)];
      t.sales += f_.sale_amount[i];
      if (!t.tracked()) continue;
      while (out_.sales_by_month[month].month.end < f_.sale_date[i]) ++month;
      out_.sales_by_month[month].sales += f_.sale_amount[i];
    }
    const Range previous = ClientRange(f_.sale_begin, f_.sale_date, client_, s0_, end0_);
    for (size_t i = previous.first; i < previous.last; ++i) {
      out_.sales.all_stores_sales_previous += f_.sale_amount[i];
      const int32_t slot = slot_[static_cast<size_t>(f_.sale_store[i])];
      if (slot != kNoSlot) tallies_[static_cast<size_t>(slot)].sales_previous += f_.sale_amount[i];
    }
  }

  // DN of the same stores at the start and at the end, from their counts.
  static PanelDn PanelOf(int64_t stores, int64_t present_start, int64_t present_end) {
    PanelDn panel;
    panel.stores = stores;
    panel.dn_start = ExactRatio(present_start, stores);
    panel.dn_end = ExactRatio(present_end, stores);
    panel.dn_change = ExactRatio(present_end - present_start, stores);
    return panel;
  }

  static void AddTo(SalesGroup& group, const StoreTally& t) {
    ++group.stores;
    group.sales += t.sales;
    group.sales_previous += t.sales_previous;
  }

  static void SetChangeRate(SalesGroup& group) {
    if (group.sales_previous > 0) {
      group.change_rate = ExactRatio(Int128{group.sales} - group.sales_previous, group.sales_previous);
    }
  }

  static void AddState(ShelfState& state, uint8_t present, int32_t facings) {
    ++state.stores;
    state.present += present;
    state.facings += facings;
  }

  static void SetStateRatios(ShelfState& state) {
    state.dn = ExactRatio(state.present, state.stores);
    state.facings_per_present_store = ExactRatio(state.facings, state.present);
  }

  void SumUp() {
    ReviewShelf& shelf = out_.shelf;
    // Panel counts: [worked, control] × {stores, present at start, present at end}.
    int64_t panel_stores[2] = {0, 0};
    int64_t panel_start[2] = {0, 0};
    int64_t panel_end[2] = {0, 0};
    for (const StoreTally& t : tallies_) {
      if (t.visited) ++out_.actions.stores_visited;
      if (t.worked) ++out_.actions.worked_stores;
      if (t.current != kNoAudit) {
        const auto i = static_cast<size_t>(t.current);
        AddState(shelf.current, f_.audit_present[i], f_.audit_facings[i]);
      }
      if (t.previous != kNoAudit) {
        const auto i = static_cast<size_t>(t.previous);
        AddState(shelf.previous, f_.audit_present[i], f_.audit_facings[i]);
      }
      if (t.current != kNoAudit && t.previous != kNoAudit) {
        const int part = t.worked ? 0 : 1;
        ++panel_stores[part];
        panel_start[part] += f_.audit_present[static_cast<size_t>(t.previous)];
        panel_end[part] += f_.audit_present[static_cast<size_t>(t.current)];
      }
      if (!t.tracked()) continue;
      AddTo(out_.sales.tracked, t);
      AddTo(t.worked ? out_.sales.worked : out_.sales.control, t);
    }
    SetStateRatios(shelf.current);
    SetStateRatios(shelf.previous);
    shelf.dn_change = ExactDifference(shelf.current.present, shelf.current.stores, shelf.previous.present,
                                      shelf.previous.stores);
    shelf.panel = PanelOf(panel_stores[0] + panel_stores[1], panel_start[0] + panel_start[1],
                          panel_end[0] + panel_end[1]);
    out_.impact.worked = PanelOf(panel_stores[0], panel_start[0], panel_end[0]);
    out_.impact.control = PanelOf(panel_stores[1], panel_start[1], panel_end[1]);
    out_.impact.dn_lift = ExactDifference(panel_end[0] - panel_start[0], panel_stores[0],
                                          panel_end[1] - panel_start[1], panel_stores[1]);
    SalesGroup& worked = out_.sales.worked;
    SalesGroup& control = out_.sales.control;
    SetChangeRate(out_.sales.tracked);
    SetChangeRate(worked);
    SetChangeRate(control);
    if (worked.sales_previous > 0 && control.sales_previous > 0) {
      out_.sales.lift = ExactDifference(Int128{worked.sales} - worked.sales_previous, worked.sales_previous,
                                        Int128{control.sales} - control.sales_previous, control.sales_previous);
    }
  }

  // Chains of E's and B's stores: byte order, stores without a chain last.
  void ListChains() {
    std::vector<const StoreTally*> audited;
    for (const StoreTally& t : tallies_) {
      if (t.current != kNoAudit || t.previous != kNoAudit) audited.push_back(&t);
    }
    const auto chain_of = [&](const StoreTally* t) -> std::string_view {
      return d_.stores[static_cast<size_t>(t->store)].chain;
    };
    std::sort(audited.begin(), audited.end(), [&](const StoreTally* x, const StoreTally* y) {
      const std::string_view cx = chain_of(x);
      const std::string_view cy = chain_of(y);
      if (cx.empty() != cy.empty()) return cy.empty();
      return cx < cy;
    });
    for (size_t first = 0; first < audited.size();) {
      const std::string_view chain = chain_of(audited[first]);
      size_t last = first;
      ShelfState current;
      ShelfState previous;
      for (; last < audited.size() && chain_of(audited[last]) == chain; ++last) {
        const StoreTally& t = *audited[last];
        if (t.current != kNoAudit) AddState(current, f_.audit_present[static_cast<size_t>(t.current)], 0);
        if (t.previous != kNoAudit) AddState(previous, f_.audit_present[static_cast<size_t>(t.previous)], 0);
      }
      ReviewChain row;
      if (!chain.empty()) row.chain = chain;
      row.stores = current.stores;
      row.present = current.present;
      row.dn = ExactRatio(current.present, current.stores);
      row.dn_previous = ExactRatio(previous.present, previous.stores);
      out_.by_chain.push_back(row);
      first = last;
    }
  }

  // Every store of T or of B, in store_id order.
  void ListStores() {
    std::vector<const StoreTally*> listed;
    for (const StoreTally& t : tallies_) {
      if (t.tracked() || t.previous != kNoAudit) listed.push_back(&t);
    }
    std::sort(listed.begin(), listed.end(), [&](const StoreTally* x, const StoreTally* y) {
      return f_.store_rank[static_cast<size_t>(x->store)] < f_.store_rank[static_cast<size_t>(y->store)];
    });
    out_.stores.reserve(listed.size());
    for (const StoreTally* t : listed) {
      const RetailStore& store = d_.stores[static_cast<size_t>(t->store)];
      ReviewStore row;
      row.store = t->store;
      row.store_id = store.id;
      row.name = store.name;
      row.chain = store.chain;
      row.region = store.region;
      row.tracked = t->tracked();
      row.worked = t->worked;
      row.visits = t->visits;
      row.by_action = t->by_action;
      if (t->previous != kNoAudit) {
        row.present_previous = f_.audit_present[static_cast<size_t>(t->previous)];
        row.facings_previous = f_.audit_facings[static_cast<size_t>(t->previous)];
      }
      if (t->current != kNoAudit) {
        row.present = f_.audit_present[static_cast<size_t>(t->current)];
        row.facings = f_.audit_facings[static_cast<size_t>(t->current)];
      }
      row.sales = t->sales;
      row.sales_previous = t->sales_previous;
      out_.stores.push_back(row);
    }
  }

  // The brand's signed contracts that overlap the nominal P, in contract_id order.
  void ListContracts() {
    const Period& p = out_.period.period;
    for (uint32_t k = f_.contract_begin[static_cast<size_t>(client_)];
         k < f_.contract_begin[static_cast<size_t>(client_) + 1]; ++k) {
      const RowId row = f_.contracts[k];
      const Contract& c = d_.contracts[static_cast<size_t>(row)];
      if (c.start > p.end || c.end < p.start || c.signed_on > out_.period.as_of) continue;
      ReviewContract contract;
      contract.contract = row;
      contract.contract_id = c.id;
      contract.start_date = c.start;
      contract.end_date = c.end;
      if (c.renewal_of != kNoRow) contract.renewal_of = d_.contracts[static_cast<size_t>(c.renewal_of)].id;
      contract.renewal_type = c.renewal_type;
      out_.contracts.push_back(contract);
    }
  }

  const Dataset& d_;
  const BrandFacts& f_;
  Review& out_;
  RowId client_;
  Day s_ = 0, end_ = 0, s0_ = 0, end0_ = 0;
  std::vector<int32_t> slot_;  // per store of the dataset: its tally, or kNoSlot
  std::vector<StoreTally> tallies_;
};

}  // namespace

BrandFacts IndexBrandFacts(Dataset& d, const std::vector<RowId>& contract_order,
                           const std::vector<RowId>& objective_order, DateOrder order_by_date) {
  BrandFacts f;
  const size_t clients = d.clients.size();
  // The sales on the shared executor while the audits and visits are indexed here.
  auto sales_indexed = SharedExecutor().Run([&] {
    StoreSales& sales = d.store_sales;
    const auto sale_order = OrderByClientAndDate(sales.client, sales.date, clients, order_by_date, f.sale_begin);
    f.sale_date = Gathered(sales.date, sale_order);
    f.sale_store = Gathered(sales.store, sale_order);
    f.sale_amount = Gathered(sales.amount, sale_order);
    sales = StoreSales{};  // moved into the index: not held twice
  });
  StoreAudits& audits = d.store_audits;
  const auto audit_order = OrderByClientAndDate(audits.client, audits.date, clients, order_by_date, f.audit_begin);
  f.audit_date = Gathered(audits.date, audit_order);
  f.audit_store = Gathered(audits.store, audit_order);
  f.audit_present = Gathered(audits.present, audit_order);
  f.audit_facings = Gathered(audits.facings, audit_order);
  audits = StoreAudits{};


  const Visits& visits = d.visits;
  std::vector<RowId> visit_client(visits.size());
  for (size_t i = 0; i < visits.size(); ++i) {
    visit_client[i] = d.missions[static_cast<size_t>(visits.mission[i])].client;
  }
  const auto visit_order = OrderByClientAndDate(visit_client, visits.date, clients, order_by_date, f.visit_begin);
  f.visit_date = Gathered(visits.date, visit_order);
  f.visit_store = Gathered(visits.store, visit_order);
  f.visit_action = Gathered(visits.action, visit_order);

  std::vector<RowId> contract_client(d.contracts.size());
  for (size_t k = 0; k < d.contracts.size(); ++k) contract_client[k] = d.contracts[k].client;
  f.contracts = GroupByOwner(contract_order, contract_client, clients, f.contract_begin);
  std::vector<RowId> objective_client(d.objectives.size());
  for (size_t o = 0; o < d.objectives.size(); ++o) {
    objective_client[o] = d.missions[static_cast<size_t>(d.objectives[o].mission)].client;
  }
  f.objectives = GroupByOwner(objective_order, objective_client, clients, f.objective_begin);
  sales_indexed.Get();
  return f;
}

std::vector<BrandActivity> ActiveBrands(const Dataset& d, const BrandFacts& f, Day first, Day last) {
  // Rows of client c dated in [first, last], in its date-ordered range.
  const auto in_window = [&](const std::vector<uint32_t>& begin, const std::vector<Day>& dates, size_t c) {
    const auto from = dates.begin() + begin[c];
    const auto to = dates.begin() + begin[c + 1];
    return static_cast<int64_t>(std::upper_bound(from, to, last) - std::lower_bound(from, to, first));
  };
  std::vector<BrandActivity> active;
  for (size_t c = 0; c < d.clients.size(); ++c) {
    BrandActivity brand{static_cast<RowId>(c), in_window(f.audit_begin, f.audit_date, c),
                        in_window(f.visit_begin, f.visit_date, c), in_window(f.sale_begin, f.sale_date, c)};
    if (brand.audits + brand.visits + brand.sales_rows > 0) active.push_back(brand);
  }
  std::sort(active.begin(), active.end(), [&](const BrandActivity& a, const BrandActivity& b) {
    return d.clients[static_cast<size_t>(a.client)].id < d.clients[static_cast<size_t>(b.client)].id;
  });
  return active;
}

void FillBrandFigures(const Dataset& d, const BrandFacts& facts, Review& out) {
  BrandReviewBuilder(d, facts, out).Build();
}

namespace {

// The shelf state of [from, to] as the review takes it: each audited
// store's latest audit (greatest date, then present, then facings).
struct PresentOfStores {
  int64_t present = 0;
  int64_t stores = 0;
};
PresentOfStores ShelfStateOf(const BrandFacts& f, RowId client, Day from, Day to) {
  const Range audits = ClientRange(f.audit_begin, f.audit_date, client, from, to);
  std::vector<uint32_t> rows(audits.last - audits.first);
  std::iota(rows.begin(), rows.end(), static_cast<uint32_t>(audits.first));
  std::sort(rows.begin(), rows.end(), [&](uint32_t x, uint32_t y) {
    return std::tie(f.audit_store[x], f.audit_date[x], f.audit_present[x], f.audit_facings[x]) <
           std::tie(f.audit_store[y], f.audit_date[y], f.audit_present[y], f.audit_facings[y]);
  });
  PresentOfStores state;
  for (size_t k = 0; k < rows.size(); ++k) {
    if (k + 1 < rows.size() && f.audit_store[rows[k + 1]] == f.audit_store[rows[k]]) continue;  // not its latest
    ++state.stores;
    state.present += f.audit_present[rows[k]];
  }
  return state;
}

}  // namespace

std::optional<int> ShelfDnChangeSign(const BrandFacts& facts, RowId client, Day s, Day e, Day s0, Day e0) {
  const PresentOfStores current = ShelfStateOf(facts, client, s, e);
  const PresentOfStores previous = ShelfStateOf(facts, client, s0, e0);
  if (current.stores == 0 || previous.stores == 0) return std::nullopt;
  const Int128 difference = static_cast<Int128>(current.present) * previous.stores -
                            static_cast<Int128>(previous.present) * current.stores;
  return difference < 0 ? -1 : difference > 0 ? 1 : 0;
}

}  // namespace agencykpi
