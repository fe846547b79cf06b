// The renewal price of a mission (SPEC §6.4): the least a renewal should be
// sold for so that its full margin rate is R, if it costs what it cost over
// the period, with a planned change of effort X. Money is rounded once, from
// the mission's exact full cost; ratios are unrounded doubles.
#pragma once

#include <optional>
#include <string_view>

#include "common/exact.h"
#include "common/period.h"
#include "common/status.h"
#include "kpi/engine.h"

namespace agencykpi {

// R and X are exact decimals written to the millionth, as the decimal(6)
// columns of the agency's files: 0.25 is 250 000 millionths.
constexpr int kPriceTermDecimals = 6;
// Above this scope change (101 times the work) the price says nothing
// useful, and the exact products would no longer fit in 128 bits.
constexpr Micros kMaxScopeChange = 100 * kMicrosPerUnit;

enum class PriceTerm { kTargetMargin, kScopeChange };

// Why `value` is refused as the term ("must be at least 0 and less than 1"),
// or an empty view when it is allowed.
std::string_view PriceTermProblem(PriceTerm term, Micros value);
// What a term that is not a decimal is told.
inline constexpr std::string_view kPriceTermFormat =
    "must be a decimal number written with '.', at most 6 decimals (0.25)";

struct PriceTerms {
  Micros target_margin = 0;  // R, in [0, 1)
  Micros scope_change = 0;   // X, > -1
};

// SPEC §6.5 `price`; identifiers and names are views into the engine's dataset.
struct PriceQuote {
  RowId mission = kNoRow;
  std::string_view mission_id;
  std::string_view client_id;
  std::string_view name;
  Period period;  // the nominal [s, e]
  Day as_of = 0;
  Micros target_margin = 0;
  Micros scope_change = 0;
  Cents full_cost = 0;
  Cents revenue = 0;
  Hundredths hours = 0;
  int64_t visits = 0;
  Cents projected_cost = 0;
  Cents minimum_price = 0;
  std::optional<Cents> annual_minimum_price;  // null when e' < s
  Ratio required_change;                      // null when revenue <= 0
  Ratio per_visit;                            // euros; null when visits = 0
  Ratio per_hour;                             // euros; null when hours = 0
  // per_visit and per_hour rounded once to cents, for people.
  std::optional<Cents> per_visit_cents;
  std::optional<Cents> per_hour_cents;
};

// The renewal price of the mission whose id is `mission_id` over request's
// period seen from its as-of date. NotFound naming the id when no mission
// has it; InvalidInput when a term is out of range. A mission without
// activity in the period has zero figures. Const, thread-safe.
Result<PriceQuote> RenewalPrice(const KpiEngine& engine, std::string_view mission_id, const ReportRequest& request,
                                const PriceTerms& terms);

}  // namespace agencykpi
