// The brand review (SPEC §5, *bilan semestriel*) as plain structs: what
// KpiEngine::BrandReview hands to the renderers (table, JSON, CSV, PDF,
// XLSX) and the server. It holds the brand's own figures and none of the
// agency's costs or margins.
//
// As in kpi/report.h: money is integer cents, already exact (sales are sums
// of cents); every ratio (DN, change rates, lifts, facings per store) is
// computed from exact integers as one fraction and converted to the nearest
// double once; std::nullopt is an undefined figure (JSON null). Identifiers
// and names are views into the Dataset of the engine that built the review:
// a Review is valid while that engine lives.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/exact.h"
#include "common/period.h"
#include "domain/dataset.h"
#include "kpi/report.h"
#include "kpi/tallies.h"

namespace agencykpi {

struct ReviewClient {
  RowId client = kNoRow;
  std::string_view client_id;
  std::string_view name;
  std::string_view sector;  // empty: absent (JSON null)
};

// The shelf state of a window (or a part of it): one audit per store, the
// latest of the window.
struct ShelfState {
  int64_t stores = 0;
  int64_t present = 0;
  Ratio dn;  // present / stores; null if stores = 0
  int64_t facings = 0;
  Ratio facings_per_present_store;  // facings / present; null if present = 0
};

// DN of the same stores at the start (previous state B) and at the end
// (current state E): the panel, and its worked and control parts.
struct PanelDn {
  int64_t stores = 0;
  Ratio dn_start;   // over B
  Ratio dn_end;     // over E
  Ratio dn_change;  // dn_end − dn_start; null if either is
};

struct ReviewShelf {
  ShelfState current;   // E, the state of P
  ShelfState previous;  // B, the state of P0
  Ratio dn_change;      // current.dn − previous.dn
  PanelDn panel;        // stores with both a current and a previous state
};

struct ReviewActions {
  int64_t visits = 0;          // the brand's visits in P
  int64_t stores_visited = 0;  // distinct stores of those visits
  int64_t worked_stores = 0;   // |W|: stores with a visit in P whose action is not `audit`
  VisitCounts by_action{};     // indexed by VisitAction
};

struct ReviewImpact {
  PanelDn worked;   // panel ∩ W
  PanelDn control;  // panel \ W
  Ratio dn_lift;    // worked.dn_change − control.dn_change
};

// Sell-out of a set of stores in P and in P0.
struct SalesGroup {
  int64_t stores = 0;
  Cents sales = 0;
  Cents sales_previous = 0;
  Ratio change_rate;  // (sales − sales_previous) / sales_previous; null if sales_previous ≤ 0
};

struct ReviewSales {
  SalesGroup tracked;  // T: `tracked_stores`, `sales`, `sales_previous`, `change_rate`
  SalesGroup worked;   // W
  SalesGroup control;  // T \ W (not the panel's control)
  Ratio lift;          // worked.change_rate − control.change_rate
  Cents all_stores_sales = 0;  // every store, tracked or not
  Cents all_stores_sales_previous = 0;
};

// One calendar month of P that meets [s, e'].
struct ReviewDnMonth {
  Period month;
  std::string label;  // "YYYY-MM"
  int64_t stores = 0;  // the state of [s, min(month end, e')]
  int64_t present = 0;
  Ratio dn;
};

struct ReviewSalesMonth {
  Period month;
  std::string label;  // "YYYY-MM"
  Cents sales = 0;    // sales dated in the month and in P, on the tracked stores
};

struct ReviewChain {
  std::optional<std::string_view> chain;  // nullopt: stores without a chain (listed last)
  int64_t stores = 0;   // E's stores of the chain
  int64_t present = 0;
  Ratio dn;             // over E's stores of the chain
  Ratio dn_previous;    // over B's stores of the chain
};

struct ReviewStore {
  RowId store = kNoRow;
  std::string_view store_id;
  std::string_view name;
  std::string_view chain;   // empty: absent (JSON null)
  std::string_view region;  // empty: absent (JSON null)
  bool tracked = false;     // in T
  bool worked = false;      // in W
  int64_t visits = 0;       // the brand's visits in P there
  VisitCounts by_action{};
  std::optional<int64_t> present_previous;  // from B; null without a previous state
  std::optional<int64_t> present;           // from E; null without a current state
  std::optional<int64_t> facings_previous;
  std::optional<int64_t> facings;
  Cents sales = 0;
  Cents sales_previous = 0;
};

struct ReviewContract {
  RowId contract = kNoRow;
  std::string_view contract_id;
  Day start_date = 0;
  Day end_date = 0;
  std::string_view renewal_of;  // empty: absent (JSON null)
  RenewalType renewal_type = RenewalType::kNone;  // kNone: absent (JSON null)
};

struct Review {
  ReportPeriod period;  // as in the report: nominal P, as-of, previous P0, grace
  std::string currency = "EUR";
  ReviewClient client;
  ReviewShelf shelf;
  ReviewActions actions;
  ReviewImpact impact;
  ReviewSales sales;
  std::vector<ReviewDnMonth> dn_by_month;        // month order
  std::vector<ReviewSalesMonth> sales_by_month;  // month order
  std::vector<ReviewChain> by_chain;             // chain byte order, no chain last
  std::vector<ReviewStore> stores;               // store_id order
  ObjectivesSection objectives;                  // SPEC §3.4 items of the brand's missions, and their totals
  std::optional<RecurrenceStatus> recurrence_status;  // null: no contract of the brand ends in P
  std::vector<ReviewContract> contracts;         // contract_id order
};

}  // namespace agencykpi
