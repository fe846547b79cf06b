// OpenStore: the backend is chosen by the URI's scheme, and the options
// every backend shares reach it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "store/sqlite_store.h"
#include "store/store.h"
#include "test_datasets.h"

namespace agencykpi {
namespace {

using testing::ExpectSameDataset;
using testing::MakeSmallDataset;

class OpenStoreTest : public testing::TempDirTest {
 protected:
  void SetUp() override {
    TempDirTest::SetUp();
    file_ = dir_ / "agency.db";
  }

  // Imports the small dataset through `uri`, then reads it back from file_
  // with the SQLite backend itself: the URI named that SQLite file.
  void ExpectSqliteStoreAtFile(const std::string& uri) {
    auto store = OpenStore(uri);
    ASSERT_TRUE(store.ok()) << store.status().message();
    const Dataset data = MakeSmallDataset();
    ASSERT_TRUE((*store)->ReplaceDataset(data, "small").ok());
    store->reset();

    auto reopened = OpenSqliteStore(file_);
    ASSERT_TRUE(reopened.ok()) << reopened.status().message();
    auto loaded = (*reopened)->LoadDataset();
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    ExpectSameDataset(data, *loaded);
    auto meta = (*reopened)->Meta();
    ASSERT_TRUE(meta.ok());
    EXPECT_EQ(meta->dataset_version, 1);
    EXPECT_EQ(meta->source, "small");
  }

  std::filesystem::path file_;
};

TEST_F(OpenStoreTest, PlainPathOpensSqliteStoreAtThatFile) {
  ExpectSqliteStoreAtFile(file_.string());
}

TEST_F(OpenStoreTest, SqliteSchemeOpensSqliteStoreAtItsPath) {
  ExpectSqliteStoreAtFile("sqlite:" + file_.string());
}

TEST_F(OpenStoreTest, SqliteSchemeIgnoresCase) {
  ExpectSqliteStoreAtFile("SQLite:" + file_.string());
}

TEST_F(OpenStoreTest, ReadOnlyReachesTheBackendAndCreatesNoMissingFile) {
  StoreOpenOptions options;
  options.access = StoreAccess::kReadOnly;
  auto plain = OpenStore(file_.string(), options);
  ASSERT_FALSE(plain.ok());
  EXPECT_EQ(plain.status().code(), ErrorCode::kNotFound) << plain.status().message();
  auto with_scheme = OpenStore("sqlite:" + file_.string(), options);
  ASSERT_FALSE(with_scheme.ok());
  EXPECT_EQ(with_scheme.status().code(), ErrorCode::kNotFound) << with_scheme.status().message();
  EXPECT_FALSE(std::filesystem::exists(file_));
  EXPECT_TRUE(std::filesystem::is_empty(dir_));
}

TEST_F(OpenStoreTest, ReadOnlyStoreRefusesToWrite) {
  ASSERT_TRUE(OpenStore(file_.string()).ok());  // created empty
  StoreOpenOptions options;
  options.access = StoreAccess::kReadOnly;
  auto store = OpenStore(file_.string(), options);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ((*store)->ReplaceDataset(MakeSmallDataset(), "small").code(), ErrorCode::kInternal);
}

TEST(OpenStore, AnUnreachablePostgresqlServerIsUnavailableWithoutTheUriOrItsPassword) {
  // Port 1 of the loopback: nothing listens there, the refusal is immediate.
  auto store = OpenStore("postgresql://agency:secret@127.0.0.1:1/kpi");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kUnavailable);
  EXPECT_NE(store.status().message().find("cannot connect to PostgreSQL"), std::string::npos)
      << store.status().message();
  EXPECT_EQ(store.status().message().find("secret"), std::string::npos) << store.status().message();
}

TEST(OpenStore, PostgresShortSchemeInAnyCaseIsPostgresql) {
  EXPECT_TRUE(IsPostgresUri("Postgres://db.example/kpi"));
  EXPECT_TRUE(IsPostgresUri("POSTGRESQL://db.example/kpi"));
  EXPECT_FALSE(IsPostgresUri("sqlite:/tmp/agency.db"));
  EXPECT_FALSE(IsPostgresUri("/tmp/postgres://x"));
  auto store = OpenStore("Postgres://agency@127.0.0.1:1/kpi");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kUnavailable);
}

TEST(OpenStore, ADisplayedUriHidesItsPassword) {
  EXPECT_EQ(DisplayUri("postgresql://agency:secret@db.example:5432/kpi"), "postgresql://agency:***@db.example:5432/kpi");
  EXPECT_EQ(DisplayUri("postgresql://db.example/kpi?user=a&password=secret&sslmode=require"),
            "postgresql://db.example/kpi?user=a&password=***&sslmode=require");
  EXPECT_EQ(DisplayUri("postgresql://agency@db.example/kpi"), "postgresql://agency@db.example/kpi");
  EXPECT_EQ(DisplayUri("/var/lib/agencykpi/agency.db"), "/var/lib/agencykpi/agency.db");
}

TEST(OpenStore, AgencyIdsAreShortAndPlain) {
  EXPECT_EQ(AgencyIdProblem("agence-lyon_2.0"), "");
  EXPECT_NE(AgencyIdProblem(""), "");
  EXPECT_NE(AgencyIdProblem("a b"), "");
  EXPECT_NE(AgencyIdProblem("x'; DROP TABLE agencies; --"), "");
  EXPECT_NE(AgencyIdProblem(std::string(kMaxAgencyIdLength + 1, 'a')), "");
  EXPECT_EQ(AgencyIdProblem(std::string(kMaxAgencyIdLength, 'a')), "");
  EXPECT_EQ(AddAgency("/tmp/agency.db", AgencyRecord{"a", "A", "", 0, ""}).code(), ErrorCode::kInvalidInput);
}

TEST(OpenStore, UnknownSchemeIsRefusedByName) {
  auto store = OpenStore("mysql://db.example/kpi");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(store.status().message().find("unknown database scheme 'mysql'"), std::string::npos)
      << store.status().message();
}

TEST_F(OpenStoreTest, DriveLetterIsAPathNotAScheme) {
  StoreOpenOptions options;
  options.access = StoreAccess::kReadOnly;  // so nothing is created
  const std::string uri = (dir_ / "C://agency.db").string();
  auto absolute = OpenStore(uri, options);
  ASSERT_FALSE(absolute.ok());
  EXPECT_EQ(absolute.status().code(), ErrorCode::kNotFound) << absolute.status().message();
  auto relative = OpenStore("C://agencykpi-no-such-dir/agency.db", options);
  ASSERT_FALSE(relative.ok());
  EXPECT_EQ(relative.status().code(), ErrorCode::kNotFound) << relative.status().message();
}

TEST(OpenStore, EmptyUriAndEmptySqlitePathAreRefused) {
  auto empty = OpenStore("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), ErrorCode::kInvalidInput);
  auto no_path = OpenStore("sqlite:");
  ASSERT_FALSE(no_path.ok());
  EXPECT_EQ(no_path.status().code(), ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace agencykpi
