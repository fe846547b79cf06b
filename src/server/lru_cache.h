// A small thread-safe least-recently-used cache of shared immutable values.
#pragma once

#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

namespace agencykpi {

template <typename Value>
class LruCache {
 public:
  explicit LruCache(size_t capacity) : capacity_(capacity) {}

  // The value of `key`, or nullptr; a hit becomes the most recently used.
  std::shared_ptr<const Value> Find(const std::string& key) {
    const std::lock_guard lock(mutex_);
    const auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    entries_.splice(entries_.begin(), entries_, it->second);
    return it->second->second;
  }

  // Keeps the first value stored for a key (two threads may compute it at once).
  std::shared_ptr<const Value> Insert(const std::string& key, std::shared_ptr<const Value> value) {
    const std::lock_guard lock(mutex_);
    if (const auto it = index_.find(key); it != index_.end()) return it->second->second;
    entries_.emplace_front(key, std::move(value));
    index_[key] = entries_.begin();
    if (entries_.size() > capacity_) {
      index_.erase(entries_.back().first);
      entries_.pop_back();
    }
    return entries_.front().second;
  }

  void Clear() {
    const std::lock_guard lock(mutex_);
    entries_.clear();
    index_.clear();
  }

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const Value>>;
  const size_t capacity_;
  std::mutex mutex_;
  std::list<Entry> entries_;  // most recently used first; guarded by mutex_
  std::unordered_map<std::string, typename std::list<Entry>::iterator> index_;  // guarded by mutex_
};

}  // namespace agencykpi
