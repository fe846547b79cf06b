#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "common/date.h"
#include "store/migrations.h"
#include "store/sqlite_db.h"
#include "store/store.h"
#include "test_datasets.h"

namespace agencykpi {
namespace {

using testing::ExpectSameDataset;
using testing::MakeSmallDataset;
using testing::MakeSyntheticDataset;

// A fresh directory per test, removed afterwards.
class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           ("agencykpi_store_" + std::to_string(getpid()) + "_" + info->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    file_ = dir_ / "agency.db";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<Store> Open(SqliteStoreOptions options = {}) {
    auto store = OpenSqliteStore(file_, std::move(options));
    EXPECT_TRUE(store.ok()) << store.status().message();
    return store.ok() ? std::move(*store) : nullptr;
  }

  std::filesystem::path dir_;
  std::filesystem::path file_;
};

int64_t CountOf(const StoreMeta& meta, const std::string& table) {
  for (const TableCount& count : meta.counts) {
    if (count.table == table) return count.rows;
  }
  ADD_FAILURE() << "no count for " << table;
  return -1;
}

// A dataset clearly different from MakeSmallDataset in every table.
Dataset MakeOtherDataset() {
  Dataset d = MakeSmallDataset();
  d.clients.resize(1);
  d.clients[0].name = "Seul client";
  d.contracts.clear();
  d.missions = {{"MX", 0, "Seule mission", 1, 2, kNoRow, "", 2}};
  d.employees.resize(1);
  d.cost_rates = {{0, 0, 1000}};
  d.stores.clear();
  d.metrics = {"orders"};
  d.objectives = {{"OX", 0, 0, Aggregation::kSum, 5, 1, 2}};
  d.time_entries = {};
  d.time_entries.employee = {0};
  d.time_entries.date = {1};
  d.time_entries.hours = {100};
  d.time_entries.activity = {Activity::kOther};
  d.time_entries.mission = {0};
  d.expenses = {};
  d.invoices = {};
  d.visits = {};
  d.results = {};
  d.store_audits = {};
  return d;
}

TEST_F(SqliteStoreTest, NewStoreIsEmptyAtVersionZero) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  auto data = store->LoadDataset();
  ASSERT_TRUE(data.ok()) << data.status().message();
  ExpectSameDataset(Dataset{}, *data);
  auto meta = store->Meta();
  ASSERT_TRUE(meta.ok()) << meta.status().message();
  EXPECT_EQ(meta->dataset_version, 0);
  EXPECT_EQ(meta->imported_at, "");
  EXPECT_EQ(meta->source, "");
  EXPECT_EQ(meta->first_date, 0);
  EXPECT_EQ(meta->last_date, 0);
  EXPECT_EQ(meta->counts.size(), 14U);
  for (const TableCount& count : meta->counts) EXPECT_EQ(count.rows, 0) << count.table;
}

TEST_F(SqliteStoreTest, RoundTripKeepsEveryFieldOfEveryTable) {
  const Dataset original = MakeSmallDataset();
  auto store = Open();
  ASSERT_NE(store, nullptr);
  Status status = store->ReplaceDataset(original, "agences/nord");
  ASSERT_TRUE(status.ok()) << status.message();
  auto loaded = store->LoadDataset();
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ExpectSameDataset(original, *loaded);
}

TEST_F(SqliteStoreTest, RoundTripOfSyntheticDataset) {
  const Dataset original = MakeSyntheticDataset(20000, 3000);
  auto store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->ReplaceDataset(original, "synthetic").ok());
  auto loaded = store->LoadDataset();
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ExpectSameDataset(original, *loaded);
}

TEST_F(SqliteStoreTest, MetaReportsVersionTimeSourceCountsAndDateRange) {
  const Dataset data = MakeSmallDataset();
  SqliteStoreOptions options;
  options.now = [] {
    // 2026-03-14 15:09:26 UTC
    return std::chrono::system_clock::time_point(std::chrono::seconds(1773500966));
  };
  auto store = Open(std::move(options));
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->ReplaceDataset(data, "exports/2026-03").ok());
  auto meta = store->Meta();
  ASSERT_TRUE(meta.ok()) << meta.status().message();
  EXPECT_EQ(meta->dataset_version, 1);
  EXPECT_EQ(meta->imported_at, "2026-03-14T15:09:26Z");
  EXPECT_EQ(meta->source, "exports/2026-03");
  EXPECT_EQ(CountOf(*meta, "clients"), 3);
  EXPECT_EQ(CountOf(*meta, "contracts"), 4);
  EXPECT_EQ(CountOf(*meta, "missions"), 3);
  EXPECT_EQ(CountOf(*meta, "employees"), 2);
  EXPECT_EQ(CountOf(*meta, "cost_rates"), 3);
  EXPECT_EQ(CountOf(*meta, "stores"), 2);
  EXPECT_EQ(CountOf(*meta, "metrics"), 2);
  EXPECT_EQ(CountOf(*meta, "objectives"), 2);
  EXPECT_EQ(CountOf(*meta, "time_entries"), kActivityCount);
  EXPECT_EQ(CountOf(*meta, "expenses"), kExpenseCategoryCount);
  EXPECT_EQ(CountOf(*meta, "invoices"), 3);
  EXPECT_EQ(CountOf(*meta, "visits"), kVisitActionCount);
  EXPECT_EQ(CountOf(*meta, "results"), 3);
  EXPECT_EQ(CountOf(*meta, "store_audits"), 2);
  // The earliest dated fact is an audit, the latest an audit too.
  EXPECT_EQ(meta->first_date, DayFromCivil(2024, 12, 31));
  EXPECT_EQ(meta->last_date, DayFromCivil(2026, 4, 1));
}

TEST_F(SqliteStoreTest, ImportedAtIsUtcIso8601FromTheSystemClock) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->ReplaceDataset(MakeSmallDataset(), "x").ok());
  auto meta = store->Meta();
  ASSERT_TRUE(meta.ok());
  EXPECT_TRUE(std::regex_match(meta->imported_at, std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)")))
      << meta->imported_at;
  const auto day = ParseDate(meta->imported_at.substr(0, 10));
  ASSERT_TRUE(day.has_value());
  EXPECT_LE(std::abs(*day - Today()), 1);
}

TEST_F(SqliteStoreTest, ReimportReplacesTheWholeDatasetAndBumpsTheVersion) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->ReplaceDataset(MakeSmallDataset(), "first").ok());
  const Dataset other = MakeOtherDataset();
  ASSERT_TRUE(store->ReplaceDataset(other, "second").ok());
  auto loaded = store->LoadDataset();
  ASSERT_TRUE(loaded.ok());
  ExpectSameDataset(other, *loaded);
  auto meta = store->Meta();
  ASSERT_TRUE(meta.ok());
  EXPECT_EQ(meta->dataset_version, 2);
  EXPECT_EQ(meta->source, "second");
  EXPECT_EQ(CountOf(*meta, "contracts"), 0);
  EXPECT_EQ(meta->first_date, 1);
  EXPECT_EQ(meta->last_date, 1);
  // An empty dataset is a valid import too.
  ASSERT_TRUE(store->ReplaceDataset(Dataset{}, "third").ok());
  meta = store->Meta();
  ASSERT_TRUE(meta.ok());
  EXPECT_EQ(meta->dataset_version, 3);
  EXPECT_EQ(meta->first_date, 0);
  EXPECT_EQ(meta->last_date, 0);
}

TEST_F(SqliteStoreTest, ReopeningKeepsDataAndVersion) {
  const Dataset data = MakeSmallDataset();
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->ReplaceDataset(data, "a").ok());
    ASSERT_TRUE(store->ReplaceDataset(data, "b").ok());
  }
  auto store = Open();
  ASSERT_NE(store, nullptr);
  auto loaded = store->LoadDataset();
  ASSERT_TRUE(loaded.ok());
  ExpectSameDataset(data, *loaded);
  auto meta = store->Meta();
  ASSERT_TRUE(meta.ok());
  EXPECT_EQ(meta->dataset_version, 2);
  EXPECT_EQ(meta->source, "b");
}

TEST_F(SqliteStoreTest, AnEmptyFileIsMigrated) {
  { std::ofstream touch(file_); }
  ASSERT_EQ(std::filesystem::file_size(file_), 0U);
  auto store = Open();
  ASSERT_NE(store, nullptr);
  auto db = SqliteDb::Open(file_);
  ASSERT_TRUE(db.ok());
  auto version = SchemaVersion(*db);
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, LatestSchemaVersion());
}

TEST_F(SqliteStoreTest, UsesWalAndStrictTables) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  auto db = SqliteDb::Open(file_);
  ASSERT_TRUE(db.ok());
  auto mode = db->Prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode.ok());
  ASSERT_TRUE(*mode->Step());
  EXPECT_EQ(mode->ColumnText(0), "wal");
  auto tables = db->Prepare(
      "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
      "AND name NOT LIKE 'sqlite_%'");
  ASSERT_TRUE(tables.ok()) << tables.status().message();
  int count = 0;
  for (;;) {
    auto row = tables->Step();
    ASSERT_TRUE(row.ok());
    if (!*row) break;
    ++count;
    EXPECT_EQ(tables->ColumnInt64(1), 1) << tables->ColumnText(0) << " is not STRICT";
  }
  EXPECT_EQ(count, 14 + 5 + 1);  // SPEC tables + metrics, enum lookups, import_meta
}

TEST_F(SqliteStoreTest, AStoreFromANewerProgramIsRefusedAndLeftUntouched) {
  {
    auto db = SqliteDb::Open(file_);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("CREATE TABLE future (x INTEGER); PRAGMA user_version = " +
                         std::to_string(LatestSchemaVersion() + 1))
                    .ok());
  }
  auto store = OpenSqliteStore(file_);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(store.status().message().find("newer"), std::string::npos) << store.status().message();
  auto db = SqliteDb::Open(file_);
  ASSERT_TRUE(db.ok());
  auto version = SchemaVersion(*db);
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, LatestSchemaVersion() + 1);
  auto mode = db->Prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode.ok());
  ASSERT_TRUE(*mode->Step());
  EXPECT_EQ(mode->ColumnText(0), "delete");  // not switched to WAL
}

TEST_F(SqliteStoreTest, InjectedFailureAtAnyRowLeavesThePreviousDatasetExactly) {
  const Dataset before = MakeSmallDataset();
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->ReplaceDataset(before, "before").ok());
  }
  const Dataset next = MakeSyntheticDataset(500, 100);
  auto fresh = Open();
  ASSERT_NE(fresh, nullptr);
  auto before_meta = fresh->Meta();
  ASSERT_TRUE(before_meta.ok());
  fresh.reset();
  // The first row, a row in each part of the import, and the very last row.
  const auto total_rows = static_cast<int64_t>(
      next.clients.size() + next.contracts.size() + next.missions.size() + next.employees.size() +
      next.cost_rates.size() + next.stores.size() + next.metrics.size() + next.objectives.size() +
      next.time_entries.size() + next.expenses.size() + next.invoices.size() + next.visits.size() +
      next.results.size() + next.store_audits.size());
  for (int64_t fail_at :
       {int64_t{1}, int64_t{150}, int64_t{1500}, total_rows / 2, total_rows - 1, total_rows}) {
    SCOPED_TRACE("failing after row " + std::to_string(fail_at));
    SqliteStoreOptions options;
    options.after_row_inserted = [fail_at](int64_t rows) {
      return rows == fail_at ? Status::Io("injected failure") : Status::Ok();
    };
    auto store = Open(std::move(options));
    ASSERT_NE(store, nullptr);
    Status status = store->ReplaceDataset(next, "next");
    EXPECT_FALSE(status.ok());
    EXPECT_EQ(status.message(), "injected failure");
    auto loaded = store->LoadDataset();
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    ExpectSameDataset(before, *loaded);
    auto meta = store->Meta();
    ASSERT_TRUE(meta.ok());
    EXPECT_EQ(meta->dataset_version, 1);
    EXPECT_EQ(meta->source, "before");
    EXPECT_EQ(meta->imported_at, before_meta->imported_at);
    EXPECT_EQ(meta->first_date, before_meta->first_date);
  }
  // Without the hook, the same import goes through afterwards.
  auto store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->ReplaceDataset(next, "next").ok());
  auto meta = store->Meta();
  ASSERT_TRUE(meta.ok());
  EXPECT_EQ(meta->dataset_version, 2);
}

TEST_F(SqliteStoreTest, ABrokenReferenceFailsTheImportAndKeepsThePreviousDataset) {
  const Dataset before = MakeSmallDataset();
  auto store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->ReplaceDataset(before, "before").ok());

  Dataset bad_mission = MakeOtherDataset();
  bad_mission.time_entries.mission[0] = 99;
  Status status = store->ReplaceDataset(bad_mission, "bad");
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("time_entries row 0: mission"), std::string::npos) << status.message();

  Dataset bad_renewal = MakeSmallDataset();
  bad_renewal.contracts[1].renewal_of = 42;
  status = store->ReplaceDataset(bad_renewal, "bad");
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("contracts row 1: renewal_of"), std::string::npos) << status.message();

  Dataset absent_client = MakeSmallDataset();
  absent_client.invoices.client[0] = kNoRow;  // required reference
  EXPECT_FALSE(store->ReplaceDataset(absent_client, "bad").ok());

  Dataset bad_hours = MakeSmallDataset();
  bad_hours.time_entries.hours[0] = 0;  // CHECK constraint
  EXPECT_FALSE(store->ReplaceDataset(bad_hours, "bad").ok());

  auto loaded = store->LoadDataset();
  ASSERT_TRUE(loaded.ok());
  ExpectSameDataset(before, *loaded);
  auto meta = store->Meta();
  ASSERT_TRUE(meta.ok());
  EXPECT_EQ(meta->dataset_version, 1);
  EXPECT_EQ(meta->source, "before");
}

TEST_F(SqliteStoreTest, RaggedFactColumnsAreRefusedBeforeTouchingTheStore) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->ReplaceDataset(MakeSmallDataset(), "before").ok());
  Dataset ragged = MakeSmallDataset();
  ragged.invoices.mission.pop_back();
  Status status = store->ReplaceDataset(ragged, "ragged");
  EXPECT_EQ(status.code(), ErrorCode::kInternal);
  auto meta = store->Meta();
  ASSERT_TRUE(meta.ok());
  EXPECT_EQ(meta->dataset_version, 1);
}

// A process killed with SIGKILL in the middle of an import (after part of
// it reached the WAL file) leaves the previous dataset intact.
TEST_F(SqliteStoreTest, CrashMidImportLeavesThePreviousDatasetIntact) {
  constexpr size_t kBigTimeEntries = 200000;
  constexpr int64_t kKillAfterRows = 150000;
  constexpr int64_t kSmallCacheKib = 256;  // forces pages into the WAL before commit
  constexpr int kChildReturned = 3;
  constexpr int kChildOpenFailed = 4;

  const Dataset before = MakeSmallDataset();
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->ReplaceDataset(before, "before").ok());
  }
  const Dataset big = MakeSyntheticDataset(kBigTimeEntries, 1000);
  const std::filesystem::path wal = file_.string() + "-wal";

  std::fflush(nullptr);  // no buffered output duplicated in the child
  const pid_t child = fork();
  ASSERT_NE(child, -1);
  if (child == 0) {
    SqliteStoreOptions options;
    options.cache_size_kib = kSmallCacheKib;
    options.after_row_inserted = [](int64_t rows) {
      if (rows == kKillAfterRows) std::raise(SIGKILL);
      return Status::Ok();
    };
    auto store = OpenSqliteStore(file_, std::move(options));
    if (!store.ok()) _exit(kChildOpenFailed);
    (void)(*store)->ReplaceDataset(big, "big");
    _exit(kChildReturned);  // the hook should have killed us first
  }
  int wait_status = 0;
  ASSERT_EQ(waitpid(child, &wait_status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(wait_status)) << "child exited with " << WEXITSTATUS(wait_status);
  EXPECT_EQ(WTERMSIG(wait_status), SIGKILL);
  // The half-done import really reached the disk.
  ASSERT_TRUE(std::filesystem::exists(wal));
  EXPECT_GT(std::filesystem::file_size(wal), 1024U * 1024U);

  auto store = Open();
  ASSERT_NE(store, nullptr);
  auto loaded = store->LoadDataset();
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ExpectSameDataset(before, *loaded);
  auto meta = store->Meta();
  ASSERT_TRUE(meta.ok());
  EXPECT_EQ(meta->dataset_version, 1);
  EXPECT_EQ(meta->source, "before");
  EXPECT_EQ(CountOf(*meta, "time_entries"), kActivityCount);
  // And the store takes the next import normally.
  ASSERT_TRUE(store->ReplaceDataset(big, "big").ok());
  meta = store->Meta();
  ASSERT_TRUE(meta.ok());
  EXPECT_EQ(meta->dataset_version, 2);
  EXPECT_EQ(CountOf(*meta, "time_entries"), static_cast<int64_t>(kBigTimeEntries));
}

}  // namespace
}  // namespace agencykpi
