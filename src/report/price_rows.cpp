#include "report/price_rows.h"

namespace agencykpi {
namespace {

using K = FieldKind;

using field::Integer;
using field::NullableInteger;
using field::RatioOf;
using field::Text;

// SPEC §6.5's period of a price: the nominal bounds and the as-of date.
void WritePricePeriod(JsonWriter& w, const PriceQuote& q) {
  w.BeginObject();
  w.Key("start").String(FormatDate(q.period.start));
  w.Key("end").String(FormatDate(q.period.end));
  w.Key("as_of").String(FormatDate(q.as_of));
  w.EndObject();
}

const RowField<PriceQuote> kPriceQuoteFields[] = {
    {"mission_id", K::kId, [](const PriceQuote& q) { return Text(q.mission_id); }},
    {"client_id", K::kId, [](const PriceQuote& q) { return Text(q.client_id); }},
    {"name", K::kText, [](const PriceQuote& q) { return Text(q.name); }},
    {.key = "period",
     .kind = K::kNested,
     .read = nullptr,
     .nested = WritePricePeriod,
     .ts_nested = [] { return std::string("{ start: string; end: string; as_of: string }"); }},
    // R and X exactly as given (never null): millionths written as decimals.
    {"target_margin", K::kQuantity, [](const PriceQuote& q) { return Integer(q.target_margin); }, nullptr, {}, true},
    {"scope_change", K::kQuantity, [](const PriceQuote& q) { return Integer(q.scope_change); }, nullptr, {}, true},
    {"full_cost", K::kMoney, [](const PriceQuote& q) { return Integer(q.full_cost); }},
    {"revenue", K::kMoney, [](const PriceQuote& q) { return Integer(q.revenue); }},
    {"hours", K::kHours, [](const PriceQuote& q) { return Integer(q.hours); }},
    {"visits", K::kCount, [](const PriceQuote& q) { return Integer(q.visits); }},
    {"projected_cost", K::kMoney, [](const PriceQuote& q) { return Integer(q.projected_cost); }},
    {"minimum_price", K::kMoney, [](const PriceQuote& q) { return Integer(q.minimum_price); }},
    {.key = "annual_minimum_price",
     .kind = K::kMoney,
     .read = [](const PriceQuote& q) { return NullableInteger(q.annual_minimum_price); },
     .nullable = true},
    {"required_change", K::kRatio, [](const PriceQuote& q) { return RatioOf(q.required_change); }},
    {"per_visit", K::kRatio, [](const PriceQuote& q) { return RatioOf(q.per_visit); }},
    {"per_hour", K::kRatio, [](const PriceQuote& q) { return RatioOf(q.per_hour); }},
};

const RowDescription<PriceQuote> kPriceQuoteRow{"PriceQuote", kPriceQuoteFields};

}  // namespace

template <>
const RowDescription<PriceQuote>& RowDescriptionOf<PriceQuote>() {
  return kPriceQuoteRow;
}

std::string RenderPriceJson(const PriceQuote& quote, bool pretty) { return RenderRowJson(quote, pretty); }

}  // namespace agencykpi
