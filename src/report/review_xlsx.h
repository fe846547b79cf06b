// The brand review (SPEC §5) as a workbook for the brand manager: a Summary
// sheet of the headline figures and one sheet per list (stores, chains,
// months, actions, objectives, contracts). Numbers are numbers — money with
// a euro format, ratios with a percent format, dates as dates — each list
// has a frozen header row and an autofilter; labels and sheet names are in
// French or English. The brand's figures only, never the agency's costs.
//
// Deterministic: the workbook's creation date is the as-of date.
// Thread-safe (libxlsxwriter keeps no global state).
#pragma once

#include <string>

#include "common/status.h"
#include "kpi/review.h"
#include "report/review_pack.h"

namespace agencykpi {

// Writes the workbook to `path` (replaced if it exists). Io naming the path
// when libxlsxwriter cannot write it; a failed write may leave a partial file
// behind, so callers write to a temporary name and rename.
Status WriteReviewXlsx(const Review& review, const ReviewPackOptions& options, const std::string& path);

// The workbook's bytes: written to a private temporary file (libxlsxwriter
// writes files, not streams), read back and removed whatever happens.
// Internal when that fails.
Result<std::string> RenderReviewXlsx(const Review& review, const ReviewPackOptions& options);

}  // namespace agencykpi
