#include "store/sqlite_db.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <string>

#include "test_datasets.h"

namespace agencykpi {
namespace {

class SqliteDbTest : public testing::SqliteFileTest {
 protected:
  void SetUp() override {
    SqliteFileTest::SetUp();
    ASSERT_TRUE(db_->Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT) STRICT").ok());
  }
  int64_t Rows() {
    auto rows = db_->QueryInt64("SELECT count(*) FROM t");
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? *rows : -1;
  }
};

TEST_F(SqliteDbTest, BindStepAndReadColumns) {
  auto insert = db_->Prepare("INSERT INTO t VALUES (?1, ?2)");
  ASSERT_TRUE(insert.ok());
  const std::string names[] = {"un", "", "trois"};
  for (int64_t i = 0; i < 3; ++i) {
    insert->BindInt64(1, i);
    insert->BindOptionalText(2, names[i]);
    ASSERT_TRUE(insert->StepDone().ok());
    insert->Reset();
  }
  auto select = db_->Prepare("SELECT id, name FROM t ORDER BY id");
  ASSERT_TRUE(select.ok());
  for (int64_t i = 0; i < 3; ++i) {
    auto row = select->Step();
    ASSERT_TRUE(row.ok() && *row);
    EXPECT_EQ(select->ColumnInt64(0), i);
    EXPECT_EQ(select->ColumnText(1), names[i]);
    EXPECT_EQ(select->ColumnIsNull(1), names[i].empty());
  }
  auto done = select->Step();
  ASSERT_TRUE(done.ok());
  EXPECT_FALSE(*done);
}

TEST_F(SqliteDbTest, ErrorsAreStatusValues) {
  auto bad_sql = db_->Prepare("SELEKT 1");
  ASSERT_FALSE(bad_sql.ok());
  EXPECT_EQ(bad_sql.status().code(), ErrorCode::kIo);
  EXPECT_NE(bad_sql.status().message().find("syntax error"), std::string::npos) << bad_sql.status().message();

  auto insert = db_->Prepare("INSERT INTO t VALUES (?1, ?2)");
  ASSERT_TRUE(insert.ok());
  insert->BindInt64(1, 1);
  insert->BindText(2, "a");
  ASSERT_TRUE(insert->StepDone().ok());
  insert->Reset();
  Status duplicate = insert->StepDone();  // same primary key again
  EXPECT_EQ(duplicate.code(), ErrorCode::kIo);
  EXPECT_NE(duplicate.message().find("UNIQUE"), std::string::npos) << duplicate.message();
  insert->Reset();

  insert->BindInt64(7, 1);  // no such parameter: reported by the next step
  Status bad_bind = insert->StepDone();
  EXPECT_FALSE(bad_bind.ok());
  EXPECT_NE(bad_bind.message().find("parameter 7"), std::string::npos) << bad_bind.message();

  EXPECT_FALSE(db_->Exec("INSERT INTO t VALUES ('text', 'x')").ok());  // STRICT refuses the type
}

TEST_F(SqliteDbTest, TransactionRollsBackUnlessCommitted) {
  {
    auto transaction = SqliteTransaction::Begin(*db_, SqliteTransaction::Mode::kImmediate);
    ASSERT_TRUE(transaction.ok());
    ASSERT_TRUE(db_->Exec("INSERT INTO t VALUES (1, 'gone')").ok());
  }
  EXPECT_EQ(Rows(), 0);
  {
    auto transaction = SqliteTransaction::Begin(*db_, SqliteTransaction::Mode::kImmediate);
    ASSERT_TRUE(transaction.ok());
    ASSERT_TRUE(db_->Exec("INSERT INTO t VALUES (1, 'kept')").ok());
    ASSERT_TRUE(transaction->Commit().ok());
    EXPECT_FALSE(transaction->Commit().ok());  // only once
  }
  EXPECT_EQ(Rows(), 1);
}

TEST_F(SqliteDbTest, AFailedCommitRollsBack) {
  ASSERT_TRUE(db_->Exec("PRAGMA foreign_keys = ON; CREATE TABLE child (parent INTEGER REFERENCES t(id) "
                        "DEFERRABLE INITIALLY DEFERRED) STRICT")
                  .ok());
  auto transaction = SqliteTransaction::Begin(*db_, SqliteTransaction::Mode::kImmediate);
  ASSERT_TRUE(transaction.ok());
  ASSERT_TRUE(db_->Exec("INSERT INTO t VALUES (5, 'x'); INSERT INTO child VALUES (99)").ok());
  Status status = transaction->Commit();
  EXPECT_FALSE(status.ok());
  EXPECT_NE(sqlite3_get_autocommit(db_->handle()), 0);  // no transaction left open
  EXPECT_EQ(Rows(), 0);
}

TEST_F(SqliteDbTest, OpeningADirectoryFails) {
  auto db = SqliteDb::Open(std::filesystem::temp_directory_path());
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), ErrorCode::kIo);
}

}  // namespace
}  // namespace agencykpi
