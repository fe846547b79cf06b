// Limits of the import, in one place (docs/security.md lists them). Each
// one keeps a hostile or broken file from costing more than a small multiple
// of its size in memory or more than linear time, while leaving real agency
// exports (ten million time entries, a few hundred columns) far inside.
#pragma once

#include <cstddef>

namespace agencykpi {

// Longest record (one row, quoted line breaks included): real rows are a few
// hundred bytes; past this a quote left open is swallowing the file.
constexpr size_t kMaxRecordBytes = 1024 * 1024;
// Longest value of one field: names and ids are short; a longer one is not data.
constexpr size_t kMaxFieldBytes = 64 * 1024;
// Most columns in a header: a table has at most 8 known columns, Excel
// exports add a few dozen; more is not an agency table.
constexpr size_t kMaxColumns = 1024;
// Most data rows in one file: 10 million time entries must pass; row ids
// stay far inside RowId (int32).
constexpr size_t kMaxRowsPerFile = 50'000'000;
// Errors and warnings kept with their text (each list); the others are only counted.
constexpr size_t kMaxReportedDiagnostics = 1000;
// Longest value (in characters) quoted in a message; longer ones are cut
// on a character boundary and end with "…", so a message stays short
// whatever the file holds.
constexpr size_t kMaxEchoedValueChars = 80;
// Rows read between two looks at the cancel token (cheap: one atomic load).
constexpr size_t kCancelCheckRows = 64 * 1024;

// Workbooks (XLSX). A sheet is read as a stream, part by part, never held
// whole: these bound what a hostile zip or XML can cost.
// Entries of the zip: a workbook of a few dozen sheets has about a hundred.
constexpr size_t kMaxWorkbookEntries = 10'000;
// Uncompressed bytes of one sheet: a full Excel sheet (1 048 576 rows) of a
// few dozen columns is under it.
constexpr uint64_t kMaxSheetPartBytes = 4ULL * 1024 * 1024 * 1024;
// Uncompressed bytes of every other part read (workbook, relations,
// styles, shared strings, which are held in memory).
constexpr uint64_t kMaxWorkbookPartBytes = 512ULL * 1024 * 1024;
// Uncompressed bytes per compressed byte, past kWorkbookRatioFloorBytes: a
// sheet's XML compresses 10 to 50 times, a zip bomb thousands of times.
constexpr uint64_t kMaxWorkbookCompressionRatio = 500;
constexpr uint64_t kWorkbookRatioFloorBytes = 16ULL * 1024 * 1024;
// Nesting of XML elements: a sheet needs 6 levels, rich text 5.
constexpr size_t kMaxXmlDepth = 64;
// Cells of one sheet (empty ones given by the file included).
constexpr uint64_t kMaxSheetCells = 200'000'000;
// Sheets of one workbook and styles of cells (Excel's own limit is 64 000).
constexpr size_t kMaxWorkbookSheets = 1000;
constexpr size_t kMaxCellStyles = 65'536;

}  // namespace agencykpi
