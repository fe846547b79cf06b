// Workbooks built part by part for the XLSX reader's tests: the XML of each
// part as a producer would write it, zipped by libzip in memory.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace agencykpi::testing {

// The zip of `parts` (name → bytes); `level` 0 stores them, else deflates.
std::string ZipOf(const std::map<std::string, std::string>& parts, bool deflate = true);

// A cell of a row: its reference-less XML inside <c>, e.g. `t="s"><v>0</v>`.
struct SheetSpec {
  std::string name;
  std::string rows_xml;  // the <row> elements of <sheetData>
};

// The parts of a workbook of `sheets`, with `shared_strings` (each an <si>
// body, e.g. `<t>abc</t>`), the custom number formats `formats` (id → code)
// and the cell styles `styles` (each a numFmtId); `date1904` sets the
// workbook's date system.
std::map<std::string, std::string> WorkbookParts(const std::vector<SheetSpec>& sheets,
                                                 const std::vector<std::string>& shared_strings = {},
                                                 const std::map<int, std::string>& formats = {},
                                                 const std::vector<int>& styles = {0}, bool date1904 = false);

// A <row> of inline-string and number cells from plain values: a value
// starting with '#' is a number ("#12.5"), else text.
std::string Row(int64_t number, const std::vector<std::string>& values);

}  // namespace agencykpi::testing
