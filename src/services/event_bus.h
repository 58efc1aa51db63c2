#pragma once
// In-process fan-out of what just happened, for live push to the duty desk. Publishers never
// block on subscribers: each subscriber's callback must be quick (it queues and returns).
// Fed by the store's change listener (wired in app.cc): a Notice is a committed change of the
// change log, published in commit (= seq) order; services announce changes with
// Transaction::Publish inside their write jobs, never on the bus directly.
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "core/thread_annotations.h"
#include "store/store.h"

namespace shaobing {

using Notice = ChangeRecord;  // store/store.h: seq, type, event_id, report_id, kind, unit, region, at

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
