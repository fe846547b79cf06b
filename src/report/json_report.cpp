#include "report/json_report.h"

#include "report/json_writer.h"
#include "report/rows.h"

namespace agencykpi {

void WritePeriodJson(JsonWriter& w, const ReportPeriod& p) {
  w.Key("period");
  WriteRowJson(w, p);
}

void WriteRecurrenceClientJson(JsonWriter& w, const RecurrenceClient& c) { WriteRowJson(w, c); }

void WriteRevenueClientJson(JsonWriter& w, const RevenueClient& c) { WriteRowJson(w, c); }

void WriteMissionMarginJson(JsonWriter& w, const MissionMargin& m) { WriteRowJson(w, m); }

void WriteObjectiveItemJson(JsonWriter& w, const ObjectiveItem& item) { WriteRowJson(w, item); }


// The report is a described row: its sections and their lists are its
// nested fields (report/rows.cpp).
std::string RenderJson(const Report& report, bool pretty) { return RenderRowJson(report, pretty); }

void RenderJson(const Report& report, bool pretty, const JsonWriter::Sink& sink) {
  RenderRowJson(report, pretty, sink);
}

}  // namespace agencykpi
