// A small RAII wrapper over the SQLite C API: a connection, a prepared
// statement and a transaction guard. Errors are Status values (kIo with
// SQLite's message and the failing context), never exceptions. A full disk
// (SQLITE_FULL) reads "FILE: the disk is full (SQLite's message; context)",
// an I/O error "FILE: input/output error (…, the system's errno text)".
//
// Ownership: SqliteDb owns its sqlite3 handle and closes it on destruction;
// a SqliteStatement owns its sqlite3_stmt and must not outlive the SqliteDb
// that prepared it; a SqliteTransaction refers to its SqliteDb and must not
// outlive it either. All three are move-only.
//
// Thread safety: connections are opened with SQLITE_OPEN_NOMUTEX, so a
// SqliteDb and everything made from it is used from one thread at a time.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

namespace agencykpi {

class SqliteStatement;

class SqliteDb {
 public:
  enum class Access {
    kCreate,     // read and write, creating the file if it does not exist
    kReadWrite,  // read and write an existing file
    kReadOnly,   // read an existing file; nothing is ever written to it
    // Read an existing file that no process can be writing (SQLite's
    // immutable=1: no locks, no -wal or -shm files; see OpenSqliteStore).
    kImmutable,
  };

  // Opens a database file (creating it if needed) for reading and writing.
  static Result<SqliteDb> Open(const std::filesystem::path& file);
  static Result<SqliteDb> Open(const std::filesystem::path& file, Access access);

  SqliteDb(SqliteDb&&) noexcept = default;
  SqliteDb& operator=(SqliteDb&&) noexcept = default;

  // Runs one or more SQL statements that return no rows (schema, pragmas).
  Status Exec(std::string_view sql);
  // Compiles one statement. `sql` must hold exactly one statement.
  Result<SqliteStatement> Prepare(std::string_view sql);
  // Runs a query that returns a single integer (count, pragma value).
  Result<int64_t> QueryInt64(std::string_view sql);

  // A kIo Status from the connection's last error, prefixed with `context`.
  [[nodiscard]] Status LastError(std::string_view context) const;
  // The kIo Status of SQLite result code `rc` on connection `db`.
  static Status ErrorOf(sqlite3* db, int rc, std::string_view context);
  [[nodiscard]] sqlite3* handle() const { return db_.get(); }

 private:
  struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  std::unique_ptr<sqlite3, Closer> db_;
};

// A prepared statement. Bind* never fail on their own: the first binding
// error is remembered and returned by the next Step/StepDone, so hot insert
// loops stay flat. Parameter and column indexes follow SQLite: parameters
// from 1, columns from 0.
class SqliteStatement {
 public:
  SqliteStatement(SqliteStatement&&) noexcept = default;
  SqliteStatement& operator=(SqliteStatement&&) noexcept = default;

  void BindInt64(int index, int64_t value);
  void BindNull(int index);
  // Binds a copy-free view: the text must live until the next Step.
  void BindText(int index, std::string_view text);
  // Binds NULL for an empty text (SPEC: an empty value is absent).
  void BindOptionalText(int index, std::string_view text);

  // Steps once: true when a row is available, false when done.
  Result<bool> Step();
  // Steps a statement that returns no rows (INSERT, DELETE, UPDATE).
  Status StepDone();
  // Makes the statement ready to run again; bindings are kept.
  void Reset();

  [[nodiscard]] int64_t ColumnInt64(int column) const { return sqlite3_column_int64(stmt_.get(), column); }
  [[nodiscard]] bool ColumnIsNull(int column) const {
    return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL;
  }
  // The column's text; "" for NULL.
  [[nodiscard]] std::string ColumnText(int column) const;

 private:
  friend class SqliteDb;
  struct Finalizer {
    void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
  };
  explicit SqliteStatement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  void NoteBindResult(int rc, int index);
  [[nodiscard]] Status ErrorFromCode(int rc, std::string_view what) const;

  std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
  int bind_error_ = SQLITE_OK;  // first failed bind since the last Step
  int bind_error_index_ = 0;
};

// Transaction guard: rolls back on destruction unless Commit() succeeded.
class SqliteTransaction {
 public:
  enum class Mode {
    kDeferred,   // a reader: takes the read snapshot on first read
    kImmediate,  // a writer: takes the write lock now (waits busy_timeout)
  };
  static Result<SqliteTransaction> Begin(SqliteDb& db, Mode mode);

  SqliteTransaction(SqliteTransaction&& other) noexcept : db_(other.db_), open_(other.open_) {
    other.open_ = false;
  }
  SqliteTransaction& operator=(SqliteTransaction&&) = delete;
  SqliteTransaction(const SqliteTransaction&) = delete;
  ~SqliteTransaction();

  // Commits; on failure the transaction is rolled back (by the destructor,
  // or right away if SQLite left it open) and the error returned.
  Status Commit();

 private:
  explicit SqliteTransaction(SqliteDb& db) : db_(&db), open_(true) {}
  void Rollback();
  SqliteDb* db_;
  bool open_;
};

}  // namespace agencykpi
