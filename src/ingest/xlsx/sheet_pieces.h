// A sheet's XML cut, as it is inflated, into pieces of whole rows that each
// parse on their own, so that two cores parse one sheet: expat reads about
// 45 MB of sheet XML a second on one core, and the sheet of a million time
// entries is 185 MB. Each piece is wrapped in the sheet's own
// <worksheet><sheetData> … </sheetData></worksheet> (the first piece keeps
// the document's start, the last its end), so its rows parse exactly as in
// the whole document: the DOCTYPE guard sees the real start, the depth is
// the same, a damaged piece is a damaged sheet.
//
// Rows are cut after a row's closing tag. A comment or a CDATA section
// holding "</row>" (which no producer writes in a sheet) would be cut in
// two: the sheet is then refused as damaged, never read wrong.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "ingest/messages.h"
#include "ingest/xlsx/zip_archive.h"

namespace agencykpi {

class SheetPieces {
 public:
  explicit SheetPieces(std::unique_ptr<ZipPart> part);

  // The next piece into `xml`, its first line being `line_offset` + 1 of
  // the part; false at the end, or on a damaged part or a limit (`error`).
  bool Next(std::string& xml, int64_t& line_offset, Message& error);
  [[nodiscard]] const ZipPart& part() const { return *part_; }

 private:
  // Reads at least `bytes` more into carry_; false on an error.
  bool Fill(size_t bytes, Message& error);
  // Finds the sheetData start tag in carry_: its prefix and the end of the
  // preamble. False while it is not there yet.
  bool FindSheetData();

  std::unique_ptr<ZipPart> part_;
  std::string carry_;      // inflated, not handed out yet
  bool at_end_ = false;    // the part is read
  bool first_ = true;      // the next piece is the first
  bool done_ = false;      // the last piece was handed out
  bool whole_ = false;     // no rows to cut (no or an empty sheetData): one piece
  size_t preamble_ = 0;    // in the first piece, bytes before the rows
  std::string open_;       // "<worksheet><sheetData>", prefixes as the sheet writes them
  std::string close_;      // "</sheetData></worksheet>"
  std::string row_end_;    // "</row>"
  int64_t lines_ = 0;      // line feeds handed out so far
};

}  // namespace agencykpi
