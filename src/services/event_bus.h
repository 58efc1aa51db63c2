#pragma once
// In-process fan-out of what just happened, for live push to the duty desk. Publishers never
// block on subscribers: each subscriber's callback must be quick (it queues and returns).
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "core/thread_annotations.h"

namespace shaobing {

struct Notice {
  std::string type;  // "report"
  std::int64_t event_id = 0;
  std::int64_t report_id = 0;
  std::string kind;  // report kind
  std::string unit;
  std::string region;  // the event's region (for scoping)
};

class EventBus {
 public:
  // Returns false when the subscriber is gone; it is then dropped.
  using Handler = std::function<bool(const Notice&)>;
  std::uint64_t Subscribe(Handler h) {
    MutexLock lock(mu_);
    handlers_.emplace(++next_, std::move(h));
    return next_;
  }
  // Drops one subscriber; nothing when it is gone already. Its handler is destroyed after the
  // bus's lock is released (it may own what unregisters elsewhere).
  void Unsubscribe(std::uint64_t id) {
    Handler dropped;
    MutexLock lock(mu_);
    if (auto it = handlers_.find(id); it != handlers_.end()) {
      dropped = std::move(it->second);
      handlers_.erase(it);
    }
  }
  // Drops every subscriber (their connections may hold resources of a server going away).
  void Clear() {
    MutexLock lock(mu_);
    handlers_.clear();
  }
  void Publish(const Notice& n) {
    MutexLock lock(mu_);
    for (auto it = handlers_.begin(); it != handlers_.end();) {
      it = it->second(n) ? std::next(it) : handlers_.erase(it);
    }
  }

 private:
  Mutex mu_;
  std::uint64_t next_ GUARDED_BY(mu_) = 0;
  std::map<std::uint64_t, Handler> handlers_ GUARDED_BY(mu_);
};

}  // namespace shaobing
