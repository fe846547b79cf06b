#include "report/review_xlsx.h"

#include <fmt/format.h>

#include <array>
#include <string_view>
#include <utility>
#include <vector>

#include "report/labels.h"
#include "report/xlsx_sheet.h"

namespace agencykpi {
namespace {

constexpr double kLabelColumnWidth = 46;
constexpr double kWideColumnWidth = 28;

using Cell = XlsxCell;
using xlsx::Blank;
using xlsx::Boolean;
using xlsx::Date;
using xlsx::Decimal;
using xlsx::Integer;
using xlsx::Percent;
using xlsx::Quantity;
using xlsx::Text;
using xlsx::TextOrBlank;

class ReviewWorkbook {
 public:
  ReviewWorkbook(const Review& review, const ReviewPackOptions& options, lxw_workbook* workbook)
      : r_(review), lang_(options.language), options_(options), workbook_(workbook), formats_(workbook, lang_) {}

  void Write() {
    Summary();
    Stores();
    Chains();
    Months();
    Actions();
    Objectives();
    Contracts();
  }

 private:
  [[nodiscard]] std::string T(std::string_view french, std::string_view english) const {
    return std::string(Tr(lang_, french, english));
  }

  void List(std::string_view name, const std::vector<std::string>& headers,
            const std::vector<std::vector<Cell>>& rows) {
    WriteListSheet(workbook_, formats_, name, headers, rows);
  }

  void Summary() {
    const ShelfState& now = r_.shelf.current;
    const ShelfState& before = r_.shelf.previous;
    const ReviewSales& s = r_.sales;
    const std::vector<std::pair<std::string, Cell>> lines = {
        {T("Client", "Client"), Text(r_.client.client_id)},
        {T("Nom", "Name"), Text(r_.client.name)},
        {T("Secteur", "Sector"), TextOrBlank(r_.client.sector)},
        {T("Période", "Period"), Text(FormatPeriod(r_.period.period))},
        {T("Début de la période", "Period start"), Date(r_.period.period.start)},
        {T("Fin de la période", "Period end"), Date(r_.period.period.end)},
        {T("Arrêté au", "As of"), Date(r_.period.as_of)},
        {T("Début de la période précédente", "Previous period start"), Date(r_.period.previous.start)},
        {T("Fin de la période précédente", "Previous period end"), Date(r_.period.previous.end)},
        {T("Magasins audités", "Stores audited"), Integer(now.stores)},
        {T("Magasins présents", "Stores present"), Integer(now.present)},
        {T("DN", "DN"), Percent(now.dn)},
        {T("Facings", "Facings"), Integer(now.facings)},
        {T("Facings par magasin présent", "Facings per store present"),
         Decimal(now.facings_per_present_store)},
        {T("Magasins audités (période précédente)", "Stores audited (previous period)"),
         Integer(before.stores)},
        {T("Magasins présents (période précédente)", "Stores present (previous period)"),
         Integer(before.present)},
        {T("DN (période précédente)", "DN (previous period)"), Percent(before.dn)},
        {T("Facings (période précédente)", "Facings (previous period)"), Integer(before.facings)},
        {T("Facings par magasin présent (période précédente)", "Facings per store present (previous period)"),
         Decimal(before.facings_per_present_store)},
        {T("Évolution de la DN", "DN change"), Percent(r_.shelf.dn_change)},
        {T("Magasins constants", "Same stores (panel)"), Integer(r_.shelf.panel.stores)},
        {T("DN magasins constants, début", "Panel DN, start"), Percent(r_.shelf.panel.dn_start)},
        {T("DN magasins constants, fin", "Panel DN, end"), Percent(r_.shelf.panel.dn_end)},
        {T("Évolution de la DN à magasins constants", "Panel DN change"), Percent(r_.shelf.panel.dn_change)},
        {T("Magasins travaillés du panel", "Worked stores of the panel"), Integer(r_.impact.worked.stores)},
        {T("Évolution de la DN, travaillés", "DN change, worked"), Percent(r_.impact.worked.dn_change)},
        {T("Magasins témoins du panel", "Control stores of the panel"), Integer(r_.impact.control.stores)},
        {T("Évolution de la DN, témoins", "DN change, control"), Percent(r_.impact.control.dn_change)},
        {T("Écart de DN travaillés − témoins", "DN lift, worked − control"), Percent(r_.impact.dn_lift)},
        {T("Visites", "Visits"), Integer(r_.actions.visits)},
        {T("Magasins visités", "Stores visited"), Integer(r_.actions.stores_visited)},
        {T("Magasins travaillés", "Worked stores"), Integer(r_.actions.worked_stores)},
        {T("Magasins suivis", "Tracked stores"), Integer(s.tracked.stores)},
        {T("Ventes des magasins suivis", "Sales, tracked stores"), xlsx::Money(s.tracked.sales)},
        {T("Ventes des magasins suivis (période précédente)", "Sales, tracked stores (previous period)"),
         xlsx::Money(s.tracked.sales_previous)},
        {T("Évolution des ventes", "Sales change"), Percent(s.tracked.change_rate)},
        {T("Ventes des magasins travaillés", "Sales, worked stores"), xlsx::Money(s.worked.sales)},
        {T("Ventes des magasins travaillés (période précédente)", "Sales, worked stores (previous period)"),
         xlsx::Money(s.worked.sales_previous)},
        {T("Évolution des ventes, travaillés", "Sales change, worked"), Percent(s.worked.change_rate)},
        {T("Ventes des magasins témoins", "Sales, control stores"), xlsx::Money(s.control.sales)},
        {T("Ventes des magasins témoins (période précédente)", "Sales, control stores (previous period)"),
         xlsx::Money(s.control.sales_previous)},
        {T("Évolution des ventes, témoins", "Sales change, control"), Percent(s.control.change_rate)},
        {T("Écart d'évolution des ventes travaillés − témoins", "Sales lift, worked − control"),
         Percent(s.lift)},
        {T("Ventes de tous les magasins", "Sales, every store"), xlsx::Money(s.all_stores_sales)},
        {T("Ventes de tous les magasins (période précédente)", "Sales, every store (previous period)"),
         xlsx::Money(s.all_stores_sales_previous)},
        {T("Objectifs", "Objectives"), Integer(r_.objectives.count)},
        {T("Objectifs atteints", "Objectives met"), Integer(r_.objectives.met)},
        {T("Part des objectifs atteints", "Share of objectives met"), Percent(r_.objectives.met_share)},
        {T("Atteinte moyenne", "Mean attainment"), Percent(r_.objectives.mean_attainment)},
        {T("Atteinte moyenne plafonnée", "Mean capped attainment"),
         Percent(r_.objectives.mean_capped_attainment)},
        {T("Renouvellement", "Renewal"),
         r_.recurrence_status ? Text(RecurrenceStatusWord(*r_.recurrence_status, lang_)) : Blank()},
    };
    lxw_worksheet* sheet = workbook_add_worksheet(workbook_, T("Synthèse", "Summary").c_str());
    const std::string heading = options_.agency.empty()
                                    ? T("Bilan de marque", "Brand review")
                                    : options_.agency + " \u2014 " + T("Bilan de marque", "Brand review");
    worksheet_write_string(sheet, 0, 0, heading.c_str(), formats_.title());
    worksheet_write_string(sheet, 2, 0, T("Indicateur", "Figure").c_str(), formats_.header());
    worksheet_write_string(sheet, 2, 1, T("Valeur", "Value").c_str(), formats_.header());
    constexpr lxw_row_t kFirstLine = 3;
    for (size_t i = 0; i < lines.size(); ++i) {
      const auto row = static_cast<lxw_row_t>(kFirstLine + i);
      worksheet_write_string(sheet, row, 0, lines[i].first.c_str(), nullptr);
      formats_.Put(sheet, row, 1, lines[i].second);
    }
    worksheet_set_column(sheet, 0, 0, kLabelColumnWidth, nullptr);
    worksheet_set_column(sheet, 1, 1, kWideColumnWidth, nullptr);
    worksheet_freeze_panes(sheet, kFirstLine, 0);
    worksheet_autofilter(sheet, kFirstLine - 1, 0, static_cast<lxw_row_t>(kFirstLine - 1 + lines.size()), 1);
  }

  void Stores() {
    std::vector<std::string> headers = {
        T("Magasin", "Store"), T("Nom", "Name"),         T("Enseigne", "Chain"), T("Région", "Region"),
        T("Suivi", "Tracked"), T("Travaillé", "Worked"), T("Visites", "Visits")};
    for (size_t action = 0; action < kVisitActionCount; ++action) {
      headers.push_back(fmt::format("{} : {}", T("Visites", "Visits"), VisitActionWord(static_cast<VisitAction>(action), lang_)));
    }
    for (std::string header :
         {T("Présent avant", "Present before"), T("Présent", "Present"), T("Facings avant", "Facings before"),
          T("Facings", "Facings"), T("Ventes", "Sales"),
          T("Ventes période précédente", "Sales, previous period")}) {
      headers.push_back(std::move(header));
    }
    std::vector<std::vector<Cell>> rows;
    for (const ReviewStore& store : r_.stores) {
      std::vector<Cell> row = {Text(store.store_id),      Text(store.name),       TextOrBlank(store.chain),
                               TextOrBlank(store.region), Boolean(store.tracked), Boolean(store.worked),
                               Integer(store.visits)};
      for (const int64_t count : store.by_action) row.push_back(Integer(count));
      for (Cell cell :
           {Integer(store.present_previous), Integer(store.present), Integer(store.facings_previous),
            Integer(store.facings), xlsx::Money(store.sales), xlsx::Money(store.sales_previous)}) {
        row.push_back(std::move(cell));
      }
      rows.push_back(std::move(row));
    }
    List(T("Magasins", "Stores"), headers, rows);
  }

  void Chains() {
    std::vector<std::vector<Cell>> rows;
    for (const ReviewChain& chain : r_.by_chain) {
      rows.push_back({Text(ChainWord(chain.chain.value_or(""), lang_)), Integer(chain.stores),
                      Integer(chain.present), Percent(chain.dn), Percent(chain.dn_previous)});
    }
    List(T("Enseignes", "Chains"),
         {T("Enseigne", "Chain"), T("Magasins", "Stores"), T("Présents", "Present"), T("DN", "DN"),
          T("DN période précédente", "DN, previous period")},
         rows);
  }

  void Months() {
    std::vector<std::vector<Cell>> rows;
    for (size_t i = 0; i < r_.dn_by_month.size(); ++i) {
      const ReviewDnMonth& month = r_.dn_by_month[i];
      Cell sales = Blank();
      for (const ReviewSalesMonth& sales_month : r_.sales_by_month) {
        if (sales_month.label == month.label) sales = xlsx::Money(sales_month.sales);
      }
      const Cell previous =
          i < options_.previous_dn_by_month.size() ? Percent(options_.previous_dn_by_month[i].dn) : Blank();
      rows.push_back({Text(month.label), Integer(month.stores), Integer(month.present), Percent(month.dn),
                      previous, sales});
    }
    List(T("Mois", "Months"),
         {T("Mois", "Month"), T("Magasins audités", "Stores audited"), T("Présents", "Present"),
          T("DN", "DN"), T("DN, même mois de la période précédente", "DN, same month of the previous period"),
          T("Ventes des magasins suivis", "Sales, tracked stores")},
         rows);
  }

  void Actions() {
    std::vector<std::vector<Cell>> rows;
    for (size_t action = 0; action < kVisitActionCount; ++action) {
      rows.push_back({Text(VisitActionWord(static_cast<VisitAction>(action), lang_)), Integer(r_.actions.by_action[action])});
    }
    List(T("Actions", "Actions"), {T("Action", "Action"), T("Visites", "Visits")}, rows);
  }

  void Objectives() {
    std::vector<std::vector<Cell>> rows;
    for (const ObjectiveItem& item : r_.objectives.items) {
      rows.push_back({Text(item.objective_id), Text(item.mission_id), Text(item.metric),
                      Text(AggregationName(item.aggregation)), Quantity(item.target), Quantity(item.achieved),
                      Percent(item.attainment), Percent(item.elapsed), Percent(item.projected_attainment),
                      Text(ObjectiveStatusWord(item.status, lang_))});
    }
    List(T("Objectifs", "Objectives"),
         {T("Objectif", "Objective"), T("Mission", "Mission"), T("Indicateur", "Metric"),
          T("Agrégation", "Aggregation"), T("Cible", "Target"), T("Réalisé", "Achieved"),
          T("Atteinte", "Attainment"), T("Temps écoulé", "Elapsed"), T("Projection", "Projected attainment"),
          T("Statut", "Status")},
         rows);
  }

  void Contracts() {
    std::vector<std::vector<Cell>> rows;
    for (const ReviewContract& contract : r_.contracts) {
      rows.push_back({Text(contract.contract_id), Date(contract.start_date), Date(contract.end_date),
                      TextOrBlank(contract.renewal_of),
                      TextOrBlank(RenewalTypeWord(contract.renewal_type, lang_))});
    }
    List(T("Contrats", "Contracts"),
         {T("Contrat", "Contract"), T("Début", "Start"), T("Fin", "End"), T("Renouvelle", "Renews"),
          T("Renouvellement", "Renewal")},
         rows);
  }

  const Review& r_;
  Language lang_;
  const ReviewPackOptions& options_;
  lxw_workbook* workbook_;
  XlsxFormats formats_;
};

}  // namespace

Status WriteReviewXlsx(const Review& review, const ReviewPackOptions& options, const std::string& path) {
  XlsxProperties properties;
  properties.title = std::string(Tr(options.language, "Bilan de marque", "Brand review")) + " \u2014 " +
                     std::string(review.client.name);
  properties.subject = FormatPeriod(review.period.period);
  properties.created = review.period.as_of;
  return WriteWorkbook(path, properties,
                       [&](lxw_workbook* workbook) { ReviewWorkbook(review, options, workbook).Write(); });
}

Result<std::string> RenderReviewXlsx(const Review& review, const ReviewPackOptions& options) {
  return WorkbookBytes([&](const std::string& path) { return WriteReviewXlsx(review, options, path); });
}

}  // namespace agencykpi
