// The JSON API of docs/api.md, independent of the HTTP transport: a request
// (method, target with query, content type, body) in, a response out. The
// same report code as the CLI answers /report.
//
// Thread safety: HandleApi may run on many threads at once; the service
// provides the needed locking.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "auth/policy.h"
#include "common/status.h"
#include "server/service.h"

namespace agencykpi {

// The HTTP status of an error code (200 for kOk): the one place where HTTP
// statuses are written.
int HttpStatusFor(ErrorCode code);

struct ApiRequest {
  std::string method;  // "GET", "POST", …
  std::string target;  // "/api/v1/report?period=2026-H1"
  std::string content_type;
  std::string body;
  // POST /import: the slot the transport took when the header arrived (its
  // token cancels the import); null: HandleApi takes it, 503 when taken.
  std::shared_ptr<ImportTicket> import_ticket = nullptr;
  // Who sends it (server/access.h): the Cookie and X-CSRF-Token headers and
  // the client's address; `authorized` when the transport has already
  // decided (then `principal` is its answer), else HandleApi decides.
  std::string cookie{};
  std::string csrf_token{};
  std::string address{};
  bool secure_transport = false;  // served over TLS: the session cookie is Secure
  bool authorized = false;
  std::optional<auth::Principal> principal{};
};

struct ApiResponse {
  int status = HttpStatusFor(ErrorCode::kOk);
  std::string body;
  std::string content_type = "application/json; charset=utf-8";
  // Further response headers (Allow, Retry-After…), name → value.
  std::vector<std::pair<std::string, std::string>> headers;
};

// Takes the request by value: an import's body is freed as soon as it is unpacked.
ApiResponse HandleApi(AgencyService& service, ApiRequest request);

// The answer to any non-OK status: HttpStatusFor(code) and
// {"error": {"code": ErrorCodeName(code), "message", "details": {…}}}, the
// details from status.details_json(). A kBusy answer carries Retry-After.
// Bytes of the message that are not valid UTF-8 (an echoed parameter) become
// U+FFFD, so the answer is always valid JSON.
ApiResponse ErrorResponse(const Status& status);

// The answer refusing a request Authorize did not let through (with Allow
// for kMethodNotAllowed).
ApiResponse AccessRefusal(const Status& status, std::string_view target);

}  // namespace agencykpi
