// ExplainTable: what a profile makes of its source, in both languages.
#include "ingest/profile_explain.h"

#include <gtest/gtest.h>

#include "fake_records.h"

namespace agencykpi {
namespace {

const char* kProfile = R"json({"decimal_mark": ",", "tables": {"store_audits": {"file": "releves.csv",
  "skip_when": {"Magasin": "Total*"}, "date_order": "DMY",
  "columns": {"date": "Date", "store_id": "Magasin", "client_id": {"const": "C01"},
              "present": {"from": "Présent", "values": {"Oui": "1", "Non": "0"}}, "facings": "Faces"}}}})json";

std::vector<FakeRecord> Rows() {
  return FakeRecords::Lines({{"Relevés"},
                             {"Date", "Magasin", "Présent", "Faces", "Note"},
                             {"02/03/2026", "S01", "Oui", "4", ""},
                             {"02/03/2026", "S02", "oui", "2", ""},
                             {"03/03/2026", "S03", "Peut-être", "0", ""},
                             {"04/03/2026", "S04", "N/A", "0", ""},
                             {"05/03/2026", "S05", "N/A", "0", ""},
                             {"", "Total", "", "6", ""}});
}

TableProfile AuditProfile(const std::string& extra = "") {
  std::string text = kProfile;
  if (!extra.empty()) text.replace(text.find("\"file\""), 0, extra);
  const ProfileReading reading = ReadProfile(text, "profile.json");
  EXPECT_TRUE(reading.ok()) << (reading.errors.empty() ? "" : reading.errors[0].ToString());
  return reading.ok() ? reading.profile.tables.at(0) : TableProfile{};
}

TEST(ProfileExplainTest, SaysWhatEachSourceColumnBecomes) {
  FakeRecords records(Rows());
  const TableProfile profile = AuditProfile(R"("skip_rows": 1, )");
  const TableExplanation explained = ExplainTable(profile, records, "releves.csv", Language::kEnglish);
  EXPECT_EQ(explained.failure, "");
  EXPECT_EQ(explained.title, "store_audits from releves.csv, header on line 2:");
  EXPECT_EQ(explained.columns,
            (std::vector<std::string>{
                "'Date' → store_audits.date (date, read as DMY)",
                "'Magasin' → store_audits.store_id (reference to stores)",
                "'Présent' → store_audits.present (whole number, 2 values mapped)",
                "'Faces' → store_audits.facings (whole number)",
                "'Note' → ignored",
                "constant 'C01' → store_audits.client_id (reference to clients)",
            }));
  EXPECT_EQ(explained.notes, (std::vector<std::string>{
                                 "rows read: 5",
                                 "rows dropped by skip_when ('Magasin'): 1",
                                 "values of 'Présent' not mapped yet: 'N/A' (2), 'Peut-être' (1)",
                             }));
}

TEST(ProfileExplainTest, InFrench) {
  FakeRecords records(Rows());
  const TableExplanation explained =
      ExplainTable(AuditProfile(R"("skip_rows": 1, )"), records, "releves.csv", Language::kFrench);
  EXPECT_EQ(explained.title, "store_audits depuis releves.csv, en-tête ligne 2 :");
  EXPECT_EQ(explained.columns[4], "'Note' → ignorée");
  EXPECT_EQ(explained.notes[2], "valeurs de 'Présent' pas encore associées : 'N/A' (2), 'Peut-être' (1)");
}

TEST(ProfileExplainTest, ASourceThatDoesNotFit) {
  FakeRecords records(Rows());  // without skip_rows, the title line is the header
  const TableExplanation explained = ExplainTable(AuditProfile(), records, "releves.csv", Language::kEnglish);
  EXPECT_EQ(explained.failure,
            "column 'Date', named by profile.json (tables.store_audits.columns.date), is not in the header (its "
            "columns: 'Relevés')");
  FakeRecords empty({});
  EXPECT_EQ(ExplainTable(AuditProfile(), empty, "releves.csv", Language::kEnglish).failure,
            "the file is empty: a header line is required");
}

}  // namespace
}  // namespace agencykpi
