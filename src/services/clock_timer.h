#pragma once
// The timer service of the reporting clocks (standards/report_clocks.h). A pass derives the
// clocks of every event that may have moved — those with a clock still open in the store, those
// touched since the last pass (a report, a desk report, a closure) and, on the first pass after
// a start, those with a report in the last `catch_up` — and records each change of state: the
// clock's row (clock_states), the transition (clock_transitions, with the time it happened)
// and an audit record ("clock.transition"), and announces it live (a "clock" change, in the
// same job).
//
// Exactly once: the stored state is read and compared inside the write job, so a second pass,
// a restart or a crash between passes never records a transition twice, and one missed while
// the server was down is recorded at the next pass with the time it happened. A clock that no
// longer exists (an event split, a filing merged into another root) is dropped, audited.
//
// Thread-safe. The passes run on one thread of their own (Start/Stop), every `period` and
// shortly after a touch; tests call Tick() on a manual clock instead.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <set>
#include <thread>
#include <utility>

#include "core/thread_annotations.h"
#include "core/time.h"
#include "services/event_query.h"
#include "store/store.h"

namespace shaobing {

struct ClockTimerOptions {
  std::chrono::milliseconds period = std::chrono::seconds(30);
  // After a touch, wait this long for others to gather before the pass.
  std::chrono::milliseconds settle = std::chrono::milliseconds(200);
  // The first pass also looks at events with a report this recent (the 补报 window and a day).
  std::chrono::hours catch_up = std::chrono::hours(24 * 31);
  size_t max_events_per_pass = 5000;  // the rest wait for the next pass
  // Told of a pass or an event (id, 0 for the pass) that failed; it is tried again next pass.
  std::function<void(EventId, const Error&)> on_error;
  // Called for every root event looked at, after its transitions were recorded, with its clocks
  // now (services/escalation_service.h: the steps of overdue clocks); returns the steps taken.
  std::function<Result<int>(const EventRow&, const std::vector<ReportClock>&, TimePoint)> escalate;
};

struct TickResult {
  int events = 0;       // events looked at
  int transitions = 0;  // transitions recorded
  int escalations = 0;  // escalation steps taken (options.escalate)
};

class ClockTimer {
 public:
  ClockTimer(Store& store, EventQuery& events, const Clock& clock, ClockTimerOptions options = {})
      : store_(store), events_(events), clock_(clock), options_(std::move(options)) {}
  ~ClockTimer() { Stop(); }
  ClockTimer(const ClockTimer&) = delete;
  ClockTimer& operator=(const ClockTimer&) = delete;

  // The event's clocks may have moved: the next pass looks at it (soon, when running).
  void Touch(EventId id);
  // One pass now.
  Result<TickResult> Tick();

  void Start();
  void Stop();

 private:
  // Records the changes of one event's clocks and escalates its overdue ones; adds to `result`.
  Status Record(EventId id, TickResult& result);
  void Loop();

  Store& store_;
  EventQuery& events_;
  const Clock& clock_;
  const ClockTimerOptions options_;

  Mutex mu_;
  std::condition_variable cv_;
  std::set<EventId> touched_ GUARDED_BY(mu_);
  bool caught_up_ GUARDED_BY(mu_) = false;
  bool stopping_ GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace shaobing
