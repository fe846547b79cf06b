#include "report/review_pack.h"

#include <fmt/format.h>

#include <array>

namespace agencykpi {

ReviewPackOptions PackOptionsFor(const KpiEngine& engine, const Review& review, Language language) {
  ReviewPackOptions options;
  options.language = language;
  const ReportRequest previous{review.period.previous, review.period.as_of, review.period.grace_days};
  auto before = engine.BrandReview(review.client.client_id, previous);
  if (before.ok()) options.previous_dn_by_month = std::move(before->dn_by_month);
  return options;
}

std::string_view RenewalTypeWord(RenewalType type, Language language) {
  switch (type) {
    case RenewalType::kSpontaneous: return Tr(language, "spontané", "spontaneous");
    case RenewalType::kSolicited: return Tr(language, "sollicité", "solicited");
    case RenewalType::kNone: break;
  }
  return "";
}

std::string PeriodSpan(const Period& period, Language language) {
  return fmt::format("{} {} {} {}", Tr(language, "du", "from"), FormatDay(period.start, language),
                     Tr(language, "au", "to"), FormatDay(period.end, language));
}

std::string FormatSignedPercent(Ratio ratio, Language language) {
  const std::string text = FormatPercent(ratio, language);
  return ratio && *ratio > 0 ? "+" + text : text;
}

std::string ChainWord(std::string_view chain, Language language) {
  return chain.empty() ? std::string(Tr(language, "sans enseigne", "no chain")) : std::string(chain);
}

}  // namespace agencykpi
