#pragma once
// Time is explicit: UTC inside (milliseconds since the Unix epoch), ISO 8601 with an
// offset at the edges, Asia/Shanghai (+08:00, no daylight saving since 1991) for display.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace shaobing {

using Millis = std::chrono::milliseconds;
using TimePoint = std::chrono::sys_time<Millis>;

// The source of "now". Production uses SystemClock; tests and the simulator a fake.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override;
};

// A clock that only moves when told to: for replaying history (demo seeding, the simulator)
// and for tests. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_(start.time_since_epoch().count()) {}
  TimePoint Now() const override { return TimePoint(Millis(now_.load())); }
  void Set(TimePoint t) { now_ = t.time_since_epoch().count(); }
  void Advance(Millis d) { now_ += d.count(); }

 private:
  std::atomic<std::int64_t> now_;
};

// Parses "2026-11-29T14:05:00+08:00", "2026-11-29T06:05:00Z", with optional fractional
// seconds. A time without an offset is rejected (nullopt): local times are ambiguous. So is
// an instant whose UTC or +08:00 form has no four-digit year (which Format* could not write).
std::optional<TimePoint> ParseIsoTime(std::string_view text);

// "2026-11-29T14:05:00+08:00" (milliseconds shown only when non-zero).
std::string FormatShanghai(TimePoint t);
std::string FormatUtc(TimePoint t);

inline std::int64_t ToUnixMillis(TimePoint t) { return t.time_since_epoch().count(); }
inline TimePoint FromUnixMillis(std::int64_t ms) { return TimePoint(Millis(ms)); }

}  // namespace shaobing
