#include "domain/dataset.h"

namespace agencykpi {

const std::array<std::string_view, kActivityCount> kActivityNames = {
    "field", "preparation", "followup", "coordination", "reporting", "travel", "management", "other",
};
const std::array<std::string_view, kExpenseCategoryCount> kExpenseCategoryNames = {
    "travel", "tools", "subcontracting", "other",
};
const std::array<std::string_view, kVisitActionCount> kVisitActionNames = {
    "implantation", "negotiation", "promotion", "merchandising", "audit", "order", "other",
};

std::string_view RenewalTypeName(RenewalType type) {
  switch (type) {
    case RenewalType::kSpontaneous: return "spontaneous";
    case RenewalType::kSolicited: return "solicited";
    case RenewalType::kNone: break;
  }
  return "";
}

std::string_view AggregationName(Aggregation aggregation) {
  return aggregation == Aggregation::kSum ? "sum" : "last";
}

}  // namespace agencykpi
