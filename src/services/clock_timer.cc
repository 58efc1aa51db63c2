#include "services/clock_timer.h"

#include <pthread.h>

#include <map>

namespace shaobing {
namespace {

std::string ClockTarget(EventId id) { return "event:" + std::to_string(id); }

// One clock as the store keeps it: a report clock or a consultation's (their keys differ).
struct TimedClock {
  std::string key;
  std::string state;
  TimePoint due_at{}, since{};
};

std::vector<TimedClock> TimedClocksOf(const EventDetail& d) {
  std::vector<TimedClock> out;
  out.reserve(d.clocks.size() + d.consultation_clocks.size());
  for (const auto& c : d.clocks) out.push_back({c.key, ClockStateCode(c.state), c.due_at, c.since});
  for (const auto& c : d.consultation_clocks) out.push_back({c.key, ClockStateCode(c.state), c.due_at, c.since});
  return out;
}

// What the store must change to hold `computed`: stored clocks that no longer exist, and
// clocks that are new or in another state (with the state they leave, "" for a new one).
struct ClockChanges {
  std::vector<std::string> gone;
  std::vector<std::pair<const TimedClock*, std::string>> moved;
  bool empty() const { return gone.empty() && moved.empty(); }
};

ClockChanges Compare(const std::vector<StoredClock>& stored, const std::vector<TimedClock>& computed) {
  ClockChanges out;
  std::map<std::string, std::string, std::less<>> before;
  for (const auto& s : stored) before.emplace(s.key, s.state);
  for (const auto& c : computed) {
    auto it = before.find(c.key);
    if (it == before.end()) {
      out.moved.emplace_back(&c, "");
      continue;
    }
    if (it->second != c.state) out.moved.emplace_back(&c, it->second);
    before.erase(it);
  }
  for (const auto& [key, state] : before) out.gone.push_back(key);
  return out;
}

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
    if (auto recorded = Record(id, result); !recorded) {
      // The event waits for the next pass; the others go on.
      if (options_.on_error) options_.on_error(id, recorded.error());
      left.insert(id);
    }
  }
  MutexLock lock(mu_);
  touched_.insert(left.begin(), left.end());
  if (catch_up) caught_up_ = true;
  return result;
}

Status ClockTimer::Record(EventId id, TickResult& result) {
  auto detail = events_.OpenForClocks(id);
  if (!detail) return Fail(detail.error());
  if (!*detail) return {};
  const EventId root = (*detail)->root.id;
  const std::string region = (*detail)->root.region;
  // A filing merged into another root has no clocks of its own any more: the root has them.
  const std::vector<TimedClock> computed = root == id ? TimedClocksOf(**detail) : std::vector<TimedClock>();
  // Most passes find nothing moved: compared first on a snapshot, so that they write nothing.
  auto escalate = [&]() -> Status {
    if (!options_.escalate || root != id) return {};
    auto steps = options_.escalate((*detail)->root, (*detail)->clocks, clock_.Now());
    if (!steps) return Fail(steps.error());
    result.escalations += *steps;
    return {};
  };
  auto snapshot = store_.ClocksOfEvent(id);
  if (!snapshot) return Fail(snapshot.error());
  if (Compare(*snapshot, computed).empty()) return escalate();
  int recorded = 0;
  // Compared again inside the job: what another pass recorded meanwhile is not recorded twice.
  auto written = store_.Write([&](Transaction& tx) -> Status {
    recorded = 0;
    auto stored = tx.ClocksOfEvent(id);
    if (!stored) return Fail(stored.error());
    const ClockChanges changes = Compare(*stored, computed);
    if (!changes.gone.empty()) {
      for (const auto& key : changes.gone) {
        if (auto s = tx.DeleteClock(id, key); !s) return s;
      }
      boost::json::array keys(changes.gone.begin(), changes.gone.end());
      if (auto s = tx.Audit("system", "clock.dropped", ClockTarget(id), {{"keys", keys}, {"root", root}}); !s) return s;
    }
    const TimePoint now = tx.Now();
    for (const auto& [clock, from] : changes.moved) {
      const std::string& state = clock->state;
      if (auto s = tx.PutClock({root, clock->key, state, clock->due_at, now}); !s) return s;
      if (auto s = tx.InsertClockTransition({0, root, clock->key, from, state, clock->since, now}); !s) return s;
      if (auto s =
              tx.Audit("system", "clock.transition", ClockTarget(root),
                       {{"clock", clock->key}, {"from", from}, {"to", state}, {"at", FormatShanghai(clock->since)}});
          !s) {
        return s;
      }
      if (auto s = tx.Publish(ChangeRecord{.type = "clock", .event_id = root, .kind = state, .region = region}); !s) {
        return s;
      }
      ++recorded;
    }
    return {};
  });
  if (!written) return Fail(written.error());
  result.transitions += recorded;
  if (root != id) Touch(root);
  return escalate();
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
