#include "server/access.h"

#include <fmt/format.h>

#include "auth/authenticator.h"
#include "auth/token.h"
#include "server/query.h"

namespace agencykpi {
namespace {

constexpr std::string_view kApiPrefix = "/api/v1/";

}  // namespace

std::string_view SessionTokenOf(std::string_view cookie) {
  const std::string_view secure = CookieValue(cookie, kSecureSessionCookie);
  return secure.empty() ? CookieValue(cookie, kSessionCookie) : secure;
}

std::string SessionCookie(std::string_view token, bool secure) {
  const std::string_view name = secure ? kSecureSessionCookie : kSessionCookie;
  const std::string lifetime = token.empty() ? "; Max-Age=0" : fmt::format("; Max-Age={}", auth::kSessionLifetimeSeconds);
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Lax{}{}", name, token, lifetime, secure ? "; Secure" : "");
}

Result<std::optional<auth::Principal>> Authorize(AgencyService& service, const AccessRequest& request) {
  using Found = std::optional<auth::Principal>;
  const std::string_view path = request.target.substr(0, request.target.find('?'));
  if (!path.starts_with(kApiPrefix)) return Status::NotFound("no such API path");
  const std::string_view route = path.substr(kApiPrefix.size());
  const auth::RoutePolicy* policy = auth::FindRoutePolicy(request.method, route);
  if (policy == nullptr) {
    const std::string methods = auth::MethodsOf(route);
    if (methods.empty()) return Status::NotFound(fmt::format("no such API path: {}", path));
    return Status::Error(ErrorCode::kMethodNotAllowed, fmt::format("this path only answers {}", methods),
                         fmt::format("{{\"allow\": \"{}\"}}", methods));
  }
  auth::Authenticator* authenticator = service.authenticator();
  if (authenticator == nullptr) return Found(auth::Principal::Local());
  auto enabled = authenticator->Enabled();
  if (!enabled.ok()) return enabled.status();
  if (!*enabled) return Found(auth::Principal::Local());
  auto session = authenticator->SessionOf(SessionTokenOf(request.cookie));
  if (!session.ok()) return session.status();
  if (policy->access == auth::Access::kPublic) return *session;
  if (!*session) return Status::Error(ErrorCode::kUnauthorized, "sign in first (POST /api/v1/login)");
  const auth::Principal& principal = **session;
  if (request.method != "GET" && request.method != "HEAD" &&
      !auth::ConstantTimeEquals(request.csrf_token, principal.csrf_token)) {
    return Status::Error(ErrorCode::kForbidden, "a request that changes data needs the session's X-CSRF-Token");
  }
  if (!auth::Allows(policy->access, principal.role())) {
    return Status::Error(ErrorCode::kForbidden,
                         fmt::format("a {} account has no access to this page", auth::RoleName(principal.role())));
  }
  return *session;
}

}  // namespace agencykpi
