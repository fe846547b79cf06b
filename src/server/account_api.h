// The API's account routes (docs/api.md, docs/security.md): POST /login and
// /logout, GET /me; for admins GET and POST /users, POST /users/{email} and
// GET /audit. Their access is in the policy table (auth/policy.cpp) like
// every route's; these functions only parse, call the Authenticator and
// render.
#pragma once

#include <optional>
#include <string_view>

#include "auth/policy.h"
#include "common/status.h"
#include "server/api.h"
#include "server/query.h"
#include "server/service.h"

namespace agencykpi {

// Limits of the account routes' bodies and lists.
inline constexpr size_t kMaxAuditEventsShown = 1000;

Result<ApiResponse> LoginRoute(AgencyService& service, const ApiRequest& request);
Result<ApiResponse> LogoutRoute(AgencyService& service, const ApiRequest& request);
Result<ApiResponse> MeRoute(const auth::Principal& principal);
Result<ApiResponse> ListUsersRoute(AgencyService& service);
Result<ApiResponse> AddUserRoute(AgencyService& service, const ApiRequest& request, const auth::Principal& by);
Result<ApiResponse> ChangeUserRoute(AgencyService& service, std::string_view email, const ApiRequest& request,
                                    const auth::Principal& by);
Result<ApiResponse> AuditRoute(AgencyService& service, const Query& query);

// Writes an audit event for `principal` (ignores a store failure: the event
// is not worth failing the request it records).
void AuditEventOf(AgencyService& service, const auth::Principal& principal, std::string_view event,
                  std::string_view detail, std::string_view address);

}  // namespace agencykpi
