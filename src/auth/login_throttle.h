// Failed logins, counted per account and per client address: past
// kMaxFailuresPerAccount (or kMaxFailuresPerAddress) failures within
// kThrottleWindowSeconds, logins of that account (address) are refused until
// the window of the oldest counted failure has passed. A success clears the
// account's count. The table is bounded (kMaxThrottleKeys): the oldest keys
// go first. Thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace agencykpi::auth {

inline constexpr int kMaxFailuresPerAccount = 5;
inline constexpr int kMaxFailuresPerAddress = 20;
inline constexpr int64_t kThrottleWindowSeconds = 15 * 60;
inline constexpr size_t kMaxThrottleKeys = 10000;

class LoginThrottle {
 public:
  // Seconds to wait before `email` from `address` may try again; nullopt: now.
  std::optional<int64_t> RetryAfter(std::string_view email, std::string_view address, int64_t now);
  void RecordFailure(std::string_view email, std::string_view address, int64_t now);
  void RecordSuccess(std::string_view email);

 private:
  struct Failures {
    std::deque<int64_t> times;  // oldest first, within the window
  };
  std::optional<int64_t> WaitFor(const std::string& key, int limit, int64_t now);
  void Add(const std::string& key, int64_t now);

  std::mutex mutex_;
  std::unordered_map<std::string, Failures> failures_;
  std::deque<std::string> order_;  // keys by first failure, for eviction
};

}  // namespace agencykpi::auth
