// A file's text read a piece at a time, for the fact tables: ten million
// time entries are about 400 MB of CSV, which must never be held whole (the
// import stays within its memory budget, docs/benchmarks.md). The text is
// decoded exactly as DecodeCsvText decodes the whole file: a UTF-8 BOM
// dropped, and Windows-1252 when the file as a whole is not valid UTF-8 —
// which takes one look at every byte before the first piece is handed out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "common/status.h"
#include "ingest/limits.h"

namespace agencykpi {

// Bytes of the file read per piece. More than kMaxRecordBytes, so a piece
// always holds the longest record a file may have (CsvReader's condition).
constexpr size_t kReadPieceBytes = 4 * kMaxRecordBytes;
static_assert(kReadPieceBytes > kMaxRecordBytes);

// A file opened for reading in pieces.
class FileBytes {
 public:
  virtual ~FileBytes() = default;
  [[nodiscard]] virtual uint64_t size() const = 0;
  // Reads up to out.size() bytes from `offset` into `out`; the count read,
  // fewer only at the end of the file. An Io status when it cannot be read.
  virtual Result<size_t> ReadAt(uint64_t offset, std::span<char> out) = 0;
};

// Serves bytes held in memory (an uploaded file, a test's text).
std::unique_ptr<FileBytes> BytesInMemory(std::string bytes);

// How a file's text is decoded, and how many records it may hold.
struct TextEncoding {
  size_t bom_bytes = 0;  // a UTF-8 BOM skipped at the start
  bool cp1252 = false;   // not valid UTF-8: read as Windows-1252
  // Line feeds before the file's last byte (the same in either encoding):
  // every record after the first starts after one, so at most that many
  // records follow the header.
  uint64_t line_starts = 0;
};

// Reads the whole file once, a piece at a time, to decide its encoding and
// count its line starts.
Result<TextEncoding> DetectEncoding(FileBytes& file);

// The decoded text of a file, one piece at a time:
//
//   ChunkedText chunks(file, encoding);
//   Status status = chunks.Start();
//   ... read chunks.text(); when a record goes past its end:
//   status = chunks.Advance(offset_of_that_record);
class ChunkedText {
 public:
  ChunkedText(FileBytes& file, TextEncoding encoding);

  // Reads the first piece.
  Status Start() { return Advance(0); }
  // Keeps text() from `from` on and appends the next piece of the file: at
  // least kReadPieceBytes, and at least as many bytes as are kept, so a
  // record spread over many pieces is still read in linear time.
  Status Advance(size_t from);

  [[nodiscard]] std::string_view text() const { return text_; }
  // text() ends where the file ends.
  [[nodiscard]] bool at_end() const { return next_byte_ >= file_.size(); }
  // Offset of text()[0] in the whole decoded text.
  [[nodiscard]] uint64_t offset() const { return offset_; }
  [[nodiscard]] uint64_t file_size() const { return file_.size(); }
  // The most records the file may hold after its header (TextEncoding::line_starts).
  [[nodiscard]] uint64_t max_records_after_header() const { return encoding_.line_starts; }

 private:
  FileBytes& file_;
  TextEncoding encoding_;
  uint64_t next_byte_;  // first byte of the file not read yet
  uint64_t offset_ = 0;
  std::string text_;
  std::string raw_;  // a Windows-1252 piece before conversion
};

}  // namespace agencykpi
