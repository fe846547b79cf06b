#include "report/review_pdf.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "report/labels.h"
#include "report/pdf/card.h"
#include "report/pdf/chart.h"
#include "report/pdf/document.h"
#include "report/pdf/page_flow.h"
#include "report/pdf/table.h"

namespace agencykpi {
namespace {

using pdf::Align;
using pdf::Box;
namespace palette = pdf::palette;

constexpr double kBodySize = 9.5;
constexpr double kNoteSize = 8;
constexpr double kTableSize = 8;
constexpr double kStoreTableSize = 6.5;  // dense: a few hundred stores on a few pages
constexpr double kCardHeight = 74;
constexpr double kCardGap = 10;
constexpr int kCardColumns = 3;
constexpr double kMonthChartHeight = 190;
constexpr double kChainChartHeight = 150;
constexpr double kImpactChartHeight = 160;
constexpr double kActionChartHeight = 130;
constexpr double kSalesChartHeight = 160;
constexpr double kCoverBandHeight = 230;
constexpr size_t kMaxChartChains = 12;  // beyond, the chart shows the largest; the table lists them all

class ReviewPdf {
 public:
  ReviewPdf(const Review& review, const ReviewPackOptions& options, int total_pages,
            pdf::TextMetrics& metrics)
      : r_(review),
        lang_(options.language),
        options_(options),
        document_(Info(/*count_only=*/total_pages == 0), &metrics),
        flow_(document_, Furniture(total_pages)) {}

  Result<std::string> Render(int* pages) {
    Cover();
    Summary();
    Distribution();
    Impact();
    Actions();
    Sales();
    Objectives();
    Stores();
    flow_.Close();
    *pages = document_.pages();
    return document_.Finish();
  }

 private:
  [[nodiscard]] std::string_view T(std::string_view french, std::string_view english) const {
    return Tr(lang_, french, english);
  }
  [[nodiscard]] std::string Pct(Ratio ratio) const { return FormatPercent(ratio, lang_); }
  [[nodiscard]] std::string Pts(Ratio difference) const { return FormatPoints(difference, lang_); }
  [[nodiscard]] std::string Money(Cents cents) const { return FormatMoney(cents, lang_); }
  [[nodiscard]] std::string Count(int64_t value) const { return FormatInteger(value, lang_); }
  [[nodiscard]] std::string Count(std::optional<int64_t> value) const {
    return value ? Count(*value) : std::string(kNullText);
  }
  [[nodiscard]] std::string Day(agencykpi::Day day) const { return FormatDay(day, lang_); }
  // A table column headed in the language of the pack.
  [[nodiscard]] pdf::TableColumn Column(std::string_view french, std::string_view english,
                                        Align align = Align::kLeft) const {
    return {std::string(T(french, english)), align};
  }
  [[nodiscard]] std::string Title() const { return std::string(T("Bilan de marque", "Brand review")); }

  // The counting drawing (no total yet) only lays the pages out.
  [[nodiscard]] pdf::DocumentInfo Info(bool count_only) const {
    return {fmt::format("{} \u2014 {}", Title(), r_.client.name), FormatPeriod(r_.period.period),
            FormatDate(r_.period.as_of) + "T00:00:00Z", count_only};
  }

  [[nodiscard]] pdf::Furniture Furniture(int total_pages) const {
    return {fmt::format("{} ({})", r_.client.name, r_.client.client_id),
            fmt::format("{} {}", FormatPeriod(r_.period.period), PeriodSpan(r_.period.period, lang_)),
            fmt::format("{} \u00B7 {} {}", Title(), T("arrêté au", "as of"), Day(r_.period.as_of)),
            std::string(T("Page {page} sur {pages}", "Page {page} of {pages}")), total_pages};
  }

  // Money on an axis, in whole euros: "2 000 €" / "€2,000".
  [[nodiscard]] std::string AxisMoney(double euros) const {
    const std::string amount = FormatMoney(static_cast<Cents>(std::llround(euros)) * kCentsPerEuro, lang_);
    // Drop the cents, always zero here: ",00" / ".00".
    const size_t at = amount.find(lang_ == Language::kFrench ? ",00" : ".00");
    return at == std::string::npos ? amount : amount.substr(0, at) + amount.substr(at + 3);
  }

  void Text(std::string_view text, double size = kBodySize, pdf::Rgb color = palette::kInk) {
    flow_.Paragraph(text, {size, false, color, Align::kLeft});
  }

  // Reserves a box of `height` across the content width below the cursor.
  Box Reserve(double height) {
    flow_.Ensure(height);
    const Box box{flow_.left(), flow_.y(), flow_.width(), height};
    flow_.Advance(height + pdf::kBlockGap);
    return box;
  }

  void Cover() {
    flow_.NewPage(/*furniture=*/false);
    document_.FillRect(0, 0, pdf::kPageWidth, kCoverBandHeight, palette::kCurrent);
    const double x = flow_.left();
    const double width = flow_.width();
    double y = pdf::kMargin * 2;
    const std::string heading = options_.agency.empty() ? Title() : options_.agency;
    y += document_.DrawText(x, y, width, heading, {32, true, palette::kWhite, Align::kLeft});
    if (!options_.agency.empty())
      y += document_.DrawText(x, y, width, Title(), {17, false, palette::kWhite, Align::kLeft});
    document_.DrawText(
        x, y + 6, width,
        fmt::format("{} {}", FormatPeriod(r_.period.period), PeriodSpan(r_.period.period, lang_)),
        {14, false, palette::kWhite, Align::kLeft});

    y = kCoverBandHeight + pdf::kMargin * 1.5;
    y += document_.DrawText(x, y, width, r_.client.name, {28, true, palette::kInk, Align::kLeft}) + 4;
    std::string line = fmt::format("{} {}", T("Client", "Client"), r_.client.client_id);
    if (!r_.client.sector.empty()) line += fmt::format(" \u00B7 {}", r_.client.sector);
    y += document_.DrawText(x, y, width, line, {14, false, palette::kMuted, Align::kLeft}) + 28;

    const std::array<std::pair<std::string, std::string>, 3> facts = {{
        {std::string(T("Période", "Period")),
         fmt::format("{} \u00B7 {}", FormatPeriod(r_.period.period), PeriodSpan(r_.period.period, lang_))},
        {std::string(T("Arrêté au", "As of")), Day(r_.period.as_of)},
        {std::string(T("Comparée à", "Compared with")),
         fmt::format("{} \u00B7 {}", FormatPeriod(r_.period.previous),
                     PeriodSpan(r_.period.previous, lang_))},
    }};
    for (const auto& [label, value] : facts) {
      document_.DrawText(x, y, width * 0.25, label, {11, true, palette::kInk, Align::kLeft});
      y += document_.DrawText(x + width * 0.25, y, width * 0.75, value,
                              {11, false, palette::kInk, Align::kLeft}) +
           8;
    }
    document_.DrawText(
        x, pdf::kPageHeight - pdf::kMargin * 2, width,
        T("Les chiffres de la marque seulement : distribution, linéaire, ventes et actions terrain.",
          "The brand's own figures only: distribution, shelf, sell-out and field actions."),
        {kNoteSize, false, palette::kMuted, Align::kLeft});
  }

  void Summary() {
    flow_.NewPage();
    flow_.Heading(T("Synthèse", "Summary"), kCardHeight);
    const ShelfState& now = r_.shelf.current;
    const ShelfState& before = r_.shelf.previous;
    const std::array<pdf::Card, 6> cards = {{
        {std::string(T("DN (distribution numérique)", "Numeric distribution (DN)")), Pct(now.dn),
         fmt::format("{} \u00B7 {} {}", Pts(r_.shelf.dn_change), T("avant", "before"), Pct(before.dn)),
         pdf::TrendOf(r_.shelf.dn_change)},
        {std::string(T("Facings", "Facings")), Count(now.facings),
         fmt::format("{} {} \u00B7 {} {}", FormatDecimal(now.facings_per_present_store, lang_, 1),
                     T("par magasin présent", "per store present"), T("avant", "before"),
                     Count(before.facings)),
         pdf::TrendOf(static_cast<double>(now.facings - before.facings))},
        {fmt::format("{} ({} {})", T("DN à magasins constants", "Same-store DN"),
                     Count(r_.shelf.panel.stores), T("magasins", "stores")),
         Pts(r_.shelf.panel.dn_change),
         fmt::format("{} \u2192 {}", Pct(r_.shelf.panel.dn_start), Pct(r_.shelf.panel.dn_end)),
         pdf::TrendOf(r_.shelf.panel.dn_change)},
        {std::string(T("Effet terrain sur la DN", "Field effect on DN")), Pts(r_.impact.dn_lift),
         fmt::format("{} {} \u00B7 {} {}", T("travaillés", "worked"), Pts(r_.impact.worked.dn_change),
                     T("témoins", "control"), Pts(r_.impact.control.dn_change)),
         pdf::TrendOf(r_.impact.dn_lift)},
        {std::string(T("Ventes des magasins suivis", "Sell-out, tracked stores")),
         Money(r_.sales.tracked.sales),
         fmt::format("{} \u00B7 {} {}", FormatSignedPercent(r_.sales.tracked.change_rate, lang_),
                     T("avant", "before"), Money(r_.sales.tracked.sales_previous)),
         pdf::TrendOf(r_.sales.tracked.change_rate)},
        {std::string(T("Visites", "Visits")), Count(r_.actions.visits),
         fmt::format("{} {} \u00B7 {} {}", Count(r_.actions.stores_visited),
                     T("magasins visités", "stores visited"), Count(r_.actions.worked_stores),
                     T("travaillés", "worked")),
         pdf::Trend::kNeutral},
    }};
    const double card_width = (flow_.width() - kCardGap * (kCardColumns - 1)) / kCardColumns;
    for (size_t i = 0; i < cards.size(); i += kCardColumns) {
      const Box row = Reserve(kCardHeight);
      for (size_t j = 0; j < kCardColumns && i + j < cards.size(); ++j) {
        pdf::DrawCard(
            document_,
            {row.x + static_cast<double>(j) * (card_width + kCardGap), row.y, card_width, kCardHeight},
            cards[i + j]);
      }
    }
    Text(fmt::format("{} {} {} {} ({}) {} {} ({}).", T("DN actuelle :", "DN now:"), Count(now.present),
                     T("magasins présents sur", "stores present out of"), Count(now.stores), Pct(now.dn),
                     T("contre", "against"), Count(before.present) + "/" + Count(before.stores),
                     Pct(before.dn)));
    Text(fmt::format(
        "{} {} {} {}, {} {}.",
        T("Sur les magasins suivis sur les deux périodes, la DN des magasins travaillés a évolué de",
          "On the stores seen in both periods, DN moved by"),
        Pts(r_.impact.worked.dn_change), T("contre", "in worked stores against"),
        Pts(r_.impact.control.dn_change), T("soit un écart de", "a lift of"), Pts(r_.impact.dn_lift)));
    const ObjectivesSection& objectives = r_.objectives;
    Text(fmt::format("{} {} \u00B7 {} {} ({}) \u00B7 {} {}", T("Objectifs :", "Objectives:"),
                     Count(objectives.count), Count(objectives.met), T("atteint(s)", "met"),
                     Pct(objectives.met_share), T("atteinte moyenne", "mean attainment"),
                     Pct(objectives.mean_attainment)));
    if (r_.recurrence_status) {
      Text(fmt::format("{} {}", T("Renouvellement :", "Renewal:"),
                       RecurrenceStatusWord(*r_.recurrence_status, lang_)));
    }
    Contracts();
  }

  void Contracts() {
    flow_.Advance(pdf::kBlockGap);
    if (r_.contracts.empty()) {
      flow_.Heading(T("Contrats", "Contracts"), 0);
      Text(T("Aucun contrat sur la période.", "No contract in the period."));
      return;
    }
    std::vector<pdf::TableRow> rows;
    for (const ReviewContract& contract : r_.contracts) {
      rows.push_back({std::string(contract.contract_id), Day(contract.start_date), Day(contract.end_date),
                      contract.renewal_of.empty() ? std::string(kNullText) : std::string(contract.renewal_of),
                      contract.renewal_type == RenewalType::kNone
                          ? std::string(kNullText)
                          : std::string(RenewalTypeWord(contract.renewal_type, lang_))});
    }
    pdf::Table table(flow_,
                     {Column("Contrat", "Contract"), Column("Début", "Start"), Column("Fin", "End"),
                      Column("Renouvelle", "Renews"), Column("Renouvellement", "Renewal")},
                     std::move(rows), kTableSize);
    flow_.Heading(T("Contrats", "Contracts"), table.LeadHeight());
    table.Draw();
  }

  [[nodiscard]] std::string MonthWord(const Period& month) const {
    static constexpr std::array<std::string_view, 12> kFrench = {
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."};
    static constexpr std::array<std::string_view, 12> kEnglish = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const CivilDate date = CivilFromDay(month.start);
    const size_t index = static_cast<size_t>(date.month - 1);
    return fmt::format("{} {}", lang_ == Language::kFrench ? kFrench[index] : kEnglish[index], date.year);
  }

  [[nodiscard]] std::function<std::string(double)> PercentFormat() const {
    return [this](double value) { return FormatPercent(value, lang_, 0); };
  }

  void Distribution() {
    flow_.Advance(pdf::kBlockGap);
    flow_.Heading(T("Distribution numérique (DN)", "Numeric distribution (DN)"), kMonthChartHeight);
    pdf::ChartSpec months;
    months.format = PercentFormat();
    months.axis_max = 1;
    pdf::Series current{FormatPeriod(r_.period.period), palette::kCurrent, {}};
    pdf::Series previous{FormatPeriod(r_.period.previous), palette::kPrevious, {}};
    for (size_t i = 0; i < r_.dn_by_month.size(); ++i) {
      months.categories.push_back(MonthWord(r_.dn_by_month[i].month));
      current.values.push_back(r_.dn_by_month[i].dn);
      if (i < options_.previous_dn_by_month.size())
        previous.values.push_back(options_.previous_dn_by_month[i].dn);
    }
    // The chart labels the values of its first series: the current one.
    months.series.push_back(std::move(current));
    if (!options_.previous_dn_by_month.empty()) months.series.push_back(std::move(previous));
    Text(T("DN par mois : part des magasins audités où la marque est présente, au dernier relevé depuis le "
           "début de la période.",
           "DN by month: the share of audited stores where the brand is on the shelf, at the latest audit "
           "since the period began."),
         kNoteSize, palette::kMuted);
    if (months.categories.empty()) {
      Text(T("Aucun mois de la période n'est encore commencé.", "No month of the period has begun yet."));
    } else {
      pdf::DrawLineChart(document_, Reserve(kMonthChartHeight), months);
    }
    const PanelDn& panel = r_.shelf.panel;
    Text(fmt::format("{} {} {} {} \u2192 {} ({}).", T("Magasins constants :", "Same stores:"),
                     Count(panel.stores),
                     T("magasins audités sur les deux périodes, DN", "stores audited in both periods, DN"),
                     Pct(panel.dn_start), Pct(panel.dn_end), Pts(panel.dn_change)));

    flow_.Heading(T("DN par enseigne", "DN by chain"), kChainChartHeight);
    if (r_.by_chain.empty()) {
      Text(T("Aucun relevé sur les deux périodes.", "No audit in either period."));
      return;
    }
    pdf::ChartSpec chains;
    chains.format = PercentFormat();
    chains.axis_max = 1;
    pdf::Series chain_previous{FormatPeriod(r_.period.previous), palette::kPrevious, {}};
    pdf::Series chain_current{FormatPeriod(r_.period.period), palette::kCurrent, {}};
    for (const ReviewChain* chain : ChartedChains()) {
      chains.categories.push_back(ChainWord(chain->chain.value_or(""), lang_));
      chain_previous.values.push_back(chain->dn_previous);
      chain_current.values.push_back(chain->dn);
    }
    chains.series = {std::move(chain_previous), std::move(chain_current)};
    pdf::DrawBarChart(document_, Reserve(kChainChartHeight), chains);
    std::vector<pdf::TableRow> rows;
    for (const ReviewChain& chain : r_.by_chain) {
      const Ratio change =
          chain.dn && chain.dn_previous ? Ratio(*chain.dn - *chain.dn_previous) : std::nullopt;
      rows.push_back({ChainWord(chain.chain.value_or(""), lang_), Count(chain.stores), Count(chain.present),
                      Pct(chain.dn), Pct(chain.dn_previous), Pts(change)});
    }
    pdf::Table table(
        flow_,
        {Column("Enseigne", "Chain"), Column("Magasins", "Stores", Align::kRight),
         Column("Présents", "Present", Align::kRight), Column("DN", "DN", Align::kRight),
         Column("DN précédente", "Previous DN", Align::kRight), Column("Évolution", "Change", Align::kRight)},
        std::move(rows), kTableSize);
    table.Draw();
  }

  // The chains the chart shows, in the list's order: all of them, or the
  // kMaxChartChains with the most stores now (then before).
  [[nodiscard]] std::vector<const ReviewChain*> ChartedChains() const {
    std::vector<const ReviewChain*> chains;
    for (const ReviewChain& chain : r_.by_chain) chains.push_back(&chain);
    if (chains.size() <= kMaxChartChains) return chains;
    std::vector<const ReviewChain*> largest = chains;
    std::stable_sort(largest.begin(), largest.end(),
                     [](const ReviewChain* a, const ReviewChain* b) { return a->stores > b->stores; });
    largest.resize(kMaxChartChains);
    std::erase_if(chains, [&](const ReviewChain* chain) {
      return std::find(largest.begin(), largest.end(), chain) == largest.end();
    });
    return chains;
  }

  void Impact() {
    flow_.Heading(T("Magasins travaillés et témoins", "Worked against control stores"), kImpactChartHeight);
    Text(T("Sur les magasins audités sur les deux périodes : travaillés = au moins une visite autre qu'un "
           "relevé "
           "pendant la période ; témoins = les autres. L'écart est la différence de leurs évolutions.",
           "On the stores audited in both periods: worked = at least one visit other than an audit in the "
           "period; "
           "control = the others. The lift is the difference of their changes."),
         kNoteSize, palette::kMuted);
    if (r_.shelf.panel.stores == 0) {
      Text(T("Aucun magasin audité sur les deux périodes : pas de comparaison.",
             "No store audited in both periods: nothing to compare."));
      return;
    }
    const PanelDn& worked = r_.impact.worked;
    const PanelDn& control = r_.impact.control;
    pdf::ChartSpec chart;
    chart.format = PercentFormat();
    chart.axis_max = 1;
    chart.categories = {fmt::format("{} ({})", T("Travaillés", "Worked"), Count(worked.stores)),
                        fmt::format("{} ({})", T("Témoins", "Control"), Count(control.stores))};
    chart.series = {{std::string(T("Avant", "Before")) + " (" + FormatPeriod(r_.period.previous) + ")",
                     palette::kPrevious,
                     {worked.dn_start, control.dn_start}},
                    {std::string(T("Après", "After")) + " (" + FormatPeriod(r_.period.period) + ")",
                     palette::kCurrent,
                     {worked.dn_end, control.dn_end}}};
    const Box box = Reserve(kImpactChartHeight);
    pdf::DrawBarChart(document_, {box.x, box.y, box.width * 0.62, box.height}, chart);
    const double x = box.x + box.width * 0.66;
    const double width = box.width * 0.34;
    double y = box.y + 20;
    y += document_.DrawText(x, y, width, T("Écart travaillés − témoins", "Lift, worked − control"),
                            {10, false, palette::kMuted, Align::kLeft});
    const pdf::Rgb tone = !r_.impact.dn_lift       ? palette::kMuted
                          : *r_.impact.dn_lift < 0 ? palette::kBad
                                                   : palette::kGood;
    y += document_.DrawText(x, y, width, Pts(r_.impact.dn_lift), {28, true, tone, Align::kLeft}) + 8;
    y += document_.DrawText(x, y, width,
                            fmt::format("{} {}", T("Travaillés :", "Worked:"), Pts(worked.dn_change)),
                            {10, false, palette::kInk, Align::kLeft});
    document_.DrawText(x, y, width, fmt::format("{} {}", T("Témoins :", "Control:"), Pts(control.dn_change)),
                       {10, false, palette::kInk, Align::kLeft});
  }

  void Actions() {
    flow_.Heading(T("Actions terrain", "Field actions"), kActionChartHeight);
    pdf::ChartSpec chart;
    chart.format = [this](double value) { return FormatInteger(std::llround(value), lang_); };
    chart.min_step = 1;  // counts: whole steps
    pdf::Series visits{std::string(T("Visites", "Visits")), palette::kCurrent, {}};
    for (size_t action = 0; action < r_.actions.by_action.size(); ++action) {
      chart.categories.emplace_back(VisitActionWord(static_cast<VisitAction>(action), lang_));
      visits.values.emplace_back(static_cast<double>(r_.actions.by_action[action]));
    }
    chart.series = {std::move(visits)};
    pdf::DrawBarChart(document_, Reserve(kActionChartHeight), chart);
    Text(fmt::format("{} {} {} {} {}, {} {} {}.", Count(r_.actions.visits), T("visites dans", "visits in"),
                     Count(r_.actions.stores_visited), T("magasins", "stores"), T("visités", "visited"),
                     Count(r_.actions.worked_stores), T("magasins travaillés", "stores worked"),
                     T("(hors relevés seuls)", "(beyond audits alone)")));
  }

  void Sales() {
    flow_.Heading(T("Ventes (sell-out)", "Sell-out"), kSalesChartHeight);
    Text(T("Ventes de la marque déclarées par magasin, sur les magasins suivis (visités ou audités pendant "
           "la période).",
           "The brand's sales as reported per store, on the tracked stores (visited or audited in the "
           "period)."),
         kNoteSize, palette::kMuted);
    const ReviewSales& s = r_.sales;
    if (s.tracked.sales == 0 && s.tracked.sales_previous == 0 && s.all_stores_sales == 0 &&
        s.all_stores_sales_previous == 0) {
      Text(T("Aucune vente déclarée pour la marque sur les deux périodes.",
             "No sales reported for the brand in either period."));
      return;
    }
    const auto money = [this](double euros) { return AxisMoney(euros); };
    // Charts only when the tracked stores sold something in either period;
    // the table below still says what every store sold.
    const bool charted = s.tracked.sales != 0 || s.tracked.sales_previous != 0;
    if (charted && !r_.sales_by_month.empty()) {
      pdf::ChartSpec months;
      months.format = money;
      months.min_step = 1;  // whole euros on the axis
      pdf::Series sales{std::string(T("Ventes par mois", "Sales by month")), palette::kCurrent, {}};
      for (const ReviewSalesMonth& month : r_.sales_by_month) {
        months.categories.push_back(MonthWord(month.month));
        sales.values.emplace_back(static_cast<double>(month.sales) / kCentsPerEuro);
      }
      months.series = {std::move(sales)};
      pdf::DrawBarChart(document_, Reserve(kSalesChartHeight), months);
    }
    if (charted) {
      pdf::ChartSpec groups;
      groups.format = money;
      groups.min_step = 1;
      groups.categories = {std::string(T("Travaillés", "Worked")), std::string(T("Témoins", "Control")),
                           std::string(T("Tous suivis", "All tracked"))};
      const auto euros = [](Cents cents) {
        return std::optional<double>(static_cast<double>(cents) / kCentsPerEuro);
      };
      groups.series = {{FormatPeriod(r_.period.previous),
                        palette::kPrevious,
                        {euros(s.worked.sales_previous), euros(s.control.sales_previous),
                         euros(s.tracked.sales_previous)}},
                       {FormatPeriod(r_.period.period),
                        palette::kCurrent,
                        {euros(s.worked.sales), euros(s.control.sales), euros(s.tracked.sales)}}};
      pdf::DrawBarChart(document_, Reserve(kSalesChartHeight), groups);
    }
    std::vector<pdf::TableRow> rows;
    const auto row = [&](std::string_view label, const SalesGroup& group) {
      rows.push_back({std::string(label), Count(group.stores), Money(group.sales),
                      Money(group.sales_previous), FormatSignedPercent(group.change_rate, lang_)});
    };
    row(T("Travaillés", "Worked"), s.worked);
    row(T("Témoins (suivis non travaillés)", "Control (tracked, not worked)"), s.control);
    row(T("Tous les magasins suivis", "All tracked stores"), s.tracked);
    rows.push_back({std::string(T("Tous les magasins", "Every store")), std::string(kNullText),
                    Money(s.all_stores_sales), Money(s.all_stores_sales_previous), std::string(kNullText)});
    pdf::Table table(flow_,
                     {Column("Magasins", "Stores"), Column("Nombre", "Count", Align::kRight),
                      Column("Ventes", "Sales", Align::kRight),
                      Column("Période précédente", "Previous period", Align::kRight),
                      Column("Évolution", "Change", Align::kRight)},
                     std::move(rows), kTableSize);
    table.Draw();
    Text(fmt::format("{} {}", T("Écart d'évolution travaillés − témoins :", "Lift, worked − control:"),
                     Pts(s.lift)));
  }

  void Objectives() {
    const ObjectivesSection& o = r_.objectives;
    if (o.items.empty()) {
      flow_.Heading(T("Objectifs", "Objectives"), 0);
      Text(T("Aucun objectif sur la période.", "No objective in the period."));
      return;
    }
    std::vector<pdf::TableRow> rows;
    for (const ObjectiveItem& item : o.items) {
      rows.push_back({std::string(item.objective_id), std::string(item.mission_id), std::string(item.metric),
                      FormatQuantity(item.target, lang_), FormatQuantity(item.achieved, lang_),
                      Pct(item.attainment), Pct(item.elapsed), Pct(item.projected_attainment),
                      std::string(ObjectiveStatusWord(item.status, lang_))});
    }
    pdf::Table table(
        flow_,
        {Column("Objectif", "Objective"), Column("Mission", "Mission"), Column("Indicateur", "Metric"),
         Column("Cible", "Target", Align::kRight), Column("Réalisé", "Achieved", Align::kRight),
         Column("Atteinte", "Attainment", Align::kRight), Column("Temps écoulé", "Elapsed", Align::kRight),
         Column("Projection", "Projected", Align::kRight), Column("Statut", "Status")},
        std::move(rows), kTableSize);
    flow_.Heading(T("Objectifs", "Objectives"), table.LeadHeight());
    table.Draw();
    Text(fmt::format("{} {} \u00B7 {} {} ({}) \u00B7 {} {} \u00B7 {} {}", Count(o.count),
                     T("objectif(s)", "objective(s)"), Count(o.met), T("atteint(s)", "met"), Pct(o.met_share),
                     T("atteinte moyenne", "mean attainment"), Pct(o.mean_attainment),
                     T("plafonnée à 100 % :", "capped at 100%:"), Pct(o.mean_capped_attainment)));
  }

  [[nodiscard]] std::string Presence(std::optional<int64_t> present) const {
    if (!present) return std::string(kNullText);
    return std::string(*present == 1 ? T("oui", "yes") : T("non", "no"));
  }

  void Stores() {
    if (r_.stores.empty()) {
      flow_.Heading(T("Magasins", "Stores"), 0);
      Text(T("Aucun magasin suivi.", "No tracked store."));
      return;
    }
    std::vector<pdf::TableRow> rows;
    for (const ReviewStore& store : r_.stores) {
      const std::string_view worked = store.worked    ? T("oui", "yes")
                                      : store.tracked ? T("non", "no")
                                                      : T("non suivi", "not tracked");
      rows.push_back({std::string(store.store_id), std::string(store.name),
                      store.chain.empty() ? std::string(kNullText) : std::string(store.chain),
                      store.region.empty() ? std::string(kNullText) : std::string(store.region),
                      std::string(worked), Count(store.visits),
                      fmt::format("{} \u2192 {}", Presence(store.present_previous), Presence(store.present)),
                      fmt::format("{} \u2192 {}", Count(store.facings_previous), Count(store.facings)),
                      Money(store.sales), Money(store.sales_previous)});
    }
    pdf::Table table(
        flow_,
        {Column("Magasin", "Store"), Column("Nom", "Name"), Column("Enseigne", "Chain"),
         Column("Région", "Region"), Column("Travaillé", "Worked"),
         Column("Visites", "Visits", Align::kRight),
         Column("Présence avant \u2192 après", "Present before \u2192 after", Align::kCenter),
         Column("Facings avant \u2192 après", "Facings before \u2192 after", Align::kCenter),
         Column("Ventes", "Sales", Align::kRight), Column("Ventes préc.", "Previous", Align::kRight)},
        std::move(rows), kStoreTableSize, pdf::kDenseCellPadding);
    flow_.Heading(T("Magasins", "Stores"), table.LeadHeight());
    table.Draw();
  }

  const Review& r_;
  Language lang_;
  const ReviewPackOptions& options_;
  pdf::Document document_;
  pdf::PageFlow flow_;
};

}  // namespace

Result<std::string> RenderReviewPdf(const Review& review, const ReviewPackOptions& options) {
  // Twice: the first drawing lays the pages out and counts them (no PDF
  // written), so that the second can number them "page n of m". The second
  // reuses the texts' extents the first measured.
  pdf::TextMetrics metrics;
  int pages = 0;
  {
    ReviewPdf counting(review, options, 0, metrics);
    auto draft = counting.Render(&pages);
    if (!draft.ok()) return draft.status();
  }
  int final_pages = 0;
  ReviewPdf writer(review, options, pages, metrics);
  return writer.Render(&final_pages);
}

}  // namespace agencykpi
