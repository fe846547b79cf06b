// A small RAII wrapper over libpq: one connection (PgConnection), one
// result (PgResult), text parameters, COPY in and out, notifications.
//
// Nothing here logs or returns the connection URI: it may hold a password.
// libpq's own messages name the host and port, never the password.
//
// Thread safety: a PgConnection is used from one thread at a time.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace agencykpi {

// SQLSTATE classes and codes the store tells apart.
inline constexpr std::string_view kSqlStateUniqueViolation = "23505";
inline constexpr std::string_view kSqlStateForeignKeyViolation = "23503";
inline constexpr std::string_view kSqlStateUndefinedTable = "42P01";
inline constexpr std::string_view kSqlStateConnectionClass = "08";   // connection exceptions
inline constexpr std::string_view kSqlStateOperatorIntervention = "57";  // admin shutdown, …

// How long a connection attempt may take before it is given up.
inline constexpr int kPgConnectTimeoutSeconds = 5;

class PgResult {
 public:
  PgResult() = default;
  explicit PgResult(PGresult* result) : result_(result, &PQclear) {}

  [[nodiscard]] PGresult* get() const { return result_.get(); }
  [[nodiscard]] int rows() const { return result_ ? PQntuples(result_.get()) : 0; }
  [[nodiscard]] bool IsNull(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }
  [[nodiscard]] std::string_view Text(int row, int column) const {
    return {PQgetvalue(result_.get(), row, column),
            static_cast<size_t>(PQgetlength(result_.get(), row, column))};
  }
  // The integer in a cell; 0 for NULL or text that is not one.
  [[nodiscard]] int64_t Int64(int row, int column) const;

 private:
  std::unique_ptr<PGresult, decltype(&PQclear)> result_{nullptr, &PQclear};
};

// A text parameter, or SQL NULL.
using PgParam = std::optional<std::string>;

class PgConnection {
 public:
  // Connects to `uri` (libpq's URI or key=value rules; PGPASSWORD and
  // ~/.pgpass supply the password when the URI has none). Errors: kUnavailable
  // when the server cannot be reached or refuses the login, with libpq's reason.
  static Result<PgConnection> Connect(const std::string& uri);

  PgConnection(PgConnection&&) noexcept = default;
  PgConnection& operator=(PgConnection&&) noexcept = default;

  [[nodiscard]] PGconn* handle() const { return conn_.get(); }
  [[nodiscard]] bool healthy() const { return conn_ && PQstatus(conn_.get()) == CONNECTION_OK; }
  // healthy(), after reading what the server sent while the connection was
  // idle: a server that restarted or closed it is noticed here, before a
  // statement fails on it.
  bool StillOpen();
  // Reconnects a connection that was lost (same parameters). kUnavailable
  // while the server is still away. Session settings are gone after it.
  Status Reset();

  // Runs one or more statements without parameters.
  Status Exec(std::string_view sql);
  // Runs one statement with $1, $2, … bound to `params` (as text).
  Result<PgResult> Query(std::string_view sql, const std::vector<PgParam>& params = {});
  // Query with one more parameter, $N+1 after `params`: `bytes` sent in
  // binary format as they are (a bytea, no escaping).
  Result<PgResult> QueryWithBytes(std::string_view sql, const std::vector<PgParam>& params, std::string_view bytes);
  // Query whose result cells come in binary format: a bytea as its raw
  // bytes (Text() then views them), an integer in network byte order.
  Result<PgResult> QueryBinary(std::string_view sql, const std::vector<PgParam>& params = {});
  // The integer in the first column of the first row of `sql`.
  Result<int64_t> QueryInt64(std::string_view sql, const std::vector<PgParam>& params = {});

  // COPY … FROM STDIN: `produce` is called with a function that sends bytes
  // (rows in COPY text format) until it returns false; then the COPY ends.
  // A non-OK status from `produce` aborts the COPY (the server rolls the
  // statement back) and is returned.
  Status CopyIn(std::string_view sql, const std::function<Status(const std::function<Status(std::string_view)>&)>& produce);
  // COPY … TO STDOUT: `consume` gets each row's text (without its newline).
  // A non-OK status from `consume` stops reading (the rest is drained) and is
  // returned.
  Status CopyOut(std::string_view sql, const std::function<Status(std::string_view)>& consume);

  // A quoted literal of `text` for SQL that cannot take parameters (COPY).
  Result<std::string> Literal(std::string_view text);

  // Waits up to `timeout` for a notification on a channel this connection
  // LISTENs to; nullopt when none came. kUnavailable when the connection is
  // lost meanwhile.
  Result<std::optional<std::pair<std::string, std::string>>> WaitForNotification(std::chrono::milliseconds timeout);

  // Status of the connection's last failure: kUnavailable when the connection
  // was lost or the server shuts down, kInvalidInput for a unique or foreign
  // key violation, kIo otherwise; `what` first.
  [[nodiscard]] Status Error(std::string_view what, const PGresult* result) const;

 private:
  explicit PgConnection(PGconn* conn) : conn_(conn, &PQfinish) {}
  Status CheckCommand(const PgResult& result, std::string_view sql) const;
  Result<PgResult> Execute(std::string_view sql, const std::vector<PgParam>& params,
                           std::optional<std::string_view> bytes, bool binary_results);
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn_{nullptr, &PQfinish};
};

// The first line of `sql`, shortened, for error messages.
std::string StatementSummary(std::string_view sql);

}  // namespace agencykpi
