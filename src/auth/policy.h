// Who may call which API route: one table (RoutePolicies) in which every
// route of /api/v1 names the access it needs. HandleApi looks the route up
// before anything else and refuses a route the table does not have; the
// access-matrix test walks the same table against a real server.
//
// The brand scope (ClientScope) is what a brand account sees of the data:
// the service applies it where a client is looked up by id (a client
// outside it is not found), so every rendering — JSON, PDF, XLSX — reads
// the same filtered data.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "auth/account.h"

namespace agencykpi::auth {

enum class Access : uint8_t {
  kPublic,       // no session needed (login)
  kSignedIn,     // any account (who am I, logout)
  kBrandScoped,  // any account; a brand account within its clients only
  kFigures,      // admin, manager, viewer: the agency's figures
  kImport,       // admin, manager: replacing the data
  kAdmin,        // admin: accounts and the audit log
};

std::string_view AccessName(Access access);

// A route: its method and its path under /api/v1/, where '*' stands for one
// id (any characters but none of the pattern's own suffix, URL-encoded).
struct RoutePolicy {
  std::string_view method;
  std::string_view path;  // "clients/*/review.pdf"
  Access access;
};

// Every route, more specific patterns first.
std::span<const RoutePolicy> RoutePolicies();

// The first policy whose pattern matches `path` (under /api/v1/, without the
// query) for `method`; nullptr when none does.
const RoutePolicy* FindRoutePolicy(std::string_view method, std::string_view path);

// The methods some policy accepts on `path` ("GET, POST"), "" when none.
std::string MethodsOf(std::string_view path);

// Whether `role` may use a route of `access`.
bool Allows(Access access, Role role);

// The clients an account sees: all of them, or a brand account's own.
class ClientScope {
 public:
  static ClientScope All() { return ClientScope(true, {}); }
  static ClientScope Only(std::vector<std::string> clients) { return ClientScope(false, std::move(clients)); }
  [[nodiscard]] bool Sees(std::string_view client_id) const;
  [[nodiscard]] bool all() const { return all_; }

 private:
  ClientScope(bool all, std::vector<std::string> clients) : all_(all), clients_(std::move(clients)) {}
  bool all_;
  std::vector<std::string> clients_;
};

// Who makes a request: a signed-in account, or the store's local user when
// the store has no account (served on a loopback address only).
struct Principal {
  bool local = false;  // no account in the store: the laptop case, every right
  Account account{};   // when !local
  std::string csrf_token{};

  // The store's local user (no account in the store).
  static Principal Local() {
    Principal principal;
    principal.local = true;
    return principal;
  }

  [[nodiscard]] Role role() const { return local ? Role::kAdmin : account.role; }
  [[nodiscard]] ClientScope scope() const {
    return role() == Role::kBrand ? ClientScope::Only(account.clients) : ClientScope::All();
  }
};

}  // namespace agencykpi::auth
