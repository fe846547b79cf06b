// The live schema (every migration applied) stores each table of the
// catalogue: after `row_id`, one column per catalogue column, in order, under
// StoreColumnName, TEXT for ids and text and INTEGER for the rest, NOT NULL
// when the column is required or has a default.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "domain/catalogue.h"
#include "store/dataset_snapshot.h"
#include "store/migrations.h"
#include "store/sqlite_db.h"

namespace agencykpi {
namespace {

constexpr std::string_view kRowIdColumn = "row_id";

struct LiveColumn {
  std::string name;
  std::string type;
  bool not_null = false;
};

std::string StoredType(ColumnKind kind) {
  return kind == ColumnKind::kId || kind == ColumnKind::kText ? "TEXT" : "INTEGER";
}

class SchemaCatalogueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    file_ = std::filesystem::temp_directory_path() /
            ("agencykpi_schema_catalogue_" + std::to_string(getpid()) + ".db");
    std::filesystem::remove(file_);
    auto db = SqliteDb::Open(file_);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_.emplace(std::move(*db));
    const Status status = ApplyMigrations(*db_, SchemaMigrations());
    ASSERT_TRUE(status.ok()) << status.message();
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove(file_);
  }

  std::vector<LiveColumn> Columns(std::string_view table) {
    std::vector<LiveColumn> out;
    auto statement = db_->Prepare("SELECT name, type, \"notnull\" FROM pragma_table_info(?1) ORDER BY cid");
    EXPECT_TRUE(statement.ok());
    if (!statement.ok()) return out;
    statement->BindText(1, table);
    for (;;) {
      auto row = statement->Step();
      EXPECT_TRUE(row.ok());
      if (!row.ok() || !*row) break;
      out.push_back(LiveColumn{statement->ColumnText(0), statement->ColumnText(1), statement->ColumnInt64(2) != 0});
    }
    return out;
  }

  std::filesystem::path file_;
  std::optional<SqliteDb> db_;
};

TEST_F(SchemaCatalogueTest, EveryCatalogueTableIsStoredColumnForColumn) {
  size_t tables = 0;
  size_t columns = 0;
  for (const TableDesc& table : Catalogue()) {
    const std::vector<LiveColumn> live = Columns(table.name);
    ASSERT_EQ(live.size(), table.columns.size() + 1) << table.name;
    ++tables;
    EXPECT_EQ(live[0].name, kRowIdColumn) << table.name;
    for (size_t i = 0; i < table.columns.size(); ++i) {
      const ColumnDesc& column = table.columns[i];
      const LiveColumn& stored = live[i + 1];
      EXPECT_EQ(stored.name, StoreColumnName(column)) << table.name << "." << column.name;
      EXPECT_EQ(stored.type, StoredType(column.kind)) << table.name << "." << column.name;
      EXPECT_EQ(stored.not_null, column.required || !column.default_value.empty())
          << table.name << "." << column.name;
      ++columns;
    }
  }
  EXPECT_EQ(tables, 14u);
  EXPECT_EQ(columns, 71u);  // missions.fee and employees.weekly_hours since schema 4
}

TEST(SnapshotCatalogue, TheSnapshotHoldsEveryColumnOfEveryCatalogueTable) {
  const std::array<size_t, kTableCount> columns = SnapshotColumnsPerTable();
  size_t total = 0;
  for (size_t t = 0; t < kTableCount; ++t) {
    EXPECT_EQ(columns[t], Catalogue()[t].columns.size()) << Catalogue()[t].name;
    total += columns[t];
  }
  EXPECT_EQ(total, 71u);
}

}  // namespace
}  // namespace agencykpi
