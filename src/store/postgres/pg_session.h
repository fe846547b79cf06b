// A connection that works as the app role and comes back by itself
// (PgSession), and a transaction for one agency (PgTransaction): what the
// PostgreSQL store and its accounts share.
//
// Thread safety: used from one thread at a time (callers lock).
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "common/status.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_schema.h"

namespace agencykpi {

// A session of the store or its accounts: the connection, made to work as the app role,
// reconnected when lost.
class PgSession {
 public:
  explicit PgSession(PgConnection connection) : db_(std::move(connection)) {}

  // The connection, ready (reconnected and in its role if it was lost).
  Result<PgConnection*> Ready(bool read_only) {
    const bool open = db_.StillOpen();
    if (!open || !configured_) {
      if (!open) {
        Status reset = db_.Reset();
        if (!reset.ok()) return reset;
      }
      std::string sql = "SET ROLE " + std::string(kPgAppRole);
      // An import stages each table in a temporary table: kept in memory up to kPgTempBuffers.
      sql += read_only ? "; SET default_transaction_read_only = on"
                       : "; SET temp_buffers = '" + std::string(kPgTempBuffers) + "'";
      Status status = db_.Exec(sql);
      if (!status.ok()) return status;
      configured_ = true;
    }
    return &db_;
  }
  void Lost() { configured_ = false; }

  // Runs `work` on the ready connection; a connection lost meanwhile is
  // marked, so the next call reconnects.
  template <typename Work>
  auto Run(bool read_only, Work work) -> decltype(work(std::declval<PgConnection&>())) {
    auto db = Ready(read_only);
    if (!db.ok()) return db.status();
    auto result = work(**db);
    if (!(*db)->healthy()) Lost();
    return result;
  }

 private:
  PgConnection db_;
  bool configured_ = false;
};

// An open transaction for one agency, rolled back unless committed.
class PgTransaction {
 public:
  static Result<PgTransaction> Begin(PgConnection& db, const std::string& agency, std::string_view mode) {
    Status status = db.Exec("BEGIN " + std::string(mode));
    if (!status.ok()) return status;
    PgTransaction transaction(db);
    auto set = db.Query("SELECT set_config($1, $2, true)", {std::string(kPgAgencySetting), agency});
    if (!set.ok()) return set.status();
    return transaction;
  }
  PgTransaction(PgTransaction&& other) noexcept : db_(other.db_), open_(std::exchange(other.open_, false)) {}
  PgTransaction& operator=(PgTransaction&&) = delete;
  ~PgTransaction() {
    if (open_ && db_->healthy()) (void)db_->Exec("ROLLBACK");
  }
  Status Commit() {
    open_ = false;
    return db_->Exec("COMMIT");
  }

 private:
  explicit PgTransaction(PgConnection& db) : db_(&db), open_(true) {}
  PgConnection* db_;
  bool open_;
};

}  // namespace agencykpi
