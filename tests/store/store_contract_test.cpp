// What every Store backend does, the same tests for each: compiled once for
// SQLite (store_test) and once for PostgreSQL (pg_store_test, on the server
// of the CTest fixture `postgres`), as AGENCYKPI_STORE_BACKEND_POSTGRES says.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <regex>
#include <string>

#include "common/date.h"
#include "domain/catalogue.h"
#include "store/store.h"
#include "test_datasets.h"
#ifdef AGENCYKPI_STORE_BACKEND_POSTGRES
#include "pg_test_database.h"
#include "store/postgres/pg_store.h"
#else
#include "store/sqlite_store.h"
#endif

namespace agencykpi {
namespace {

using testing::CountOf;
using testing::ExpectSameDataset;
using testing::ExpectStored;
using testing::MakeOtherDataset;
using testing::MakeSmallDataset;
using testing::MakeSyntheticDataset;

// The test hooks both backends have, under their own names.
struct StoreHooks {
  std::function<std::chrono::system_clock::time_point()> now;
  // Called as rows are written with the rows written so far; a non-OK
  // Status fails the import there.
  std::function<Status(int64_t rows)> after_rows;
};

class StoreContractTest : public testing::TempDirTest, public ::testing::WithParamInterface<const char*> {
 protected:
  void SetUp() override {
    TempDirTest::SetUp();
#ifdef AGENCYKPI_STORE_BACKEND_POSTGRES
    auto database = testing::PgTestDatabase::Create(::testing::UnitTest::GetInstance()->current_test_info()->name());
    ASSERT_TRUE(database.ok()) << database.status().message();
    database_.emplace(std::move(*database));
    uri_ = database_->uri();
    const Status added = AddAgency(uri_, AgencyRecord{"test", "Agence de test", "", 0, ""});
    ASSERT_TRUE(added.ok()) << added.message();
#else
    uri_ = (dir_ / "agency.db").string();
#endif
  }

  std::unique_ptr<Store> Open(StoreHooks hooks = {}) {
#ifdef AGENCYKPI_STORE_BACKEND_POSTGRES
    PgStoreOptions options;
    if (hooks.after_rows) {
      options.after_rows_sent = [after_rows = std::move(hooks.after_rows)](std::string_view, size_t, int64_t rows) {
        return after_rows(rows);
      };
    }
    options.now = std::move(hooks.now);
    auto store = OpenPgStore(uri_, std::move(options));
#else
    SqliteStoreOptions options;
    options.after_row_inserted = std::move(hooks.after_rows);
    options.now = std::move(hooks.now);
    auto store = OpenSqliteStore(uri_, std::move(options));
#endif
    EXPECT_TRUE(store.ok()) << store.status().message();
    return store.ok() ? std::move(*store) : nullptr;
  }

  // The store, opened, after importing `data` from `source`; nullptr (a
  // test failure) when either fails.
  std::unique_ptr<Store> OpenWith(const Dataset& data, const std::string& source) {
    return testing::Imported(Open(), data, source);
  }

  // Imports `data` and closes the store again.
  void ImportAndClose(const Dataset& data, const std::string& source) { ASSERT_NE(OpenWith(data, source), nullptr); }

  std::string uri_;
#ifdef AGENCYKPI_STORE_BACKEND_POSTGRES
  std::optional<testing::PgTestDatabase> database_;
#endif
};

TEST_P(StoreContractTest, AReadOnlyStoreRefusesToWrite) {
  ASSERT_NO_FATAL_FAILURE(ImportAndClose(MakeSmallDataset(), "small"));
  StoreOpenOptions options;
  options.access = StoreAccess::kReadOnly;
  auto store = OpenStore(uri_, options);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ((*store)->ReplaceDataset(MakeOtherDataset(), "other").code(), ErrorCode::kInternal);
  ASSERT_NO_FATAL_FAILURE(ExpectStored(**store, MakeSmallDataset(), 1, "small"));
}

TEST_P(StoreContractTest, ACancelledImportLeavesThePreviousDataset) {
  const Dataset before = MakeSmallDataset();
  ASSERT_NO_FATAL_FAILURE(ImportAndClose(before, "before"));
  const Dataset next = MakeSyntheticDataset(50000, 1000);
  CancelToken cancel;
  StoreHooks hooks;
  hooks.after_rows = [&cancel](int64_t rows) {
    if (rows >= 20000) cancel.Cancel();
    return Status::Ok();
  };
  auto store = Open(std::move(hooks));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->ReplaceDataset(next, "next", &cancel).code(), ErrorCode::kCancelled);
  ASSERT_NO_FATAL_FAILURE(ExpectStored(*store, before, 1, "before"));
  CancelToken raised;
  raised.Cancel();
  EXPECT_EQ(store->ReplaceDataset(next, "next", &raised).code(), ErrorCode::kCancelled);
  EXPECT_TRUE(store->ReplaceDataset(next, "next").ok());
  ASSERT_NO_FATAL_FAILURE(ExpectStored(*store, next, 2, "next"));
}

// The store checks every reference against the table the catalogue names
// for it, with the catalogue's optionality: a required one left absent and
// an optional one pointing past its table are both refused, nothing stored.
TEST_P(StoreContractTest, ReferencesAreCheckedAgainstTheCatalogueTargetAndOptionality) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  Dataset absent_required = MakeSmallDataset();
  ASSERT_GT(absent_required.results.size(), 0u);
  absent_required.results.mission[0] = kNoRow;  // results.mission_id is required
  Status status = store->ReplaceDataset(absent_required, "x");
  EXPECT_EQ(status.code(), ErrorCode::kInternal);
  EXPECT_NE(status.message().find("results row 0: mission_id refers to no row (-1)"), std::string::npos)
      << status.message();
  Dataset past_end = MakeSmallDataset();
  past_end.results.store[1] = static_cast<RowId>(past_end.stores.size());  // optional, but must exist
  status = store->ReplaceDataset(past_end, "x");
  EXPECT_EQ(status.code(), ErrorCode::kInternal);
  EXPECT_NE(status.message().find("results row 1: store_id refers to no row"), std::string::npos)
      << status.message();
  Dataset fine = MakeSmallDataset();
  fine.results.store[1] = kNoRow;  // optional: may be absent
  EXPECT_TRUE(store->ReplaceDataset(fine, "x").ok());
}

TEST_P(StoreContractTest, NewStoreIsEmptyAtVersionZero) {
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
  EXPECT_EQ(meta->counts.size(), 15U);
  for (const TableCount& count : meta->counts) EXPECT_EQ(count.rows, 0) << count.table;
}

TEST_P(StoreContractTest, RoundTripKeepsEveryFieldOfEveryTable) {
  const Dataset original = MakeSmallDataset();
  auto store = Open();
  ASSERT_NE(store, nullptr);
  Status status = store->ReplaceDataset(original, "agences/nord");
  ASSERT_TRUE(status.ok()) << status.message();
  auto loaded = store->LoadDataset();
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ExpectSameDataset(original, *loaded);
}

TEST_P(StoreContractTest, RoundTripOfSyntheticDataset) {
  const Dataset original = MakeSyntheticDataset(20000, 3000);
  auto store = OpenWith(original, "synthetic");
  ASSERT_NE(store, nullptr);
  auto loaded = store->LoadDataset();
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ExpectSameDataset(original, *loaded);
}

TEST_P(StoreContractTest, MetaReportsVersionTimeSourceCountsAndDateRange) {
  const Dataset data = MakeSmallDataset();
  StoreHooks options;
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

TEST_P(StoreContractTest, ImportedAtIsUtcIso8601FromTheSystemClock) {
  auto store = OpenWith(MakeSmallDataset(), "x");
  ASSERT_NE(store, nullptr);
  auto meta = store->Meta();
  ASSERT_TRUE(meta.ok());
  EXPECT_TRUE(std::regex_match(meta->imported_at, std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)")))
      << meta->imported_at;
  const auto day = ParseDate(meta->imported_at.substr(0, 10));
  ASSERT_TRUE(day.has_value());
  EXPECT_LE(std::abs(*day - Today()), 1);
}

TEST_P(StoreContractTest, ReimportReplacesTheWholeDatasetAndBumpsTheVersion) {
  auto store = OpenWith(MakeSmallDataset(), "first");
  ASSERT_NE(store, nullptr);
  const Dataset other = MakeOtherDataset();
  ASSERT_TRUE(store->ReplaceDataset(other, "second").ok());
  ASSERT_NO_FATAL_FAILURE(ExpectStored(*store, other, 2, "second"));
  auto meta = store->Meta();
  ASSERT_TRUE(meta.ok());
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

TEST_P(StoreContractTest, ReopeningKeepsDataAndVersion) {
  const Dataset data = MakeSmallDataset();
  {
    auto store = OpenWith(data, "a");
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->ReplaceDataset(data, "b").ok());
  }
  auto store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_NO_FATAL_FAILURE(ExpectStored(*store, data, 2, "b"));
}

TEST_P(StoreContractTest, InjectedFailureAtAnyRowLeavesThePreviousDatasetExactly) {
  const Dataset before = MakeSmallDataset();
  ASSERT_NO_FATAL_FAILURE(ImportAndClose(before, "before"));
  const Dataset next = MakeSyntheticDataset(500, 100);
  auto fresh = Open();
  ASSERT_NE(fresh, nullptr);
  auto before_meta = fresh->Meta();
  ASSERT_TRUE(before_meta.ok());
  fresh.reset();
  // The first row, a row in each part of the import, and the very last row.
  auto total_rows = static_cast<int64_t>(next.metrics.size());
  for (const TableDesc& table : Catalogue()) total_rows += static_cast<int64_t>(RowCount(next, table));
  for (int64_t fail_at :
       {int64_t{1}, int64_t{150}, int64_t{1500}, total_rows / 2, total_rows - 1, total_rows}) {
    SCOPED_TRACE("failing after row " + std::to_string(fail_at));
    StoreHooks options;
    options.after_rows = [fail_at](int64_t rows) {
      return rows >= fail_at ? Status::Io("injected failure") : Status::Ok();
    };
    auto store = Open(std::move(options));
    ASSERT_NE(store, nullptr);
    Status status = store->ReplaceDataset(next, "next");
    EXPECT_FALSE(status.ok());
    EXPECT_NE(status.message().find("injected failure"), std::string::npos) << status.message();
    ASSERT_NO_FATAL_FAILURE(ExpectStored(*store, before, 1, "before"));
    auto meta = store->Meta();
    ASSERT_TRUE(meta.ok());
    EXPECT_EQ(meta->imported_at, before_meta->imported_at);
    EXPECT_EQ(meta->first_date, before_meta->first_date);
  }
  // Without the hook, the same import goes through afterwards.
  auto store = OpenWith(next, "next");
  ASSERT_NE(store, nullptr);
  auto meta = store->Meta();
  ASSERT_TRUE(meta.ok());
  EXPECT_EQ(meta->dataset_version, 2);
}

TEST_P(StoreContractTest, ABrokenReferenceFailsTheImportAndKeepsThePreviousDataset) {
  const Dataset before = MakeSmallDataset();
  auto store = OpenWith(before, "before");
  ASSERT_NE(store, nullptr);

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

  ASSERT_NO_FATAL_FAILURE(ExpectStored(*store, before, 1, "before"));
}

TEST_P(StoreContractTest, RaggedFactColumnsAreRefusedBeforeTouchingTheStore) {
  auto store = OpenWith(MakeSmallDataset(), "before");
  ASSERT_NE(store, nullptr);
  Dataset ragged = MakeSmallDataset();
  ragged.invoices.mission.pop_back();
  Status status = store->ReplaceDataset(ragged, "ragged");
  EXPECT_EQ(status.code(), ErrorCode::kInternal);
  auto meta = store->Meta();
  ASSERT_TRUE(meta.ok());
  EXPECT_EQ(meta->dataset_version, 1);
}

#ifdef AGENCYKPI_STORE_BACKEND_POSTGRES
INSTANTIATE_TEST_SUITE_P(Postgresql, StoreContractTest, ::testing::Values("postgresql"));
#else
INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContractTest, ::testing::Values("sqlite"));
#endif

}  // namespace
}  // namespace agencykpi
