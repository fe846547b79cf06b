#include "ingest/xlsx/cell_values.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "ingest/value_parser.h"

namespace agencykpi {
namespace {

// Excel computes and shows numbers to 15 significant digits.
constexpr int kSignificantDigits = 15;
// Columns of a sheet: A … XFD.
constexpr size_t kSheetColumns = 16384;
// The 1900 system's day 60 is 1900-02-29, which never was.
constexpr double kPhantomLeapDay = 60;
constexpr int kLastYear = 9999;
constexpr double kHoursPerDay = 24;
constexpr std::string_view kGeneral = "General";

std::optional<double> StoredNumber(std::string_view stored) {
  double value = 0;
  const char* end = stored.data() + stored.size();
  const auto [stop, error] = std::from_chars(stored.data(), end, value);
  if (error != std::errc() || stop != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

// A double as plain decimal text, at most kSignificantDigits significant
// digits, trailing zeros dropped, never in exponent form.
std::string DecimalText(double value) {
  if (value == 0) return "0";
  // d.dddddddddddddde±X: the digits and the power of ten of the first.
  const std::string scientific = fmt::format("{:.{}e}", std::fabs(value), kSignificantDigits - 1);
  const size_t e = scientific.find('e');
  std::string digits = scientific.substr(0, 1) + scientific.substr(2, e - 2);
  const int exponent = std::stoi(scientific.substr(e + 1));
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string text = value < 0 ? "-" : "";
  if (exponent < 0) {
    text += "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
  } else if (static_cast<size_t>(exponent) + 1 >= digits.size()) {
    text += digits + std::string(static_cast<size_t>(exponent) + 1 - digits.size(), '0');
  } else {
    text += digits.substr(0, static_cast<size_t>(exponent) + 1) + "." + digits.substr(static_cast<size_t>(exponent) + 1);
  }
  return text;
}

}  // namespace

NumberFormatKind KindOfBuiltinFormat(int id) {
  if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) {
    return NumberFormatKind::kDate;
  }
  if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47)) return NumberFormatKind::kTime;
  return NumberFormatKind::kNumber;
}

NumberFormatKind KindOfFormatCode(std::string_view code) {
  bool date = false;
  bool time = false;
  bool month_or_minute = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == ';') break;  // the first section (positive numbers) decides
    if (c == '"') {
      const size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
      continue;
    }
    if (c == '\\' || c == '_' || c == '*') {  // an escaped, spaced or repeated character
      ++i;
      continue;
    }
    if (c == '[') {
      const size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      const std::string_view inside = code.substr(i + 1, close - i - 1);
      // [h], [mm], [ss]: elapsed time; [Red], [$-40C], [>100]: no date part.
      if (!inside.empty() && (inside[0] == 'h' || inside[0] == 'H' || inside[0] == 'm' || inside[0] == 'M' ||
                              inside[0] == 's' || inside[0] == 'S')) {
        time = true;
      }
      i = close;
      continue;
    }
    if ((c == 'G' || c == 'g') && EqualsIgnoreCase(code.substr(i, kGeneral.size()), kGeneral)) {
      i += kGeneral.size() - 1;
      continue;
    }
    switch (c) {
      case 'y': case 'Y': case 'd': case 'D':
        date = true;
        break;
      case 'h': case 'H': case 's': case 'S':
        time = true;
        break;
      case 'm': case 'M':
        month_or_minute = true;
        break;
      default:
        break;
    }
  }
  if (date) return NumberFormatKind::kDate;
  if (time) return NumberFormatKind::kTime;
  // An m without h or s is a month ("mm/yy", "mmm"); a format of months only
  // is still a date.
  return month_or_minute ? NumberFormatKind::kDate : NumberFormatKind::kNumber;
}

// A number as most cells store it ("7.5", "-12", "46023"): no exponent,
// no leading zero or trailing zero after the mark, at most
// kSignificantDigits digits. Such text is already its own decimal text.
bool IsShortDecimal(std::string_view text) {
  size_t i = text.starts_with('-') ? 1 : 0;
  const size_t first = i;
  size_t digits = 0;
  bool mark = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c == '.' && !mark && digits > 0) {
      mark = true;
    } else {
      return false;
    }
  }
  if (digits == 0 || digits > static_cast<size_t>(kSignificantDigits) || text.back() == '.') return false;
  if (text[first] == '0' && text.size() > first + 1 && text[first + 1] != '.') return false;  // "007"
  return !mark || text.back() != '0';
}

std::optional<std::string> NumberCellText(std::string_view stored) {
  if (IsShortDecimal(stored)) return std::string(stored);
  const std::optional<double> value = StoredNumber(stored);
  if (!value) return std::nullopt;
  return DecimalText(*value);
}

std::optional<Day> DateOfSerial(std::string_view stored, bool date1904, Message& error) {
  std::optional<double> value;
  int64_t whole_days = 0;  // most date cells hold a whole day: no floating point then
  if (const auto [end, failed] = std::from_chars(stored.data(), stored.data() + stored.size(), whole_days);
      failed == std::errc() && end == stored.data() + stored.size()) {
    value = static_cast<double>(whole_days);
  } else {
    value = StoredNumber(stored);
  }
  const auto refuse = [&] {
    error = Message(MessageId::kXlsxBadDate, {std::string(stored)});
    return std::nullopt;
  };
  // Bounded before any cast to a day: a serial past 9999-12-31 is refused.
  if (!value || *value < 0) return refuse();
  if (*value > static_cast<double>(DayFromCivil(kLastYear, 12, 31) - DayFromCivil(1899, 12, 30))) return refuse();
  const double whole = std::floor(*value);
  Day day = 0;
  if (date1904) {
    day = DayFromCivil(1904, 1, 1) + static_cast<Day>(whole);
  } else {
    if (whole == kPhantomLeapDay) {
      error = Message(MessageId::kXlsxDateFeb29);
      return std::nullopt;
    }
    if (whole < 1) return refuse();  // day 0 is "1900-01-00"
    // Day 1 is 1900-01-01; from day 61 on, one less for the day that never was.
    day = DayFromCivil(1899, 12, 31) + static_cast<Day>(whole) - (whole > kPhantomLeapDay ? 1 : 0);
  }
  return day;
}

std::optional<std::string> HoursOfTimeCell(std::string_view stored) {
  const std::optional<double> value = StoredNumber(stored);
  if (!value) return std::nullopt;
  const double hours = *value * kHoursPerDay;
  if (!std::isfinite(hours)) return std::nullopt;  // days near the largest double
  return DecimalText(hours);
}

std::string ColumnLetters(size_t column) {
  std::string letters;
  for (size_t n = column + 1; n > 0; n = (n - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  return letters;
}

std::optional<size_t> ColumnOfCell(std::string_view reference) {
  size_t column = 0;
  size_t letters = 0;
  for (const char c : reference) {
    char upper = c;
    if (c >= 'a' && c <= 'z') upper = static_cast<char>(c - 'a' + 'A');
    if (upper < 'A' || upper > 'Z') break;
    column = column * 26 + static_cast<size_t>(upper - 'A' + 1);
    if (++letters > 3 || column > kSheetColumns) return std::nullopt;
  }
  if (letters == 0) return std::nullopt;
  return column - 1;
}

}  // namespace agencykpi
