// ReadProfile: a valid profile read into its tables, and every refusal with
// the place inside the profile it names.
#include "ingest/profile.h"

#include <gtest/gtest.h>

#include <string>

#include "domain/catalogue.h"

namespace agencykpi {
namespace {

const char* kTimeSheet = R"json({
  "version": 1,
  "description": "Export des temps",
  "date_order": "DMY",
  "decimal_mark": ",",
  "tables": {
    "time_entries": {
      "file": "export_temps.csv",
      "skip_rows": 2,
      "skip_when": {"Collaborateur": ["Total*", "Sous-total"]},
      "columns": {
        "employee_id": "Collaborateur",
        "date": "Date",
        "hours": "Durée (h)",
        "activity": {"from": "Type d'activité", "values": {"Terrain": "field", "Préparation": "PREPARATION"}},
        "mission_id": {"from": "Code mission"}
      }
    },
    "clients": {"file": "clients.xlsx", "sheet": "Marques", "decimal_mark": ".",
                "columns": {"client_id": "Code", "name": "Nom", "sector": {"const": "GMS"}}}
  }
})json";

// The errors of `text` as `profile.json: PLACE: message` lines.
std::vector<std::string> Errors(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& error : ReadProfile(text, "profile.json").errors) out.push_back(error.ToString());
  return out;
}

// The one error of a profile whose time_entries table is `table` (a JSON object's text).
std::string TableError(const std::string& table) {
  const auto errors = Errors(R"({"tables": {"time_entries": )" + table + "}}");
  return errors.size() == 1 ? errors[0] : "errors: " + std::to_string(errors.size()) +
                                               (errors.empty() ? "" : " first: " + errors[0]);
}

// A time_entries table whose columns are the required ones plus `extra` (",..." text).
std::string Columns(const std::string& extra) {
  return R"({"file": "t.csv", "columns": {"employee_id": "E", "date": "D", "hours": "H", "activity": "A")" + extra + "}}";
}

TEST(ProfileTest, ReadsTablesInCatalogueOrder) {
  const ProfileReading reading = ReadProfile(kTimeSheet, "profile.json");
  ASSERT_TRUE(reading.ok()) << reading.errors[0].ToString();
  ASSERT_EQ(reading.profile.tables.size(), 2u);
  const TableProfile& clients = reading.profile.tables[0];
  EXPECT_EQ(Catalogue()[clients.table].name, "clients");
  EXPECT_EQ(clients.sheet, "Marques");
  EXPECT_EQ(clients.decimal_mark, DecimalMark::kPoint);  // the table's own
  EXPECT_EQ(clients.date_order, DateOrder::kDmy);        // the profile's
  ASSERT_EQ(clients.columns.size(), 3u);
  EXPECT_TRUE(clients.columns[2].is_constant());
  EXPECT_EQ(clients.columns[2].constant, "GMS");

  const TableProfile* time = reading.profile.Find("time_entries");
  ASSERT_NE(time, nullptr);
  EXPECT_EQ(time->path, "tables.time_entries");
  EXPECT_EQ(time->profile_file, "profile.json");
  EXPECT_EQ(time->file, "export_temps.csv");
  EXPECT_EQ(time->skip_rows, 2);
  EXPECT_EQ(time->decimal_mark, DecimalMark::kComma);
  ASSERT_EQ(time->skip_when.size(), 1u);
  EXPECT_TRUE(time->skip_when[0].Matches("total général"));
  EXPECT_TRUE(time->skip_when[0].Matches("sous-total"));
  EXPECT_FALSE(time->skip_when[0].Matches("sous-total a"));
  ASSERT_EQ(time->columns.size(), 5u);
  for (size_t i = 0; i < time->columns.size(); ++i) EXPECT_EQ(time->columns[i].column, i);
  EXPECT_EQ(time->columns[2].from, "Durée (h)");
  // Keys folded, enum targets as the catalogue spells them.
  EXPECT_EQ(time->columns[3].values.at("terrain"), "field");
  EXPECT_EQ(time->columns[3].values.at("préparation"), "preparation");
  EXPECT_EQ(reading.profile.Find("visits"), nullptr);
}

TEST(ProfileTest, FoldsValuesTrimmedAndIgnoringCase) {
  EXPECT_EQ(FoldValue("  PRÉPARATION "), "préparation");
  EXPECT_EQ(FoldValue("Déplacement"), "déplacement");
  EXPECT_EQ(FoldValue("ÀÉÈÇÔ×"), "àéèçô×");
  EXPECT_EQ(FoldValue("\xC2\xA0Oui\xE2\x80\xAF"), "oui");
}

TEST(ProfileTest, RefusesWhatIsNotAProfile) {
  EXPECT_EQ(Errors(std::string(kMaxProfileBytes + 1, ' ')),
            std::vector<std::string>{"profile.json: the profile is larger than 1024 KiB"});
  const auto invalid = Errors("{\"tables\": {,}}");
  ASSERT_EQ(invalid.size(), 1u);
  EXPECT_EQ(invalid[0].rfind("profile.json: invalid JSON: parse error at line 1, column 13", 0), 0u) << invalid[0];
  // A number beyond a double is refused, not thrown (found by profile_fuzzer).
  EXPECT_EQ(Errors(R"({"version": 1e999, "tables": {}})"),
            std::vector<std::string>{"profile.json: invalid JSON: number overflow parsing '1e999'"});
  EXPECT_EQ(Errors(std::string(20, '[') + std::string(20, ']')),
            std::vector<std::string>{"profile.json: the profile nests objects and lists deeper than 8 levels"});
  EXPECT_EQ(Errors("[]"), std::vector<std::string>{"profile.json: expected an object {...}"});
  EXPECT_EQ(Errors("{}"), std::vector<std::string>{"profile.json: missing key 'tables'"});
  EXPECT_EQ(Errors(R"({"tables": {}})"),
            std::vector<std::string>{"profile.json: tables: no table: name at least one under \"tables\""});
  EXPECT_EQ(Errors(R"({"tables": []})"), std::vector<std::string>{"profile.json: tables: expected an object {...}"});
  EXPECT_EQ(Errors(R"({"version": 2, "tables": {"clients": 1}})"),
            (std::vector<std::string>{
                "profile.json: version: unsupported version 2 (this version of agencykpi reads version 1)",
                "profile.json: tables.clients: expected an object {...}"}));
}

TEST(ProfileTest, RefusesUnknownAndRepeatedKeys) {
  EXPECT_EQ(Errors(R"({"tabels": {}, "tables": {"clients": {"file": "c.csv", "columns": {"client_id": "a", "name": "b"}}}})"),
            std::vector<std::string>{"profile.json: tabels: unknown key 'tabels' (keys: version, description, "
                                     "date_order, decimal_mark, tables)"});
  EXPECT_EQ(TableError(R"({"file": "t.csv", "skip": 1, "columns": {"employee_id": "E", "date": "D", "hours": "H", "activity": "A"}})"),
            "profile.json: tables.time_entries.skip: unknown key 'skip' (keys: description, file, sheet, skip_rows, "
            "skip_when, date_order, decimal_mark, columns)");
  EXPECT_EQ(TableError(Columns(R"(, "mission_id": {"from": "M", "map": {}})")),
            "profile.json: tables.time_entries.columns.mission_id.map: unknown key 'map' (keys: from, values, const)");
  EXPECT_EQ(TableError(Columns(R"(, "mission_id": "M", "mission_id": "N")")),
            "profile.json: tables.time_entries.columns: key 'mission_id' is given twice");
}

TEST(ProfileTest, RefusesUnknownTablesAndColumns) {
  EXPECT_EQ(Errors(R"({"tables": {"timesheets": {}}})"),
            std::vector<std::string>{
                "profile.json: tables.timesheets: unknown table 'timesheets' (tables: clients, contracts, missions, "
                "employees, cost_rates, stores, time_entries, expenses, invoices, visits, objectives, results, "
                "store_audits, store_sales)"});
  EXPECT_EQ(TableError(Columns(R"(, "hour": "Durée")")),
            "profile.json: tables.time_entries.columns.hour: unknown column 'hour' (columns: employee_id, date, "
            "hours, activity, mission_id)");
  EXPECT_EQ(TableError(R"({"file": "t.csv", "columns": {"employee_id": "E", "date": "D", "activity": "A"}})"),
            "profile.json: tables.time_entries.columns: required column 'hours' is not mapped: name its source "
            "column or give a constant");
  EXPECT_EQ(TableError(R"({"file": "t.csv", "columns": {"employee_id": "E", "date": "D", "hours": "TODO", "activity": "A"}})"),
            "profile.json: tables.time_entries.columns.hours: still TODO: name the source column that holds "
            "'hours', or give a constant");
  EXPECT_EQ(TableError(Columns(R"(, "mission_id": {"from": "TODO"})")),
            "profile.json: tables.time_entries.columns.mission_id.from: still TODO: name the source column that "
            "holds 'mission_id', or give a constant");
}

TEST(ProfileTest, RefusesMissingAndMistypedTableKeys) {
  EXPECT_EQ(TableError(R"({"columns": {"employee_id": "E", "date": "D", "hours": "H", "activity": "A"}})"),
            "profile.json: tables.time_entries: missing key 'file'");
  EXPECT_EQ(TableError(R"({"file": "t.csv"})"), "profile.json: tables.time_entries: missing key 'columns'");
  EXPECT_EQ(TableError(R"({"file": 3, "columns": {"employee_id": "E", "date": "D", "hours": "H", "activity": "A"}})"),
            "profile.json: tables.time_entries.file: expected a text \"...\"");
  EXPECT_EQ(TableError(R"({"file": " ", "columns": {"employee_id": "E", "date": "D", "hours": "H", "activity": "A"}})"),
            "profile.json: tables.time_entries.file: empty text");
  EXPECT_EQ(TableError(R"({"file": "t.csv", "sheet": ")" + std::string(kMaxProfileTextBytes + 1, 'x') +
                       R"(", "columns": {"employee_id": "E", "date": "D", "hours": "H", "activity": "A"}})"),
            "profile.json: tables.time_entries.sheet: the text is longer than 1 KiB");
  EXPECT_EQ(TableError(R"({"file": "t.csv", "skip_rows": -1, "columns": {"employee_id": "E", "date": "D", "hours": "H", "activity": "A"}})"),
            "profile.json: tables.time_entries.skip_rows: expected a whole number from 0 to 1000");
  EXPECT_EQ(TableError(R"({"file": "t.csv", "skip_rows": 1.5, "columns": {"employee_id": "E", "date": "D", "hours": "H", "activity": "A"}})"),
            "profile.json: tables.time_entries.skip_rows: expected a whole number from 0 to 1000");
  EXPECT_EQ(TableError(R"({"file": "t.csv", "skip_when": {"Collaborateur": []}, "columns": {"employee_id": "E", "date": "D", "hours": "H", "activity": "A"}})"),
            "profile.json: tables.time_entries.skip_when.Collaborateur: expected a text or a list of texts");
  EXPECT_EQ(TableError(R"({"file": "t.csv", "skip_when": ["Total"], "columns": {"employee_id": "E", "date": "D", "hours": "H", "activity": "A"}})"),
            "profile.json: tables.time_entries.skip_when: expected an object {...}");
  EXPECT_EQ(TableError(R"({"file": "t.csv", "columns": []})"),
            "profile.json: tables.time_entries.columns: expected an object {...}");
}

TEST(ProfileTest, RefusesBadNotations) {
  EXPECT_EQ(Errors(R"({"date_order": "JMA", "tables": {"time_entries": )" + Columns("") + "}}"),
            std::vector<std::string>{"profile.json: date_order: unknown date order 'JMA' (DMY, MDY or YMD)"});
  EXPECT_EQ(TableError(R"({"file": "t.csv", "decimal_mark": ";", "columns": {"employee_id": "E", "date": "D", "hours": "H", "activity": "A"}})"),
            "profile.json: tables.time_entries.decimal_mark: unknown decimal mark ';' (\",\" or \".\")");
  // Lowercase is fine.
  EXPECT_TRUE(ReadProfile(R"({"date_order": "mdy", "tables": {"time_entries": )" + Columns("") + "}}", "p.json").ok());
}

TEST(ProfileTest, RefusesBadColumnSources) {
  EXPECT_EQ(TableError(Columns(R"(, "mission_id": 12)")),
            "profile.json: tables.time_entries.columns.mission_id: expected the name of a source column, or an "
            "object with \"from\" or \"const\"");
  EXPECT_EQ(TableError(Columns(R"(, "mission_id": {})")),
            "profile.json: tables.time_entries.columns.mission_id: expected the name of a source column, or an "
            "object with \"from\" or \"const\"");
  EXPECT_EQ(TableError(Columns(R"(, "mission_id": {"from": "M", "const": "M01"})")),
            "profile.json: tables.time_entries.columns.mission_id: give \"from\" or \"const\", not both");
  EXPECT_EQ(TableError(R"({"file": "t.csv", "columns": {"employee_id": "E", "date": "D", "hours": "H", "activity": {"const": "fieldwork"}}})"),
            "profile.json: tables.time_entries.columns.activity.const: invalid activity 'fieldwork' (expected one of "
            "field, preparation, followup, coordination, reporting, travel, management, other)");
  EXPECT_EQ(TableError(R"({"file": "t.csv", "columns": {"employee_id": "E", "date": "D", "hours": "H", "activity": {"from": "A", "values": {"Terrain": "terrain"}}}})"),
            "profile.json: tables.time_entries.columns.activity.values.Terrain: invalid activity 'terrain' (expected "
            "one of field, preparation, followup, coordination, reporting, travel, management, other)");
  EXPECT_EQ(TableError(R"({"file": "t.csv", "columns": {"employee_id": "E", "date": "D", "hours": "H", "activity": {"from": "A", "values": {"Terrain": "field", " TERRAIN": "travel"}}}})"),
            "profile.json: tables.time_entries.columns.activity.values.Terrain: value 'Terrain' is mapped twice "
            "(values are matched trimmed and ignoring case)");
  EXPECT_EQ(TableError(R"({"file": "t.csv", "columns": {"employee_id": "E", "date": "D", "hours": "H", "activity": {"from": "A", "values": {"Terrain": 1}}}})"),
            "profile.json: tables.time_entries.columns.activity.values.Terrain: expected a text \"...\"");
  EXPECT_EQ(TableError(R"({"file": "t.csv", "columns": {"employee_id": "E", "date": "D", "hours": "H", "activity": {"from": "A", "values": []}}})"),
            "profile.json: tables.time_entries.columns.activity.values: expected an object {...}");
  EXPECT_EQ(TableError(Columns(R"(, "mission_id": {"const": "M01", "values": {}})")),
            "profile.json: tables.time_entries.columns.mission_id.values: unknown key 'values' (keys: const)");
}

TEST(ProfileTest, RefusesTooManyMapEntries) {
  std::string values;
  for (size_t i = 0; i <= kMaxProfileMapEntries; ++i) {
    values += (values.empty() ? "\"" : ",\"") + std::to_string(i) + "\": \"E" + std::to_string(i) + "\"";
  }
  const auto errors = Errors(R"({"tables": {"time_entries": )" +
                             Columns(R"(, "mission_id": {"from": "M", "values": {)" + values + "}}") + "}}");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "profile.json: tables.time_entries.columns.mission_id.values.9999: more than 20000 "
                       "value-map and skip_when entries in the profile");
}

TEST(ProfileTest, CollectsEveryError) {
  const auto errors = Errors(R"({"tables": {"time_entries": {"file": "t.csv", "columns": {"hour": "H"}},
                                            "visits": {"file": 1, "columns": {}}}})");
  EXPECT_EQ(errors.size(), 1u + 4u + 1u + 5u) << errors[0];
}

TEST(ProfileTest, RendersItsErrorsInFrench) {
  const auto reading = ReadProfile(R"({"tables": {"time_entries": )" + Columns(R"(, "hour": "H")") + "}}", "profil.json");
  ASSERT_EQ(reading.errors.size(), 1u);
  EXPECT_EQ(reading.errors[0].ToString(Language::kFrench),
            "profil.json: tables.time_entries.columns.hour: colonne inconnue 'hour' (colonnes : employee_id, date, "
            "hours, activity, mission_id)");
}

}  // namespace
}  // namespace agencykpi
