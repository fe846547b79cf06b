#include "ingest/source_values.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <optional>

#include "common/date.h"
#include "ingest/csv_reader.h"

namespace agencykpi {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

int ToInt(std::string_view digits) {
  int value = 0;
  for (const char c : digits) value = value * 10 + (c - '0');
  return value;
}

// "08:30" or "08:30:00" (hours of one or two digits).
bool IsTime(std::string_view text) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || !AllDigits(text.substr(0, colon))) return false;
  std::string_view rest = text.substr(colon + 1);
  if (rest.size() == 2) return AllDigits(rest);
  return rest.size() == 5 && AllDigits(rest.substr(0, 2)) && rest[2] == ':' && AllDigits(rest.substr(3));
}

// The date part of a date followed by a time; the text itself otherwise.
std::string_view WithoutTime(std::string_view text) {
  const size_t cut = text.find_first_of(" T");
  if (cut == std::string_view::npos) return text;
  std::string_view time = TrimValue(text.substr(cut + 1));
  return IsTime(time) ? text.substr(0, cut) : text;
}

// The length of a space used between groups of digits at `pos` (U+0020,
// U+00A0, U+202F), or 0.
size_t SpaceAt(std::string_view text, size_t pos) {
  if (text.compare(pos, 1, " ") == 0) return 1;
  if (text.compare(pos, 2, "\xC2\xA0") == 0) return 2;
  if (text.compare(pos, 3, "\xE2\x80\xAF") == 0) return 3;
  return 0;
}

}  // namespace

bool RewriteDate(std::string_view text, DateOrder order, std::string& out) {
  if (order == DateOrder::kAsRead) return false;
  const std::string_view date = WithoutTime(TrimValue(text));
  const size_t first = date.find_first_of("/-.");
  if (first == std::string_view::npos) return false;
  const char separator = date[first];
  const size_t second = date.find(separator, first + 1);
  if (second == std::string_view::npos) return false;
  const std::array<std::string_view, 3> parts = {date.substr(0, first), date.substr(first + 1, second - first - 1),
                                                 date.substr(second + 1)};
  for (const std::string_view part : parts) {
    if (!AllDigits(part) || part.size() > 4) return false;
  }
  std::string_view year;
  std::string_view month;
  std::string_view day;
  if (parts[0].size() == 4 || order == DateOrder::kYmd) {
    year = parts[0], month = parts[1], day = parts[2];
  } else if (order == DateOrder::kDmy) {
    day = parts[0], month = parts[1], year = parts[2];
  } else {
    month = parts[0], day = parts[1], year = parts[2];
  }
  if ((year.size() != 4 && year.size() != 2) || month.size() > 2 || day.size() > 2) return false;
  const int y = year.size() == 2 ? 2000 + ToInt(year) : ToInt(year);
  const int m = ToInt(month);
  const int d = ToInt(day);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return false;
  std::array<char, 16> buffer{};
  const int written = std::snprintf(buffer.data(), buffer.size(), "%04d-%02d-%02d", y, m, d);
  out.assign(buffer.data(), static_cast<size_t>(written));
  return true;
}

bool RewriteNumber(std::string_view text, DecimalMark mark, std::string& out) {
  if (mark == DecimalMark::kAsRead) return false;
  const std::string_view number = TrimValue(text);
  const char decimal = mark == DecimalMark::kComma ? ',' : '.';
  const char grouping = mark == DecimalMark::kComma ? '.' : ',';
  std::string digits;
  size_t pos = 0;
  if (pos < number.size() && number[pos] == '-') digits += number[pos++];
  // The whole part: digits, and groups of three after a space or the other mark.
  size_t run = 0;       // digits since the start or the last separator
  bool grouped = false;
  while (pos < number.size()) {
    const char c = number[pos];
    if (IsDigit(c)) {
      digits += c;
      ++run;
      ++pos;
      continue;
    }
    const size_t space = SpaceAt(number, pos);
    const size_t width = space > 0 ? space : (c == grouping ? 1 : 0);
    if (width == 0) break;
    // A separator needs 1 to 3 digits before it (3 after an earlier one) and 3 after.
    if (run == 0 || run > 3 || (grouped && run != 3)) return false;
    const size_t next = pos + width;
    if (next + 3 > number.size() || !AllDigits(number.substr(next, 3)) ||
        (next + 3 < number.size() && IsDigit(number[next + 3]))) {
      return false;
    }
    grouped = true;
    run = 0;
    pos = next;
  }
  if (run == 0 || (grouped && run != 3)) return false;
  bool has_decimals = false;
  if (pos < number.size()) {
    if (number[pos] != decimal || !AllDigits(number.substr(pos + 1))) return false;
    digits += '.';
    digits.append(number.substr(pos + 1));
    has_decimals = true;
  }
  // Nothing to rewrite: the reader reads it as it is.
  if (!grouped && (!has_decimals || decimal == '.')) return false;
  out = std::move(digits);
  return true;
}

}  // namespace agencykpi
