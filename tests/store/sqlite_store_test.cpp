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
#include <sstream>
#include <string>
#include <vector>

#include "common/cancel.h"
#include "common/date.h"
#include "domain/catalogue.h"
#include "store/migrations.h"
#include "store/sqlite_db.h"
#include "store/sqlite_store.h"
#include "test_datasets.h"

namespace agencykpi {
namespace {

using testing::ExpectSameDataset;
using testing::ExpectStored;
using testing::MakeSmallDataset;
using testing::CountOf;
using testing::MakeOtherDataset;
using testing::MakeSyntheticDataset;

class SqliteStoreTest : public testing::TempDirTest {
 protected:
  void SetUp() override {
    TempDirTest::SetUp();
    file_ = dir_ / "agency.db";
  }

  std::unique_ptr<Store> Open(SqliteStoreOptions options = {}) {
    auto store = OpenSqliteStore(file_, std::move(options));
    EXPECT_TRUE(store.ok()) << store.status().message();
    return store.ok() ? std::move(*store) : nullptr;
  }

  // The store, opened, after importing `data` from `source`; nullptr (a
  // test failure) when either fails.
  std::unique_ptr<Store> OpenWith(const Dataset& data, const std::string& source) {
    return testing::Imported(Open(), data, source);
  }

  // Imports `data` into the file and closes the store again.
  void ImportAndClose(const Dataset& data, const std::string& source) { ASSERT_NE(OpenWith(data, source), nullptr); }

  std::filesystem::path file_;
};


std::string Bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Runs SQL on the file as the sqlite3 shell would: a plain connection, no store.
void ExecBehindTheStore(const std::filesystem::path& file, const std::string& sql) {
  auto db = SqliteDb::Open(file, SqliteDb::Access::kCreate);
  ASSERT_TRUE(db.ok()) << db.status().message();
  Status status = db->Exec(sql);
  ASSERT_TRUE(status.ok()) << status.message();
}

int64_t QueryBehindTheStore(const std::filesystem::path& file, const std::string& sql) {
  auto db = SqliteDb::Open(file, SqliteDb::Access::kReadOnly);
  EXPECT_TRUE(db.ok()) << db.status().message();
  if (!db.ok()) return -1;
  auto value = db->QueryInt64(sql);
  EXPECT_TRUE(value.ok()) << value.status().message();
  return value.ok() ? *value : -1;
}










TEST_F(SqliteStoreTest, ABrandNewPathIsCreatedWholeWithNothingLeftBeside) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  auto db = SqliteDb::Open(file_, SqliteDb::Access::kReadOnly);
  ASSERT_TRUE(db.ok());
  auto version = SchemaVersion(*db);
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, LatestSchemaVersion());
  int temporary_files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    if (entry.path().filename().string().find(".new-") != std::string::npos) ++temporary_files;
  }
  EXPECT_EQ(temporary_files, 0);
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
  EXPECT_EQ(count, 15 + 5 + 1 + 4);  // SPEC tables + metrics, enum lookups, import_meta, accounts
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




// A process killed with SIGKILL in the middle of an import (after part of
// it reached the WAL file) leaves the previous dataset intact.
TEST_F(SqliteStoreTest, CrashMidImportLeavesThePreviousDatasetIntact) {
  constexpr size_t kBigTimeEntries = 200000;
  constexpr int64_t kKillAfterRows = 150000;
  constexpr int64_t kSmallCacheKib = 256;  // forces pages into the WAL before commit
  constexpr int kChildReturned = 3;
  constexpr int kChildOpenFailed = 4;

  const Dataset before = MakeSmallDataset();
  ASSERT_NO_FATAL_FAILURE(ImportAndClose(before, "before"));
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
  ASSERT_NO_FATAL_FAILURE(ExpectStored(*store, before, 1, "before"));
  auto meta = store->Meta();
  ASSERT_TRUE(meta.ok());
  EXPECT_EQ(CountOf(*meta, "time_entries"), kActivityCount);
  // And the store takes the next import normally.
  ASSERT_TRUE(store->ReplaceDataset(big, "big").ok());
  meta = store->Meta();
  ASSERT_TRUE(meta.ok());
  EXPECT_EQ(meta->dataset_version, 2);
  EXPECT_EQ(CountOf(*meta, "time_entries"), static_cast<int64_t>(kBigTimeEntries));
}

// --- Files that are not agencykpi stores: refused by every open, untouched. ---

SqliteStoreOptions ReadOnly() {
  SqliteStoreOptions options;
  options.access = StoreAccess::kReadOnly;
  return options;
}

// Opens `file` read-write and read-only; both must fail with kInvalidInput
// naming the file and "not an agencykpi database (`why`", leaving the bytes.
void ExpectRefusedAndUntouched(const std::filesystem::path& file, const std::string& why) {
  const std::string before = std::filesystem::is_regular_file(file) ? Bytes(file) : "";
  for (const StoreAccess access : {StoreAccess::kReadWrite, StoreAccess::kReadOnly}) {
    SCOPED_TRACE(access == StoreAccess::kReadOnly ? "read-only" : "read-write");
    SqliteStoreOptions options;
    options.access = access;
    auto store = OpenSqliteStore(file, std::move(options));
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.status().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(store.status().message(), file.string() + ": not an agencykpi database (" + why + ")");
    if (std::filesystem::is_regular_file(file)) {
      EXPECT_EQ(Bytes(file), before);
    }
  }
  EXPECT_FALSE(std::filesystem::exists(file.string() + kSnapshotSuffix));
}

TEST_F(SqliteStoreTest, AZeroByteFileIsRefusedAndStaysEmpty) {
  { std::ofstream touch(file_); }
  ExpectRefusedAndUntouched(file_, "the file is empty");
  EXPECT_EQ(std::filesystem::file_size(file_), 0U);
}

TEST_F(SqliteStoreTest, AnSqliteDatabaseOfAnotherSchemaIsRefusedAndLeftUntouched) {
  ExecBehindTheStore(
      file_, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes VALUES (1, 'x')");
  ExpectRefusedAndUntouched(file_, "an SQLite database without agencykpi's tables");
  EXPECT_EQ(QueryBehindTheStore(file_, "SELECT count(*) FROM sqlite_schema"), 1);
}

TEST_F(SqliteStoreTest, AnEmptySqliteDatabaseIsRefused) {
  ExecBehindTheStore(file_, "PRAGMA user_version = 0; VACUUM");
  ASSERT_GT(std::filesystem::file_size(file_), 0U);
  ExpectRefusedAndUntouched(file_, "an SQLite database without agencykpi's tables");
}

TEST_F(SqliteStoreTest, GarbageBytesAreRefusedAndLeftUntouched) {
  std::ofstream(file_, std::ios::binary) << std::string(5000, '\x7f') << "not a database";
  ExpectRefusedAndUntouched(file_, "not an SQLite file");
  // SQLite's own magic over a damaged header is refused by SQLite's check.
  std::ofstream(file_, std::ios::binary) << std::string("SQLite format 3\0", 16) << std::string(5000, '\xff');
  auto store = OpenSqliteStore(file_);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find(file_.string()), std::string::npos) << store.status().message();
}

TEST_F(SqliteStoreTest, ADirectoryIsRefused) {
  std::filesystem::create_directory(file_);
  ExpectRefusedAndUntouched(file_, "it is a directory");
  EXPECT_TRUE(std::filesystem::is_empty(file_));
}

TEST_F(SqliteStoreTest, ReadOnlyOpenOfAMissingFileCreatesNothing) {
  auto store = OpenSqliteStore(file_, ReadOnly());
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(store.status().message(), file_.string() +
                                          ": no such database (create it with agencykpi import DIR --db " +
                                          file_.string() + ")");
  EXPECT_TRUE(std::filesystem::is_empty(dir_));
}

// report reads a store and must never write it: not the database, not the
// snapshot (even when it has to read SQLite because the snapshot is gone).
TEST_F(SqliteStoreTest, ReadOnlyLoadWritesNeitherTheDatabaseNorTheSnapshot) {
  const Dataset data = MakeSmallDataset();
  ASSERT_NO_FATAL_FAILURE(ImportAndClose(data, "a"));
  std::filesystem::remove(file_.string() + kSnapshotSuffix);
  const std::string before = Bytes(file_);
  auto store = OpenSqliteStore(file_, ReadOnly());
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto loaded = (*store)->LoadDataset();
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ExpectSameDataset(data, *loaded);
  EXPECT_NE((*store)->ReplaceDataset(data, "b").code(), ErrorCode::kOk);
  store->reset();
  EXPECT_EQ(Bytes(file_), before);
  EXPECT_FALSE(std::filesystem::exists(file_.string() + kSnapshotSuffix));
}

TEST_F(SqliteStoreTest, ReadOnlyOpenReadsAReadOnlyFileInAReadOnlyDirectory) {
  const Dataset data = MakeSmallDataset();
  ASSERT_NO_FATAL_FAILURE(ImportAndClose(data, "a"));
  const std::string before = Bytes(file_);
  using std::filesystem::perms;
  std::filesystem::permissions(file_, perms::owner_read | perms::group_read | perms::others_read);
  std::filesystem::permissions(dir_, perms::owner_read | perms::owner_exec | perms::group_read |
                                         perms::group_exec | perms::others_read | perms::others_exec);
  auto store = OpenSqliteStore(file_, ReadOnly());
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto loaded = (*store)->LoadDataset();
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ExpectSameDataset(data, *loaded);
  store->reset();
  std::filesystem::permissions(dir_, perms::owner_all);
  EXPECT_EQ(Bytes(file_), before);
}

// --- The snapshot is used only for the very state it was written from. ---

// The issue: another database of the same dataset version copied over the
// file kept reporting the old data from the old FILE.columns.
TEST_F(SqliteStoreTest, AnotherDatabaseOfTheSameVersionCopiedOverTheFileIsNotAnsweredFromTheOldSnapshot) {
  const std::filesystem::path other_file = dir_ / "other.db";
  const Dataset other = MakeOtherDataset();
  {
    auto store = OpenWith(MakeSmallDataset(), "mine");
    ASSERT_NE(store, nullptr);
    auto other_store = OpenSqliteStore(other_file);
    ASSERT_TRUE(other_store.ok());
    ASSERT_TRUE((*other_store)->ReplaceDataset(other, "other").ok());
  }
  ASSERT_TRUE(std::filesystem::exists(file_.string() + kSnapshotSuffix));
  std::filesystem::copy_file(other_file, file_, std::filesystem::copy_options::overwrite_existing);
  for (const StoreAccess access : {StoreAccess::kReadOnly, StoreAccess::kReadWrite}) {
    SqliteStoreOptions options;
    options.access = access;
    auto store = OpenSqliteStore(file_, std::move(options));
    ASSERT_TRUE(store.ok()) << store.status().message();
    auto meta = (*store)->Meta();
    ASSERT_TRUE(meta.ok());
    EXPECT_EQ(meta->dataset_version, 1);
    auto loaded = (*store)->LoadDataset();
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    ExpectSameDataset(other, *loaded);
  }
}

TEST_F(SqliteStoreTest, RowsChangedWithTheSqliteShellStopTheSnapshotBeingUsed) {
  const Dataset data = MakeSmallDataset();
  ASSERT_NO_FATAL_FAILURE(ImportAndClose(data, "a"));
  const std::vector<std::string> edits = {
      "UPDATE invoices SET amount = amount + 100 WHERE row_id = 0",
      "DELETE FROM store_audits WHERE row_id = 1", "INSERT INTO metrics VALUES (2, 'facings')",
      "UPDATE activities SET name = name WHERE code = 0",  // even a change that changes nothing
  };
  ASSERT_EQ(edits.size(), 4U);
  for (const std::string& edit : edits) {
    SCOPED_TRACE(edit);
    auto store = OpenSqliteStore(file_, ReadOnly());
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->LoadDataset().ok());  // the snapshot holds what SQLite holds
    store->reset();
    ExecBehindTheStore(file_, edit);
    store = OpenSqliteStore(file_, ReadOnly());
    ASSERT_TRUE(store.ok());
    auto loaded = (*store)->LoadDataset();
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    // What SQLite holds now, not the snapshot: the same rows as a load with
    // the snapshot switched off.
    SqliteStoreOptions from_sqlite = ReadOnly();
    from_sqlite.columnar_snapshot = false;
    auto truth = OpenSqliteStore(file_, std::move(from_sqlite));
    ASSERT_TRUE(truth.ok());
    auto expected = (*truth)->LoadDataset();
    ASSERT_TRUE(expected.ok());
    ExpectSameDataset(*expected, *loaded);
    // A read-write load writes a snapshot of the new state, used from then on.
    auto writer = Open();
    ASSERT_NE(writer, nullptr);
    ASSERT_TRUE(writer->LoadDataset().ok());
  }
  auto store = OpenSqliteStore(file_, ReadOnly());
  ASSERT_TRUE(store.ok());
  auto loaded = (*store)->LoadDataset();
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->invoices.amount[0], data.invoices.amount[0] + 100);
  EXPECT_EQ(loaded->store_audits.size(), data.store_audits.size() - 1);
  EXPECT_EQ(loaded->metrics.size(), data.metrics.size() + 1);
}

TEST_F(SqliteStoreTest, ImportsKeepTheGuardTriggersAndAFreshImportId) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  const std::string guards =
      "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'guard\\_%' ESCAPE '\\'";
  EXPECT_EQ(QueryBehindTheStore(file_, guards),
            (15 + 5) * 3);  // data and lookup tables × insert, update, delete
  ASSERT_TRUE(store->ReplaceDataset(MakeSmallDataset(), "a").ok());
  EXPECT_EQ(QueryBehindTheStore(file_, guards), (15 + 5) * 3);
  const auto import_id = [this] {
    auto db = SqliteDb::Open(file_, SqliteDb::Access::kReadOnly);
    EXPECT_TRUE(db.ok());
    auto statement = db->Prepare("SELECT import_id FROM import_meta");
    EXPECT_TRUE(statement.ok() && *statement->Step());
    return statement.ok() ? statement->ColumnText(0) : std::string();
  };
  const std::string first = import_id();
  EXPECT_TRUE(std::regex_match(first, std::regex("[0-9a-f]{32}"))) << first;
  ASSERT_TRUE(store->ReplaceDataset(MakeSmallDataset(), "b").ok());
  const std::string second = import_id();
  EXPECT_TRUE(std::regex_match(second, std::regex("[0-9a-f]{32}"))) << second;
  EXPECT_NE(first, second);  // the same data imported again is another state
}

TEST_F(SqliteStoreTest, DroppedGuardsMakeTheSnapshotUntrustedUntilTheNextReadWriteOpen) {
  const Dataset data = MakeSmallDataset();
  ASSERT_NO_FATAL_FAILURE(ImportAndClose(data, "a"));
  ExecBehindTheStore(file_,
                     "DROP TRIGGER guard_invoices_update; UPDATE invoices SET amount = 1 WHERE row_id = 0");
  auto store = OpenSqliteStore(file_, ReadOnly());
  ASSERT_TRUE(store.ok());
  auto loaded = (*store)->LoadDataset();
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->invoices.amount[0], 1);
  store->reset();
  auto writer = Open();  // recreates the guards under a new import id
  ASSERT_NE(writer, nullptr);
  loaded = writer->LoadDataset();
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->invoices.amount[0], 1);
}

// A database of schema 1 (no import id) with its snapshot: the upgrade must
// not trust the old snapshot, and a read-only open reads it as it is.
// What schema 5 added (the accounts), dropped to take a file back to an older schema.
constexpr const char* kDropAccounts =
    "DROP TABLE audit_log; DROP TABLE sessions; DROP TABLE user_clients; DROP TABLE users;";

TEST_F(SqliteStoreTest, AStoreOfSchemaOneIsUpgradedWithoutTrustingItsOldSnapshot) {
  const Dataset data = MakeSmallDataset();
  ASSERT_NO_FATAL_FAILURE(ImportAndClose(data, "a"));
  // Back to schema 1 as an older agencykpi left it, then a row changed by it
  // (an older binary kept no guards).
  std::string drop_guards;
  for (const char* table :
       {"clients", "contracts", "missions", "employees", "cost_rates", "stores", "metrics", "objectives",
        "time_entries", "expenses", "invoices", "visits", "results", "store_audits", "store_sales", "activities",
        "expense_categories", "visit_actions", "renewal_types", "aggregations"}) {
    for (const char* event : {"insert", "update", "delete"}) {
      drop_guards += std::string("DROP TRIGGER guard_") + table + "_" + event + ";";
    }
  }
  ExecBehindTheStore(file_, drop_guards +
                                kDropAccounts +
                                "DROP TABLE store_sales; ALTER TABLE import_meta DROP COLUMN import_id;"
                                "ALTER TABLE missions DROP COLUMN fee; ALTER TABLE employees DROP COLUMN weekly_hours;"
                                "PRAGMA user_version = 1;"
                                "UPDATE invoices SET amount = 7 WHERE row_id = 0");
  {
    const std::string before = Bytes(file_);
    auto store = OpenSqliteStore(file_, ReadOnly());
    ASSERT_TRUE(store.ok()) << store.status().message();
    auto loaded = (*store)->LoadDataset();
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    EXPECT_EQ(loaded->invoices.amount[0], 7);
    EXPECT_EQ(loaded->store_sales.size(), 0u);  // schema 1 has no store_sales table
    store->reset();
    EXPECT_EQ(Bytes(file_), before);
    EXPECT_EQ(QueryBehindTheStore(file_, "PRAGMA user_version"), 1);
  }
  auto store = Open();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(QueryBehindTheStore(file_, "PRAGMA user_version"), LatestSchemaVersion());
  auto loaded = store->LoadDataset();
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->invoices.amount[0], 7);
}

// A database of schema 3 (before missions.fee and employees.weekly_hours):
// a read-only open reads both as absent, the next read-write open adds them.
TEST_F(SqliteStoreTest, AStoreOfSchemaThreeReadsFeesAndWeeklyHoursAsAbsent) {
  Dataset data = MakeSmallDataset();
  ASSERT_FALSE(data.missions.empty());
  ASSERT_FALSE(data.employees.empty());
  data.missions[0].fee = 150000;
  data.employees[0].weekly_hours = 3500;
  ASSERT_NO_FATAL_FAILURE(ImportAndClose(data, "a"));
  ExecBehindTheStore(file_, std::string("DROP TRIGGER guard_missions_insert; DROP TRIGGER guard_missions_update;"
                                        "DROP TRIGGER guard_missions_delete; DROP TRIGGER guard_employees_insert;"
                                        "DROP TRIGGER guard_employees_update; DROP TRIGGER guard_employees_delete;"
                                        "ALTER TABLE missions DROP COLUMN fee;"
                                        "ALTER TABLE employees DROP COLUMN weekly_hours;") +
                                kDropAccounts + "PRAGMA user_version = 3;");
  {
    auto store = OpenSqliteStore(file_, ReadOnly());
    ASSERT_TRUE(store.ok()) << store.status().message();
    auto loaded = (*store)->LoadDataset();
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    EXPECT_EQ(loaded->missions[0].fee, kNoMoney);
    EXPECT_EQ(loaded->employees[0].weekly_hours, 0);
    EXPECT_EQ(QueryBehindTheStore(file_, "PRAGMA user_version"), 3);
  }
  auto store = Open();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(QueryBehindTheStore(file_, "PRAGMA user_version"), LatestSchemaVersion());
  ASSERT_TRUE(store->ReplaceDataset(data, "b").ok());
  auto loaded = store->LoadDataset();
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->missions[0].fee, 150000);
  EXPECT_EQ(loaded->employees[0].weekly_hours, 3500);
}

// --- Crashes, cancellation and full disks. ---

TEST_F(SqliteStoreTest, OrphanSnapshotFilesAreRemovedAtTheNextReadWriteOpen) {
  const Dataset data = MakeSmallDataset();
  ASSERT_NO_FATAL_FAILURE(ImportAndClose(data, "a"));
  const std::string snapshot = file_.string() + kSnapshotSuffix;
  const std::vector<std::filesystem::path> orphans = {snapshot + ".next", snapshot + ".next.tmp",
                                                      snapshot + ".tmp"};
  ASSERT_EQ(orphans.size(), 3U);
  for (const auto& orphan : orphans) std::ofstream(orphan) << "left by a crash";
  {
    auto store = OpenSqliteStore(file_, ReadOnly());  // a reader removes nothing
    ASSERT_TRUE(store.ok());
  }
  for (const auto& orphan : orphans) EXPECT_TRUE(std::filesystem::exists(orphan)) << orphan;
  auto store = Open();
  ASSERT_NE(store, nullptr);
  for (const auto& orphan : orphans) EXPECT_FALSE(std::filesystem::exists(orphan)) << orphan;
  EXPECT_TRUE(std::filesystem::exists(snapshot));
  auto loaded = store->LoadDataset();
  ASSERT_TRUE(loaded.ok());
  ExpectSameDataset(data, *loaded);
}

TEST_F(SqliteStoreTest, ACancelledImportLeavesThePreviousDatasetAndNoSnapshotBehind) {
  const Dataset before = MakeSmallDataset();
  ASSERT_NO_FATAL_FAILURE(ImportAndClose(before, "before"));
  const std::string snapshot_before = Bytes(file_.string() + kSnapshotSuffix);
  const Dataset next = MakeSyntheticDataset(50000, 1000);
  CancelToken cancel;
  SqliteStoreOptions options;
  options.after_row_inserted = [&cancel](int64_t rows) {
    if (rows == 20000) cancel.Cancel();
    return Status::Ok();
  };
  auto store = Open(std::move(options));
  ASSERT_NE(store, nullptr);
  Status status = store->ReplaceDataset(next, "next", &cancel);
  EXPECT_EQ(status.code(), ErrorCode::kCancelled);
  EXPECT_EQ(status.message(), "the import was cancelled");
  ASSERT_NO_FATAL_FAILURE(ExpectStored(*store, before, 1, "before"));
  EXPECT_EQ(Bytes(file_.string() + kSnapshotSuffix), snapshot_before);
  EXPECT_FALSE(std::filesystem::exists(file_.string() + kSnapshotSuffix + ".next"));
  // A token raised before the import starts stops it before any row.
  CancelToken raised;
  raised.Cancel();
  EXPECT_EQ(store->ReplaceDataset(next, "next", &raised).code(), ErrorCode::kCancelled);
  EXPECT_TRUE(store->ReplaceDataset(next, "next").ok());
}

TEST_F(SqliteStoreTest, AFullDiskFailsTheImportWithItsReasonAndLeavesTheStoreUnchanged) {
  const Dataset before = MakeSmallDataset();
  ASSERT_NO_FATAL_FAILURE(ImportAndClose(before, "before"));
  SqliteStoreOptions options;
  options.max_page_count = QueryBehindTheStore(file_, "PRAGMA page_count") + 2;
  auto store = Open(std::move(options));
  ASSERT_NE(store, nullptr);
  Status status = store->ReplaceDataset(MakeSyntheticDataset(100000, 10000), "too big");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), ErrorCode::kIo);
  EXPECT_NE(status.message().find(file_.string() + ": the disk is full (database or disk is full"),
            std::string::npos)
      << status.message();
  auto loaded = store->LoadDataset();
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ExpectSameDataset(before, *loaded);
  auto meta = store->Meta();
  ASSERT_TRUE(meta.ok());
  EXPECT_EQ(meta->dataset_version, 1);
  EXPECT_EQ(meta->source, "before");
  EXPECT_FALSE(std::filesystem::exists(file_.string() + kSnapshotSuffix + ".next"));
}

TEST_F(SqliteStoreTest, ASnapshotThatCannotBeWrittenIsAWarningWithItsReason) {
  std::vector<std::string> warnings;
  SqliteStoreOptions options;
  options.on_warning = [&warnings](const Status& warning) { warnings.push_back(warning.message()); };
  auto store = Open(std::move(options));
  ASSERT_NE(store, nullptr);
  const std::string snapshot = file_.string() + kSnapshotSuffix;
  std::filesystem::create_directory(snapshot + ".next.tmp");  // in the way of the snapshot's temporary file
  const Dataset data = MakeSmallDataset();
  ASSERT_TRUE(store->ReplaceDataset(data, "a").ok());  // the database is the truth: the import stands
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_NE(warnings[0].find("Is a directory"), std::string::npos) << warnings[0];
  EXPECT_FALSE(std::filesystem::exists(snapshot));
  auto loaded = store->LoadDataset();  // from SQLite, and the snapshot written again
  ASSERT_TRUE(loaded.ok());
  ExpectSameDataset(data, *loaded);
  EXPECT_TRUE(std::filesystem::exists(snapshot));
  EXPECT_EQ(warnings.size(), 1U);
}

}  // namespace
}  // namespace agencykpi
