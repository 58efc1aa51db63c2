#include "services/rate_limiter.h"

namespace shaobing {

std::chrono::seconds RateLimiter::Acquire(std::string_view key, TimePoint now) {
  MutexLock lock(mu_);
  auto it = seen_.find(key);
  if (it == seen_.end()) {
    if (seen_.size() >= max_keys_) {
      std::erase_if(seen_, [&](const auto& kv) { return kv.second.empty() || now - kv.second.back() >= window_; });
      while (seen_.size() >= max_keys_) {
        auto stalest = seen_.begin();
        for (auto i = seen_.begin(); i != seen_.end(); ++i) {
          if (i->second.back() < stalest->second.back()) stalest = i;
        }
        seen_.erase(stalest);
      }
    }
    it = seen_.emplace(std::string(key), std::deque<TimePoint>{}).first;
  }
  auto& times = it->second;
  while (!times.empty() && now - times.front() >= window_) times.pop_front();
  if (static_cast<int>(times.size()) >= limit_) {
    return std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(times.front() + window_ - now));
  }
  times.push_back(now);
  return std::chrono::seconds(0);
}

size_t RateLimiter::keys() {
  MutexLock lock(mu_);
  return seen_.size();
}

}  // namespace shaobing
