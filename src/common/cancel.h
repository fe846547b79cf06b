// CancelToken: a flag one thread raises and long work (reading an agency
// folder, writing it to the store) polls between rows, so an import can be
// abandoned in the middle (a cancel request, a server stopping) and leave
// nothing behind. Thread-safe; never reset once raised.
#pragma once

#include <atomic>

namespace agencykpi {

class CancelToken {
 public:
  void Cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  [[nodiscard]] bool cancelled() const { return cancelled_.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> cancelled_{false};
};

// True when `token` is set and raised: work given no token is never cancelled.
inline bool IsCancelled(const CancelToken* token) { return token != nullptr && token->cancelled(); }

}  // namespace agencykpi
