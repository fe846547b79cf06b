// A column-mapping profile: how the exports of another tool (a time-sheet
// program, a field CRM, an accounting package) are read as the agency
// folder's tables, without renaming anything in them. Per table it names
// the source file (and sheet), which source column feeds which of our
// columns, constants, value maps, the date order and decimal mark of the
// source, and the rows to skip (titles above the header, total lines).
// The format, every key and two worked examples: docs/data-format.md,
// "Column-mapping profiles".
//
//   {"version": 1, "date_order": "DMY", "decimal_mark": ",",
//    "tables": {"time_entries": {
//      "file": "export_temps.csv", "skip_rows": 1,
//      "skip_when": {"Collaborateur": ["Total*"]},
//      "columns": {"employee_id": "Collaborateur", "date": "Date", "hours": "Durée (h)",
//                  "activity": {"from": "Type d'activité", "values": {"Terrain": "field"}},
//                  "mission_id": "Code mission"}}}}
//
// ReadProfile checks everything it can without the source files: keys,
// types, table and column names, enum targets, limits; the source's header
// is checked when it is read (mapped_records.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ingest/agency_reader.h"

namespace agencykpi {

// Limits of a profile: a profile is written by hand or by `profile init`,
// a few kilobytes; these keep a wrong file (a data file given as the
// profile) from costing anything.
constexpr size_t kMaxProfileBytes = 1024 * 1024;
// Nesting of objects and arrays: the format needs 5 (tables, a table,
// columns, a column, its values).
constexpr size_t kMaxProfileDepth = 8;
// Value-map and skip_when entries in the whole profile: enough to map every
// employee's name to their id in a large agency.
constexpr size_t kMaxProfileMapEntries = 20'000;
// Rows above the header that skip_rows may skip.
constexpr int64_t kMaxProfileSkipRows = 1000;
// Longest name or value written in a profile (a source column, a file, a
// value-map key).
constexpr size_t kMaxProfileTextBytes = 1024;
// The profile format this build reads.
constexpr int64_t kProfileVersion = 1;
// What `profile init` writes for a required column it could not match;
// ReadProfile refuses it until someone names the source column.
constexpr std::string_view kProfileTodo = "TODO";

// How the source writes a date with '/', '-' or '.' between its parts
// (kAsRead: as the agency folder reads it: YYYY-MM-DD, DD/MM/YYYY, DD/MM/YY).
enum class DateOrder : uint8_t { kAsRead, kDmy, kMdy, kYmd };
// The source's decimal mark (kAsRead: as the file's own reading says: the
// comma in a ';' CSV file and in a workbook's text cells).
enum class DecimalMark : uint8_t { kAsRead, kComma, kPoint };

// A value as value maps and skip_when compare it: trimmed (TrimValue), ASCII
// and Latin-1 letters lowercased ("  PRÉPARATION " → "préparation").
std::string FoldValue(std::string_view text);

// What feeds one of our columns: a source column (with its value map) or a
// constant.
struct ColumnSource {
  size_t column = 0;      // index in the table's catalogue columns
  std::string from;       // the source column's name; empty for a constant
  std::string constant;   // the value of every row when `from` is empty
  std::unordered_map<std::string, std::string> values;  // FoldValue(source value) → our value
  [[nodiscard]] bool is_constant() const { return from.empty(); }
};

// Rows dropped when the source column `column` holds one of `values`
// (folded; an entry ending in '*' matches every value starting with what
// precedes it: "total*" drops "Total général").
struct SkipRule {
  std::string column;
  std::vector<std::string> values;
  [[nodiscard]] bool Matches(std::string_view folded) const;
};

struct TableProfile {
  size_t table = 0;        // index in Catalogue()
  std::string path;        // "tables.time_entries": where it is in the profile, for messages
  std::string profile_file;  // the profile's name in messages ("profile.json")
  std::string file;        // the source file, as FileSource lists it
  std::string sheet;       // a workbook's sheet; empty: the first
  int64_t skip_rows = 0;   // the header is the first non-blank record after these lines (rows)
  std::vector<SkipRule> skip_when;
  DateOrder date_order = DateOrder::kAsRead;
  DecimalMark decimal_mark = DecimalMark::kAsRead;
  std::vector<ColumnSource> columns;  // in the catalogue's column order; unmapped columns absent
};

struct Profile {
  std::string file_name;
  std::vector<TableProfile> tables;  // in catalogue order
  // The profile of a catalogue table ("time_entries"); nullptr when it names none.
  [[nodiscard]] const TableProfile* Find(std::string_view table) const;
};

struct ProfileReading {
  Profile profile;                  // valid only when errors is empty
  std::vector<Diagnostic> errors;   // file = the profile's name, column = the place inside it
  [[nodiscard]] bool ok() const { return errors.empty(); }
};

// Reads and checks a profile. Every error is collected, each naming its
// place: `profile.json: tables.time_entries.columns.hours: unknown column
// 'hour' (columns: …)`. Unknown keys, a key given twice, a wrong type, an
// unknown table, column or enum value, a required column left unmapped or
// "TODO", and every limit above are errors.
ProfileReading ReadProfile(std::string_view text, const std::string& file_name);

}  // namespace agencykpi
