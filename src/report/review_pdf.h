// The brand review (SPEC §5) as the PDF a brand manager receives: a cover,
// the headline figures and their change, DN by month, by chain and on the
// panel, worked against control stores, field actions, sell-out, the
// brand's objectives and contracts, and every store, with the period and
// the page number on every page. Charts are vector paths; fonts are DejaVu
// Sans (fonts-dejavu-core), embedded. The brand's figures only: none of the
// agency's costs or margins.
//
// Deterministic: the same review and options give the same bytes (the
// file's dates are the as-of date). Pure apart from reading the fonts;
// thread-safe.
#pragma once

#include <string>

#include "common/status.h"
#include "kpi/review.h"
#include "report/review_pack.h"

namespace agencykpi {

// The bytes of the PDF file, or Internal if cairo fails.
Result<std::string> RenderReviewPdf(const Review& review, const ReviewPackOptions& options);

}  // namespace agencykpi
