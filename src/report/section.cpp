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

std::string_view SectionTitle(Section section, Language language) {
  const bool fr = language == Language::kFrench;
  switch (section) {
    case Section::kRecurrence: return fr ? "Taux de récurrence" : "Client recurrence";
    case Section::kRevenue: return fr ? "CA par client" : "Revenue per client";
    case Section::kMargin: return fr ? "Marge par prestation" : "Margin per mission";
    case Section::kObjectives: return fr ? "Atteinte des objectifs" : "Objective attainment";
    case Section::kWorkload: return fr ? "Charge et taux d'occupation" : "Workload per employee";
    case Section::kRenewals: return fr ? "Contrats à risque de non-renouvellement" : "Renewals at risk";
  }
  return "";
}

std::string_view SectionSheetName(Section section, Language language) {
  const bool fr = language == Language::kFrench;
  switch (section) {
    case Section::kRecurrence: return fr ? "Récurrence" : "Recurrence";
    case Section::kRevenue: return "Clients";
    case Section::kMargin: return fr ? "Prestations" : "Missions";
    case Section::kObjectives: return fr ? "Objectifs" : "Objectives";
    case Section::kWorkload: return fr ? "Équipe" : "Team";
    case Section::kRenewals: return fr ? "Renouvellements" : "Renewals";
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
