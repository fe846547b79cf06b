// The renewal price (SPEC §6.5 `price`) as a described row, like the
// report's rows (report/rows.h, described with them in rows.cpp): its JSON
// comes from the description and the dashboard's `PriceQuote` type from
// `agencykpi schema --format ts`.
#pragma once

#include <string>

#include "kpi/renewal_price.h"
#include "report/rows.h"

namespace agencykpi {

template <>
const RowDescription<PriceQuote>& RowDescriptionOf<PriceQuote>();

// The quote as one JSON document, with its final newline.
inline std::string RenderPriceJson(const PriceQuote& quote, bool pretty) { return RenderRowJson(quote, pretty); }

}  // namespace agencykpi
