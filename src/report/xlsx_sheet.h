// What the workbooks (the brand review's pack, review_xlsx.h, and the
// report's, report_xlsx.h) share over libxlsxwriter: typed cells, the
// number formats, a list sheet with a frozen and filtered header row, and
// the workbook's bytes through a private temporary file.
//
// Formats: money `#,##0.00 "€"` (Excel shows `# ##0,00 €` in a French
// locale), percent `0.0%`, integers `#,##0`, decimals `#,##0.##` or with a
// fixed number of places, dates `dd/mm/yyyy` (French) or `yyyy-mm-dd`.
// Numbers are written as numbers: a cell's value is the figure itself
// (euros, hours, the unrounded ratio), the format only shows it.
#pragma once

#include <xlsxwriter.h>

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "kpi/report.h"
#include "report/locale_format.h"

namespace agencykpi {

// A cell of a sheet: a number in one of the formats, text, a date, a
// boolean, or blank (an undefined figure).
struct XlsxCell {
  enum class Kind { kBlank, kText, kInteger, kMoney, kPercent, kDecimal, kDate, kBoolean };
  Kind kind = Kind::kBlank;
  double number = 0;
  std::string text;
  int places = -1;  // kDecimal: fixed decimal places; -1: up to two, as needed
};

namespace xlsx {
XlsxCell Blank();
XlsxCell Text(std::string_view text);
XlsxCell TextOrBlank(std::string_view text);
XlsxCell Integer(int64_t value);
XlsxCell Integer(std::optional<int64_t> value);
XlsxCell Money(Cents cents);
// Hundredths (of an hour): a number with two places.
XlsxCell Hundredths(int64_t hundredths);
XlsxCell Percent(Ratio ratio);
XlsxCell Decimal(Ratio value, int places = -1);
XlsxCell Quantity(std::optional<Micros> micros);
XlsxCell Date(Day day);
XlsxCell Boolean(bool value);
}  // namespace xlsx

// The formats of one workbook, made once when it is opened.
class XlsxFormats {
 public:
  XlsxFormats(lxw_workbook* workbook, Language language);

  // Writes `cell` at (row, col) in its format.
  void Put(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const XlsxCell& cell) const;

  [[nodiscard]] lxw_format* header() const { return header_; }
  [[nodiscard]] lxw_format* title() const { return title_; }

 private:
  static constexpr size_t kMaxPlaces = 6;  // decimals with fixed places: 0 to 6
  lxw_format* money_;
  lxw_format* percent_;
  lxw_format* decimal_;
  std::array<lxw_format*, kMaxPlaces + 1> fixed_{};
  lxw_format* integer_;
  lxw_format* date_;
  lxw_format* header_;
  lxw_format* title_;
};

// Excel's limit on a sheet name's length, in characters.
constexpr size_t kMaxSheetNameChars = LXW_SHEETNAME_MAX;

// A sheet holding one list, written row after row (the rows are not kept):
// the headers in row 0, frozen and filtered, one row per item below; each
// column as wide as its longest text, within bounds. `name` is at most
// kMaxSheetNameChars characters.
class XlsxListSheet {
 public:
  XlsxListSheet(lxw_workbook* workbook, const XlsxFormats& formats, std::string_view name,
                const std::vector<std::string>& headers);
  XlsxListSheet(const XlsxListSheet&) = delete;
  XlsxListSheet& operator=(const XlsxListSheet&) = delete;

  // The next row; cells past the headers are dropped.
  void Add(const std::vector<XlsxCell>& cells);
  // Sets the widths and the filter over the rows added.
  void Finish();

 private:
  lxw_worksheet* sheet_;
  const XlsxFormats& formats_;
  std::vector<size_t> widths_;  // characters, per column
  lxw_row_t rows_ = 0;
};

// A whole list sheet at once.
void WriteListSheet(lxw_workbook* workbook, const XlsxFormats& formats, std::string_view name,
                    const std::vector<std::string>& headers, const std::vector<std::vector<XlsxCell>>& rows);

// Rows a sheet holds below its header row.
constexpr size_t kMaxSheetRows = LXW_ROW_MAX - 1;

// The title and subject of a workbook, and its creation date — a day of the
// data (the as-of date), so the same figures give the same file.
struct XlsxProperties {
  std::string title;
  std::string subject;
  Day created = 0;
  // Rows go to disk as they are written (inline strings, rows in order):
  // memory stays flat however long the lists are.
  bool constant_memory = false;
};

// Opens a workbook at `path` (replaced if it exists), has `fill` add its
// sheets, and closes it. Io naming the path when libxlsxwriter cannot write
// it; a failed write may leave a partial file behind, so callers write to a
// temporary name and rename.
Status WriteWorkbook(const std::string& path, const XlsxProperties& properties,
                     const std::function<void(lxw_workbook*)>& fill);

// The bytes of the workbook `write` writes to the path it is given: a
// private temporary file (libxlsxwriter writes files, not streams), read
// back and removed whatever happens. Internal when that fails.
Result<std::string> WorkbookBytes(const std::function<Status(const std::string& path)>& write);

}  // namespace agencykpi
