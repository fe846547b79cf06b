#include "cli/price_command.h"

#include <unistd.h>

#include <cstdlib>

#include "cli/command_support.h"
#include "ingest/value_parser.h"
#include "kpi/renewal_price.h"
#include "report/price_rows.h"
#include "report/price_table.h"

namespace agencykpi {
namespace {

// One term of the price, exact, from its option's text.
Result<Micros> ParseTerm(std::string_view option, PriceTerm term, const std::string& text) {
  const auto value = ParseDecimal(text, kPriceTermDecimals, /*decimal_comma=*/false);
  const std::string_view problem = value.ok() ? PriceTermProblem(term, *value) : kPriceTermFormat;
  if (!problem.empty()) {
    return Status::InvalidInput(std::string(option) + " " + std::string(problem) + ", got '" + text + "'");
  }
  return *value;
}

}  // namespace

int RunPrice(const PriceArgs& args) {
  // Every parameter first, so a bad one fails before any data is read.
  const auto request = ParseCommandRequest(args.period, args.as_of, args.grace_days);
  if (!request.ok()) return FailCommand(request.status());
  PriceTerms terms;
  const auto target = ParseTerm("--target-margin", PriceTerm::kTargetMargin, args.target_margin);
  if (!target.ok()) return FailCommand(target.status());
  terms.target_margin = *target;
  if (!args.scope_change.empty()) {
    const auto scope = ParseTerm("--scope-change", PriceTerm::kScopeChange, args.scope_change);
    if (!scope.ok()) return FailCommand(scope.status());
    terms.scope_change = *scope;
  }
  const Language language = CommandLanguage(args.lang);
  int exit_code = 0;
  auto dataset = LoadCommandData(args.data, args.db, args.agency, exit_code);
  if (!dataset) return exit_code;

  const KpiEngine engine(std::move(*dataset));
  const auto quote = RenewalPrice(engine, args.mission, *request, terms);
  if (!quote.ok()) return FailCommand(quote.status());
  if (args.format == "json") return WriteCommandOutput(args.out, RenderPriceJson(*quote, /*pretty=*/true));
  TableOptions options;
  options.language = language;
  options.color = args.out.empty() && isatty(STDOUT_FILENO) == 1 && std::getenv("NO_COLOR") == nullptr;
  return WriteCommandOutput(args.out, RenderPriceTable(*quote, options));
}

}  // namespace agencykpi
