#include "store/postgres/copy_text.h"

#include <algorithm>
#include <charconv>

namespace agencykpi {
namespace {

constexpr int kOctalDigits = 3;
constexpr int kHexDigits = 2;

int DigitValue(char c, int base) {
  int value = -1;
  if (c >= '0' && c <= '9') value = c - '0';
  if (c >= 'a' && c <= 'f') value = c - 'a' + 10;
  if (c >= 'A' && c <= 'F') value = c - 'A' + 10;
  return value < base ? value : -1;
}

// Undoes the escapes of one field (PostgreSQL's rules: \b \f \n \r \t \v,
// \ooo octal, \xhh hex, any other character stands for itself).
Status Unescape(std::string_view field, std::string& out) {
  out.clear();
  for (size_t i = 0; i < field.size(); ++i) {
    if (field[i] != '\\') {
      out += field[i];
      continue;
    }
    if (++i == field.size()) return Status::Internal("a COPY field ends with a backslash");
    const char c = field[i];
    switch (c) {
      case 'b': out += '\b'; continue;
      case 'f': out += '\f'; continue;
      case 'n': out += '\n'; continue;
      case 'r': out += '\r'; continue;
      case 't': out += '\t'; continue;
      case 'v': out += '\v'; continue;
      default: break;
    }
    const bool hex = c == 'x' && i + 1 < field.size() && DigitValue(field[i + 1], 16) >= 0;
    if (hex || DigitValue(c, 8) >= 0) {
      const int base = hex ? 16 : 8;
      const int max_digits = hex ? kHexDigits : kOctalDigits;
      if (hex) ++i;
      int value = 0;
      int digits = 0;
      for (; digits < max_digits && i < field.size() && DigitValue(field[i], base) >= 0; ++digits, ++i) {
        value = value * base + DigitValue(field[i], base);
      }
      --i;
      out += static_cast<char>(value & 0xFF);
      continue;
    }
    out += c;
  }
  return Status::Ok();
}

}  // namespace

void AppendCopyText(std::string& row, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '\\': row += "\\\\"; break;
      case '\t': row += "\\t"; break;
      case '\n': row += "\\n"; break;
      case '\r': row += "\\r"; break;
      default: row += c;
    }
  }
}

void AppendCopyInteger(std::string& row, int64_t value) {
  char digits[24];
  const auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
  (void)error;  // 24 characters hold any int64
  row.append(digits, end);
}

std::string_view CopyRowCursor::NextField() {
  const size_t tab = row_.find(kCopyDelimiter, at_);
  const size_t end = tab == std::string_view::npos ? row_.size() : tab;
  const std::string_view field = row_.substr(at_, end - at_);
  done_ = tab == std::string_view::npos;
  at_ = end + 1;
  return field;
}

CopyRowCursor::Field CopyRowCursor::NextInteger(int64_t& out) {
  if (done_) return Field::kBad;
  // Digits accumulated as the field is scanned; anything else sends the
  // field to the careful path (NULL, a sign, too many digits, text).
  constexpr size_t kSafeDigits = 18;  // cannot overflow an int64
  int64_t value = 0;
  size_t i = at_;
  for (; i < row_.size() && i - at_ < kSafeDigits; ++i) {
    const char c = row_[i];
    if (c < '0' || c > '9') break;
    value = value * 10 + (c - '0');
  }
  if (i > at_ && (i == row_.size() || row_[i] == kCopyDelimiter)) {
    done_ = i == row_.size();
    at_ = i + 1;
    out = value;
    return Field::kValue;
  }
  const std::string_view field = NextField();
  if (field == kCopyNull) return Field::kNull;
  const auto number = CopyInteger(field);
  if (!number) return Field::kBad;
  out = *number;
  return Field::kValue;
}

CopyRowCursor::Field CopyRowCursor::NextText(std::string& out) {
  if (done_) return Field::kBad;
  const std::string_view field = NextField();
  if (field == kCopyNull) return Field::kNull;
  if (field.find('\\') == std::string_view::npos) {
    out.assign(field.data(), field.size());
    return Field::kValue;
  }
  return Unescape(field, out).ok() ? Field::kValue : Field::kBad;
}

std::optional<int64_t> CopyInteger(std::string_view field) {
  // The common case by hand: up to 18 digits cannot overflow an int64.
  constexpr size_t kSafeDigits = 18;
  const bool negative = !field.empty() && field[0] == '-';
  const std::string_view digits = field.substr(negative ? 1 : 0);
  if (!digits.empty() && digits.size() <= kSafeDigits) {
    int64_t value = 0;
    for (const char c : digits) {
      if (c < '0' || c > '9') return std::nullopt;
      value = value * 10 + (c - '0');
    }
    return negative ? -value : value;
  }
  int64_t value = 0;
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (error != std::errc() || end != field.data() + field.size()) return std::nullopt;
  return value;
}

}  // namespace agencykpi
