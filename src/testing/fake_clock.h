#pragma once
// A settable clock for tests and the simulator. Thread-safe.
#include <atomic>

#include "core/time.h"

namespace shaobing::testing {

class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start) : now_(ToUnixMillis(start)) {}
  TimePoint Now() const override { return FromUnixMillis(now_.load()); }
  void Set(TimePoint t) { now_ = ToUnixMillis(t); }
  void Advance(Millis d) { now_ += d.count(); }

 private:
  std::atomic<std::int64_t> now_;
};

}  // namespace shaobing::testing
