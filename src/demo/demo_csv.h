// Writes one CSV file of the demo agency the way a given tool exports it:
// a CRM's plain `,` / ISO dates, or French Excel's `;`, decimal comma, BOM,
// CRLF and DD/MM/YYYY. The whole file is built in memory and written in one
// call, which keeps a million-row file to a few hundred milliseconds.
// Not thread-safe; one writer per file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/exact.h"
#include "common/status.h"
#include "domain/catalogue.h"

namespace agencykpi::demo {

struct CsvStyle {
  char separator = ',';
  bool bom = false;              // UTF-8 byte order mark, as Excel writes it
  bool crlf = false;             // Windows line ends
  bool french_dates = false;     // DD/MM/YYYY instead of YYYY-MM-DD
  bool decimal_comma = false;    // only meaningful with separator ';'
  bool group_thousands = false;  // money as "4 200,00" with a no-break space
};

// The plain export of a CRM or a web tool.
constexpr CsvStyle kPlainStyle{};
// French Excel "CSV (séparateur: point-virgule)".
constexpr CsvStyle kFrenchExcelStyle{';', true, true, true, true, false};

class CsvWriter {
 public:
  CsvWriter(const CsvStyle& style, size_t expected_bytes);

  // The header line: the catalogue's columns of `table`, in its order,
  // separated by the style's separator.
  void Header(const TableDesc& table);

  // Cells of the current row, left to right. Each call adds a separator
  // before the cell, except the first of a row.
  void Text(std::string_view text);  // quoted when it holds a separator, quote or line break
  void Empty();
  void Integer(int64_t value);
  void Date(Day day);
  void Money(Cents cents);           // exactly two decimals
  void Hours(int quarter_hours);     // 7.5, 0.25, 8: hours in quarter hours
  void Decimal(int64_t hundredths);  // up to two decimals, trailing zeros dropped
  void EndRow();

  [[nodiscard]] int64_t RowCount() const { return rows_; }
  Status Save(const std::filesystem::path& path) const;

 private:
  void Separate();
  void DecimalMark();

  CsvStyle style_;
  std::string buffer_;
  bool row_started_ = false;
  int64_t rows_ = 0;
};

}  // namespace agencykpi::demo
