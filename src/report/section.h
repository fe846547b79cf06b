// The sections of a report, as named on the command line (`--section
// recurrence|revenue|margin|objectives|workload|renewals`): the four KPIs of
// SPEC §4, the workload (§6.1) and the contracts at risk (§6.3).
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "report/locale_format.h"

namespace agencykpi {

enum class Section { kRecurrence, kRevenue, kMargin, kObjectives, kWorkload, kRenewals };

constexpr std::array<Section, 6> kAllSections = {Section::kRecurrence, Section::kRevenue,
                                                 Section::kMargin,     Section::kObjectives,
                                                 Section::kWorkload,   Section::kRenewals};

// "recurrence", "revenue", "margin", "objectives" (the SPEC §4 keys),
// "workload" and "renewals" (the contracts of SPEC §6.3's renewal_risk).
std::string_view SectionName(Section section);

// The section's title as the table and the CSV export show it
// ("Marge par prestation" / "Margin per mission").
std::string_view SectionTitle(Section section, Language language);

// The section's sheet in the report's workbook, short enough for Excel's
// 31 characters ("Prestations" / "Missions").
std::string_view SectionSheetName(Section section, Language language);

// The section named exactly (lowercase) by `text`; nullopt for anything else.
std::optional<Section> ParseSection(std::string_view text);

}  // namespace agencykpi
