#include "auth/account.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "domain/catalogue.h"

namespace agencykpi::auth {
namespace {

constexpr std::array<std::string_view, kRoleCount> kRoleNames = {"admin", "manager", "viewer", "brand"};

}  // namespace

std::string_view RoleName(Role role) { return kRoleNames[static_cast<size_t>(role)]; }

std::optional<Role> RoleNamed(std::string_view name) {
  for (size_t i = 0; i < kRoleNames.size(); ++i) {
    if (EqualsIgnoringCase(kRoleNames[i], name)) return static_cast<Role>(i);
  }
  return std::nullopt;
}

Result<std::string> NormalizedEmail(std::string_view email) {
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.front()))) email.remove_prefix(1);
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.back()))) email.remove_suffix(1);
  std::string out(email);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const size_t at = out.find('@');
  const bool shaped = at != std::string::npos && at > 0 && at + 1 < out.size() &&
                      out.find('@', at + 1) == std::string::npos &&
                      std::none_of(out.begin(), out.end(), [](unsigned char c) { return c <= ' ' || c == 0x7F; });
  if (!shaped || out.size() > kMaxEmailLength) {
    return Status::InvalidInput("an account's email must look like name@example.com (at most " +
                                std::to_string(kMaxEmailLength) + " characters)");
  }
  return out;
}

}  // namespace agencykpi::auth
