#include "report/review_json.h"

#include "report/rows.h"

namespace agencykpi {

// The review is a described row: its parts and lists are its nested fields
// (report/rows.cpp).
std::string RenderReviewJson(const Review& review, bool pretty) { return RenderRowJson(review, pretty); }

void RenderReviewJson(const Review& review, bool pretty, const JsonWriter::Sink& sink) {
  RenderRowJson(review, pretty, sink);
}

}  // namespace agencykpi
