// The report as aligned text tables for people (`report --format table`).
//
// Layout: a header with the period, the as-of date and the previous period;
// then, for each KPI section (or only the one asked for), a title in the
// chosen language, the headline figures, and a table of the section's whole
// list (every row, however long). Numbers are right-aligned, text is
// left-aligned; widths count UTF-8 code points, so accented names line up
// in a terminal (characters that take two terminal cells, such as CJK, are
// not measured as such). Control characters in names are replaced by '?',
// so data cannot send escape sequences to the terminal.
//
// With `color`, statuses and flags are wrapped in ANSI SGR codes (red for
// loss / lost / missed / behind, yellow for low margin / eroding / pending,
// green for met / spontaneous / on track) and titles are bold. The caller
// turns color on only when stdout is a terminal. Pure and thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kpi/report.h"
#include "report/locale_format.h"
#include "report/section.h"

namespace agencykpi {

struct TableOptions {
  Language language = Language::kEnglish;
  bool color = false;
  std::optional<Section> section;  // nullopt: all four sections
};

// The whole text, ending with a newline.
std::string RenderTable(const Report& report, const TableOptions& options);

// The pieces of the report's layout, for other documents set out like it
// (the brand review, report/review_table.h): titles, figure lists and row
// lists (rows of report/rows.h), appended in call order.
class TableDocument {
 public:
  explicit TableDocument(const TableOptions& options);
  void Title(std::string_view title);  // one blank line, the title, its rule and a blank line
  void Line(std::string_view text);    // one line as it is
  void Figures(const std::vector<std::pair<std::string_view, std::string>>& figures);
  // The report's objectives section: its title, totals and items.
  void Objectives(const ObjectivesSection& objectives);
  // Every row, one column per labelled field; `none` when there is no row.
  template <typename Row>
  void Rows(const std::vector<Row>& rows, std::string_view none);
  [[nodiscard]] std::string Take() { return std::move(out_); }

 private:
  void StartPart();
  TableOptions options_;
  std::string out_;
};

// Number of UTF-8 code points in `text` (continuation bytes are not counted).
size_t DisplayWidth(std::string_view text);

}  // namespace agencykpi
