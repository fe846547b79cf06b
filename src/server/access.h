// Who makes an API request and whether they may (auth/policy.h): run by the
// transport as soon as a request's header is read — before any body, so an
// import from someone without the right is refused unread — and by
// HandleApi for a request that did not come through it.
//
// Where the store has no account, every request is the local user's (the
// laptop case; `serve` then listens on loopback addresses only). Otherwise
// every route but the login needs a session cookie; a request that changes
// data needs the session's CSRF token in X-CSRF-Token; and the account's
// role must allow the route's access.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "auth/policy.h"
#include "common/status.h"
#include "server/service.h"

namespace agencykpi {

// The session cookie: `__Host-` prefixed (so no subdomain can set it) when
// served over TLS, where it is Secure; a plain name over HTTP, where a
// browser would refuse a Secure cookie. HttpOnly and SameSite=Lax either way.
inline constexpr std::string_view kSecureSessionCookie = "__Host-agencykpi_session";
inline constexpr std::string_view kSessionCookie = "agencykpi_session";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

struct AccessRequest {
  std::string_view method;
  std::string_view target;  // "/api/v1/report?period=2026-H1"
  std::string_view cookie;  // the Cookie header
  std::string_view csrf_token;
};

// The principal of the request (nullopt for a public route without a
// session), or its refusal: kNotFound / kMethodNotAllowed for a route the
// policy table lacks, kUnauthorized without a valid session, kForbidden
// without the CSRF token or outside the role.
Result<std::optional<auth::Principal>> Authorize(AgencyService& service, const AccessRequest& request);

// The session token of a Cookie header ("" when none).
std::string_view SessionTokenOf(std::string_view cookie);

// The Set-Cookie value that sets (or, with an empty token, clears) the session cookie.
std::string SessionCookie(std::string_view token, bool secure);

}  // namespace agencykpi
