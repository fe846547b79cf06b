#include "auth/authenticator.h"

#include <fmt/format.h>

#include <chrono>

#include "auth/password.h"
#include "auth/token.h"
#include "common/date.h"

namespace agencykpi::auth {
namespace {

int64_t SystemSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Status WrongLogin() { return Status::Error(ErrorCode::kUnauthorized, "wrong email or password"); }

}  // namespace

std::string IsoTime(int64_t seconds) {
  const int64_t day = seconds >= 0 ? seconds / kSecondsPerDay : (seconds - kSecondsPerDay + 1) / kSecondsPerDay;
  const int64_t second_of_day = seconds - day * kSecondsPerDay;
  return fmt::format("{}T{:02}:{:02}:{:02}Z", FormatDate(static_cast<Day>(day)), second_of_day / 3600,
                     second_of_day / 60 % 60, second_of_day % 60);
}

Authenticator::Authenticator(AccountStore& store, Clock clock)
    : store_(store), clock_(clock ? std::move(clock) : Clock(SystemSeconds)) {}

Result<bool> Authenticator::Enabled() {
  if (enabled_.load(std::memory_order_relaxed)) return true;
  auto count = store_.CountUsers();
  if (!count.ok()) return count.status();
  if (*count > 0) enabled_.store(true, std::memory_order_relaxed);
  return *count > 0;
}

Result<LoginResult> Authenticator::Login(std::string_view email_text, std::string_view password,
                                         std::string_view address) {
  const int64_t now = Now();
  auto email = NormalizedEmail(email_text);
  const std::string key = email.ok() ? *email : std::string(email_text.substr(0, kMaxEmailLength));
  if (const auto wait = throttle_.RetryAfter(key, address, now)) {
    return Status::Error(ErrorCode::kTooManyRequests, "too many failed logins: try again later",
                         fmt::format("{{\"retry_after\": {}}}", *wait));
  }
  std::optional<Account> account;
  if (email.ok()) {
    auto found = store_.FindUser(*email);
    if (!found.ok()) return found.status();
    account = std::move(*found);
  }
  const bool usable = account && !account->disabled;
  // The decoy keeps an unknown account as slow as a known one.
  const bool verified = VerifyPassword(usable ? account->password_hash : DecoyHash(), password) && usable;
  if (!verified) {
    throttle_.RecordFailure(key, address, now);
    (void)store_.Audit({IsoTime(now), key, "login_failed", "", std::string(address)});
    return WrongLogin();
  }
  throttle_.RecordSuccess(key);
  if (NeedsRehash(account->password_hash)) {
    auto rehashed = HashPassword(password);
    if (rehashed.ok()) {
      account->password_hash = *rehashed;
      (void)store_.UpdateUser(*account);
    }
  }
  LoginResult result;
  result.token = NewToken();
  result.principal.account = *account;
  result.principal.csrf_token = NewToken();
  Status status = store_.CreateSession({TokenHash(result.token), account->id, result.principal.csrf_token, now, now});
  if (!status.ok()) return status;
  (void)store_.RecordLogin(account->id, IsoTime(now));
  (void)store_.Audit({IsoTime(now), account->email, "login", "", std::string(address)});
  return result;
}

Result<std::optional<Principal>> Authenticator::SessionOf(std::string_view token) {
  if (token.size() != 2 * kTokenBytes) return std::optional<Principal>();
  const std::string hash = TokenHash(token);
  auto found = store_.FindSession(hash);
  if (!found.ok()) return found.status();
  if (!*found) return std::optional<Principal>();
  auto& [session, account] = **found;
  const int64_t now = Now();
  const bool expired = now - session.last_seen_at >= kSessionIdleSeconds ||
                       now - session.created_at >= kSessionLifetimeSeconds;
  if (expired || account.disabled) {
    (void)store_.DeleteSession(hash);
    return std::optional<Principal>();
  }
  if (now - session.last_seen_at >= kSessionTouchSeconds) (void)store_.TouchSession(hash, now);
  Principal principal;
  principal.account = std::move(account);
  principal.csrf_token = std::move(session.csrf_token);
  return std::optional<Principal>(std::move(principal));
}

Status Authenticator::Logout(std::string_view token) { return store_.DeleteSession(TokenHash(token)); }

Status Authenticator::ChangeAccount(const Account& before, const Account& after) {
  Status status = store_.UpdateUser(after);
  if (!status.ok()) return status;
  const bool revoke = (after.disabled && !before.disabled) || after.password_hash != before.password_hash;
  return revoke ? store_.DeleteSessionsOf(after.id) : Status::Ok();
}

}  // namespace agencykpi::auth
