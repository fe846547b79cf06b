// PostgreSQL's COPY text format, one row per line: fields separated by tabs,
// "\N" for NULL, and backslash escapes for the characters that would break
// a row (backslash, tab, newline, carriage return). The PostgreSQL store
// writes its imports and reads its loads through it.
//
// Thread safety: free functions over caller-owned buffers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace agencykpi {

inline constexpr std::string_view kCopyNull = "\\N";
inline constexpr char kCopyDelimiter = '\t';

// Appends `text` escaped as one field.
void AppendCopyText(std::string& row, std::string_view text);
// Appends a field holding `value`.
void AppendCopyInteger(std::string& row, int64_t value);

// One row of COPY output, read field by field in one pass: each call takes
// the next field as an integer or as text, so integers are parsed as the
// row is scanned, with no list of fields in between.
class CopyRowCursor {
 public:
  enum class Field { kValue, kNull, kBad };  // kBad: not that kind, or no field left

  explicit CopyRowCursor(std::string_view row) : row_(row) {}
  // The next field as an integer: kBad for text that is not one.
  Field NextInteger(int64_t& out);
  // The next field as text, its escapes undone into `out`: kBad for a lone
  // backslash at its end.
  Field NextText(std::string& out);
  // Whether every field has been taken.
  [[nodiscard]] bool AtEnd() const { return done_; }

 private:
  std::string_view NextField();

  std::string_view row_;
  size_t at_ = 0;
  bool done_ = false;
};

// The integer of a field; nullopt for text that is not one.
std::optional<int64_t> CopyInteger(std::string_view field);

}  // namespace agencykpi
