#include "store/postgres/pg_connection.h"

#include <poll.h>

#include <charconv>
#include <limits>
#include <string>
#include <utility>

namespace agencykpi {
namespace {

constexpr size_t kSummaryChars = 80;
// What StillOpen reads at most of what arrived on an idle connection.
constexpr int kIdleReads = 4;

// libpq's message without its trailing newline.
std::string Trimmed(const char* message) {
  std::string text = message == nullptr ? "" : message;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

std::string StatementSummary(std::string_view sql) {
  std::string_view line = sql.substr(0, sql.find('\n'));
  if (line.size() > kSummaryChars) return std::string(line.substr(0, kSummaryChars)) + "…";
  return std::string(line);
}

int64_t PgResult::Int64(int row, int column) const {
  if (IsNull(row, column)) return 0;
  const std::string_view text = Text(row, column);
  int64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

Result<PgConnection> PgConnection::Connect(const std::string& uri) {
  // The URI as libpq reads it, plus a connect timeout unless it sets one.
  const std::string timeout = std::to_string(kPgConnectTimeoutSeconds);
  const char* keywords[] = {"dbname", "connect_timeout", "application_name", nullptr};
  const char* values[] = {uri.c_str(), timeout.c_str(), "agencykpi", nullptr};
  PgConnection connection(PQconnectdbParams(keywords, values, /*expand_dbname=*/1));
  if (!connection.conn_) return Status::Error(ErrorCode::kUnavailable, "cannot connect to PostgreSQL: out of memory");
  if (PQstatus(connection.handle()) != CONNECTION_OK) {
    return Status::Error(ErrorCode::kUnavailable,
                         "cannot connect to PostgreSQL: " + Trimmed(PQerrorMessage(connection.handle())));
  }
  // Every text we send and read is UTF-8; dates are integers, never formatted.
  Status status = connection.Exec("SET client_encoding = 'UTF8'; SET client_min_messages = warning");
  if (!status.ok()) return status;
  return connection;
}

Status PgConnection::Reset() {
  PQreset(conn_.get());
  if (PQstatus(conn_.get()) != CONNECTION_OK) {
    return Status::Error(ErrorCode::kUnavailable,
                         "the PostgreSQL server is unreachable: " + Trimmed(PQerrorMessage(conn_.get())));
  }
  return Exec("SET client_encoding = 'UTF8'; SET client_min_messages = warning");
}

bool PgConnection::StillOpen() {
  if (!healthy()) return false;
  // A server shutting down sends its FATAL message, then closes: the
  // close is one more read.
  pollfd descriptor{PQsocket(conn_.get()), POLLIN, 0};
  for (int read = 0; read < kIdleReads && healthy() && ::poll(&descriptor, 1, 0) > 0; ++read) {
    if (PQconsumeInput(conn_.get()) != 1) return false;
  }
  return healthy();
}

Status PgConnection::Error(std::string_view what, const PGresult* result) const {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate = state == nullptr ? "" : state;
  std::string reason = result != nullptr ? Trimmed(PQresultErrorMessage(result)) : "";
  if (reason.empty()) reason = Trimmed(PQerrorMessage(conn_.get()));
  const std::string message = std::string(what) + ": " + reason;
  const bool lost = PQstatus(conn_.get()) != CONNECTION_OK || sqlstate.rfind(kSqlStateConnectionClass, 0) == 0 ||
                    sqlstate.rfind(kSqlStateOperatorIntervention, 0) == 0;
  if (lost) return Status::Error(ErrorCode::kUnavailable, "the PostgreSQL server is unreachable: " + message);
  if (sqlstate == kSqlStateUniqueViolation || sqlstate == kSqlStateForeignKeyViolation) {
    return Status::InvalidInput(message);
  }
  return Status::Io(message);
}

Status PgConnection::CheckCommand(const PgResult& result, std::string_view sql) const {
  const ExecStatusType type = result.get() == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(result.get());
  if (type == PGRES_COMMAND_OK || type == PGRES_TUPLES_OK) return Status::Ok();
  return Error(StatementSummary(sql), result.get());
}

Status PgConnection::Exec(std::string_view sql) {
  const std::string text(sql);
  PgResult result(PQexec(conn_.get(), text.c_str()));
  return CheckCommand(result, sql);
}

Result<PgResult> PgConnection::Query(std::string_view sql, const std::vector<PgParam>& params) {
  return Execute(sql, params, std::nullopt, /*binary_results=*/false);
}

Result<PgResult> PgConnection::QueryWithBytes(std::string_view sql, const std::vector<PgParam>& params,
                                              std::string_view bytes) {
  return Execute(sql, params, bytes, /*binary_results=*/false);
}

Result<PgResult> PgConnection::QueryBinary(std::string_view sql, const std::vector<PgParam>& params) {
  return Execute(sql, params, std::nullopt, /*binary_results=*/true);
}

Result<PgResult> PgConnection::Execute(std::string_view sql, const std::vector<PgParam>& params,
                                       std::optional<std::string_view> bytes, bool binary_results) {
  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats;
  values.reserve(params.size() + 1);
  for (const PgParam& param : params) values.push_back(param ? param->c_str() : nullptr);
  if (bytes) {
    if (bytes->size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
      return Status::Internal("a parameter of " + std::to_string(bytes->size()) + " bytes");
    }
    lengths.assign(params.size(), 0);  // ignored for text parameters
    formats.assign(params.size(), 0);
    values.push_back(bytes->data());
    lengths.push_back(static_cast<int>(bytes->size()));
    formats.push_back(1);
  }
  const std::string text(sql);
  PgResult result(PQexecParams(conn_.get(), text.c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                               bytes ? lengths.data() : nullptr, bytes ? formats.data() : nullptr,
                               binary_results ? 1 : 0));
  Status status = CheckCommand(result, sql);
  if (!status.ok()) return status;
  return result;
}

Result<int64_t> PgConnection::QueryInt64(std::string_view sql, const std::vector<PgParam>& params) {
  auto result = Query(sql, params);
  if (!result.ok()) return result.status();
  if (result->rows() < 1) return Status::Internal("no row from: " + StatementSummary(sql));
  return result->Int64(0, 0);
}

Status PgConnection::CopyIn(std::string_view sql,
                            const std::function<Status(const std::function<Status(std::string_view)>&)>& produce) {
  const std::string text(sql);
  PgResult started(PQexec(conn_.get(), text.c_str()));
  if (started.get() == nullptr || PQresultStatus(started.get()) != PGRES_COPY_IN) {
    return Error(StatementSummary(sql), started.get());
  }
  const auto send = [this](std::string_view bytes) {
    if (PQputCopyData(conn_.get(), bytes.data(), static_cast<int>(bytes.size())) != 1) {
      return Error("COPY", nullptr);
    }
    return Status::Ok();
  };
  Status produced = produce(send);
  if (PQputCopyEnd(conn_.get(), produced.ok() ? nullptr : "the import stopped") != 1 && produced.ok()) {
    produced = Error("COPY", nullptr);
  }
  // Drain every result of the COPY; the first failure is the one returned.
  Status finished = Status::Ok();
  while (PGresult* raw = PQgetResult(conn_.get())) {
    PgResult result(raw);
    if (finished.ok() && PQresultStatus(raw) != PGRES_COMMAND_OK) finished = Error(StatementSummary(sql), raw);
  }
  return produced.ok() ? finished : produced;
}

Status PgConnection::CopyOut(std::string_view sql, const std::function<Status(std::string_view)>& consume) {
  const std::string text(sql);
  PgResult started(PQexec(conn_.get(), text.c_str()));
  if (started.get() == nullptr || PQresultStatus(started.get()) != PGRES_COPY_OUT) {
    return Error(StatementSummary(sql), started.get());
  }
  Status consumed = Status::Ok();
  for (;;) {
    char* buffer = nullptr;
    const int length = PQgetCopyData(conn_.get(), &buffer, /*async=*/0);
    if (length < 0) break;  // -1: done, -2: failed (the result below says why)
    std::string_view row(buffer, static_cast<size_t>(length));
    if (!row.empty() && row.back() == '\n') row.remove_suffix(1);
    if (consumed.ok()) consumed = consume(row);
    PQfreemem(buffer);
  }
  Status finished = Status::Ok();
  while (PGresult* raw = PQgetResult(conn_.get())) {
    PgResult result(raw);
    if (finished.ok() && PQresultStatus(raw) != PGRES_COMMAND_OK) finished = Error(StatementSummary(sql), raw);
  }
  if (finished.ok() && !healthy()) finished = Error(StatementSummary(sql), nullptr);
  return consumed.ok() ? finished : consumed;
}

Result<std::string> PgConnection::Literal(std::string_view text) {
  char* quoted = PQescapeLiteral(conn_.get(), text.data(), text.size());
  if (quoted == nullptr) return Error("cannot quote a literal", nullptr);
  std::string out(quoted);
  PQfreemem(quoted);
  return out;
}

Result<std::optional<std::pair<std::string, std::string>>> PgConnection::WaitForNotification(
    std::chrono::milliseconds timeout) {
  using Found = std::optional<std::pair<std::string, std::string>>;
  const auto take = [this]() -> Found {
    PGnotify* notify = PQnotifies(conn_.get());
    if (notify == nullptr) return std::nullopt;
    Found found(std::pair(std::string(notify->relname), std::string(notify->extra)));
    PQfreemem(notify);
    return found;
  };
  if (Found found = take()) return found;
  const int socket = PQsocket(conn_.get());
  if (socket < 0) return Error("waiting for notifications", nullptr);
  pollfd descriptor{socket, POLLIN, 0};
  const int ready = ::poll(&descriptor, 1, static_cast<int>(timeout.count()));
  if (ready < 0) return Found();  // a signal: the caller waits again
  if (ready > 0 && PQconsumeInput(conn_.get()) != 1) return Error("waiting for notifications", nullptr);
  if (!healthy()) return Error("waiting for notifications", nullptr);
  return take();
}

}  // namespace agencykpi
