// What a request's header must say before the server reads its body: the
// Host it names (DNS rebinding), and for requests that change data (not GET
// or HEAD) the custom header a foreign page cannot send without a CORS
// preflight, which is never approved, and a same-origin Origin and
// Sec-Fetch-Site when the browser sends them (cross-site request forgery).
// Pure functions (no I/O), safe on any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/api.h"

namespace agencykpi {

// The custom header every request that changes data must carry, and its value.
inline constexpr std::string_view kRequestedWithHeader = "X-Requested-With";
inline constexpr std::string_view kRequestedWithValue = "agencykpi";

// The header fields of a request the policy looks at; absent fields are empty.
struct RequestHeader {
  std::string_view method;  // "GET", "POST"…
  int version = 11;         // 10 for HTTP/1.0, 11 for HTTP/1.1
  bool has_host = false;
  std::string_view host;
  std::string_view origin;
  bool has_origin = false;
  std::string_view sec_fetch_site;
  std::string_view requested_with;
};

// The host names (lower case, no port; IPv6 in brackets) a Host header may
// give: 127.0.0.1, localhost and [::1]; `bound_host` unless it is a wildcard
// (0.0.0.0, ::, empty); and every name of `extra`.
std::vector<std::string> AllowedHostNames(std::string_view bound_host, const std::vector<std::string>& extra);

// The host of a Host header or of an Origin's authority, lower case, without
// the port: "LocalHost:8080" → "localhost", "[::1]:80" → "[::1]".
std::string HostNameOf(std::string_view authority);

// nullopt when the request may go on; otherwise the answer that refuses it:
// 400 `bad_request` (HTTP/1.1 without Host), 421 `misdirected_request` (a
// Host not in `allowed_hosts`), 403 `forbidden` naming the reason (no custom
// header, a foreign Origin, a cross-site Sec-Fetch-Site).
std::optional<ApiResponse> CheckRequestPolicy(const RequestHeader& header,
                                              const std::vector<std::string>& allowed_hosts);

}  // namespace agencykpi
