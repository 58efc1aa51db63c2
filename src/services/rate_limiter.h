#pragma once
// Counting limits over a sliding time window, per key ("unit|event"). In memory, bounded,
// thread-safe. A refused attempt is not counted.
#include <chrono>
#include <deque>
#include <map>
#include <string>
#include <string_view>

#include "core/thread_annotations.h"
#include "core/time.h"

namespace shaobing {

class RateLimiter {
 public:
  // At most `limit` attempts per key within `window`; at most `max_keys` keys remembered
  // (the stalest forgotten first).
  RateLimiter(int limit, std::chrono::seconds window, size_t max_keys = 50000)
      : limit_(limit), window_(window), max_keys_(max_keys) {}

  // Counts an attempt and answers zero, or answers how long until one is allowed.
  std::chrono::seconds Acquire(std::string_view key, TimePoint now);
  int limit() const { return limit_; }
  size_t keys();

 private:
  const int limit_;
  const std::chrono::seconds window_;
  const size_t max_keys_;
  Mutex mu_;
  std::map<std::string, std::deque<TimePoint>, std::less<>> seen_ GUARDED_BY(mu_);
};

}  // namespace shaobing
