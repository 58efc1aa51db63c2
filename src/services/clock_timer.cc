#include "services/clock_timer.h"

#include <pthread.h>

#include <algorithm>
#include <map>

namespace shaobing {
namespace {

std::string ClockTarget(EventId id) { return "event:" + std::to_string(id); }

}  // namespace

void ClockTimer::Touch(EventId id) {
  {
    MutexLock lock(mu_);
    touched_.insert(id);
  }
  cv_.notify_all();
}

Result<TickResult> ClockTimer::Tick() {
  std::set<EventId> ids;
  bool catch_up = false;
  {
    MutexLock lock(mu_);
    ids.swap(touched_);
    catch_up = !caught_up_;
  }
  auto open = store_.EventsWithOpenClocks();
  if (!open) return Fail(open.error());
  ids.insert(open->begin(), open->end());
  if (catch_up) {
    auto recent = store_.EventsUpdatedSince(clock_.Now() - options_.catch_up);
    if (!recent) return Fail(recent.error());
    ids.insert(recent->begin(), recent->end());
  }
  TickResult result;
  std::set<EventId> left;
  for (EventId id : ids) {
    if (static_cast<size_t>(result.events) >= options_.max_events_per_pass) {
      left.insert(id);
      continue;
    }
    ++result.events;
    auto recorded = Record(id);
    if (!recorded) {
      // The event waits for the next pass; the others go on.
      if (options_.on_error) options_.on_error(id, recorded.error());
      left.insert(id);
      continue;
    }
    result.transitions += *recorded;
  }
  MutexLock lock(mu_);
  touched_.insert(left.begin(), left.end());
  if (catch_up) caught_up_ = true;
  return result;
}

Result<int> ClockTimer::Record(EventId id) {
  auto detail = events_.OpenForClocks(id);
  if (!detail) return Fail(detail.error());
  if (!*detail) return 0;
  const EventId root = (*detail)->root.id;
  const std::string region = (*detail)->root.region;
  std::map<std::string, const ReportClock*> computed;
  for (const auto& c : (*detail)->clocks) computed.emplace(c.key, &c);
  std::vector<ClockTransition> recorded;
  auto written = store_.Write([&](Transaction& tx) -> Status {
    recorded.clear();
    const TimePoint now = tx.Now();
    // A filing merged into another root: its clocks are the root's now.
    if (root != id) {
      auto stale = tx.ClocksOfEvent(id);
      if (!stale) return Fail(stale.error());
      if (stale->empty()) return {};
      if (auto s = tx.DeleteClocksOfEvent(id); !s) return s;
      return tx.Audit("system", "clock.dropped", ClockTarget(id), {{"clocks", stale->size()}, {"root", root}});
    }
    auto stored = tx.ClocksOfEvent(root);
    if (!stored) return Fail(stored.error());
    std::map<std::string, std::string> before;
    for (const auto& s : *stored) before.emplace(s.key, s.state);
    boost::json::array gone;
    for (const auto& [key, state] : before) {
      if (!computed.contains(key)) gone.emplace_back(key);
    }
    if (!gone.empty()) {
      if (auto s = tx.DeleteClocksOfEvent(root); !s) return s;
      if (auto s = tx.Audit("system", "clock.dropped", ClockTarget(root), {{"keys", gone}}); !s) return s;
    }
    for (const auto& [key, clock] : computed) {
      const std::string state = ClockStateCode(clock->state);
      auto it = before.find(key);
      const std::string from = it == before.end() ? "" : it->second;
      if (from == state && gone.empty()) continue;
      if (auto s = tx.PutClock({root, key, state, clock->due_at, now}); !s) return s;
      if (from == state) continue;  // rewritten after a drop, unchanged
      ClockTransition t{0, root, key, from, state, clock->since, now};
      if (auto s = tx.InsertClockTransition(t); !s) return s;
      if (auto s = tx.Audit("system", "clock.transition", ClockTarget(root),
                            {{"clock", key}, {"from", from}, {"to", state}, {"at", FormatShanghai(clock->since)}});
          !s) {
        return s;
      }
      if (auto s = tx.Publish(ChangeRecord{.type = "clock", .event_id = root, .kind = state, .region = region}); !s) {
        return s;
      }
      recorded.push_back(std::move(t));
    }
    return {};
  });
  if (!written) return Fail(written.error());
  if (root != id) Touch(root);
  return static_cast<int>(recorded.size());
}

void ClockTimer::Start() {
  if (thread_.joinable() || options_.period.count() <= 0) return;
  thread_ = std::thread([this] { Loop(); });
}

void ClockTimer::Stop() {
  {
    MutexLock lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ClockTimer::Loop() {
  pthread_setname_np(pthread_self(), "sb-clocks");
  // The first pass at once: it catches up on what moved while the server was down.
  if (auto r = Tick(); !r && options_.on_error) options_.on_error(0, r.error());
  for (;;) {
    {
      MutexLock lock(mu_);
      lock.WaitFor(cv_, options_.period, [this]() REQUIRES(mu_) { return stopping_ || !touched_.empty(); });
      if (stopping_) return;
      if (!touched_.empty()) {
        // Let a burst of touches gather into one pass.
        lock.WaitFor(cv_, options_.settle, [this]() REQUIRES(mu_) { return stopping_; });
        if (stopping_) return;
      }
    }
    if (auto r = Tick(); !r && options_.on_error) options_.on_error(0, r.error());
  }
}

}  // namespace shaobing
