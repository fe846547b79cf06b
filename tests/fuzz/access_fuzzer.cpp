// libFuzzer target: the route policy table's matching and the account
// fields' parsing (auth/policy.h, auth/account.h) on any bytes: the input is
// "METHOD\nPATH\nEMAIL\nROLE". Traps when a route found does not match its
// pattern's method, when a path with a route has no methods, or when a
// normalised email is not lower case with exactly one '@'.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "auth/account.h"
#include "auth/policy.h"

namespace {

std::string_view NextLine(std::string_view& input) {
  const size_t end = input.find('\n');
  const std::string_view line = input.substr(0, end);
  input = end == std::string_view::npos ? std::string_view() : input.substr(end + 1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string_view method = NextLine(input);
  const std::string_view path = NextLine(input);
  const std::string_view email = NextLine(input);
  const std::string_view role = NextLine(input);
  using namespace agencykpi::auth;
  if (const RoutePolicy* policy = FindRoutePolicy(method, path)) {
    if (policy->method != method) __builtin_trap();
    if (MethodsOf(path).empty()) __builtin_trap();
  }
  if (const auto normalized = NormalizedEmail(email); normalized.ok()) {
    if (normalized->find('@') == std::string::npos || normalized->find('@') != normalized->rfind('@')) __builtin_trap();
    for (const char c : *normalized) {
      if (c >= 'A' && c <= 'Z') __builtin_trap();
    }
  }
  if (const auto parsed = RoleNamed(role); parsed && RoleNamed(RoleName(*parsed)) != parsed) __builtin_trap();
  (void)ClientScope::Only({std::string(email)}).Sees(path);
  return 0;
}
