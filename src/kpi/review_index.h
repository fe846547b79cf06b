// The engine's index of the brand review (SPEC §5): each client's audits,
// sales and visits in one contiguous, date-ordered range, built once with
// the engine, so a review reads only the brand's rows — never a scan of
// every audit, sale or visit. Internal to kpi/: callers use
// KpiEngine::BrandReview.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "domain/dataset.h"
#include "kpi/brand_activity.h"
#include "kpi/review.h"

namespace agencykpi {

struct BrandFacts {
  // Rows of client c: [begin[c], begin[c + 1]), ordered by date (file order
  // breaking ties).
  std::vector<uint32_t> audit_begin;
  std::vector<Day> audit_date;
  std::vector<RowId> audit_store;
  std::vector<uint8_t> audit_present;
  std::vector<int32_t> audit_facings;

  std::vector<uint32_t> sale_begin;
  std::vector<Day> sale_date;
  std::vector<RowId> sale_store;
  std::vector<Cents> sale_amount;

  std::vector<uint32_t> visit_begin;  // by the client of the visit's mission
  std::vector<Day> visit_date;
  std::vector<RowId> visit_store;
  std::vector<VisitAction> visit_action;

  // Client c's contracts [contract_begin[c], contract_begin[c + 1]) of
  // `contracts`, in contract_id order; objectives of its missions likewise,
  // in objective_id order.
  std::vector<uint32_t> contract_begin;
  std::vector<RowId> contracts;
  std::vector<uint32_t> objective_begin;
  std::vector<RowId> objectives;

  std::vector<int32_t> store_rank;  // position of each store in store_id order (set by the engine)
};

// Row positions of a date column in date order, file order breaking ties
// (the engine's counting sort).
using DateOrder = std::vector<uint32_t> (*)(const std::vector<Day>& dates);

// Indexes `d`'s audits, sales and visits by client. The audits and sales
// are moved into the index (d's tables are left empty: not held twice); the
// visits stay, the other pages read them. `contract_order` and
// `objective_order` are the rows in id order.
BrandFacts IndexBrandFacts(Dataset& d, const std::vector<RowId>& contract_order,
                           const std::vector<RowId>& objective_order, DateOrder order_by_date);

// Fills every figure of `out` from the brand's audits, sales and visits —
// shelf, actions, impact, sales, series, chains, stores — and its contracts;
// out.client and out.period must be set. The objectives and the recurrence
// status come from the report's code, in the engine.
// The brands with audits, visits or sales dated in [first, last], in
// client_id order (KpiEngine::ActiveBrands).
std::vector<BrandActivity> ActiveBrands(const Dataset& d, const BrandFacts& facts, Day first, Day last);

void FillBrandFigures(const Dataset& d, const BrandFacts& facts, Review& out);

// The sign of the review's shelf.dn_change (SPEC §5) of `client` between
// the shelf state of [s0, e0] and that of [s, e], exactly: -1 falling, 0
// flat, 1 rising; nullopt when either window audited no store. The review's
// figure without building the review: the renewal risk asks it of every
// brand with a contract at risk.
std::optional<int> ShelfDnChangeSign(const BrandFacts& facts, RowId client, Day s, Day e, Day s0, Day e0);

}  // namespace agencykpi
