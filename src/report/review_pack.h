// What the brand review's two documents (review_pdf.h, review_xlsx.h) share:
// their options and their words in French and English. The packs hold the
// figures of SPEC §5 only, never the agency's costs or margins.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kpi/engine.h"
#include "kpi/review.h"
#include "report/locale_format.h"

namespace agencykpi {

struct ReviewPackOptions {
  Language language = Language::kFrench;
  // The agency's name for the cover; empty: the product has none, the cover
  // carries a neutral title.
  std::string agency;
  // DN by month of the previous period (the review of P0), drawn against the
  // current one; empty: the current months alone.
  std::vector<ReviewDnMonth> previous_dn_by_month;
};

// The options of `review`'s pack from the engine that computed it: the
// language, and the previous period's DN by month (the brand's review of
// P0 seen from the same as-of date and grace days; empty if it fails).
ReviewPackOptions PackOptionsFor(const KpiEngine& engine, const Review& review, Language language);

// Picks the French or the English of one word or phrase.
inline std::string_view Tr(Language language, std::string_view french, std::string_view english) {
  return language == Language::kFrench ? french : english;
}

// "spontanée" / "spontaneous"; "" for kNone.
std::string_view RenewalTypeWord(RenewalType type, Language language);

// "du 01/01/2026 au 30/06/2026" / "from 2026-01-01 to 2026-06-30".
std::string PeriodSpan(const Period& period, Language language);

// A ratio as a signed percentage: 0.492 → "+49,2 %", -0.0375 → "-3,8 %";
// null → "—".
std::string FormatSignedPercent(Ratio ratio, Language language);

// The chain of a store or a by-chain line for people: "" (no chain) → "sans
// enseigne" / "no chain".
std::string ChainWord(std::string_view chain, Language language);

}  // namespace agencykpi
