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

Status CopyRowReader::Read(std::string_view row) {
  // One pass over the row: cut at tabs, note the fields with an escape. The
  // escaped ones are undone after, once unescaped_ has its final size (the
  // views point into its strings).
  fields_.clear();
  escaped_.clear();
  size_t start = 0;
  bool has_escape = false;
  const auto cut = [&](size_t end) {
    const std::string_view field = row.substr(start, end - start);
    if (field == kCopyNull) {
      fields_.emplace_back(std::nullopt);
    } else {
      if (has_escape) escaped_.push_back(fields_.size());
      fields_.emplace_back(field);
    }
    start = end + 1;
    has_escape = false;
  };
  for (size_t i = 0; i < row.size(); ++i) {
    if (row[i] == kCopyDelimiter) {
      cut(i);
    } else if (row[i] == '\\') {
      has_escape = true;
    }
  }
  cut(row.size());
  if (unescaped_.size() < escaped_.size()) unescaped_.resize(escaped_.size());
  for (size_t k = 0; k < escaped_.size(); ++k) {
    std::optional<std::string_view>& field = fields_[escaped_[k]];
    Status status = Unescape(*field, unescaped_[k]);
    if (!status.ok()) return status;
    field = std::string_view(unescaped_[k]);
  }
  return Status::Ok();
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
