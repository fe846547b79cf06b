// The accounts of one agency in the PostgreSQL store (tables of schema
// version 5, pg_schema.cpp), with the same rules as the SQLite ones
// (sqlite_accounts.cpp): one transaction per call, the agency's rows only.
#include <algorithm>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/account_columns.h"
#include "store/postgres/pg_schema.h"
#include "store/postgres/pg_session.h"
#include "store/postgres/pg_store.h"

namespace agencykpi {
namespace {

using auth::Account;
using auth::AuditEvent;
using auth::SessionRecord;

class PgAccounts final : public auth::AccountStore {
 public:
  PgAccounts(PgConnection db, std::string agency) : session_(std::move(db)), agency_(std::move(agency)) {}

  Result<int64_t> CountUsers() override {
    return InTransaction<int64_t>([&](PgConnection& db) { return db.QueryInt64("SELECT count(*) FROM users WHERE agency_id = $1", {agency_}); });
  }

  Result<std::optional<Account>> FindUser(std::string_view email) override {
    return InTransaction<std::optional<Account>>([&](PgConnection& db) -> Result<std::optional<Account>> {
      auto users = ReadUsers(db, "AND email = $2", std::string(email));
      if (!users.ok()) return users.status();
      if (users->empty()) return std::optional<Account>();
      return std::optional<Account>(std::move(users->front()));
    });
  }

  Result<std::vector<Account>> ListUsers() override {
    return InTransaction<std::vector<Account>>([&](PgConnection& db) { return ReadUsers(db, "ORDER BY email", std::nullopt); });
  }

  Result<int64_t> AddUser(const Account& account) override {
    return InTransaction<int64_t>([&](PgConnection& db) -> Result<int64_t> {
      auto id = db.Query(
          "INSERT INTO users (agency_id, email, name, role, password_hash, disabled, created_at) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING user_id",
          {agency_, account.email, account.name, std::string(auth::RoleName(account.role)), account.password_hash,
           account.disabled ? "true" : "false", account.created_at});
      if (!id.ok()) {
        if (id.status().code() == ErrorCode::kInvalidInput) {
          return Status::InvalidInput("an account with the email " + account.email + " exists");
        }
        return id.status();
      }
      const int64_t user_id = id->Int64(0, 0);
      Status status = WriteClients(db, user_id, account.clients);
      if (!status.ok()) return status;
      return user_id;
    });
  }

  Status UpdateUser(const Account& account) override {
    return Execute({"UPDATE users SET name = $3, role = $4, password_hash = $5, disabled = $6 WHERE agency_id = $1 AND user_id = $2",
                    "DELETE FROM user_clients WHERE agency_id = $1 AND user_id = $2"},
                   {agency_, std::to_string(account.id), account.name, std::string(auth::RoleName(account.role)),
                    account.password_hash, account.disabled ? "true" : "false"},
                   [&](PgConnection& db) { return WriteClients(db, account.id, account.clients); });
  }

  Status RecordLogin(int64_t user_id, std::string_view at) override {
    return Execute({"UPDATE users SET last_login_at = $3 WHERE agency_id = $1 AND user_id = $2"},
                   {agency_, std::to_string(user_id), std::string(at)});
  }

  Status CreateSession(const SessionRecord& session) override {
    return Execute({"INSERT INTO sessions VALUES ($1, $2, $3, $4, $5, $6)"},
                   {agency_, session.token_hash, std::to_string(session.user_id), session.csrf_token,
                    std::to_string(session.created_at), std::to_string(session.last_seen_at)});
  }

  Result<std::optional<std::pair<SessionRecord, Account>>> FindSession(std::string_view token_hash) override {
    using Found = std::optional<std::pair<SessionRecord, Account>>;
    return InTransaction<Found>([&](PgConnection& db) -> Result<Found> {
      auto row = db.Query(
          "SELECT user_id, csrf_token, created_at, last_seen_at FROM sessions WHERE agency_id = $1 AND token_hash = $2",
          {agency_, std::string(token_hash)});
      if (!row.ok()) return row.status();
      if (row->rows() == 0) return Found();
      SessionRecord session{std::string(token_hash), row->Int64(0, 0), std::string(row->Text(0, 1)), row->Int64(0, 2),
                            row->Int64(0, 3)};
      auto users = ReadUsers(db, "AND user_id = $2", std::to_string(session.user_id));
      if (!users.ok()) return users.status();
      if (users->empty()) return Found();
      return Found(std::pair(std::move(session), std::move(users->front())));
    });
  }

  Status TouchSession(std::string_view token_hash, int64_t last_seen_at) override {
    return Execute({"UPDATE sessions SET last_seen_at = $3 WHERE agency_id = $1 AND token_hash = $2"},
                   {agency_, std::string(token_hash), std::to_string(last_seen_at)});
  }

  Status DeleteSession(std::string_view token_hash) override {
    return Execute({"DELETE FROM sessions WHERE agency_id = $1 AND token_hash = $2"}, {agency_, std::string(token_hash)});
  }

  Status DeleteSessionsOf(int64_t user_id) override {
    return Execute({"DELETE FROM sessions WHERE agency_id = $1 AND user_id = $2"}, {agency_, std::to_string(user_id)});
  }

  Status Audit(const AuditEvent& event) override {
    return Execute({"INSERT INTO audit_log (agency_id, at, actor, event, detail, address) VALUES ($1, $2, $3, $4, $5, $6)",
                    // The newest kMaxAuditEvents are kept, as in the SQLite store.
                    "DELETE FROM audit_log WHERE agency_id = $1 AND id <= (SELECT max(id) FROM audit_log WHERE agency_id = $1) - " +
                        std::to_string(auth::kMaxAuditEvents)},
                   {agency_, event.at, event.actor, event.event, event.detail, event.address});
  }

  Result<std::vector<AuditEvent>> RecentAudit(size_t limit) override {
    return InTransaction<std::vector<AuditEvent>>([&](PgConnection& db) -> Result<std::vector<AuditEvent>> {
      auto rows = db.Query(
          "SELECT at, actor, event, detail, address FROM audit_log WHERE agency_id = $1 ORDER BY id DESC LIMIT $2",
          {agency_, std::to_string(limit)});
      if (!rows.ok()) return rows.status();
      std::vector<AuditEvent> events;
      for (int i = 0; i < rows->rows(); ++i) {
        events.push_back({std::string(rows->Text(i, 0)), std::string(rows->Text(i, 1)), std::string(rows->Text(i, 2)),
                          std::string(rows->Text(i, 3)), std::string(rows->Text(i, 4))});
      }
      return events;
    });
  }

 private:
  // `work` in one transaction of the agency, under the lock.
  template <typename T, typename Work>
  Result<T> InTransaction(Work work) {
    std::lock_guard lock(mutex_);
    return session_.Run(/*read_only=*/false, [&](PgConnection& db) -> Result<T> {
      auto transaction = PgTransaction::Begin(db, agency_, "");
      if (!transaction.ok()) return transaction.status();
      Result<T> result = work(db);
      if (!result.ok()) return result;
      Status committed = transaction->Commit();
      if (!committed.ok()) return committed;
      return result;
    });
  }

  // Statements that share their parameters ($1 is always the agency), in one
  // transaction, then `more` when given. Each statement uses a prefix of them.
  Status Execute(const std::vector<std::string>& statements, const std::vector<PgParam>& params,
                 const std::function<Status(PgConnection&)>& more = {}) {
    auto done = InTransaction<bool>([&](PgConnection& db) -> Result<bool> {
      for (const std::string& sql : statements) {
        const size_t used = UsedParameters(sql);
        auto result = db.Query(sql, std::vector<PgParam>(params.begin(), params.begin() + static_cast<std::ptrdiff_t>(used)));
        if (!result.ok()) return result.status();
      }
      if (more) {
        Status status = more(db);
        if (!status.ok()) return status;
      }
      return true;
    });
    return done.ok() ? Status::Ok() : done.status();
  }

  // The highest $N in `sql` (PostgreSQL wants exactly the parameters used).
  static size_t UsedParameters(std::string_view sql) {
    size_t highest = 0;
    for (size_t at = sql.find('$'); at != std::string_view::npos; at = sql.find('$', at + 1)) {
      size_t n = 0;
      for (size_t i = at + 1; i < sql.size() && sql[i] >= '0' && sql[i] <= '9'; ++i) n = n * 10 + static_cast<size_t>(sql[i] - '0');
      highest = std::max(highest, n);
    }
    return highest;
  }

  Status WriteClients(PgConnection& db, int64_t user_id, const std::vector<std::string>& clients) {
    for (const std::string& client : clients) {
      auto inserted = db.Query("INSERT INTO user_clients VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                               {agency_, std::to_string(user_id), client});
      if (!inserted.ok()) return inserted.status();
    }
    return Status::Ok();
  }

  // The agency's users selected by `where` (after "agency_id = $1", with $2
  // bound to `parameter` when given), with their clients.
  Result<std::vector<Account>> ReadUsers(PgConnection& db, std::string_view where, const PgParam& parameter) {
    std::vector<PgParam> params = {agency_};
    if (parameter) params.push_back(parameter);
    auto rows = db.Query("SELECT " + std::string(kAccountUserColumns) + " FROM users WHERE agency_id = $1 " + std::string(where), params);
    if (!rows.ok()) return rows.status();
    std::vector<Account> users;
    for (int i = 0; i < rows->rows(); ++i) {
      Account account;
      account.id = rows->Int64(i, 0);
      account.email = std::string(rows->Text(i, 1));
      account.name = std::string(rows->Text(i, 2));
      account.role = auth::RoleNamed(rows->Text(i, 3)).value_or(auth::Role::kViewer);
      account.password_hash = std::string(rows->Text(i, 4));
      account.disabled = rows->Text(i, 5) == "t";
      account.created_at = std::string(rows->Text(i, 6));
      account.last_login_at = std::string(rows->Text(i, 7));
      users.push_back(std::move(account));
    }
    for (Account& account : users) {
      auto clients = db.Query("SELECT client_id FROM user_clients WHERE agency_id = $1 AND user_id = $2 ORDER BY client_id",
                              {agency_, std::to_string(account.id)});
      if (!clients.ok()) return clients.status();
      for (int i = 0; i < clients->rows(); ++i) account.clients.emplace_back(clients->Text(i, 0));
    }
    return users;
  }

  std::mutex mutex_;
  PgSession session_;
  std::string agency_;
};

}  // namespace

Result<std::unique_ptr<auth::AccountStore>> OpenPgAccounts(const std::string& uri, const std::string& agency) {
  auto connected = ConnectForAgency(uri, agency, /*read_only=*/false);
  if (!connected.ok()) return connected.status();
  return std::unique_ptr<auth::AccountStore>(
      std::make_unique<PgAccounts>(std::move(connected->first), std::move(connected->second)));
}

}  // namespace agencykpi
