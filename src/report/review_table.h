// The brand review as aligned text for people (`review --format table`),
// laid out like the report's table (report/table_report.h): a header with the
// brand, the period, the as-of date and the previous period, then one titled
// part per theme of SPEC §5 — shelf (with DN by month and by chain), field
// actions, impact, sell-out (with sales by month), stores, objectives,
// contracts — each with its headline figures and its whole list, in French
// or English. Pure and thread-safe.
#pragma once

#include <string>

#include "kpi/review.h"
#include "report/table_report.h"

namespace agencykpi {

// The whole text, ending with a newline (options.section is ignored).
std::string RenderReviewTable(const Review& review, const TableOptions& options);

}  // namespace agencykpi
