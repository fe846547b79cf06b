#include "store/sqlite_db.h"

#include <cctype>
#include <cstring>
#include <limits>
#include <string>

namespace agencykpi {
namespace {

std::string ErrorText(std::string_view context, std::string_view detail) {
  std::string text(context);
  text += ": ";
  text += detail;
  return text;
}

// A file: URI for `file` with `query`: every byte but unreserved ones and
// '/' percent-encoded, so no path can smuggle in URI parameters.
std::string FileUri(const std::filesystem::path& file, std::string_view query) {
  constexpr std::string_view kHexDigits = "0123456789ABCDEF";
  const std::string path = std::filesystem::absolute(file).string();
  std::string uri = "file:";
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || std::strchr("-._~/", c) != nullptr) {
      uri += c;
    } else {
      uri += '%';
      uri += kHexDigits[byte >> 4];
      uri += kHexDigits[byte & 0xF];
    }
  }
  uri += '?';
  uri += query;
  return uri;
}

}  // namespace

Result<SqliteDb> SqliteDb::Open(const std::filesystem::path& file) {
  return Open(file, Access::kCreate);
}

Result<SqliteDb> SqliteDb::Open(const std::filesystem::path& file, Access access) {
  sqlite3* raw = nullptr;
  // NOMUTEX: a connection is used by one thread at a time (see header), so
  // SQLite's per-call mutex would only cost time in the bulk loops.
  int flags = SQLITE_OPEN_NOMUTEX;
  std::string name = file.string();
  switch (access) {
    case Access::kCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
    case Access::kReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
    case Access::kReadOnly: flags |= SQLITE_OPEN_READONLY; break;
    case Access::kImmutable:
      flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
      name = FileUri(file, "immutable=1");
      break;
  }
  const int rc = sqlite3_open_v2(name.c_str(), &raw, flags, nullptr);
  SqliteDb db(raw);  // closes the handle even when opening failed
  if (rc != SQLITE_OK) {
    const char* detail = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    return Status::Io(ErrorText("cannot open store " + file.string(), detail));
  }
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

Status SqliteDb::ErrorOf(sqlite3* db, int rc, std::string_view context) {
  const char* message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const char* file = db != nullptr ? sqlite3_db_filename(db, "main") : nullptr;
  const std::string name = file != nullptr && *file != '\0' ? file : "the store";
  switch (rc & 0xFF) {  // the primary code of an extended one
    case SQLITE_FULL:
      return Status::Io(name + ": the disk is full (" + message + "; " + std::string(context) + ")");
    case SQLITE_IOERR: {
      const int error_number = db != nullptr ? sqlite3_system_errno(db) : 0;
      std::string text = name + ": input/output error (" + message;
      if (error_number != 0) text += std::string(": ") + std::strerror(error_number);
      return Status::Io(text + "; " + std::string(context) + ")");
    }
    default: return Status::Io(ErrorText(context, message));
  }
}

Status SqliteDb::Exec(std::string_view sql) {
  const std::string text(sql);  // sqlite3_exec needs a NUL-terminated string
  char* message = nullptr;
  const int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return Status::Ok();
  const std::string detail = message != nullptr ? message : sqlite3_errstr(rc);
  sqlite3_free(message);
  const int code = sqlite3_extended_errcode(db_.get());
  if ((code & 0xFF) == SQLITE_FULL || (code & 0xFF) == SQLITE_IOERR)
    return ErrorOf(db_.get(), code, "sql failed");
  return Status::Io(ErrorText("sql failed", detail));
}

Result<SqliteStatement> SqliteDb::Prepare(std::string_view sql) {
  if (sql.size() >= static_cast<size_t>(std::numeric_limits<int>::max())) {
    return Status::Internal("sql statement too long");
  }
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  SqliteStatement statement(raw);
  if (rc != SQLITE_OK) return LastError(ErrorText("cannot prepare", sql));
  if (raw == nullptr) return Status::Internal(ErrorText("empty sql statement", sql));
  return statement;
}

Result<int64_t> SqliteDb::QueryInt64(std::string_view sql) {
  auto statement = Prepare(sql);
  if (!statement.ok()) return statement.status();
  auto has_row = statement->Step();
  if (!has_row.ok()) return has_row.status();
  if (!*has_row) return Status::Internal(ErrorText("query returned no row", sql));
  return statement->ColumnInt64(0);
}

Status SqliteDb::LastError(std::string_view context) const {
  return ErrorOf(db_.get(), sqlite3_extended_errcode(db_.get()), context);
}

void SqliteStatement::NoteBindResult(int rc, int index) {
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) {
    bind_error_ = rc;
    bind_error_index_ = index;
  }
}

void SqliteStatement::BindInt64(int index, int64_t value) {
  NoteBindResult(sqlite3_bind_int64(stmt_.get(), index, value), index);
}

void SqliteStatement::BindNull(int index) {
  NoteBindResult(sqlite3_bind_null(stmt_.get(), index), index);
}

void SqliteStatement::BindText(int index, std::string_view text) {
  // sqlite3_bind_text64 reports SQLITE_TOOBIG itself for oversized text.
  NoteBindResult(
      sqlite3_bind_text64(stmt_.get(), index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8), index);
}

void SqliteStatement::BindOptionalText(int index, std::string_view text) {
  if (text.empty()) {
    BindNull(index);
  } else {
    BindText(index, text);
  }
}

Status SqliteStatement::ErrorFromCode(int rc, std::string_view what) const {
  // The start of the statement is enough to tell which one failed; a
  // multi-row insert is hundreds of parameters long.
  constexpr size_t kSqlShownChars = 60;
  sqlite3* db = sqlite3_db_handle(stmt_.get());
  const std::string_view sql = sqlite3_sql(stmt_.get());
  std::string context(what);
  context += " (";
  context += sql.substr(0, kSqlShownChars);
  if (sql.size() > kSqlShownChars) context += "…";
  context += ")";
  if (rc == SQLITE_OK) return Status::Io(ErrorText(context, "unknown error"));
  return SqliteDb::ErrorOf(db, sqlite3_extended_errcode(db), context);
}

Result<bool> SqliteStatement::Step() {
  if (bind_error_ != SQLITE_OK) {
    const int rc = bind_error_;
    bind_error_ = SQLITE_OK;
    return Status::Io(
        ErrorText("cannot bind parameter " + std::to_string(bind_error_index_), sqlite3_errstr(rc)));
  }
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return ErrorFromCode(rc, "step failed");
}

Status SqliteStatement::StepDone() {
  auto has_row = Step();
  if (!has_row.ok()) return has_row.status();
  if (*has_row) return Status::Internal(std::string("statement returned rows: ") + sqlite3_sql(stmt_.get()));
  return Status::Ok();
}

void SqliteStatement::Reset() {
  // The error of a failed step was already reported by Step(); reset's
  // return code repeats it, so it is ignored here.
  sqlite3_reset(stmt_.get());
}

std::string SqliteStatement::ColumnText(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_.get(), column));
  if (text == nullptr) return {};
  return std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), column)));
}

Result<SqliteTransaction> SqliteTransaction::Begin(SqliteDb& db, Mode mode) {
  const Status status = db.Exec(mode == Mode::kImmediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
  if (!status.ok()) return status;
  return SqliteTransaction(db);
}

SqliteTransaction::~SqliteTransaction() {
  Rollback();
}

void SqliteTransaction::Rollback() {
  if (!open_) return;
  open_ = false;
  // Only roll back what is still open: SQLite may already have rolled the
  // transaction back itself (e.g. after SQLITE_FULL or an I/O error).
  if (sqlite3_get_autocommit(db_->handle()) == 0) {
    (void)db_->Exec("ROLLBACK");  // nothing better to do in a destructor
  }
}

Status SqliteTransaction::Commit() {
  if (!open_) return Status::Internal("commit of a transaction that is not open");
  Status status = db_->Exec("COMMIT");
  if (status.ok()) {
    open_ = false;
    return status;
  }
  // A failed COMMIT (deferred foreign key, busy, I/O) may leave the
  // transaction open: roll it back now so the caller sees the old data.
  Rollback();
  return status;
}

}  // namespace agencykpi
