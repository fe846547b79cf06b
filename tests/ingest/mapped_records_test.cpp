// MapRecords over records held in memory: the header picked after the
// skipped rows, our columns in catalogue order, value maps, constants,
// rewritten dates and numbers, dropped rows, and places that stay the
// source's.
#include "ingest/mapped_records.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/catalogue.h"
#include "fake_records.h"

namespace agencykpi {
namespace {

const char* kProfile = R"json({"date_order": "DMY", "decimal_mark": ",", "tables": {"time_entries": {
  "file": "temps.csv", "skip_rows": 1,
  "skip_when": {"Collaborateur": ["Total*", "Sous-total"]},
  "columns": {"mission_id": "Code mission", "employee_id": "Collaborateur", "date": "Date", "hours": "Durée (h)",
              "activity": {"from": "Type d'activité",
                           "values": {"Terrain": "field", "Préparation": "preparation", "Déplacement": "travel"}}}}}})json";

TableProfile TimeProfile(const std::string& text = kProfile) {
  const ProfileReading reading = ReadProfile(text, "profile.json");
  EXPECT_TRUE(reading.ok()) << (reading.errors.empty() ? "" : reading.errors[0].ToString());
  return reading.ok() ? reading.profile.tables.at(0) : TableProfile{};
}

std::string Replaced(std::string text, const std::string& from, const std::string& to) {
  return text.replace(text.find(from), from.size(), to);
}

std::span<const ColumnDesc> TimeColumns() { return Catalogue()[TableIndex("time_entries")].columns; }

std::vector<std::string> Fields(const RecordSource& records) {
  return {records.fields().begin(), records.fields().end()};
}

const std::vector<std::vector<std::string>> kExport = {
    {"Export des temps - mars 2026", "", "", "", "", ""},
    {"", "", "", "", "", ""},
    {"Collaborateur", "Date", "Durée (h)", "Type d'activité", "Code mission", "Commentaire"},
    {"E01", "02/03/2026", "7,5", "Terrain", "M01", "RAS"},
    {"E02", "3/3/26", "1 234,50", " PRÉPARATION ", "M01"},
    {"", "", "", "", "", "note"},
    {"E01", "04/03/2026", "2", "Réunion", "", ""},
    {"Sous-total", "", "9,5", "", "", ""},
    {"", "", "", "", "", ""},
    {"TOTAL GÉNÉRAL", "", "1 244,00", "", "", ""},
};

TEST(MappedRecordsTest, GivesOurHeaderAndRowsFromTheSource) {
  auto records = MapRecords(std::make_unique<FakeRecords>(FakeRecords::Lines(kExport)), TimeProfile(), TimeColumns());
  ASSERT_TRUE(records->Next());
  EXPECT_EQ(records->line(), 3);
  EXPECT_EQ(Fields(*records), (std::vector<std::string>{"employee_id", "date", "hours", "activity", "mission_id"}));
  EXPECT_TRUE(records->decimal_comma());

  ASSERT_TRUE(records->Next());
  EXPECT_EQ(records->line(), 4);
  EXPECT_FALSE(records->blank());
  EXPECT_EQ(Fields(*records), (std::vector<std::string>{"E01", "2026-03-02", "7.5", "field", "M01"}));
  ASSERT_TRUE(records->Next());
  EXPECT_EQ(Fields(*records), (std::vector<std::string>{"E02", "2026-03-03", "1234.50", "preparation", "M01"}));
  // A row with nothing in the mapped columns is blank.
  ASSERT_TRUE(records->Next());
  EXPECT_EQ(records->line(), 6);
  EXPECT_TRUE(records->blank());
  // An unmapped value stays as it is: the reader refuses it with its own message.
  ASSERT_TRUE(records->Next());
  EXPECT_EQ(Fields(*records), (std::vector<std::string>{"E01", "2026-03-04", "2", "Réunion", ""}));
  // The sub-total is dropped; the blank line stays blank; the total is dropped.
  ASSERT_TRUE(records->Next());
  EXPECT_EQ(records->line(), 9);
  EXPECT_TRUE(records->blank());
  EXPECT_FALSE(records->Next());
  EXPECT_TRUE(records->failure().empty());
}

TEST(MappedRecordsTest, PlacesAreTheSourceCells) {
  auto records = MapRecords(std::make_unique<FakeRecords>(FakeRecords::Lines(kExport)), TimeProfile(), TimeColumns());
  ASSERT_TRUE(records->Next());
  ASSERT_TRUE(records->Next());
  EXPECT_EQ(records->Place(2), "C4");  // hours: the source's third column
  EXPECT_EQ(records->Place(4), "E4");  // mission_id: its fifth
  EXPECT_EQ(records->Place(RecordSource::kNoField), "4:4");
}

TEST(MappedRecordsTest, ConstantsAndColumnsUnmapped) {
  const TableProfile profile = TimeProfile(R"json({"tables": {"time_entries": {"file": "t.csv",
    "columns": {"employee_id": "Qui", "date": "Quand", "hours": "H", "activity": {"const": "Field"}}}}})json");
  auto records = MapRecords(std::make_unique<FakeRecords>(FakeRecords::Lines({{"quand", "QUI", "h"}, {"01/02/2026", "E1", "3,5"}}), true),
                            profile, TimeColumns());
  ASSERT_TRUE(records->Next());
  EXPECT_EQ(Fields(*records), (std::vector<std::string>{"employee_id", "date", "hours", "activity"}));
  ASSERT_TRUE(records->Next());
  // Without a date order or decimal mark, values are left for the reader.
  EXPECT_EQ(Fields(*records), (std::vector<std::string>{"E1", "01/02/2026", "3,5", "field"}));
  EXPECT_TRUE(records->decimal_comma());  // the source's
  EXPECT_EQ(records->Place(3), "2:2");    // a constant has no cell: the row
}

TEST(MappedRecordsTest, ASourceColumnAbsentNamesTheProfileAndTheHeader) {
  std::vector<std::vector<std::string>> rows = kExport;
  rows[2][2] = "Heures";
  auto records = MapRecords(std::make_unique<FakeRecords>(FakeRecords::Lines(rows)), TimeProfile(), TimeColumns());
  EXPECT_FALSE(records->Next());
  EXPECT_EQ(records->failure().Render(),
            "column 'Durée (h)', named by profile.json (tables.time_entries.columns.hours), is not in the header "
            "(its columns: 'Collaborateur', 'Date', 'Heures', 'Type d'activité', 'Code mission', 'Commentaire')");
  EXPECT_FALSE(records->Next());

  rows = kExport;
  rows[2][0] = "Salarié";
  records = MapRecords(std::make_unique<FakeRecords>(FakeRecords::Lines(rows)),
                       TimeProfile(Replaced(kProfile, "\"employee_id\": \"Collaborateur\"", "\"employee_id\": \"Salarié\"")),
                       TimeColumns());
  EXPECT_FALSE(records->Next());
  EXPECT_EQ(records->failure().Render(Language::kFrench),
            "la colonne 'Collaborateur', nommée par profile.json (tables.time_entries.skip_when), n'est pas dans "
            "l'en-tête (ses colonnes : 'Salarié', 'Date', 'Durée (h)', 'Type d'activité', 'Code mission', "
            "'Commentaire')");
}

TEST(MappedRecordsTest, AFileThatEndsInTheSkippedRows) {
  auto records = MapRecords(std::make_unique<FakeRecords>(FakeRecords::Lines({{"Export des temps"}})), TimeProfile(),
                            TimeColumns());
  EXPECT_FALSE(records->Next());
  EXPECT_EQ(records->failure().Render(),
            "no header: the file ends within the 1 rows that profile.json (tables.time_entries.skip_rows) skips");
  // An empty file is the reader's to report, as for any file.
  records = MapRecords(std::make_unique<FakeRecords>(std::vector<FakeRecord>{}), TimeProfile(), TimeColumns());
  EXPECT_FALSE(records->Next());
  EXPECT_TRUE(records->failure().empty());
}

TEST(MappedRecordsTest, RecordErrorsPointAtOurColumn) {
  std::vector<FakeRecord> rows = FakeRecords::Lines({{"Titre"}, kExport[2], kExport[3], kExport[3]});
  rows[2].error = Message(MessageId::kTextAfterQuote);
  rows[2].error_field = 2;  // Durée (h): our hours
  rows[3].error = Message(MessageId::kTextAfterQuote);
  rows[3].error_field = 5;  // Commentaire: none of ours
  auto records = MapRecords(std::make_unique<FakeRecords>(std::move(rows)), TimeProfile(), TimeColumns());
  ASSERT_TRUE(records->Next());
  ASSERT_TRUE(records->Next());
  ASSERT_TRUE(records->has_error());
  EXPECT_EQ(records->error_field(), 2u);
  ASSERT_TRUE(records->Next());
  ASSERT_TRUE(records->has_error());
  EXPECT_EQ(records->error_field(), 5u);  // past our columns: the row as a whole
  EXPECT_FALSE(records->Next());
}

TEST(MappedRecordsTest, MapsAnyColumnAndEmptyValues) {
  // Names to ids, and an empty value to one.
  const TableProfile profile = TimeProfile(R"json({"tables": {"time_entries": {"file": "t.csv",
    "columns": {"employee_id": {"from": "Nom", "values": {"Léa Martin": "E01"}}, "date": "D", "hours": "H",
                "activity": {"from": "A", "values": {"": "other"}}}}}})json");
  auto records = MapRecords(std::make_unique<FakeRecords>(FakeRecords::Lines({{"Nom", "D", "H", "A"},
                                                                              {"LÉA MARTIN", "2026-03-02", "1", ""},
                                                                              {"Paul", "2026-03-02", "1", "field"}})),
                            profile, TimeColumns());
  ASSERT_TRUE(records->Next());
  ASSERT_TRUE(records->Next());
  EXPECT_EQ(Fields(*records), (std::vector<std::string>{"E01", "2026-03-02", "1", "other"}));
  ASSERT_TRUE(records->Next());
  EXPECT_EQ(Fields(*records), (std::vector<std::string>{"Paul", "2026-03-02", "1", "field"}));
}

}  // namespace
}  // namespace agencykpi
