// Status and Result<T>: expected failures as values (bad input, missing file,
// unknown period). Exceptions are kept for failures that abort a whole
// command or request. Thread-safe as plain values.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace agencykpi {

// The one closed list of error kinds: every distinct error of the API and the
// CLI is one code. Each is mapped in one place per face: its JSON code string
// in ErrorCodeName() and its exit code in ExitCodeFor() (both here), its HTTP
// status in the server's HttpStatusFor().
enum class ErrorCode {
  kOk,
  kInvalidInput,          // bad data, bad argument, bad period, a malformed request: the user can fix it
  kBadParameter,          // a query parameter of the API is malformed or out of range
  kBadUpload,             // an uploaded file set cannot be unpacked
  kInvalidData,           // the uploaded data fails validation (its diagnostics in the details)
  kNotFound,              // a file, a client, a mission, an API path that does not exist
  kMethodNotAllowed,      // the path exists but does not answer this method
  kUnsupportedMediaType,  // an upload of a content type the API does not read
  kTooLarge,              // a limit was exceeded (upload size, row count)
  kHeaderTooLarge,        // the request's header and trailer fields exceed their limit
  kTooSlow,               // the request body arrives below the minimum rate
  kForbidden,             // a request that changes data lacks what proves it comes from the dashboard,
                          // or an account's role does not allow it
  kUnauthorized,          // no valid session where the store has accounts, or a wrong login
  kTooManyRequests,       // too many failed logins: wait before trying again
  kMisdirected,           // a request for a host name this server does not answer for
  kIo,                    // the file system or the store failed
  kCancelled,             // the work was cancelled (a cancel request, a stopping server)
  kBusy,                  // another import is running, or the server is full: try again later
  kUnavailable,           // the database server cannot be reached: try again later
  kInternal,              // a bug or an unexpected state
};

class Status {
 public:
  Status() = default;
  static Status Ok() { return {}; }
  static Status InvalidInput(std::string message) { return {ErrorCode::kInvalidInput, std::move(message)}; }
  static Status NotFound(std::string message) { return {ErrorCode::kNotFound, std::move(message)}; }
  static Status TooLarge(std::string message) { return {ErrorCode::kTooLarge, std::move(message)}; }
  static Status Io(std::string message) { return {ErrorCode::kIo, std::move(message)}; }
  static Status Cancelled(std::string message) { return {ErrorCode::kCancelled, std::move(message)}; }
  static Status Busy(std::string message) { return {ErrorCode::kBusy, std::move(message)}; }
  static Status Internal(std::string message) { return {ErrorCode::kInternal, std::move(message)}; }
  // Any code; `details_json` is the text of a JSON object that qualifies the
  // error (the API's "details"), empty for none. `code` must not be kOk.
  static Status Error(ErrorCode code, std::string message, std::string details_json = {}) {
    assert(code != ErrorCode::kOk);
    Status status(code, std::move(message));
    status.details_json_ = std::move(details_json);
    return status;
  }

  [[nodiscard]] bool ok() const { return code_ == ErrorCode::kOk; }
  [[nodiscard]] ErrorCode code() const { return code_; }
  [[nodiscard]] const std::string& message() const { return message_; }
  // The JSON object text of the details; "{}" when there are none.
  [[nodiscard]] std::string_view details_json() const {
    return details_json_.empty() ? std::string_view("{}") : std::string_view(details_json_);
  }

 private:
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
  std::string details_json_;
};

// Holds either a value or a non-OK Status.
template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : data_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(data_).ok());
  }

  [[nodiscard]] bool ok() const { return std::holds_alternative<T>(data_); }
  [[nodiscard]] const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(data_);
  }
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

// Process exit status of a command that ended with this code:
// 0 ok, 2 the user's input was refused, 1 anything else. The only place
// where exit codes are written.
int ExitCodeFor(ErrorCode code);

// The API's JSON string of a code (bad_parameter, not_found, …): stable,
// documented in docs/api.md. "ok" for kOk.
std::string_view ErrorCodeName(ErrorCode code);

}  // namespace agencykpi
