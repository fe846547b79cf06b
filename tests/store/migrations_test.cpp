#include "store/migrations.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <string>

#include "test_datasets.h"

namespace agencykpi {
namespace {

class MigrationsTest : public testing::SqliteFileTest {
 protected:
  int64_t Version() {
    auto version = SchemaVersion(*db_);
    EXPECT_TRUE(version.ok());
    return version.ok() ? *version : -1;
  }
  bool HasTable(const std::string& name) {
    auto count =
        db_->QueryInt64("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '" + name + "'");
    return count.ok() && *count == 1;
  }
};

// Steps that fail if run twice (CREATE TABLE without IF NOT EXISTS).
constexpr std::array<Migration, 3> kThreeSteps = {{
    {1, "first", "CREATE TABLE a (x INTEGER) STRICT;"},
    {2, "second", "CREATE TABLE b (x INTEGER) STRICT; INSERT INTO a VALUES (1);"},
    {3, "third", "ALTER TABLE a ADD COLUMN y TEXT;"},
}};

TEST_F(MigrationsTest, AppliesAllStepsToAnEmptyFile) {
  ASSERT_EQ(Version(), 0);
  Status status = ApplyMigrations(*db_, kThreeSteps);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(Version(), 3);
  EXPECT_TRUE(HasTable("a"));
  EXPECT_TRUE(HasTable("b"));
}

TEST_F(MigrationsTest, AppliesOnlyTheMissingSteps) {
  ASSERT_TRUE(ApplyMigrations(*db_, std::span(kThreeSteps).first(1)).ok());
  EXPECT_EQ(Version(), 1);
  Status status = ApplyMigrations(*db_, kThreeSteps);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(Version(), 3);
  // Up to date: applying again changes nothing.
  ASSERT_TRUE(ApplyMigrations(*db_, kThreeSteps).ok());
  auto rows = db_->QueryInt64("SELECT count(*) FROM a");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, 1);
}

TEST_F(MigrationsTest, AFailingStepRollsBackEveryStepOfTheRun) {
  const std::array<Migration, 3> steps = {{
      kThreeSteps[0],
      kThreeSteps[1],
      {3, "broken", "ALTER TABLE missing_table ADD COLUMN y TEXT;"},
  }};
  Status status = ApplyMigrations(*db_, steps);
  EXPECT_EQ(status.code(), ErrorCode::kIo);
  EXPECT_NE(status.message().find("version 3 (broken)"), std::string::npos) << status.message();
  EXPECT_EQ(Version(), 0);
  EXPECT_FALSE(HasTable("a"));
  EXPECT_FALSE(HasTable("b"));
}

TEST_F(MigrationsTest, ANewerFileIsRefused) {
  ASSERT_TRUE(ApplyMigrations(*db_, kThreeSteps).ok());
  Status status = ApplyMigrations(*db_, std::span(kThreeSteps).first(2));
  EXPECT_EQ(status.code(), ErrorCode::kInvalidInput);
  EXPECT_NE(status.message().find("newer"), std::string::npos) << status.message();
  EXPECT_EQ(Version(), 3);
}

TEST_F(MigrationsTest, MisnumberedStepsAreABug) {
  const std::array<Migration, 2> steps = {{kThreeSteps[0], kThreeSteps[2]}};
  EXPECT_EQ(ApplyMigrations(*db_, steps).code(), ErrorCode::kInternal);
  EXPECT_EQ(Version(), 0);
}

TEST_F(MigrationsTest, ProductStepsAreNumberedInOrderAndApplyCleanly) {
  int64_t expected = 1;
  for (const Migration& migration : SchemaMigrations()) EXPECT_EQ(migration.version, expected++);
  EXPECT_EQ(LatestSchemaVersion(), expected - 1);
  ASSERT_TRUE(MigrateToLatest(*db_).ok());
  EXPECT_EQ(Version(), LatestSchemaVersion());
  ASSERT_TRUE(db_->Exec("PRAGMA foreign_keys = ON").ok());
  auto violations = db_->QueryInt64("SELECT count(*) FROM pragma_foreign_key_check");
  ASSERT_TRUE(violations.ok()) << violations.status().message();
  EXPECT_EQ(*violations, 0);
}

}  // namespace
}  // namespace agencykpi
