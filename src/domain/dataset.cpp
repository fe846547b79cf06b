#include "domain/dataset.h"

namespace agencykpi {

std::string_view RenewalTypeName(RenewalType type) {
  switch (type) {
    case RenewalType::kSpontaneous: return kRenewalTypeNames[0];
    case RenewalType::kSolicited: return kRenewalTypeNames[1];
    case RenewalType::kNone: break;
  }
  return "";
}

std::string_view AggregationName(Aggregation aggregation) {
  return kAggregationNames[aggregation == Aggregation::kSum ? 0 : 1];
}

}  // namespace agencykpi
