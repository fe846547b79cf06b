#include "report/review_table.h"

#include <fmt/format.h>

#include "report/labels.h"
#include "report/locale_format.h"

namespace agencykpi {
namespace {

class ReviewTableWriter {
 public:
  explicit ReviewTableWriter(const TableOptions& options) : l_(options.language), doc_(options) {}

  std::string Render(const Review& r) {
    WriteHeader(r);
    WriteShelf(r);
    WriteActions(r.actions);
    WriteImpact(r.impact);
    WriteSales(r);
    Part(Tr("Magasins", "Stores"));
    doc_.Rows(r.stores, Tr("Aucun magasin suivi ni audité.", "No store tracked or audited."));
    doc_.Objectives(r.objectives);  // the report's section, over the brand's objectives
    WriteContracts(r);
    return doc_.Take();
  }

 private:
  using Figures = std::vector<std::pair<std::string_view, std::string>>;

  std::string_view Tr(std::string_view french, std::string_view english) const {
    return l_ == Language::kFrench ? french : english;
  }
  std::string Count(int64_t value) const { return FormatInteger(value, l_); }
  std::string Percent(const Ratio& ratio) const { return FormatPercent(ratio, l_); }
  // A change rate, always signed: "+49,2 %", "-3,8 %".
  std::string Change(const Ratio& ratio) const {
    const std::string text = Percent(ratio);
    return ratio && *ratio >= 0 ? "+" + text : text;
  }
  std::string Points(const Ratio& ratio) const { return FormatPoints(ratio, l_); }
  std::string Money(Cents cents) const { return FormatMoney(cents, l_); }

  void Part(std::string_view title) { doc_.Title(title); }

  void WriteHeader(const Review& r) {
    const ReportPeriod& p = r.period;
    doc_.Line(fmt::format("{} \u2014 {} ({}) \u2014 {} {} {} {}", Tr("Bilan de marque", "Brand review"),
                          r.client.name, r.client.client_id, Tr("du", "from"), FormatDay(p.period.start, l_),
                          Tr("au", "to"), FormatDay(p.period.end, l_)));
    doc_.Line(fmt::format("{} {} \u00B7 {} {} {} {} {}", Tr("Arrêté au", "As of"), FormatDay(p.as_of, l_),
                          Tr("période précédente\u00A0:", "previous period:"), Tr("du", "from"),
                          FormatDay(p.previous.start, l_), Tr("au", "to"), FormatDay(p.previous.end, l_)));
  }

  void WriteShelf(const Review& r) {
    const ReviewShelf& s = r.shelf;
    Part(Tr("Présence en linéaire", "Shelf presence"));
    doc_.Figures(Figures{
        {Tr("Magasins audités", "Stores audited"), Count(s.current.stores)},
        {Tr("Magasins où la marque est présente", "Stores where the brand is present"), Count(s.current.present)},
        {Tr("DN", "DN"), Percent(s.current.dn)},
        {Tr("DN de la période précédente", "DN of the previous period"), Percent(s.previous.dn)},
        {Tr("Évolution de la DN", "DN change"), Points(s.dn_change)},
        {Tr("Faces", "Facings"), Count(s.current.facings)},
        {Tr("Faces de la période précédente", "Facings of the previous period"), Count(s.previous.facings)},
        {Tr("Faces par magasin présent", "Facings per present store"),
         FormatDecimal(s.current.facings_per_present_store, l_)},
        {Tr("Panel (magasins audités sur les deux périodes)", "Panel (stores audited in both periods)"),
         Count(s.panel.stores)},
        {Tr("DN du panel au début", "Panel DN at the start"), Percent(s.panel.dn_start)},
        {Tr("DN du panel à la fin", "Panel DN at the end"), Percent(s.panel.dn_end)},
        {Tr("Évolution de la DN du panel", "Panel DN change"), Points(s.panel.dn_change)},
    });
    doc_.Rows(r.dn_by_month, Tr("Aucun mois écoulé sur la période.", "No month of the period has begun."));
    doc_.Line("");
    doc_.Rows(r.by_chain, Tr("Aucun magasin audité.", "No store audited."));
  }

  void WriteActions(const ReviewActions& a) {
    Part(Tr("Actions terrain", "Field actions"));
    Figures figures{
        {Tr("Visites", "Visits"), Count(a.visits)},
        {Tr("Magasins visités", "Stores visited"), Count(a.stores_visited)},
        {Tr("Magasins travaillés (hors audit seul)", "Stores worked (not audit only)"), Count(a.worked_stores)},
    };
    for (size_t k = 0; k < a.by_action.size(); ++k) {
      figures.emplace_back(VisitActionWord(static_cast<VisitAction>(k), l_), Count(a.by_action[k]));
    }
    doc_.Figures(figures);
  }

  void WriteImpact(const ReviewImpact& i) {
    Part(Tr("Impact sur la DN (panel)", "Impact on DN (panel)"));
    doc_.Figures(Figures{
        {Tr("Magasins travaillés", "Worked stores"), Count(i.worked.stores)},
        {Tr("DN des magasins travaillés au début", "Worked stores' DN at the start"), Percent(i.worked.dn_start)},
        {Tr("DN des magasins travaillés à la fin", "Worked stores' DN at the end"), Percent(i.worked.dn_end)},
        {Tr("Évolution des magasins travaillés", "Worked stores' change"), Points(i.worked.dn_change)},
        {Tr("Magasins témoins (non travaillés)", "Control stores (not worked)"), Count(i.control.stores)},
        {Tr("DN des témoins au début", "Control DN at the start"), Percent(i.control.dn_start)},
        {Tr("DN des témoins à la fin", "Control DN at the end"), Percent(i.control.dn_end)},
        {Tr("Évolution des témoins", "Control change"), Points(i.control.dn_change)},
        {Tr("Gain de DN dû au travail terrain", "DN lift from field work"), Points(i.dn_lift)},
    });
  }

  void WriteSales(const Review& r) {
    const ReviewSales& s = r.sales;
    Part(Tr("Ventes en magasin", "Sell-out"));
    doc_.Figures(Figures{
        {Tr("Magasins suivis", "Tracked stores"), Count(s.tracked.stores)},
        {Tr("Ventes", "Sales"), Money(s.tracked.sales)},
        {Tr("Ventes de la période précédente", "Sales of the previous period"), Money(s.tracked.sales_previous)},
        {Tr("Évolution", "Change"), Change(s.tracked.change_rate)},
        {Tr("Magasins travaillés", "Worked stores"), Count(s.worked.stores)},
        {Tr("Ventes des magasins travaillés", "Sales of worked stores"), Money(s.worked.sales)},
        {Tr("Évolution des magasins travaillés", "Change in worked stores"), Change(s.worked.change_rate)},
        {Tr("Magasins suivis non travaillés", "Tracked stores not worked"), Count(s.control.stores)},
        {Tr("Ventes des magasins non travaillés", "Sales of stores not worked"), Money(s.control.sales)},
        {Tr("Évolution des magasins non travaillés", "Change in stores not worked"), Change(s.control.change_rate)},
        {Tr("Écart d'évolution dû au travail terrain", "Sales lift from field work"), Points(s.lift)},
        {Tr("Ventes de tous les magasins", "Sales of every store"), Money(s.all_stores_sales)},
        {Tr("Ventes de tous les magasins, période précédente", "Sales of every store, previous period"),
         Money(s.all_stores_sales_previous)},
    });
    doc_.Rows(r.sales_by_month, Tr("Aucun mois écoulé sur la période.", "No month of the period has begun."));
  }

  void WriteContracts(const Review& r) {
    Part(Tr("Contrats", "Contracts"));
    doc_.Figures(Figures{
        {Tr("Renouvellement", "Renewal"),
         r.recurrence_status ? std::string(RecurrenceStatusWord(*r.recurrence_status, l_))
                             : std::string(Tr("aucun contrat échu sur la période", "no contract ends in this period"))},
    });
    doc_.Rows(r.contracts, Tr("Aucun contrat sur la période.", "No contract in this period."));
  }

  Language l_;
  TableDocument doc_;
};

}  // namespace

std::string RenderReviewTable(const Review& review, const TableOptions& options) {
  return ReviewTableWriter(options).Render(review);
}

}  // namespace agencykpi
