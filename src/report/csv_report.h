// One section's list of a report as a CSV file for spreadsheets
// (`report --format csv --section NAME`).
//
// Dialect, chosen so the file opens cleanly in Excel by double-click:
//   French   `;` between fields, decimal comma: what Excel expects in a
//            French locale;
//   English  `,` between fields, decimal point.
//   Both     UTF-8 with a byte order mark (without it Excel reads UTF-8 as
//            the ANSI code page and breaks accented names), CRLF line ends,
//            RFC 4180 quoting: a field holding the separator, a quote, CR or
//            LF is quoted and its quotes doubled.
// Scripts should read the JSON output instead.
//
// Rows: first a title row (the section, the period and the as-of day), then
// the header line, one column per field of the section's list in SPEC order,
// titled by its words in the CSV's language ("Taux de marge complet");
// cost_by_activity and expenses_by_category become one column per key
// ("Coût (field)" … "Frais (other)"); flags and ending_contracts are joined
// with `|`.
// Values: statuses, flags, classes and aggregations as their SPEC names (not
// translated, so a spreadsheet filter reads the same in both languages);
// money as plain euros with two decimals, no currency or grouping
// (`-1234,56`); hours with two decimals; ratios as percentages to 0.01 %
// (`21,5%`, which spreadsheets read as 0.215), the few that are not shares
// as numbers (index vs average, revenue per hour: two places; complexity:
// one); objective quantities exact; an undefined figure is an empty field.
// Text fields starting with = + - @ get a leading `'` so Excel does not run
// them as formulas (names come from the agency's files).
// RenderRowsCsv writes the plain form: no title row, SPEC keys as the
// header, ratios unrounded (the shortest text that reads back to the same
// double, never with an exponent).
// Pure and thread-safe.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "kpi/report.h"
#include "report/locale_format.h"
#include "report/section.h"

namespace agencykpi {

// The CSV text of `section`'s list; InvalidInput for a Section value out of
// the enum's range.
Result<std::string> RenderCsv(const Report& report, Section section, Language language);

// The CSV text of one list of rows described in report/rows.h, in the same
// dialect (instantiated for the brand review's stores, ReviewStore).
template <typename Row>
std::string RenderRowsCsv(const std::vector<Row>& rows, Language language);

}  // namespace agencykpi
