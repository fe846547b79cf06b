// The demo's shelf and sell-out story, for the brand review (SPEC §5): over
// the last two half-years of the activity every brand's followed stores (the
// stores its missions visit, and as many unvisited stores of the same
// regions as a control group) carry a shelf state — listed or not, and its
// facings — that the field actions move: an implantation or a negotiation
// usually gets an absent brand listed, merchandising adds facings, stores
// left alone slowly drop the brand. One brand loses shelf in the last
// half-year whatever the agency does (a retailer's delisting), so one
// review tells a bad story. Audit rounds record the state every month, the
// audits of audit visits take it, and monthly store sales follow presence,
// facings and promotions.
//
// Deterministic: it draws from its own streams of the seed, so the four
// KPIs' data (time, invoices, visits…) are the same with or without it.
#pragma once

#include <cstdint>

#include "demo/demo_model.h"

namespace agencykpi::demo {

// Sets the present and facings of the agency's audits from the last
// `kShelfMonths` months, adds the monthly audit rounds and fills
// `agency.sales`. Expects visits and audits sorted by date; leaves them so.
void MakeShelfStory(uint64_t seed, DemoAgency& agency);

}  // namespace agencykpi::demo
