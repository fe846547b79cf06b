#include "report/section.h"

namespace agencykpi {

std::string_view SectionName(Section section) {
  switch (section) {
    case Section::kRecurrence: return "recurrence";
    case Section::kRevenue: return "revenue";
    case Section::kMargin: return "margin";
    case Section::kObjectives: return "objectives";
    case Section::kWorkload: return "workload";
    case Section::kRenewals: return "renewals";
  }
  return "";
}

std::optional<Section> ParseSection(std::string_view text) {
  for (Section section : kAllSections) {
    if (SectionName(section) == text) return section;
  }
  return std::nullopt;
}

}  // namespace agencykpi
