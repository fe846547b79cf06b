#include "common/date.h"

#include <chrono>
#include <cstdio>

namespace agencykpi {
namespace {

constexpr int kDaysPer400Years = 146097;
constexpr int kUnixEpochShift = 719468;  // days from 0000-03-01 to 1970-01-01

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// Reads exactly `count` ASCII digits at `pos`.
std::optional<int> Digits(std::string_view text, size_t pos, size_t count) {
  int value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

bool IsValidCivil(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

// Era-based conversion: a year starts on March 1st so the leap day is last.
Day DayFromCivil(int year, int month, int day) {
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int year_of_era = y - era * 400;
  const int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * kDaysPer400Years + day_of_era - kUnixEpochShift;
}

CivilDate CivilFromDay(Day day) {
  const int z = day + kUnixEpochShift;
  const int era = (z >= 0 ? z : z - kDaysPer400Years + 1) / kDaysPer400Years;
  const int day_of_era = z - era * kDaysPer400Years;
  const int year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int mp = (5 * day_of_year + 2) / 153;
  CivilDate out;
  out.day = day_of_year - (153 * mp + 2) / 5 + 1;
  out.month = mp < 10 ? mp + 3 : mp - 9;
  out.year = year_of_era + era * 400 + (out.month <= 2 ? 1 : 0);
  return out;
}

std::optional<Day> ParseDate(std::string_view text) {
  constexpr size_t kDateLength = 10;       // YYYY-MM-DD, DD/MM/YYYY
  constexpr size_t kShortDateLength = 8;   // DD/MM/YY
  constexpr int kShortYearBase = 2000;     // DD/MM/YY is in 20YY
  std::optional<int> year, month, day;
  if (text.size() == kDateLength && text[4] == '-' && text[7] == '-') {
    year = Digits(text, 0, 4);
    month = Digits(text, 5, 2);
    day = Digits(text, 8, 2);
  } else if (text.size() == kDateLength && text[2] == '/' && text[5] == '/') {
    day = Digits(text, 0, 2);
    month = Digits(text, 3, 2);
    year = Digits(text, 6, 4);
  } else if (text.size() == kShortDateLength && text[2] == '/' && text[5] == '/') {
    day = Digits(text, 0, 2);
    month = Digits(text, 3, 2);
    year = Digits(text, 6, 2);
    if (year) *year += kShortYearBase;
  } else {
    return std::nullopt;
  }
  if (!year || !month || !day || !IsValidCivil(*year, *month, *day)) return std::nullopt;
  return DayFromCivil(*year, *month, *day);
}

std::string FormatDate(Day day) {
  const CivilDate c = CivilFromDay(day);
  if (c.year < 0 || c.year > 9999) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", c.year, c.month, c.day);
    return buffer;
  }
  // By hand: a workbook's date cells come here a million times.
  std::string text = "0000-00-00";
  const auto put = [&text](size_t end, int value, int digits) {
    for (int i = 0; i < digits; ++i, value /= 10) text[end - static_cast<size_t>(i)] = static_cast<char>('0' + value % 10);
  };
  put(3, c.year, 4);
  put(6, c.month, 2);
  put(9, c.day, 2);
  return text;
}

Day Today() {
  const auto now = std::chrono::system_clock::now();
  const auto days = std::chrono::floor<std::chrono::days>(now);
  return static_cast<Day>(days.time_since_epoch().count());
}

}  // namespace agencykpi
