#include "store/migrations.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

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
const std::array<Migration, 3> kThreeSteps = {{
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

// tests/store/data/shipped_schema.txt: per version, the tables it created or
// changed, name → normalised SQL.
using Schema = std::map<std::string, std::string>;
std::map<int64_t, Schema> ShippedSchemaChanges() {
  std::ifstream file(std::string(AGENCYKPI_TEST_DATA_DIR) + "/shipped_schema.txt");
  std::map<int64_t, Schema> changes;
  for (std::string line; std::getline(file, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    int64_t version = 0;
    std::string table;
    fields >> version >> table;
    std::string sql;
    std::getline(fields >> std::ws, sql);
    changes[version][table] = sql;
  }
  return changes;
}

// Every table of the file, name → its SQL without comments, with spacing
// normalised (as in shipped_schema.txt).
Schema SchemaOf(SqliteDb& db) {
  Schema schema;
  auto statement = db.Prepare("SELECT name, sql FROM sqlite_schema WHERE sql IS NOT NULL");
  EXPECT_TRUE(statement.ok());
  if (!statement.ok()) return schema;
  for (;;) {
    auto row = statement->Step();
    EXPECT_TRUE(row.ok());
    if (!row.ok() || !*row) break;
    std::string sql = std::regex_replace(statement->ColumnText(1), std::regex("--[^\\n]*"), "");
    sql = std::regex_replace(sql, std::regex("\\s+"), " ");
    sql = std::regex_replace(sql, std::regex(" ?([(),]) ?"), "$1");
    schema[statement->ColumnText(0)] = sql;
  }
  return schema;
}

// The steps are written from the catalogue: after each of them, the schema
// is the one that version shipped with, so every older file upgrades to
// what a new file gets.
TEST_F(MigrationsTest, EachGeneratedStepBuildsTheSchemaThatShipped) {
  const std::map<int64_t, Schema> shipped = ShippedSchemaChanges();
  ASSERT_EQ(shipped.size(), 5u);
  ASSERT_EQ(SchemaMigrations().size(), shipped.size());
  Schema expected;
  for (const auto& [version, changes] : shipped) {
    for (const auto& [table, sql] : changes) expected[table] = sql;
    ASSERT_TRUE(ApplyMigrations(*db_, SchemaMigrations().first(static_cast<size_t>(version))).ok()) << version;
    EXPECT_EQ(SchemaOf(*db_), expected) << "after version " << version;
  }
  EXPECT_EQ(expected.size(), 26u);  // 14 catalogue tables, 5 lookups, metrics, import_meta, 4 of accounts, 1 index
}

}  // namespace
}  // namespace agencykpi
