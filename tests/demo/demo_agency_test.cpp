// The demo agency folder: deterministic, of the promised size, in the shapes
// real exports have, and holding every case the demo report must show.
#include "demo/demo_agency.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "common/date.h"
#include "demo_test_support.h"

namespace agencykpi {
namespace {

using demo_test::ReadBytes;
using demo_test::ReadTable;
using demo_test::ScratchFolder;
using demo_test::Table;

constexpr uint64_t kSeed = 7;

struct FileColumns {
  std::string_view file;
  std::set<std::string> columns;
};

// SPEC §1.2: every table and all of its columns.
const std::array<FileColumns, 13> kFiles{{
    {"clients.csv", {"client_id", "name", "sector"}},
    {"contracts.csv",
     {"contract_id", "client_id", "start_date", "end_date", "renewal_of", "renewal_type", "signed_on"}},
    {"missions.csv",
     {"mission_id", "client_id", "name", "start_date", "end_date", "contract_id", "type", "complexity", "fee"}},
    {"employees.csv", {"employee_id", "name", "role", "weekly_hours"}},
    {"cost_rates.csv", {"employee_id", "valid_from", "hourly_cost"}},
    {"time_entries.csv", {"employee_id", "date", "hours", "activity", "mission_id"}},
    {"expenses.csv", {"date", "amount", "category", "mission_id"}},
    {"invoices.csv", {"invoice_id", "client_id", "date", "amount", "mission_id"}},
    {"stores.csv", {"store_id", "name", "chain", "region"}},
    {"visits.csv", {"visit_id", "employee_id", "mission_id", "store_id", "date", "action"}},
    {"objectives.csv",
     {"objective_id", "mission_id", "metric", "aggregation", "target", "start_date", "end_date"}},
    {"results.csv", {"mission_id", "metric", "date", "value", "store_id"}},
    {"store_audits.csv", {"date", "store_id", "client_id", "present", "facings"}},
}};

Day DateOf(const std::string& text) {
  const auto day = ParseDate(text);
  EXPECT_TRUE(day.has_value()) << "bad date " << text;
  return day.value_or(0);
}

// "4 200,50" / "-150.00" / "7,25" → hundredths, accepting French grouping.
int64_t Hundredths(std::string_view text) {
  std::string digits;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, 2) == "\xC2\xA0") {
      ++i;
      continue;
    }
    if (text[i] != ' ') digits.push_back(text[i] == ',' ? '.' : text[i]);
  }
  const bool negative = !digits.empty() && digits[0] == '-';
  if (negative) digits.erase(0, 1);
  const size_t dot = digits.find('.');
  std::string fraction = dot == std::string::npos ? "" : digits.substr(dot + 1);
  EXPECT_LE(fraction.size(), 2U) << text;
  fraction.resize(2, '0');
  const int64_t value = std::stoll(digits.substr(0, dot)) * 100 + std::stoll(fraction);
  return negative ? -value : value;
}

// One folder for the read-only checks, written once for the whole suite.
class DemoAgencyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    folder_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                        ("agencykpi-demo-suite-" + std::to_string(::getpid())));
    std::filesystem::remove_all(*folder_);
    const Status status = WriteDemoAgency(*folder_, DemoOptions{kSeed, 1});
    ASSERT_TRUE(status.ok()) << status.message();
  }
  static void TearDownTestSuite() {
    std::error_code ignored;
    std::filesystem::remove_all(*folder_, ignored);
    delete folder_;
    folder_ = nullptr;
  }
  static Table Read(std::string_view file) { return ReadTable(*folder_ / file); }

  static std::filesystem::path* folder_;
};

std::filesystem::path* DemoAgencyTest::folder_ = nullptr;

TEST(DemoAgencyDeterminism, SameSeedAndScaleGiveSameBytes) {
  ScratchFolder first("first");
  ScratchFolder second("second");
  ASSERT_TRUE(WriteDemoAgency(first.path(), DemoOptions{kSeed, 1}).ok());
  ASSERT_TRUE(WriteDemoAgency(second.path(), DemoOptions{kSeed, 1}).ok());
  for (const FileColumns& file : kFiles) {
    const std::string bytes = ReadBytes(first.path() / file.file);
    EXPECT_FALSE(bytes.empty()) << file.file;
    EXPECT_TRUE(bytes == ReadBytes(second.path() / file.file)) << file.file << " differs between runs";
  }
}

TEST(DemoAgencyDeterminism, AnotherSeedGivesAnotherAgency) {
  ScratchFolder first("first");
  ScratchFolder second("second");
  ASSERT_TRUE(WriteDemoAgency(first.path(), DemoOptions{kSeed, 1}).ok());
  ASSERT_TRUE(WriteDemoAgency(second.path(), DemoOptions{kSeed + 1, 1}).ok());
  EXPECT_NE(ReadBytes(first.path() / "time_entries.csv"), ReadBytes(second.path() / "time_entries.csv"));
  EXPECT_NE(ReadBytes(first.path() / "contracts.csv"), ReadBytes(second.path() / "contracts.csv"));
}

TEST(DemoAgencyOptions, RefusesAScaleBelowOne) {
  ScratchFolder folder("zero");
  const Status status = WriteDemoAgency(folder.path(), DemoOptions{kSeed, 0});
  EXPECT_EQ(status.code(), ErrorCode::kInvalidInput);
}

TEST(DemoAgencyOptions, ScaleTwoIsTwiceScaleOne) {
  ScratchFolder one("one");
  ScratchFolder two("two");
  ASSERT_TRUE(WriteDemoAgency(one.path(), DemoOptions{kSeed, 1}).ok());
  ASSERT_TRUE(WriteDemoAgency(two.path(), DemoOptions{kSeed, 2}).ok());
  const auto entries_one = static_cast<double>(ReadTable(one.path() / "time_entries.csv").rows.size());
  const auto entries_two = static_cast<double>(ReadTable(two.path() / "time_entries.csv").rows.size());
  EXPECT_NEAR(entries_two / entries_one, 2.0, 0.2);
  EXPECT_EQ(ReadTable(two.path() / "clients.csv").rows.size(),
            2 * ReadTable(one.path() / "clients.csv").rows.size());
  EXPECT_EQ(ReadTable(two.path() / "employees.csv").rows.size(),
            2 * ReadTable(one.path() / "employees.csv").rows.size());
}

TEST_F(DemoAgencyTest, WritesAllThirteenFilesWithTheirColumns) {
  for (const FileColumns& file : kFiles) {
    ASSERT_TRUE(std::filesystem::exists(*folder_ / file.file)) << file.file;
    const Table table = Read(file.file);
    const std::set<std::string> header(table.header.begin(), table.header.end());
    EXPECT_EQ(header, file.columns) << file.file;
    EXPECT_EQ(header.size(), table.header.size()) << file.file << " names a column twice";
    EXPECT_FALSE(table.rows.empty()) << file.file;
    for (size_t r = 0; r < table.rows.size(); ++r) {
      ASSERT_EQ(table.rows[r].size(), table.header.size()) << file.file << " row " << r + 2;
    }
  }
}

TEST_F(DemoAgencyTest, ScaleOneHasAboutFiftyThousandTimeEntries) {
  const size_t entries = Read("time_entries.csv").rows.size();
  EXPECT_GE(entries, 40000U);
  EXPECT_LE(entries, 60000U);
  const size_t clients = Read("clients.csv").rows.size();
  EXPECT_GE(clients, 20U);  // tens of brands
  EXPECT_LE(clients, 99U);
}

TEST_F(DemoAgencyTest, FrenchExcelExportsLookLikeThem) {
  const std::string entries = ReadBytes(*folder_ / "time_entries.csv");
  EXPECT_TRUE(entries.starts_with(demo_test::kUtf8Bom));
  EXPECT_NE(entries.find("\r\n"), std::string::npos);
  const Table table = Read("time_entries.csv");
  EXPECT_EQ(table.separator, ';');
  EXPECT_EQ(table.Cell(0, "date").find('/'), 2U) << "DD/MM/YYYY";
  const bool decimal_comma = std::any_of(table.rows.begin(), table.rows.end(), [&](const auto& row) {
    return row[static_cast<size_t>(table.Column("hours"))].find(',') != std::string::npos;
  });
  EXPECT_TRUE(decimal_comma);

  const std::string invoices = ReadBytes(*folder_ / "invoices.csv");
  EXPECT_TRUE(invoices.starts_with(demo_test::kUtf8Bom));
  EXPECT_NE(invoices.find("\xC2\xA0"), std::string::npos) << "thousands grouped with a no-break space";

  const Table clients = Read("clients.csv");
  EXPECT_FALSE(clients.bom);
  EXPECT_EQ(clients.separator, ',');
  // Mission names with commas and quotes survive the round trip.
  const Table missions = Read("missions.csv");
  const bool tricky_name = std::any_of(missions.rows.begin(), missions.rows.end(), [&](const auto& row) {
    const std::string& name = row[static_cast<size_t>(missions.Column("name"))];
    return name.find(',') != std::string::npos && name.find('"') != std::string::npos;
  });
  EXPECT_TRUE(tricky_name);
}

TEST_F(DemoAgencyTest, ActivityRunsFrom2024ToMid2026) {
  const Day first = DayFromCivil(2024, 1, 1);
  const Day last = DayFromCivil(2026, 6, 30);
  for (const std::string_view file : {"time_entries.csv", "invoices.csv", "expenses.csv", "visits.csv",
                                      "results.csv", "store_audits.csv"}) {
    const Table table = Read(file);
    Day earliest = last;
    Day latest = first;
    for (size_t r = 0; r < table.rows.size(); ++r) {
      const Day day = DateOf(table.Cell(r, "date"));
      earliest = std::min(earliest, day);
      latest = std::max(latest, day);
    }
    EXPECT_GE(earliest, first) << file;
    EXPECT_LE(latest, last) << file;
    EXPECT_LT(earliest, DayFromCivil(2024, 2, 1)) << file << " starts in January 2024";
    EXPECT_GT(latest, DayFromCivil(2026, 5, 31)) << file << " runs into June 2026";
  }
  const Table contracts = Read("contracts.csv");
  for (size_t r = 0; r < contracts.rows.size(); ++r) {
    const std::string& signed_on = contracts.Cell(r, "signed_on");
    if (!signed_on.empty()) {
      EXPECT_LE(DateOf(signed_on), last) << "a contract signed after the export";
    }
  }
}

// The recurrence KPI of 2026-H1 (as of 2026-06-30, 30 days of grace) needs
// all three outcomes among the contracts ending in the half-year.
TEST_F(DemoAgencyTest, ContractsEndingInTheDemoHalfAreRenewedBothWaysOrLost) {
  const Table contracts = Read("contracts.csv");
  std::map<std::string, size_t> renewal_of;  // renewed contract → its renewal's row
  for (size_t r = 0; r < contracts.rows.size(); ++r) {
    const std::string& renewed = contracts.Cell(r, "renewal_of");
    if (renewed.empty()) {
      EXPECT_TRUE(contracts.Cell(r, "renewal_type").empty());
      continue;
    }
    EXPECT_TRUE(renewal_of.emplace(renewed, r).second) << renewed << " renewed twice";
  }
  const Day half_start = DayFromCivil(2026, 1, 1);
  const Day half_end = DayFromCivil(2026, 6, 30);
  constexpr int kGraceDays = 30;
  int spontaneous = 0;
  int solicited = 0;
  int lost = 0;
  int signed_late = 0;
  for (size_t r = 0; r < contracts.rows.size(); ++r) {
    const Day end = DateOf(contracts.Cell(r, "end_date"));
    const auto renewal = renewal_of.find(contracts.Cell(r, "contract_id"));
    if (renewal != renewal_of.end()) {
      const std::string& signed_on = contracts.Cell(renewal->second, "signed_on");
      ASSERT_FALSE(signed_on.empty()) << "renewals carry their signature date";
      if (DateOf(signed_on) > end) ++signed_late;
    }
    if (end < half_start || end > half_end) continue;
    if (renewal == renewal_of.end()) {
      if (end + kGraceDays <= half_end) ++lost;
    } else if (contracts.Cell(renewal->second, "renewal_type") == "spontaneous") {
      ++spontaneous;
    } else {
      EXPECT_EQ(contracts.Cell(renewal->second, "renewal_type"), "solicited");
      ++solicited;
    }
  }
  EXPECT_GE(spontaneous, 1);
  EXPECT_GE(solicited, 1);
  EXPECT_GE(lost, 1);
  EXPECT_GE(signed_late, 1) << "some renewals are signed after the contract ended";
}

TEST_F(DemoAgencyTest, InvoicesIncludeCreditNotesAndBrandLevelInvoices) {
  const Table invoices = Read("invoices.csv");
  int credit_notes = 0;
  int without_mission = 0;
  for (size_t r = 0; r < invoices.rows.size(); ++r) {
    if (Hundredths(invoices.Cell(r, "amount")) < 0) ++credit_notes;
    if (invoices.Cell(r, "mission_id").empty()) ++without_mission;
  }
  EXPECT_GE(credit_notes, 3);
  EXPECT_GE(without_mission, 1);
}

TEST_F(DemoAgencyTest, InternalTimeIsTenToFifteenPercentOfTheHours) {
  const Table entries = Read("time_entries.csv");
  std::set<std::string> internal_activities;
  int64_t total = 0;
  int64_t internal = 0;
  for (size_t r = 0; r < entries.rows.size(); ++r) {
    const int64_t hours = Hundredths(entries.Cell(r, "hours"));
    total += hours;
    if (entries.Cell(r, "mission_id").empty()) {
      internal += hours;
      internal_activities.insert(entries.Cell(r, "activity"));
    }
  }
  EXPECT_EQ(entries.Values("activity").size(), 8U) << "every activity of SPEC §1.2 is used";
  EXPECT_TRUE(internal_activities.count("management") && internal_activities.count("coordination") &&
              internal_activities.count("reporting"));
  const double share = static_cast<double>(internal) / static_cast<double>(total);
  EXPECT_GT(share, 0.08);
  EXPECT_LT(share, 0.18);
}

TEST_F(DemoAgencyTest, ObjectivesAndResultsCoverSumsAndLevels) {
  const Table objectives = Read("objectives.csv");
  for (size_t r = 0; r < objectives.rows.size(); ++r) EXPECT_GT(Hundredths(objectives.Cell(r, "target")), 0);
  EXPECT_EQ(objectives.Values("aggregation"), (std::set<std::string>{"last", "sum"}));
  const std::set<std::string> metrics = objectives.Values("metric");
  EXPECT_TRUE(metrics.count("implantations") && metrics.count("orders") && metrics.count("dn"));
  EXPECT_FALSE(Read("results.csv").rows.empty());
}

// The rules of SPEC §1.3 that tie rows together, checked here without the
// ingest component (which checks them all in demo_validation_test).
TEST_F(DemoAgencyTest, RowsReferToEachOtherConsistently) {
  const auto ids = [](const Table& table, std::string_view column) {
    std::map<std::string, size_t> out;
    for (size_t r = 0; r < table.rows.size(); ++r) {
      EXPECT_TRUE(out.emplace(table.Cell(r, column), r).second) << "duplicate " << table.Cell(r, column);
    }
    return out;
  };
  // An optional reference REF to a row of TARGET (indexed by TARGET_IDS) is
  // to a row of the client CLIENT.
  const auto of_client = [](const std::string& ref, const Table& target,
                            const std::map<std::string, size_t>& target_ids, const std::string& client) {
    if (ref.empty()) return;
    ASSERT_TRUE(target_ids.count(ref));
    EXPECT_EQ(target.Cell(target_ids.at(ref), "client_id"), client);
  };
  const Table clients = Read("clients.csv");
  const Table contracts = Read("contracts.csv");
  const Table missions = Read("missions.csv");
  const Table employees = Read("employees.csv");
  const Table stores = Read("stores.csv");
  const auto client_ids = ids(clients, "client_id");
  const auto contract_ids = ids(contracts, "contract_id");
  const auto mission_ids = ids(missions, "mission_id");
  const auto employee_ids = ids(employees, "employee_id");
  const auto store_ids = ids(stores, "store_id");
  ids(Read("invoices.csv"), "invoice_id");
  ids(Read("visits.csv"), "visit_id");
  ids(Read("objectives.csv"), "objective_id");

  for (size_t r = 0; r < contracts.rows.size(); ++r) {
    EXPECT_TRUE(client_ids.count(contracts.Cell(r, "client_id")));
    EXPECT_LE(DateOf(contracts.Cell(r, "start_date")), DateOf(contracts.Cell(r, "end_date")));
    of_client(contracts.Cell(r, "renewal_of"), contracts, contract_ids, contracts.Cell(r, "client_id"));
  }
  for (size_t r = 0; r < missions.rows.size(); ++r) {
    const std::string& client = missions.Cell(r, "client_id");
    EXPECT_TRUE(client_ids.count(client));
    of_client(missions.Cell(r, "contract_id"), contracts, contract_ids, client);
    const std::string& complexity = missions.Cell(r, "complexity");
    if (!complexity.empty()) {
      EXPECT_TRUE(complexity >= "1" && complexity <= "5" && complexity.size() == 1);
    }
  }

  std::map<std::string, Day> first_rate;
  const Table rates = Read("cost_rates.csv");
  std::set<std::pair<std::string, Day>> rate_days;
  for (size_t r = 0; r < rates.rows.size(); ++r) {
    const std::string& employee = rates.Cell(r, "employee_id");
    const Day from = DateOf(rates.Cell(r, "valid_from"));
    EXPECT_TRUE(employee_ids.count(employee));
    EXPECT_TRUE(rate_days.emplace(employee, from).second) << "two rates of " << employee << " on one day";
    EXPECT_GE(Hundredths(rates.Cell(r, "hourly_cost")), 0);
    auto [slot, inserted] = first_rate.emplace(employee, from);
    if (!inserted) slot->second = std::min(slot->second, from);
  }

  const Table entries = Read("time_entries.csv");
  std::map<std::pair<std::string, Day>, int64_t> day_hours;
  for (size_t r = 0; r < entries.rows.size(); ++r) {
    const std::string& employee = entries.Cell(r, "employee_id");
    const Day day = DateOf(entries.Cell(r, "date"));
    ASSERT_TRUE(first_rate.count(employee)) << employee << " has no cost rate";
    EXPECT_GE(day, first_rate.at(employee));
    const std::string& mission = entries.Cell(r, "mission_id");
    if (!mission.empty()) {
      EXPECT_TRUE(mission_ids.count(mission));
    }
    const int64_t hours = Hundredths(entries.Cell(r, "hours"));
    EXPECT_GT(hours, 0);
    EXPECT_EQ(hours % 25, 0) << "quarter hours";
    day_hours[{employee, day}] += hours;
  }
  for (const auto& [key, hours] : day_hours) EXPECT_LE(hours, 2400) << key.first;

  const Table invoices = Read("invoices.csv");
  for (size_t r = 0; r < invoices.rows.size(); ++r) {
    const std::string& client = invoices.Cell(r, "client_id");
    EXPECT_TRUE(client_ids.count(client));
    of_client(invoices.Cell(r, "mission_id"), missions, mission_ids, client);
  }
  const Table expenses = Read("expenses.csv");
  for (size_t r = 0; r < expenses.rows.size(); ++r) {
    EXPECT_GE(Hundredths(expenses.Cell(r, "amount")), 0);
    const std::string& mission = expenses.Cell(r, "mission_id");
    if (!mission.empty()) {
      EXPECT_TRUE(mission_ids.count(mission));
    }
  }
  const Table visits = Read("visits.csv");
  for (size_t r = 0; r < visits.rows.size(); ++r) {
    EXPECT_TRUE(employee_ids.count(visits.Cell(r, "employee_id")));
    EXPECT_TRUE(mission_ids.count(visits.Cell(r, "mission_id")));
    EXPECT_TRUE(store_ids.count(visits.Cell(r, "store_id")));
  }
  const Table audits = Read("store_audits.csv");
  for (size_t r = 0; r < audits.rows.size(); ++r) {
    EXPECT_TRUE(store_ids.count(audits.Cell(r, "store_id")));
    EXPECT_TRUE(client_ids.count(audits.Cell(r, "client_id")));
    const std::string& present = audits.Cell(r, "present");
    EXPECT_TRUE(present == "0" || present == "1");
  }
}

}  // namespace
}  // namespace agencykpi
