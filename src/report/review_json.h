// The brand review as the JSON object of SPEC §5: money with two decimals,
// ratios unrounded, null for undefined figures. The list rows are written
// from their descriptions in report/rows.h. Pure and thread-safe.
#pragma once

#include <string>

#include "kpi/review.h"
#include "report/json_writer.h"

namespace agencykpi {

std::string RenderReviewJson(const Review& review, bool pretty = true);
// The same text, streamed to `sink` in pieces.
void RenderReviewJson(const Review& review, bool pretty, const JsonWriter::Sink& sink);

}  // namespace agencykpi
