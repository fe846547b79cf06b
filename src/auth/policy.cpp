#include "auth/policy.h"

#include <algorithm>
#include <array>

namespace agencykpi::auth {
namespace {

using A = Access;

constexpr std::array<RoutePolicy, 20> kRoutePolicies = {{
    {"POST", "login", A::kPublic},
    {"POST", "logout", A::kSignedIn},
    {"GET", "me", A::kSignedIn},
    {"GET", "report", A::kFigures},
    {"GET", "report.xlsx", A::kFigures},
    {"GET", "trend", A::kFigures},
    {"GET", "meta", A::kFigures},
    {"GET", "brands", A::kBrandScoped},
    {"GET", "clients/*/review", A::kBrandScoped},
    {"GET", "clients/*/review.pdf", A::kBrandScoped},
    {"GET", "clients/*/review.xlsx", A::kBrandScoped},
    {"GET", "clients/*", A::kFigures},
    {"GET", "missions/*/price", A::kFigures},
    {"GET", "missions/*", A::kFigures},
    {"POST", "import", A::kImport},
    {"DELETE", "import", A::kImport},
    {"GET", "users", A::kAdmin},
    {"POST", "users", A::kAdmin},
    {"POST", "users/*", A::kAdmin},
    {"GET", "audit", A::kAdmin},
}};

// "clients/*/review" against "clients/C1/review": the text before '*' is a
// prefix, the text after it a suffix, and the id between them is not empty.
bool Matches(std::string_view pattern, std::string_view path) {
  const size_t star = pattern.find('*');
  if (star == std::string_view::npos) return pattern == path;
  const std::string_view prefix = pattern.substr(0, star);
  const std::string_view suffix = pattern.substr(star + 1);
  return path.size() > prefix.size() + suffix.size() && path.starts_with(prefix) && path.ends_with(suffix);
}

}  // namespace

std::string_view AccessName(Access access) {
  switch (access) {
    case A::kPublic: return "public";
    case A::kSignedIn: return "signed_in";
    case A::kBrandScoped: return "brand_scoped";
    case A::kFigures: return "figures";
    case A::kImport: return "import";
    case A::kAdmin: return "admin";
  }
  return "admin";
}

std::span<const RoutePolicy> RoutePolicies() { return kRoutePolicies; }

const RoutePolicy* FindRoutePolicy(std::string_view method, std::string_view path) {
  // The first pattern matching the path decides which route it is; its
  // method must then match (a review path with another method is not a
  // client page).
  for (const RoutePolicy& policy : kRoutePolicies) {
    if (policy.method == method && Matches(policy.path, path)) {
      const bool shadowed = std::any_of(kRoutePolicies.begin(), &policy, [&](const RoutePolicy& earlier) {
        return earlier.path != policy.path && Matches(earlier.path, path);
      });
      return shadowed ? nullptr : &policy;
    }
  }
  return nullptr;
}

std::string MethodsOf(std::string_view path) {
  std::string_view route;
  for (const RoutePolicy& policy : kRoutePolicies) {
    if (Matches(policy.path, path)) {
      route = policy.path;
      break;
    }
  }
  std::string methods;
  for (const RoutePolicy& policy : kRoutePolicies) {
    if (!route.empty() && policy.path == route) methods += (methods.empty() ? "" : ", ") + std::string(policy.method);
  }
  return methods;
}

bool Allows(Access access, Role role) {
  switch (access) {
    case A::kPublic:
    case A::kSignedIn:
    case A::kBrandScoped: return true;
    case A::kFigures: return role != Role::kBrand;
    case A::kImport: return role == Role::kAdmin || role == Role::kManager;
    case A::kAdmin: return role == Role::kAdmin;
  }
  return false;
}

bool ClientScope::Sees(std::string_view client_id) const {
  return all_ || std::find(clients_.begin(), clients_.end(), client_id) != clients_.end();
}

}  // namespace agencykpi::auth
