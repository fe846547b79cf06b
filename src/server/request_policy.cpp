#include "server/request_policy.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>


namespace agencykpi {
namespace {

constexpr std::string_view kLoopbackNames[] = {"127.0.0.1", "localhost", "[::1]"};
constexpr std::string_view kWildcardHosts[] = {"", "0.0.0.0", "::", "[::]"};

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

bool IEquals(std::string_view a, std::string_view b) { return Lower(a) == Lower(b); }

// "host:port" with the port the scheme implies made explicit.
std::string WithPort(std::string_view authority, std::string_view default_port) {
  std::string out = Lower(authority);
  const size_t bracket = out.rfind(']');
  const size_t colon = out.rfind(':');
  const bool has_port = colon != std::string::npos && (bracket == std::string::npos || colon > bracket);
  if (!has_port) out += fmt::format(":{}", default_port);
  return out;
}

ApiResponse Forbidden(std::string_view message) {
  return ErrorResponse(Status::Error(ErrorCode::kForbidden, std::string(message)));
}

}  // namespace

std::string HostNameOf(std::string_view authority) {
  if (!authority.empty() && authority.front() == '[') {
    const size_t end = authority.find(']');
    return Lower(authority.substr(0, end == std::string_view::npos ? authority.size() : end + 1));
  }
  return Lower(authority.substr(0, authority.find(':')));
}

std::vector<std::string> AllowedHostNames(std::string_view bound_host, const std::vector<std::string>& extra) {
  std::vector<std::string> names(std::begin(kLoopbackNames), std::end(kLoopbackNames));
  const bool wildcard = std::find(std::begin(kWildcardHosts), std::end(kWildcardHosts), bound_host) !=
                        std::end(kWildcardHosts);
  if (!wildcard) {
    const bool ipv6 = bound_host.find(':') != std::string_view::npos && bound_host.front() != '[';
    names.push_back(ipv6 ? "[" + Lower(bound_host) + "]" : HostNameOf(bound_host));
  }
  for (const std::string& name : extra) names.push_back(HostNameOf(name));
  return names;
}

std::optional<ApiResponse> CheckRequestPolicy(const RequestHeader& header,
                                              const std::vector<std::string>& allowed_hosts) {
  if (!header.has_host) {
    if (header.version >= 11) {
      return ErrorResponse(Status::InvalidInput("an HTTP/1.1 request needs a Host header"));
    }
  } else if (std::find(allowed_hosts.begin(), allowed_hosts.end(), HostNameOf(header.host)) == allowed_hosts.end()) {
    return ErrorResponse(Status::Error(ErrorCode::kMisdirected,
                                       fmt::format("this server does not answer for the host '{}' (start it "
                                                   "with --allowed-host NAME to add a name)",
                                                   header.host)));
  }
  if (header.method == "GET" || header.method == "HEAD") return std::nullopt;

  if (!IEquals(header.requested_with, kRequestedWithValue)) {
    return Forbidden(fmt::format("a request that changes data needs the header {}: {}", kRequestedWithHeader,
                                 kRequestedWithValue));
  }
  if (header.has_origin) {
    const std::string origin = Lower(header.origin);
    const size_t scheme_end = origin.find("://");
    const std::string_view scheme = std::string_view(origin).substr(0, scheme_end);
    const std::string_view authority =
        scheme_end == std::string::npos ? std::string_view{} : std::string_view(origin).substr(scheme_end + 3);
    const std::string_view default_port = scheme == "https" ? "443" : "80";
    const bool same = (scheme == "http" || scheme == "https") && !authority.empty() &&
                      authority.find('/') == std::string_view::npos && header.has_host &&
                      WithPort(authority, default_port) == WithPort(header.host, default_port);
    if (!same) {
      return Forbidden(fmt::format("a request from another origin ('{}') may not change data",
                                   header.origin));
    }
  }
  if (!header.sec_fetch_site.empty() && !IEquals(header.sec_fetch_site, "same-origin") &&
      !IEquals(header.sec_fetch_site, "none")) {
    return Forbidden(fmt::format("a {} request may not change data (Sec-Fetch-Site)",
                                 header.sec_fetch_site));
  }
  return std::nullopt;
}

}  // namespace agencykpi
