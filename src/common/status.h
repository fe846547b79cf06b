// Status and Result<T>: expected failures as values (bad input, missing file,
// unknown period). Exceptions are kept for failures that abort a whole
// command or request. Thread-safe as plain values.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace agencykpi {

// The one closed list of error kinds. Exit codes are mapped in ExitCodeFor();
// HTTP statuses are mapped in the server, in one place.
enum class ErrorCode {
  kOk,
  kInvalidInput,  // bad data, bad argument, bad period: the user can fix it
  kNotFound,      // a file, a client, a mission that does not exist
  kTooLarge,      // a limit was exceeded (upload size, row count)
  kIo,            // the file system or the store failed
  kCancelled,     // the work was cancelled (a cancel request, a stopping server)
  kBusy,          // another import is running: try again later
  kInternal,      // a bug or an unexpected state
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

  [[nodiscard]] bool ok() const { return code_ == ErrorCode::kOk; }
  [[nodiscard]] ErrorCode code() const { return code_; }
  [[nodiscard]] const std::string& message() const { return message_; }

 private:
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
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
// 0 ok, 2 the user's input was refused, 1 anything else.
int ExitCodeFor(ErrorCode code);

}  // namespace agencykpi
