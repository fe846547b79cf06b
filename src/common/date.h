// Calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian).
// A Day is a plain int32: cheap to store in columns, compare and subtract.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace agencykpi {

using Day = int32_t;

// A Day as Unix time (seconds since 1970-01-01 00:00 UTC) is day × this.
constexpr int64_t kSecondsPerDay = 86400;

struct CivilDate {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
};

// Day number of a civil date; the date must exist (see IsValidCivil).
Day DayFromCivil(int year, int month, int day);
CivilDate CivilFromDay(Day day);
bool IsValidCivil(int year, int month, int day);
int DaysInMonth(int year, int month);

// Parses `YYYY-MM-DD`, `DD/MM/YYYY` (French exports) or `DD/MM/YY` (what
// LibreOffice and Excel write by default in French; the year is 20YY).
// Returns nullopt for anything else or a day that does not exist
// (2026-02-30, 29/02/27).
std::optional<Day> ParseDate(std::string_view text);

// `YYYY-MM-DD`.
std::string FormatDate(Day day);

// Today in UTC, from the system clock.
Day Today();

}  // namespace agencykpi
