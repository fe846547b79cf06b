#include "server/price_api.h"

#include <fmt/format.h>

#include "ingest/value_parser.h"
#include "kpi/renewal_price.h"
#include "report/price_rows.h"
#include "server/parameters.h"

namespace agencykpi {
namespace {

// One term, exact: absent is `fallback`, or refused when there is none.
Result<Micros> TermParam(const Query& query, std::string_view name, PriceTerm term, std::optional<Micros> fallback) {
  const auto text = Param(query, name);
  if (!text) {
    if (fallback) return *fallback;
    return BadParameter(name, fmt::format("{} is required", name));
  }
  const auto value = ParseDecimal(*text, kPriceTermDecimals, /*decimal_comma=*/false);
  const std::string_view problem = value.ok() ? PriceTermProblem(term, *value) : kPriceTermFormat;
  if (!problem.empty()) return BadParameter(name, fmt::format("{} {}, got '{}'", name, problem, *text));
  return *value;
}

}  // namespace

Result<std::string> PriceJson(const Snapshot& snapshot, const std::string& mission_id, const ReportRequest& request,
                              const Query& query) {
  PriceTerms terms;
  auto target = TermParam(query, "target_margin", PriceTerm::kTargetMargin, std::nullopt);
  if (!target.ok()) return target.status();
  terms.target_margin = *target;
  auto scope = TermParam(query, "scope_change", PriceTerm::kScopeChange, 0);
  if (!scope.ok()) return scope.status();
  terms.scope_change = *scope;
  auto quote = RenewalPrice(snapshot.engine(), mission_id, request, terms);
  if (!quote.ok()) return quote.status();
  return RenderPriceJson(*quote, /*pretty=*/false);
}

}  // namespace agencykpi
