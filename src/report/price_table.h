// The renewal price as aligned text for people (`price --format table`),
// laid out like the report's table (report/table_report.h): the mission and
// its period, what it cost and earned over it, then the price. French or
// English. Pure and thread-safe.
#pragma once

#include <string>

#include "kpi/renewal_price.h"
#include "report/table_report.h"

namespace agencykpi {

// The whole text, ending with a newline (options.section is ignored).
std::string RenderPriceTable(const PriceQuote& quote, const TableOptions& options);

}  // namespace agencykpi
