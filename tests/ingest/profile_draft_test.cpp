// ProfileDrafter: a starting profile from what a folder's files hold, read
// back by ReadProfile once its TODOs are named.
#include "ingest/profile_draft.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fake_records.h"
#include "ingest/profile.h"

namespace agencykpi {
namespace {

using Json = nlohmann::json;

std::vector<std::string> Notes(const ProfileDrafter& drafter) {
  std::vector<std::string> out;
  for (const auto& note : drafter.notes()) out.push_back(note.ToString());
  return out;
}

TEST(ProfileDraftTest, DraftsATimeSheetExport) {
  FakeRecords records(FakeRecords::Lines({
      {"Export des temps — mars 2026", "", "", "", "", ""},
      {"Collaborateur", "Date", "Durée (h)", "Type d'activité", "Code mission", "Commentaire"},
      {"E01", "02/03/2026", "7,5", "Terrain", "M01", ""},
      {"E01", "13/03/2026", "1,25", "Préparation", "M01", "x"},
      {"E02", "13/03/2026", "2", "Déplacement", "", ""},
      {"E02", "13/03/2026", "1", "Réunion", "", ""},
      {"Total", "", "11,75", "", "", ""},
  }));
  ProfileDrafter drafter;
  drafter.Add("export_temps.csv", "", "export_temps.csv", records);
  EXPECT_TRUE(drafter.notes().empty()) << Notes(drafter)[0];
  const Json draft = Json::parse(drafter.Text());
  EXPECT_EQ(draft["version"], 1);
  const Json& table = draft["tables"]["time_entries"];
  EXPECT_EQ(table["file"], "export_temps.csv");
  EXPECT_EQ(table["skip_rows"], 1);
  EXPECT_EQ(table["skip_when"], Json::parse(R"({"Collaborateur": ["Total*", "Sous-total*"]})"));
  EXPECT_EQ(table["date_order"], "DMY");
  EXPECT_EQ(table["decimal_mark"], ",");
  EXPECT_EQ(table["columns"], Json::parse(R"json({"employee_id": "Collaborateur", "date": "Date", "hours": "Durée (h)",
      "activity": {"from": "Type d'activité", "values": {"Déplacement": "travel", "Préparation": "preparation", "Terrain": "field"}},
      "mission_id": "Code mission"})json"));
  // What it drafts is a profile.
  EXPECT_TRUE(ReadProfile(drafter.Text(), "profile.json").ok());
}

TEST(ProfileDraftTest, GuessesNotationsAndFlags) {
  FakeRecords audits(FakeRecords::Lines({
      {"Date du relevé", "Magasin", "Marque", "Présent", "Faces"},
      {"03/15/2026", "S01", "C01", "Oui", "4"},
      {"03/16/2026", "S02", "C01", "Non", "0"},
  }));
  FakeRecords sales(FakeRecords::Lines({{"date", "store_id", "client_id", "amount"}, {"2026/03/31", "S01", "C01", "1,234.50"}}));
  ProfileDrafter drafter;
  drafter.Add("releves.csv", "", "releves.csv", audits);
  drafter.Add("agence.xlsx", "Ventes", "agence.xlsx[Ventes]", sales);
  const Json draft = Json::parse(drafter.Text());
  const Json& audit = draft["tables"]["store_audits"];
  EXPECT_EQ(audit["date_order"], "MDY");
  EXPECT_EQ(audit["columns"]["present"], Json::parse(R"({"from": "Présent", "values": {"Non": "0", "Oui": "1"}})"));
  EXPECT_EQ(audit["columns"]["date"], "Date du relevé");
  EXPECT_EQ(audit["columns"]["store_id"], "Magasin");
  EXPECT_EQ(audit["columns"]["client_id"], "Marque");
  const Json& sale = draft["tables"]["store_sales"];
  EXPECT_EQ(sale["sheet"], "Ventes");
  EXPECT_EQ(sale["date_order"], "YMD");
  EXPECT_EQ(sale["decimal_mark"], ".");
}

TEST(ProfileDraftTest, NotesWhatItLeavesOut) {
  FakeRecords ours(FakeRecords::Lines({{"client_id", "name"}, {"C01", "Lumière"}}));
  FakeRecords unknown(FakeRecords::Lines({{"Foo", "Bar"}, {"1", "2"}}));
  FakeRecords partial(FakeRecords::Lines({{"Salarié", "Jour", "Tâche"}, {"E01", "02/03/2026", "Terrain"}}));
  FakeRecords again(FakeRecords::Lines({{"Salarié", "Jour", "Heures"}}));
  FakeRecords empty({});
  ProfileDrafter drafter;
  drafter.Add("clients.csv", "", "clients.csv", ours);
  drafter.Add("divers.csv", "", "divers.csv", unknown);
  drafter.Add("temps.csv", "", "temps.csv", partial);
  drafter.Add("temps2.csv", "", "temps2.csv", again);
  drafter.Add("vide.csv", "", "vide.csv", empty);
  EXPECT_EQ(Notes(drafter), (std::vector<std::string>{
                                "clients.csv: already in the agency folder's format: read as it is",
                                "divers.csv: no table recognised from its name or its header: left out",
                                "temps.csv: no source column found for time_entries.hours: written as TODO",
                                "temps.csv: no source column found for time_entries.activity: written as TODO",
                                "temps2.csv: time_entries is drafted from temps.csv already: left out",
                                "vide.csv: the file is empty: a header line is required",
                            }));
  ASSERT_EQ(drafter.table_count(), 1u);
  const Json draft = Json::parse(drafter.Text());
  EXPECT_EQ(draft["tables"]["time_entries"]["columns"]["hours"], "TODO");
  const ProfileReading reading = ReadProfile(drafter.Text(), "profile.json");
  ASSERT_EQ(reading.errors.size(), 2u);
  EXPECT_EQ(reading.errors[1].ToString(), "profile.json: tables.time_entries.columns.hours: still TODO: name the "
                                          "source column that holds 'hours', or give a constant");
}

}  // namespace
}  // namespace agencykpi
