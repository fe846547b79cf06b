#include "report/review_json.h"

#include "report/json_report.h"
#include "report/rows.h"

namespace agencykpi {
namespace {

void OptionalText(JsonWriter& w, std::string_view text) { text.empty() ? w.Null() : w.String(text); }

void WriteShelfState(JsonWriter& w, std::string_view key, const ShelfState& state) {
  w.Key(key).BeginObject();
  w.Key("stores").Int(state.stores);
  w.Key("present").Int(state.present);
  w.Key("dn").OptionalDouble(state.dn);
  w.Key("facings").Int(state.facings);
  w.Key("facings_per_present_store").OptionalDouble(state.facings_per_present_store);
  w.EndObject();
}

void WritePanel(JsonWriter& w, std::string_view key, const PanelDn& panel) {
  w.Key(key).BeginObject();
  w.Key("stores").Int(panel.stores);
  w.Key("dn_start").OptionalDouble(panel.dn_start);
  w.Key("dn_end").OptionalDouble(panel.dn_end);
  w.Key("dn_change").OptionalDouble(panel.dn_change);
  w.EndObject();
}

void WriteSalesGroup(JsonWriter& w, std::string_view key, const SalesGroup& group) {
  w.Key(key).BeginObject();
  w.Key("stores").Int(group.stores);
  w.Key("sales").Money(group.sales);
  w.Key("sales_previous").Money(group.sales_previous);
  w.Key("change_rate").OptionalDouble(group.change_rate);
  w.EndObject();
}

template <typename Row>
void WriteList(JsonWriter& w, std::string_view key, const std::vector<Row>& rows) {
  w.Key(key).BeginArray();
  for (const Row& row : rows) WriteRowJson(w, row);
  w.EndArray();
}

void WriteReview(JsonWriter& w, const Review& r) {
  w.BeginObject();
  WritePeriodJson(w, r.period);
  w.Key("currency").String(r.currency);

  w.Key("client").BeginObject();
  w.Key("client_id").String(r.client.client_id);
  w.Key("name").String(r.client.name);
  w.Key("sector");
  OptionalText(w, r.client.sector);
  w.EndObject();

  w.Key("shelf").BeginObject();
  WriteShelfState(w, "current", r.shelf.current);
  WriteShelfState(w, "previous", r.shelf.previous);
  w.Key("dn_change").OptionalDouble(r.shelf.dn_change);
  WritePanel(w, "panel", r.shelf.panel);
  w.EndObject();

  w.Key("actions").BeginObject();
  w.Key("visits").Int(r.actions.visits);
  w.Key("stores_visited").Int(r.actions.stores_visited);
  w.Key("worked_stores").Int(r.actions.worked_stores);
  w.Key("by_action").BeginObject();
  for (size_t k = 0; k < r.actions.by_action.size(); ++k) w.Key(kVisitActionNames[k]).Int(r.actions.by_action[k]);
  w.EndObject();
  w.EndObject();

  w.Key("impact").BeginObject();
  WritePanel(w, "worked", r.impact.worked);
  WritePanel(w, "control", r.impact.control);
  w.Key("dn_lift").OptionalDouble(r.impact.dn_lift);
  w.EndObject();

  const ReviewSales& s = r.sales;
  w.Key("sales").BeginObject();
  w.Key("tracked_stores").Int(s.tracked.stores);
  w.Key("sales").Money(s.tracked.sales);
  w.Key("sales_previous").Money(s.tracked.sales_previous);
  w.Key("change_rate").OptionalDouble(s.tracked.change_rate);
  WriteSalesGroup(w, "worked", s.worked);
  WriteSalesGroup(w, "control", s.control);
  w.Key("lift").OptionalDouble(s.lift);
  w.Key("all_stores").BeginObject();
  w.Key("sales").Money(s.all_stores_sales);
  w.Key("sales_previous").Money(s.all_stores_sales_previous);
  w.EndObject();
  w.EndObject();

  WriteList(w, "dn_by_month", r.dn_by_month);
  WriteList(w, "sales_by_month", r.sales_by_month);
  WriteList(w, "by_chain", r.by_chain);
  WriteList(w, "stores", r.stores);

  WriteObjectivesJson(w, r.objectives);  // the report's section, over the brand's objectives

  w.Key("recurrence_status");
  r.recurrence_status ? w.String(RecurrenceStatusName(*r.recurrence_status)) : w.Null();
  WriteList(w, "contracts", r.contracts);
  w.EndObject();
  w.Raw("\n");
}

}  // namespace

std::string RenderReviewJson(const Review& review, bool pretty) {
  JsonWriter w(pretty);
  WriteReview(w, review);
  return w.Take();
}

void RenderReviewJson(const Review& review, bool pretty, const JsonWriter::Sink& sink) {
  JsonWriter w(pretty, sink);
  WriteReview(w, review);
  w.Flush();
}

}  // namespace agencykpi
