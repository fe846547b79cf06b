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
#include <vector>

#include "common/status.h"

namespace agencykpi {

inline constexpr std::string_view kCopyNull = "\\N";
inline constexpr char kCopyDelimiter = '\t';

// Appends `text` escaped as one field.
void AppendCopyText(std::string& row, std::string_view text);
// Appends a field holding `value`.
void AppendCopyInteger(std::string& row, int64_t value);

// One row of COPY output cut into fields; a NULL field is nullopt. Views
// point into `row` or, for an escaped field, into `scratch` storage kept
// by the caller until the next call.
class CopyRowReader {
 public:
  // The fields of `row`; kInternal when it is not COPY text (a lone
  // backslash at the end).
  Status Read(std::string_view row);
  [[nodiscard]] size_t size() const { return fields_.size(); }
  [[nodiscard]] const std::optional<std::string_view>& operator[](size_t i) const { return fields_[i]; }

 private:
  std::vector<std::optional<std::string_view>> fields_;
  std::vector<size_t> escaped_;         // the fields of the row that hold an escape
  std::vector<std::string> unescaped_;  // one per escaped field of the row
};

// The integer of a field; nullopt for text that is not one.
std::optional<int64_t> CopyInteger(std::string_view field);

}  // namespace agencykpi
