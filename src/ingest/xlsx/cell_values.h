// What a workbook's cells mean (SPEC §1.4): a number cell's decimal text, a
// date cell's calendar date, and which number formats make a cell a date
// or a time. Pure functions, apart from the reading of the sheet.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/date.h"
#include "ingest/messages.h"

namespace agencykpi {

// How a number cell is shown, by its style's number format.
enum class NumberFormatKind {
  kNumber,  // General, 0.00, # ##0,00 €, 0%…
  kDate,    // a date, or a date and a time: the cell is that calendar date
  kTime,    // a time of day or a duration only ([h]:mm): the cell is hours
};

// The kind of built-in format `id` (ECMA-376 §18.8.30: 14–17 and 22 are
// dates, 18–21 and 45–47 times, 27–36 and 50–58 the East Asian dates).
NumberFormatKind KindOfBuiltinFormat(int id);
// The kind of a custom format code: its first section, without quoted text,
// escaped characters, "General" and [colour]/[$-locale] brackets, holds y
// or d (a date), else h, s or [h] (a time), else m (months: a date); else
// it is a number.
NumberFormatKind KindOfFormatCode(std::string_view code);

// The decimal text of a number as a cell stores it ("12.339999999999999",
// "4.5E-2"), to the 15 significant digits Excel computes and shows with
// ("12.34", "0.045"); nullopt when it is no finite number.
std::optional<std::string> NumberCellText(std::string_view stored);

// The calendar date of a date cell's serial number, in the 1900 system
// (day 1 = 1900-01-01, with Excel's nonexistent 1900-02-29 as day 60) or
// the 1904 one (day 0 = 1904-01-02 … 1904-01-01); a time of day is dropped.
// nullopt, with the message in `error`, for day 60 of 1900 and for what is
// no date from 1900 to 9999.
std::optional<Day> DateOfSerial(std::string_view stored, bool date1904, Message& error);

// Hours of a time or duration cell (a fraction of a day): "0.3125" → "7.5".
std::optional<std::string> HoursOfTimeCell(std::string_view stored);

// "A", "B" … "Z", "AA" … of a column index (0 = A), and back from a cell
// reference ("C12" → 2); nullopt when the reference has no column letters
// or they name a column past XFD.
std::string ColumnLetters(size_t column);
std::optional<size_t> ColumnOfCell(std::string_view reference);

// Rows of a sheet: 1 … 1 048 576, in Excel and LibreOffice alike.
constexpr int64_t kSheetRows = 1'048'576;

}  // namespace agencykpi
