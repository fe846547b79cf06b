#include "report/price_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <utility>
#include <vector>

#include "report/locale_format.h"
#include "report/rows.h"

namespace agencykpi {

std::string RenderPriceTable(const PriceQuote& q, const TableOptions& options) {
  const Language l = options.language;
  const auto tr = [l](std::string_view french, std::string_view english) {
    return l == Language::kFrench ? french : english;
  };
  // R and X as people write them: 25 %, +10 %.
  const auto percent = [l](Micros micros) {
    return FormatPercent(static_cast<double>(micros) / kMicrosPerUnit, l);
  };
  const auto change = [&](Micros micros) { return (micros > 0 ? "+" : "") + percent(micros); };
  const auto money = [l](const std::optional<Cents>& cents) { return FormatMoney(cents, l); };
  const Day effective_end = std::min(q.period.end, q.as_of);
  const int64_t days = effective_end >= q.period.start ? effective_end - q.period.start + 1 : 0;

  TableDocument doc(options);
  // Figures as (label in both languages, value) lines.
  const auto figures = [&](std::initializer_list<std::pair<Label, std::string>> lines) {
    std::vector<std::pair<std::string_view, std::string>> shown;
    for (const auto& [label, value] : lines) shown.emplace_back(label.In(l), value);
    doc.Figures(shown);
  };
  doc.Line(fmt::format("{} \u2014 {} ({}, {} {}) \u2014 {} {} {} {}", tr("Prix de reconduction", "Renewal price"),
                       q.name, q.mission_id, tr("client", "client"), q.client_id, tr("du", "from"),
                       FormatDay(q.period.start, l), tr("au", "to"), FormatDay(q.period.end, l)));
  doc.Line(fmt::format("{} {} \u00B7 {} {}", tr("Arrêté au", "As of"), FormatDay(q.as_of, l),
                       FormatInteger(days, l), tr("jours comptés", "days counted")));

  doc.Title(tr("Sur la période", "Over the period"));
  figures({
      {{"Coût complet", "Full cost"}, money(q.full_cost)},
      {{"Chiffre d'affaires", "Revenue"}, money(q.revenue)},
      {{"Heures", "Hours"}, FormatHours(q.hours, l)},
      {{"Visites", "Visits"}, FormatInteger(q.visits, l)},
  });

  doc.Title(tr("Prix", "Price"));
  figures({
      {{"Marge visée", "Target margin"}, percent(q.target_margin)},
      {{"Évolution du périmètre", "Scope change"}, change(q.scope_change)},
      {{"Coût projeté", "Projected cost"}, money(q.projected_cost)},
      {{"Prix minimum (même durée)", "Minimum price (same length)"}, money(q.minimum_price)},
      {{"Prix minimum annuel", "Annual minimum price"}, money(q.annual_minimum_price)},
      {{"Évolution nécessaire du prix", "Required price change"},
       q.required_change ? fmt::format("{}{}", *q.required_change >= 0 ? "+" : "", FormatPercent(q.required_change, l))
                         : std::string(kNullText)},
      {{"Par visite", "Per visit"}, money(q.per_visit_cents)},
      {{"Par heure", "Per hour"}, money(q.per_hour_cents)},
  });
  return doc.Take();
}

}  // namespace agencykpi
