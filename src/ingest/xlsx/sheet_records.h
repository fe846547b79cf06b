// The rows of one sheet as records (SPEC §1.4), parsed ahead of need: the
// part is inflated and cut into pieces of whole rows (sheet_pieces.h),
// which two threads parse while the reader takes the rows of the pieces
// already parsed, in order; at most kPiecesAhead pieces are held, so memory
// stays a few pieces' worth whatever the sheet's size.
// A cell becomes the text a CSV field would hold: shared and inline strings
// as written, a number in decimal ("1234.5"), a date cell as ISO
// "2026-03-01", a time cell as its hours ("7.5"), a boolean as 1 or 0, a
// formula as its cached value; an error cell, an impossible date and a
// damaged cell make the row's error, naming the cell.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ingest/record_source.h"
#include "ingest/xlsx/zip_archive.h"

namespace agencykpi {

class Workbook;

class SheetRecords final : public RecordSource {
 public:
  SheetRecords(std::shared_ptr<const Workbook> book, std::unique_ptr<ZipArchive> zip, std::unique_ptr<ZipPart> part);
  ~SheetRecords() override;
  SheetRecords(const SheetRecords&) = delete;
  SheetRecords& operator=(const SheetRecords&) = delete;

  bool Next() override;
  [[nodiscard]] const std::vector<std::string_view>& fields() const override { return fields_; }
  [[nodiscard]] int64_t line() const override;
  [[nodiscard]] bool blank() const override;
  [[nodiscard]] const Message& error_message() const override;
  [[nodiscard]] size_t error_field() const override;
  [[nodiscard]] const Message& failure() const override { return failure_; }
  // Text cells may hold numbers in French form ("1 234,50").
  [[nodiscard]] bool decimal_comma() const override { return true; }
  [[nodiscard]] bool may_hold_nul() const override { return true; }
  [[nodiscard]] uint64_t bytes_done() const override;
  [[nodiscard]] std::string Place(size_t field) const override;

  // One row of a batch: its fields are the batch's ends[first_end, first_end + fields).
  struct Row {
    int64_t number = 0;  // as the row says (r="12"); 0 when it does not: the one after the last
    uint32_t text_begin = 0;  // where its text starts in the batch's
    uint32_t first_end = 0;
    uint32_t fields = 0;
    Message error;
    size_t error_field = 0;
  };
  // The rows of one piece of the sheet (sheet_pieces.h), parsed: their
  // cells' texts one after the other in one buffer (no allocation per row).
  struct Batch {
    std::string text;
    std::vector<uint32_t> ends;  // a field ends there in text
    std::vector<Row> rows;
    uint64_t cells = 0;
    Message error;  // the piece could not be read or parsed: the sheet stops there
    bool end = false;  // no piece after this one
  };

 private:
  class Parser;
  class Workers;

  std::shared_ptr<const Workbook> book_;
  std::unique_ptr<ZipArchive> zip_;
  std::unique_ptr<Workers> workers_;  // parse the pieces ahead, on their threads
  Batch batch_;          // the piece being handed out, from rows_[next_]
  size_t next_ = 0;
  bool ended_ = false;
  int64_t last_row_ = 0;
  uint64_t cells_ = 0;
  const Row* current_ = nullptr;
  bool header_seen_ = false;
  std::vector<std::string_view> fields_;
  Message failure_;
};

}  // namespace agencykpi
