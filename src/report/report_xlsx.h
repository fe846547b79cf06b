// The report (SPEC §4 and §6) as one workbook for spreadsheets
// (`report --format xlsx --out FILE`, GET /api/v1/report.xlsx): a Summary
// sheet of the period and each section's headline figures, then one sheet
// per section's list — Recurrence, Clients, Missions, Objectives, Team,
// Renewals — with a column per field of the row's description (rows.h), in
// SPEC order, titled as the CSV export titles them.
//
// Cells: money in euros with a euro format, hours with two places, ratios
// unrounded with a percent format (the few that are not shares as numbers
// with the description's places), objective quantities exact, dates as
// date cells, booleans as booleans; statuses, classes and aggregations as
// their SPEC names, flags and contract lists joined with `|` (as in the
// CSV); an undefined figure is an empty cell. Header rows frozen and
// filtered; sheet names and headers in French or English.
//
// Deterministic: the workbook's creation date is the as-of date.
// Thread-safe (libxlsxwriter keeps no global state).
#pragma once

#include <optional>
#include <string>

#include "common/status.h"
#include "kpi/report.h"
#include "report/locale_format.h"
#include "report/section.h"

namespace agencykpi {

struct ReportXlsxOptions {
  Language language = Language::kFrench;
  // One section's sheet (after the Summary) instead of all six.
  std::optional<Section> section;
};

// Writes the workbook to `path` (replaced if it exists). InvalidInput when a
// list has more rows than a sheet holds; Io naming the path when it cannot be
// written — a failed write may leave a partial file, so callers write to a
// temporary name and rename.
Status WriteReportXlsx(const Report& report, const ReportXlsxOptions& options, const std::string& path);

// The workbook's bytes (through a private temporary file).
Result<std::string> RenderReportXlsx(const Report& report, const ReportXlsxOptions& options);

}  // namespace agencykpi
