// The records of a CSV file (SPEC §1.1), whole or read in pieces, as a
// RecordSource: the separator detected on the header, a piece of the file
// read whenever a record goes past the end of the one held.
#pragma once

#include <cstdint>
#include <string_view>

#include "ingest/chunked_text.h"
#include "ingest/csv_reader.h"
#include "ingest/record_source.h"

namespace agencykpi {

class CsvRecords final : public RecordSource {
 public:
  // The whole decoded text, which must outlive the records.
  explicit CsvRecords(std::string_view text);
  // A text read in pieces: `chunks` has its first piece and outlives the records.
  explicit CsvRecords(ChunkedText& chunks);
  // A file's bytes, held by the records: decoded as DecodeCsvText does.
  static std::unique_ptr<CsvRecords> OfBytes(std::string bytes);

  bool Next() override;
  [[nodiscard]] const std::vector<std::string_view>& fields() const override { return reader_.fields(); }
  [[nodiscard]] int64_t line() const override { return reader_.line(); }
  [[nodiscard]] bool blank() const override { return reader_.blank(); }
  [[nodiscard]] const Message& error_message() const override { return reader_.error_message(); }
  [[nodiscard]] size_t error_field() const override { return reader_.error_field(); }
  [[nodiscard]] const Message& failure() const override { return failure_; }
  // A `;` file is a French export: `,` is a decimal mark there.
  [[nodiscard]] bool decimal_comma() const override { return reader_.separator() == ';'; }
  [[nodiscard]] bool may_hold_nul() const override { return has_nul_; }
  [[nodiscard]] uint64_t bytes_done() const override {
    return (chunks_ == nullptr ? 0 : chunks_->offset()) + reader_.offset();
  }
  [[nodiscard]] uint64_t max_records() const override {
    return chunks_ == nullptr ? 0 : chunks_->max_records_after_header();
  }

 private:
  struct Owned {
    std::string bytes;
    std::string converted;
  };
  CsvRecords(std::unique_ptr<Owned> owned, std::string_view text);
  void NotePiece(std::string_view text);

  std::unique_ptr<Owned> owned_;   // the text, when the records hold it
  ChunkedText* chunks_ = nullptr;  // when read in pieces
  CsvReader reader_;
  bool has_nul_ = false;  // a NUL byte in a piece seen so far
  Message failure_;
};

}  // namespace agencykpi
