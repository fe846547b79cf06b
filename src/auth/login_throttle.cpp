#include "auth/login_throttle.h"

namespace agencykpi::auth {
namespace {

std::string AccountKey(std::string_view email) { return "account:" + std::string(email); }
std::string AddressKey(std::string_view address) { return "address:" + std::string(address); }

}  // namespace

std::optional<int64_t> LoginThrottle::WaitFor(const std::string& key, int limit, int64_t now) {
  const auto found = failures_.find(key);
  if (found == failures_.end()) return std::nullopt;
  std::deque<int64_t>& times = found->second.times;
  while (!times.empty() && times.front() + kThrottleWindowSeconds <= now) times.pop_front();
  if (static_cast<int>(times.size()) < limit) return std::nullopt;
  return times.front() + kThrottleWindowSeconds - now;
}

std::optional<int64_t> LoginThrottle::RetryAfter(std::string_view email, std::string_view address, int64_t now) {
  std::lock_guard lock(mutex_);
  const auto by_account = WaitFor(AccountKey(email), kMaxFailuresPerAccount, now);
  const auto by_address = WaitFor(AddressKey(address), kMaxFailuresPerAddress, now);
  if (by_account && by_address) return std::max(*by_account, *by_address);
  return by_account ? by_account : by_address;
}

void LoginThrottle::Add(const std::string& key, int64_t now) {
  auto [it, inserted] = failures_.try_emplace(key);
  if (inserted) {
    order_.push_back(key);
    while (failures_.size() > kMaxThrottleKeys && !order_.empty()) {
      failures_.erase(order_.front());
      order_.pop_front();
    }
  }
  const auto kept = failures_.find(key);
  if (kept != failures_.end()) kept->second.times.push_back(now);
}

void LoginThrottle::RecordFailure(std::string_view email, std::string_view address, int64_t now) {
  std::lock_guard lock(mutex_);
  Add(AccountKey(email), now);
  Add(AddressKey(address), now);
}

void LoginThrottle::RecordSuccess(std::string_view email) {
  std::lock_guard lock(mutex_);
  failures_.erase(AccountKey(email));  // its key stays in order_ until evicted: harmless
}

}  // namespace agencykpi::auth
