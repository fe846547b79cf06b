// CSV reading for French Excel exports (SPEC §1.1): text decoding (BOM,
// Windows-1252 fallback), separator detection and an RFC 4180 record reader
// that knows the physical line where each record starts.
//
// The reader works on a string_view holding the whole file, or a piece of it
// at a time (see Continue), and hands out fields as string_views into it;
// only quoted fields holding a doubled quote are copied (into buffers the
// reader reuses). Nothing here allocates per record once the buffers have
// grown to the widest record.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/messages.h"

namespace agencykpi {

// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or
// code points above U+10FFFF).
bool IsValidUtf8(std::string_view text);

// Converts Windows-1252 bytes to UTF-8. Every byte maps to a character: the
// five bytes cp1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) map to the C1
// controls of the same value, as browsers do.
std::string Cp1252ToUtf8(std::string_view bytes);

// Bytes LooksLikeUtf16 looks at to tell UTF-16 without a byte order mark.
constexpr size_t kUtf16SniffBytes = 512;

// True when `raw` looks like UTF-16 (what Excel's "Unicode text" and some
// exports write): a UTF-16 byte order mark (FF FE or FE FF), or a NUL byte
// at most places of one parity among the first bytes. Such a file must be
// refused with a hint, not read as garbled Windows-1252.
bool LooksLikeUtf16(std::string_view raw);

// The file's text as UTF-8: a leading UTF-8 BOM removed, then, when the rest
// is not valid UTF-8, converted from Windows-1252 into `storage`. The result
// points into `raw` or into `storage`, which must both outlive it.
std::string_view DecodeCsvText(std::string_view raw, std::string& storage);

// `;` or `,`: the one of the two that occurs outside quotes on the first
// line (the header); `;` when both do, `,` when neither does. Looks at most
// kMaxRecordBytes (limits.h) into the text.
char DetectSeparator(std::string_view text);

// Removes U+0020, tab, U+00A0 and U+202F from both ends.
std::string_view TrimValue(std::string_view value);

// Reads records one by one:
//
//   CsvReader reader(text, ';');
//   while (reader.Next()) {
//     if (reader.has_error()) { ... reader.error() ... continue; }
//     for (std::string_view field : reader.fields()) ...
//   }
//
// A record ends at an LF or CRLF outside quotes, or at the end of the text.
// Quoted fields may hold separators, doubled quotes and line breaks. A quote
// inside an unquoted field is an ordinary character. Malformed quoting (text
// other than spaces after a closing quote, a quote left open at the end of
// the text) still yields the record, with has_error() set; after an open
// quote the text ends. Limits (limits.h): a field longer than kMaxFieldBytes,
// a record longer than kMaxRecordBytes or of more than kMaxColumns fields is
// yielded with has_error() set (an overlong record is skipped to its line
// end, its fields cut short); a quote still open kMaxRecordBytes after the record's start ends
// the text like a quote open at the end, so neither time nor memory grows
// past one record's worth per record. Not thread-safe; `text` must outlive the reader and
// the fields it hands out, which stay valid until the next call to Next().
//
// Read in pieces: with `more_follows` the text is a piece of the file that
// more text follows. A record that reaches the end of the piece without its
// line break is not yielded: Next() returns false with needs_more() set,
// and Continue() gives the text again from offset() (the start of that
// record) with the next bytes after it. The records, their fields, lines and
// errors are then exactly those of the whole text, provided each piece holds
// more than kMaxRecordBytes after offset() or ends with the file.
class CsvReader {
 public:
  CsvReader(std::string_view text, char separator, bool more_follows = false);

  // Moves to the next record; false at the end of the text, or of the piece
  // (needs_more()).
  bool Next();
  // The piece ended inside a record (or before one): call Continue.
  [[nodiscard]] bool needs_more() const { return needs_more_; }
  // Goes on with `text`, which holds the previous piece's text from offset()
  // followed by the next bytes of the file; offsets count from its start.
  void Continue(std::string_view text, bool more_follows);

  // Fields of the current record, untrimmed (a quoted field without its
  // quotes, doubled quotes undone).
  [[nodiscard]] const std::vector<std::string_view>& fields() const { return fields_; }
  // Physical line where the current record starts (first line = 1).
  [[nodiscard]] int64_t line() const { return record_line_; }
  // True when the record has no quote and every field is empty once trimmed.
  [[nodiscard]] bool blank() const;
  // Malformed quoting in the current record: a message and the index of the
  // field where it was found.
  [[nodiscard]] bool has_error() const { return !error_.empty(); }
  [[nodiscard]] const Message& error_message() const { return error_; }
  // The message in English.
  [[nodiscard]] std::string error() const { return error_.Render(); }
  [[nodiscard]] size_t error_field() const { return error_field_; }
  // Bytes of the text consumed so far (the start of the record to read
  // again when needs_more()).
  [[nodiscard]] size_t offset() const { return pos_; }
  [[nodiscard]] char separator() const { return separator_; }

 private:
  // Reads one field starting at pos_; returns true when the record goes on.
  bool ReadUnquoted();
  bool ReadQuoted();
  // Consumes a line break at pos_ (LF or CRLF) if there is one.
  bool AtLineEnd() const;
  void SkipLineEnd();
  // Moves pos_ to the next LF (or the end of the text), ignoring quotes.
  void SkipToLineEnd();
  // Records the first malformation of the record.
  void SetError(Message message, size_t field);

  std::string_view text_;
  char separator_;
  bool more_follows_;
  bool needs_more_ = false;
  bool stopped_ = false;  // a quote ran over kMaxRecordBytes: the rest is not read
  size_t pos_ = 0;
  int64_t next_line_ = 1;  // physical line of the byte at pos_
  int64_t record_line_ = 0;
  size_t record_start_ = 0;  // offset of the current record
  bool record_has_quote_ = false;
  std::vector<std::string_view> fields_;
  // One buffer per field index for fields with doubled quotes; a deque so
  // growing it never moves the buffers fields_ points into.
  std::deque<std::string> unescaped_;
  Message error_;
  size_t error_field_ = 0;
};

}  // namespace agencykpi
