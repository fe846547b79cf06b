#include "server/account_api.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <charconv>

#include "auth/authenticator.h"
#include "auth/password.h"
#include "report/json_writer.h"
#include "server/access.h"

namespace agencykpi {
namespace {

using auth::Account;
using nlohmann::json;

ApiResponse JsonAnswer(std::string body) {
  ApiResponse response;
  response.body = std::move(body);
  return response;
}

Status Invalid(std::string message) { return Status::InvalidInput(std::move(message)); }

auth::Authenticator* AuthenticatorOf(AgencyService& service) { return service.authenticator(); }

Result<json> ParseBody(const ApiRequest& request) {
  json body = json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) return Invalid("the body must be a JSON object");
  return body;
}

// A string member of `body`; nullopt when absent; InvalidInput when not a string.
Result<std::optional<std::string>> StringMember(const json& body, const char* name) {
  const auto found = body.find(name);
  if (found == body.end() || found->is_null()) return std::optional<std::string>();
  if (!found->is_string()) return Invalid(fmt::format("'{}' must be a string", name));
  return std::optional<std::string>(found->get<std::string>());
}

void WriteAccount(JsonWriter& w, const Account& account) {
  w.BeginObject();
  w.Key("email").String(account.email);
  w.Key("name").String(account.name);
  w.Key("role").String(auth::RoleName(account.role));
  w.Key("clients").BeginArray();
  for (const std::string& client : account.clients) w.String(client);
  w.EndArray();
  w.Key("disabled").Bool(account.disabled);
  w.Key("created_at").String(account.created_at);
  w.Key("last_login_at");
  account.last_login_at.empty() ? w.Null() : w.String(account.last_login_at);
  w.EndObject();
}

// The fields of a user change or creation read from `body` into `account`.
Status ReadAccountFields(const json& body, Account& account, bool creating) {
  auto name = StringMember(body, "name");
  auto role = StringMember(body, "role");
  if (!name.ok()) return name.status();
  if (!role.ok()) return role.status();
  if (*name) {
    if (name->value().size() > auth::kMaxDisplayNameLength) return Invalid("the name is too long");
    account.name = **name;
  }
  if (*role) {
    const auto parsed = auth::RoleNamed(**role);
    if (!parsed) return Invalid("role must be admin, manager, viewer or brand");
    account.role = *parsed;
  } else if (creating) {
    return Invalid("a new account needs a role");
  }
  if (const auto clients = body.find("clients"); clients != body.end()) {
    if (!clients->is_array() || clients->size() > auth::kMaxClientsPerAccount) {
      return Invalid("clients must be a list of client ids");
    }
    account.clients.clear();
    for (const json& client : *clients) {
      if (!client.is_string()) return Invalid("clients must be a list of client ids");
      account.clients.push_back(client.get<std::string>());
    }
  }
  if (const auto disabled = body.find("disabled"); disabled != body.end()) {
    if (!disabled->is_boolean()) return Invalid("disabled must be true or false");
    account.disabled = disabled->get<bool>();
  }
  if (account.role == auth::Role::kBrand && account.clients.empty()) {
    return Invalid("a brand account needs at least one client");
  }
  auto password = StringMember(body, "password");
  if (!password.ok()) return password.status();
  if (*password) {
    auto hash = auth::HashPassword(**password);
    if (!hash.ok()) return hash.status();
    account.password_hash = *hash;
  } else if (creating) {
    return Invalid("a new account needs a password");
  }
  return Status::Ok();
}

Status NoAccounts() { return Status::NotFound("this store has no accounts (add one with `agencykpi user add`)"); }

}  // namespace

void AuditEventOf(AgencyService& service, const auth::Principal& principal, std::string_view event,
                  std::string_view detail, std::string_view address) {
  auth::Authenticator* authenticator = AuthenticatorOf(service);
  if (authenticator == nullptr) return;
  (void)authenticator->store().Audit({auth::IsoTime(authenticator->Now()),
                                      principal.local ? std::string() : principal.account.email,
                                      std::string(event), std::string(detail), std::string(address)});
}

Result<ApiResponse> LoginRoute(AgencyService& service, const ApiRequest& request) {
  auth::Authenticator* authenticator = AuthenticatorOf(service);
  if (authenticator == nullptr) return NoAccounts();
  auto body = ParseBody(request);
  if (!body.ok()) return body.status();
  auto email = StringMember(*body, "email");
  auto password = StringMember(*body, "password");
  if (!email.ok()) return email.status();
  if (!password.ok()) return password.status();
  if (!*email || !*password) return Invalid("send {\"email\": …, \"password\": …}");
  auto login = authenticator->Login(**email, **password, request.address);
  if (login.status().code() == ErrorCode::kTooManyRequests) {
    ApiResponse refused = ErrorResponse(login.status());
    const json details = json::parse(login.status().details_json(), nullptr, false);
    if (details.is_object() && details.contains("retry_after")) {
      refused.headers.emplace_back("Retry-After", details["retry_after"].dump());
    }
    return refused;
  }
  if (!login.ok()) return login.status();
  JsonWriter w(false);
  w.BeginObject();
  w.Key("csrf_token").String(login->principal.csrf_token);
  w.Key("user");
  WriteAccount(w, login->principal.account);
  w.EndObject();
  ApiResponse response = JsonAnswer(w.Take());
  response.headers.emplace_back("Set-Cookie", SessionCookie(login->token, request.secure_transport));
  return response;
}

Result<ApiResponse> LogoutRoute(AgencyService& service, const ApiRequest& request) {
  auth::Authenticator* authenticator = AuthenticatorOf(service);
  if (authenticator != nullptr) {
    Status status = authenticator->Logout(SessionTokenOf(request.cookie));
    if (!status.ok()) return status;
  }
  ApiResponse response = JsonAnswer("{\"ok\":true}");
  response.headers.emplace_back("Set-Cookie", SessionCookie("", request.secure_transport));
  return response;
}

Result<ApiResponse> MeRoute(const auth::Principal& principal) {
  JsonWriter w(false);
  w.BeginObject();
  w.Key("local").Bool(principal.local);
  w.Key("role").String(auth::RoleName(principal.role()));
  w.Key("user");
  principal.local ? w.Null() : WriteAccount(w, principal.account);
  w.Key("csrf_token").String(principal.csrf_token);
  w.EndObject();
  return JsonAnswer(w.Take());
}

Result<ApiResponse> ListUsersRoute(AgencyService& service) {
  auth::Authenticator* authenticator = AuthenticatorOf(service);
  if (authenticator == nullptr) return NoAccounts();
  auto users = authenticator->store().ListUsers();
  if (!users.ok()) return users.status();
  JsonWriter w(false);
  w.BeginObject();
  w.Key("users").BeginArray();
  for (const Account& account : *users) WriteAccount(w, account);
  w.EndArray();
  w.EndObject();
  return JsonAnswer(w.Take());
}

Result<ApiResponse> AddUserRoute(AgencyService& service, const ApiRequest& request, const auth::Principal& by) {
  auth::Authenticator* authenticator = AuthenticatorOf(service);
  if (authenticator == nullptr) return NoAccounts();
  auto body = ParseBody(request);
  if (!body.ok()) return body.status();
  auto email_text = StringMember(*body, "email");
  if (!email_text.ok()) return email_text.status();
  if (!*email_text) return Invalid("a new account needs an email");
  auto email = auth::NormalizedEmail(**email_text);
  if (!email.ok()) return email.status();
  Account account;
  account.email = *email;
  account.name = *email;
  account.created_at = auth::IsoTime(authenticator->Now());
  Status status = ReadAccountFields(*body, account, /*creating=*/true);
  if (!status.ok()) return status;
  auto id = authenticator->store().AddUser(account);
  if (!id.ok()) return id.status();
  account.id = *id;
  AuditEventOf(service, by, "user_added", fmt::format("{} ({})", account.email, auth::RoleName(account.role)),
               request.address);
  JsonWriter w(false);
  w.BeginObject();
  w.Key("user");
  WriteAccount(w, account);
  w.EndObject();
  return JsonAnswer(w.Take());
}

Result<ApiResponse> ChangeUserRoute(AgencyService& service, std::string_view email_text, const ApiRequest& request,
                                    const auth::Principal& by) {
  auth::Authenticator* authenticator = AuthenticatorOf(service);
  if (authenticator == nullptr) return NoAccounts();
  auto email = auth::NormalizedEmail(email_text);
  if (!email.ok()) return Status::NotFound("no such account");
  auto found = authenticator->store().FindUser(*email);
  if (!found.ok()) return found.status();
  if (!*found) return Status::NotFound("no such account");
  auto body = ParseBody(request);
  if (!body.ok()) return body.status();
  Account after = **found;
  Status status = ReadAccountFields(*body, after, /*creating=*/false);
  if (!status.ok()) return status;
  status = authenticator->ChangeAccount(**found, after);
  if (!status.ok()) return status;
  AuditEventOf(service, by, "user_changed", after.email, request.address);
  JsonWriter w(false);
  w.BeginObject();
  w.Key("user");
  WriteAccount(w, after);
  w.EndObject();
  return JsonAnswer(w.Take());
}

Result<ApiResponse> AuditRoute(AgencyService& service, const Query& query) {
  auth::Authenticator* authenticator = AuthenticatorOf(service);
  if (authenticator == nullptr) return NoAccounts();
  size_t limit = 100;
  if (const auto found = query.find("limit"); found != query.end()) {
    const std::string& text = found->second;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), limit);
    if (ec != std::errc() || end != text.data() + text.size() || limit == 0 || limit > kMaxAuditEventsShown) {
      return Status::Error(ErrorCode::kBadParameter,
                           fmt::format("limit must be between 1 and {}", kMaxAuditEventsShown),
                           "{\"parameter\": \"limit\"}");
    }
  }
  auto events = authenticator->store().RecentAudit(limit);
  if (!events.ok()) return events.status();
  JsonWriter w(false);
  w.BeginObject();
  w.Key("events").BeginArray();
  for (const auth::AuditEvent& event : *events) {
    w.BeginObject();
    w.Key("at").String(event.at);
    w.Key("actor").String(event.actor);
    w.Key("event").String(event.event);
    w.Key("detail").String(event.detail);
    w.Key("address").String(event.address);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return JsonAnswer(w.Take());
}

}  // namespace agencykpi
