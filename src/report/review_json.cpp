#include "report/review_json.h"

#include "report/rows.h"

namespace agencykpi {

// The review is a described row: its parts and lists are its nested fields
// (report/rows.cpp).
std::string RenderReviewJson(const Review& review, bool pretty) {
  JsonWriter w(pretty);
  WriteRowJson(w, review);
  w.Raw("\n");
  return w.Take();
}

void RenderReviewJson(const Review& review, bool pretty, const JsonWriter::Sink& sink) {
  JsonWriter w(pretty, sink);
  WriteRowJson(w, review);
  w.Raw("\n");
  w.Flush();
}

}  // namespace agencykpi
