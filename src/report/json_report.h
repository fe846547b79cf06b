// The JSON report of SPEC §4. Money with two decimals, ratios unrounded
// (17 significant digits), null for undefined figures: never NaN or Infinity.
#pragma once

#include <string>

#include "kpi/report.h"
#include "report/json_writer.h"

namespace agencykpi {

std::string RenderJson(const Report& report, bool pretty = true);
// The same text, streamed to `sink` in pieces (bounded memory for large reports).
void RenderJson(const Report& report, bool pretty, const JsonWriter::Sink& sink);

// Pieces of the report, for answers built from parts of it (the API's pages).
void WritePeriodJson(JsonWriter& w, const ReportPeriod& period);  // writes the "period" key
void WriteRecurrenceClientJson(JsonWriter& w, const RecurrenceClient& client);
void WriteRevenueClientJson(JsonWriter& w, const RevenueClient& client);
void WriteMissionMarginJson(JsonWriter& w, const MissionMargin& mission);
void WriteObjectiveItemJson(JsonWriter& w, const ObjectiveItem& item);


}  // namespace agencykpi
