// The four KPI sections of a report, as named on the command line
// (`--section recurrence|revenue|margin|objectives`) and in SPEC §4.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace agencykpi {

enum class Section { kRecurrence, kRevenue, kMargin, kObjectives };

constexpr std::array<Section, 4> kAllSections = {
    Section::kRecurrence, Section::kRevenue, Section::kMargin, Section::kObjectives};

// "recurrence", "revenue", "margin" or "objectives": the SPEC §4 key.
std::string_view SectionName(Section section);

// The section named exactly (lowercase) by `text`; nullopt for anything else.
std::optional<Section> ParseSection(std::string_view text);

}  // namespace agencykpi
