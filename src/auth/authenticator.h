// Logins and sessions over an AccountStore.
//
// A login checks the throttle, then the password (against a decoy hash when
// the account is unknown or disabled, so both take the same time and give
// the same answer), then opens a session: a new 256-bit token for the
// cookie, of which the store keeps only the hash, and a CSRF token. A
// session ends at logout, after kSessionIdleSeconds without a request, after
// kSessionLifetimeSeconds in any case, and when its account is disabled or
// its password changed (ChangeAccount ends every session of the account).
//
// Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "auth/account.h"
#include "auth/login_throttle.h"
#include "auth/policy.h"
#include "common/status.h"

namespace agencykpi::auth {

inline constexpr int64_t kSessionIdleSeconds = 2 * 3600;
inline constexpr int64_t kSessionLifetimeSeconds = 12 * 3600;
inline constexpr int64_t kSessionTouchSeconds = 60;  // last_seen is written at most this often

struct LoginResult {
  std::string token;  // for the session cookie; never stored
  Principal principal;
};

class Authenticator {
 public:
  using Clock = std::function<int64_t()>;  // seconds since 1970 UTC
  explicit Authenticator(AccountStore& store, Clock clock = {});

  // Whether the store holds an account: then every API request but the
  // login needs a session. Stays true once true (accounts are disabled,
  // never deleted).
  Result<bool> Enabled();

  // kUnauthorized "wrong email or password" for an unknown, disabled or
  // wrongly authenticated account alike; kTooManyRequests (details
  // {"retry_after": seconds}) while throttled.
  Result<LoginResult> Login(std::string_view email, std::string_view password, std::string_view address);

  // The session of a cookie token; nullopt when unknown, expired or its
  // account disabled.
  Result<std::optional<Principal>> SessionOf(std::string_view token);

  Status Logout(std::string_view token);

  // Writes the account and, when it is disabled or its password changed,
  // ends its sessions.
  Status ChangeAccount(const Account& before, const Account& after);

  AccountStore& store() { return store_; }
  int64_t Now() const { return clock_(); }

 private:
  AccountStore& store_;
  Clock clock_;
  LoginThrottle throttle_;
  std::atomic<bool> enabled_{false};
};

// Seconds since 1970 as UTC ISO 8601: "2026-12-02T15:04:05Z".
std::string IsoTime(int64_t seconds);

}  // namespace agencykpi::auth
