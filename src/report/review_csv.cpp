#include "report/review_csv.h"

#include "report/csv_report.h"

namespace agencykpi {

std::string RenderReviewCsv(const Review& review, Language language) {
  return RenderRowsCsv(review.stores, language);
}

}  // namespace agencykpi
