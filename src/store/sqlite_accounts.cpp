#include "store/sqlite_accounts.h"

#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/account_columns.h"
#include "store/migrations.h"
#include "store/sqlite_db.h"
#include "store/sqlite_store.h"

namespace agencykpi {
namespace {

using auth::Account;
using auth::AuditEvent;
using auth::SessionRecord;

class SqliteAccounts final : public auth::AccountStore {
 public:
  explicit SqliteAccounts(SqliteDb db) : db_(std::move(db)) {}

  Result<int64_t> CountUsers() override {
    std::lock_guard lock(mutex_);
    return db_.QueryInt64("SELECT count(*) FROM users");
  }

  Result<std::optional<Account>> FindUser(std::string_view email) override {
    std::lock_guard lock(mutex_);
    auto users = ReadUsers("WHERE email = ?1", email);
    if (!users.ok()) return users.status();
    if (users->empty()) return std::optional<Account>();
    return std::optional<Account>(std::move(users->front()));
  }

  Result<std::vector<Account>> ListUsers() override {
    std::lock_guard lock(mutex_);
    return ReadUsers("ORDER BY email", std::string_view());
  }

  Result<int64_t> AddUser(const Account& account) override {
    std::lock_guard lock(mutex_);
    auto transaction = SqliteTransaction::Begin(db_, SqliteTransaction::Mode::kImmediate);
    if (!transaction.ok()) return transaction.status();
    auto taken = ReadUsers("WHERE email = ?1", account.email);
    if (!taken.ok()) return taken.status();
    if (!taken->empty()) return Status::InvalidInput("an account with the email " + account.email + " exists");
    Status status = Execute(
        "INSERT INTO users (email, name, role, password_hash, disabled, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        account.email, account.name, auth::RoleName(account.role), account.password_hash,
        int64_t{account.disabled ? 1 : 0}, account.created_at);
    if (!status.ok()) return status;
    const int64_t id = sqlite3_last_insert_rowid(db_.handle());
    status = WriteClients(id, account.clients);
    if (status.ok()) status = transaction->Commit();
    if (!status.ok()) return status;
    return id;
  }

  Status UpdateUser(const Account& account) override {
    std::lock_guard lock(mutex_);
    auto transaction = SqliteTransaction::Begin(db_, SqliteTransaction::Mode::kImmediate);
    if (!transaction.ok()) return transaction.status();
    Status status = Execute("UPDATE users SET name = ?2, role = ?3, password_hash = ?4, disabled = ?5 WHERE user_id = ?1",
                            account.id, account.name, auth::RoleName(account.role), account.password_hash,
                            int64_t{account.disabled ? 1 : 0});
    if (status.ok()) status = Execute("DELETE FROM user_clients WHERE user_id = ?1", account.id);
    if (status.ok()) status = WriteClients(account.id, account.clients);
    return status.ok() ? transaction->Commit() : status;
  }

  Status RecordLogin(int64_t user_id, std::string_view at) override {
    std::lock_guard lock(mutex_);
    return Execute("UPDATE users SET last_login_at = ?2 WHERE user_id = ?1", user_id, at);
  }

  Status CreateSession(const SessionRecord& session) override {
    std::lock_guard lock(mutex_);
    return Execute("INSERT INTO sessions VALUES (?1, ?2, ?3, ?4, ?5)", session.token_hash, session.user_id,
                   session.csrf_token, session.created_at, session.last_seen_at);
  }

  Result<std::optional<std::pair<SessionRecord, Account>>> FindSession(std::string_view token_hash) override {
    std::lock_guard lock(mutex_);
    auto select = db_.Prepare(
        "SELECT user_id, csrf_token, created_at, last_seen_at FROM sessions WHERE token_hash = ?1");
    if (!select.ok()) return select.status();
    select->BindText(1, token_hash);
    auto row = select->Step();
    if (!row.ok()) return row.status();
    using Found = std::optional<std::pair<SessionRecord, Account>>;
    if (!*row) return Found();
    SessionRecord session{std::string(token_hash), select->ColumnInt64(0), select->ColumnText(1),
                          select->ColumnInt64(2), select->ColumnInt64(3)};
    auto users = ReadUsers("WHERE user_id = ?1", session.user_id);
    if (!users.ok()) return users.status();
    if (users->empty()) return Found();
    return Found(std::pair(std::move(session), std::move(users->front())));
  }

  Status TouchSession(std::string_view token_hash, int64_t last_seen_at) override {
    std::lock_guard lock(mutex_);
    return Execute("UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1", token_hash, last_seen_at);
  }

  Status DeleteSession(std::string_view token_hash) override {
    std::lock_guard lock(mutex_);
    return Execute("DELETE FROM sessions WHERE token_hash = ?1", token_hash);
  }

  Status DeleteSessionsOf(int64_t user_id) override {
    std::lock_guard lock(mutex_);
    return Execute("DELETE FROM sessions WHERE user_id = ?1", user_id);
  }

  Status Audit(const AuditEvent& event) override {
    std::lock_guard lock(mutex_);
    Status status = Execute("INSERT INTO audit_log (at, actor, event, detail, address) VALUES (?1, ?2, ?3, ?4, ?5)",
                            event.at, event.actor, event.event, event.detail, event.address);
    if (!status.ok()) return status;
    return Execute("DELETE FROM audit_log WHERE id <= ?1", sqlite3_last_insert_rowid(db_.handle()) - auth::kMaxAuditEvents);
  }

  Result<std::vector<AuditEvent>> RecentAudit(size_t limit) override {
    std::lock_guard lock(mutex_);
    auto select = db_.Prepare("SELECT at, actor, event, detail, address FROM audit_log ORDER BY id DESC LIMIT ?1");
    if (!select.ok()) return select.status();
    select->BindInt64(1, static_cast<int64_t>(limit));
    std::vector<AuditEvent> events;
    for (;;) {
      auto row = select->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      events.push_back({select->ColumnText(0), select->ColumnText(1), select->ColumnText(2), select->ColumnText(3),
                        select->ColumnText(4)});
    }
    return events;
  }

 private:
  static void Bind(SqliteStatement& statement, int index, int64_t value) { statement.BindInt64(index, value); }
  static void Bind(SqliteStatement& statement, int index, std::string_view text) { statement.BindText(index, text); }

  // Runs `sql` to completion with ?1, ?2, … bound to `values` (integers or text).
  template <typename... Values>
  Status Execute(std::string_view sql, const Values&... values) {
    auto statement = db_.Prepare(sql);
    if (!statement.ok()) return statement.status();
    int index = 0;
    (Bind(*statement, ++index, values), ...);
    return statement->StepDone();
  }

  Status WriteClients(int64_t user_id, const std::vector<std::string>& clients) {
    auto insert = db_.Prepare("INSERT OR IGNORE INTO user_clients VALUES (?1, ?2)");
    if (!insert.ok()) return insert.status();
    for (const std::string& client : clients) {
      insert->Reset();
      insert->BindInt64(1, user_id);
      insert->BindText(2, client);
      Status status = insert->StepDone();
      if (!status.ok()) return status;
    }
    return Status::Ok();
  }

  // The users selected by `where` (with ?1 bound to `parameter`, text or
  // integer), with their clients.
  template <typename Parameter>
  Result<std::vector<Account>> ReadUsers(std::string_view where, const Parameter& parameter) {
    auto select = db_.Prepare("SELECT " + std::string(kAccountUserColumns) + " FROM users " + std::string(where));
    if (!select.ok()) return select.status();
    if constexpr (std::is_integral_v<Parameter>) {
      select->BindInt64(1, parameter);
    } else {
      if (where.find("?1") != std::string_view::npos) select->BindText(1, std::string_view(parameter));
    }
    std::vector<Account> users;
    for (;;) {
      auto row = select->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      Account account;
      account.id = select->ColumnInt64(0);
      account.email = select->ColumnText(1);
      account.name = select->ColumnText(2);
      account.role = auth::RoleNamed(select->ColumnText(3)).value_or(auth::Role::kViewer);
      account.password_hash = select->ColumnText(4);
      account.disabled = select->ColumnInt64(5) != 0;
      account.created_at = select->ColumnText(6);
      account.last_login_at = select->ColumnText(7);
      users.push_back(std::move(account));
    }
    auto clients = db_.Prepare("SELECT client_id FROM user_clients WHERE user_id = ?1 ORDER BY client_id");
    if (!clients.ok()) return clients.status();
    for (Account& account : users) {
      clients->Reset();
      clients->BindInt64(1, account.id);
      for (;;) {
        auto row = clients->Step();
        if (!row.ok()) return row.status();
        if (!*row) break;
        account.clients.push_back(clients->ColumnText(0));
      }
    }
    return users;
  }

  std::mutex mutex_;
  SqliteDb db_;
};

}  // namespace

Result<std::unique_ptr<auth::AccountStore>> OpenSqliteAccounts(const std::filesystem::path& file) {
  auto db = SqliteDb::Open(file, SqliteDb::Access::kReadWrite);
  if (!db.ok()) return db.status();
  if (sqlite3_busy_timeout(db->handle(), static_cast<int>(kSqliteBusyTimeoutMs)) != SQLITE_OK) {
    return db->LastError("cannot set busy timeout");
  }
  Status status = db->Exec("PRAGMA foreign_keys = ON");
  if (status.ok()) status = MigrateToLatest(*db);
  if (!status.ok()) return status;
  return std::unique_ptr<auth::AccountStore>(std::make_unique<SqliteAccounts>(std::move(*db)));
}

}  // namespace agencykpi
