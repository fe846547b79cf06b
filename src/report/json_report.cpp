#include "report/json_report.h"

#include "report/json_writer.h"
#include "report/rows.h"

namespace agencykpi {

void WritePeriodJson(JsonWriter& w, const ReportPeriod& p) {
  w.Key("period").BeginObject();
  w.Key("start").String(FormatDate(p.period.start));
  w.Key("end").String(FormatDate(p.period.end));
  w.Key("as_of").String(FormatDate(p.as_of));
  w.Key("previous_start").String(FormatDate(p.previous.start));
  w.Key("previous_end").String(FormatDate(p.previous.end));
  w.Key("label").String(FormatPeriod(p.period));
  w.Key("grace_days").Int(p.grace_days);
  w.EndObject();
}

void WriteRecurrenceClientJson(JsonWriter& w, const RecurrenceClient& c) { WriteRowJson(w, c); }

void WriteRevenueClientJson(JsonWriter& w, const RevenueClient& c) { WriteRowJson(w, c); }

void WriteObjectiveItemJson(JsonWriter& w, const ObjectiveItem& item) { WriteRowJson(w, item); }

namespace {

void WriteRecurrence(JsonWriter& w, const RecurrenceSection& r) {
  w.Key("recurrence").BeginObject();
  w.Key("ending_clients").Int(r.ending_clients);
  w.Key("spontaneous").Int(r.spontaneous);
  w.Key("solicited").Int(r.solicited);
  w.Key("pending").Int(r.pending);
  w.Key("lost").Int(r.lost);
  w.Key("decided").Int(r.decided);
  w.Key("recurrence_rate").OptionalDouble(r.recurrence_rate);
  w.Key("renewal_rate").OptionalDouble(r.renewal_rate);
  w.Key("churn_rate").OptionalDouble(r.churn_rate);
  w.Key("clients").BeginArray();
  for (const auto& c : r.clients) WriteRecurrenceClientJson(w, c);
  w.EndArray();
  w.EndObject();
}

void WriteRevenue(JsonWriter& w, const RevenueSection& r) {
  w.Key("revenue").BeginObject();
  w.Key("total_revenue").Money(r.total_revenue);
  w.Key("clients_billed").Int(r.clients_billed);
  w.Key("average_per_client");
  r.average_per_client ? w.Money(*r.average_per_client) : w.Null();
  w.Key("unallocated_revenue").Money(r.unallocated_revenue);
  w.Key("top1_share").OptionalDouble(r.top1_share);
  w.Key("top3_share").OptionalDouble(r.top3_share);
  w.Key("hhi").OptionalDouble(r.hhi);
  w.Key("clients").BeginArray();
  for (const auto& c : r.clients) WriteRevenueClientJson(w, c);
  w.EndArray();
  w.EndObject();
}

}  // namespace

void WriteMissionMarginJson(JsonWriter& w, const MissionMargin& m) { WriteRowJson(w, m); }

namespace {

void WriteMargin(JsonWriter& w, const MarginSection& m) {
  w.Key("margin").BeginObject();
  w.Key("revenue").Money(m.revenue);
  w.Key("labor_cost").Money(m.labor_cost);
  w.Key("expenses").Money(m.expenses);
  w.Key("total_cost").Money(m.total_cost);
  w.Key("margin").Money(m.margin);
  w.Key("margin_rate").OptionalDouble(m.margin_rate);
  w.Key("overhead_pool").Money(m.overhead_pool);
  w.Key("overhead_unallocated").Money(m.overhead_unallocated);
  w.Key("missions").BeginArray();
  for (const auto& mission : m.missions) WriteMissionMarginJson(w, mission);
  w.EndArray();
  w.EndObject();
}

void WriteObjectives(JsonWriter& w, const ObjectivesSection& o) {
  w.Key("objectives").BeginObject();
  w.Key("count").Int(o.count);
  w.Key("met").Int(o.met);
  w.Key("met_share").OptionalDouble(o.met_share);
  w.Key("mean_attainment").OptionalDouble(o.mean_attainment);
  w.Key("mean_capped_attainment").OptionalDouble(o.mean_capped_attainment);
  w.Key("items").BeginArray();
  for (const auto& item : o.items) WriteObjectiveItemJson(w, item);
  w.EndArray();
  w.EndObject();
}

}  // namespace

void WriteObjectivesJson(JsonWriter& w, const ObjectivesSection& objectives) { WriteObjectives(w, objectives); }

namespace {

void WriteReport(JsonWriter& w, const Report& report) {
  w.BeginObject();
  WritePeriodJson(w, report.period);
  w.Key("currency").String(report.currency);
  WriteRecurrence(w, report.recurrence);
  WriteRevenue(w, report.revenue);
  WriteMargin(w, report.margin);
  WriteObjectives(w, report.objectives);
  w.EndObject();
  w.Raw("\n");
}

}  // namespace

std::string RenderJson(const Report& report, bool pretty) {
  JsonWriter w(pretty);
  WriteReport(w, report);
  return w.Take();
}

void RenderJson(const Report& report, bool pretty, const JsonWriter::Sink& sink) {
  JsonWriter w(pretty, sink);
  WriteReport(w, report);
  w.Flush();
}

}  // namespace agencykpi
