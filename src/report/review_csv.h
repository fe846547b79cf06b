// The brand review's store list (SPEC §5 `stores`) as a CSV file for
// spreadsheets (`review --format csv`), in the dialect of report/csv_report.h
// (French: `;` and decimal commas; English: `,` and points; UTF-8 with a
// BOM, CRLF). Columns: the keys of a store row in SPEC order, by_action one
// column per action (`visits_implantation` … `visits_other`); booleans as
// true/false; a figure without a state is an empty field. Pure and
// thread-safe.
#pragma once

#include <string>

#include "kpi/review.h"
#include "report/locale_format.h"

namespace agencykpi {

std::string RenderReviewCsv(const Review& review, Language language);

}  // namespace agencykpi
