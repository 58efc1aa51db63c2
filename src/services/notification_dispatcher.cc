#include "services/notification_dispatcher.h"

#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <vector>

namespace shaobing {

TimePoint NextAttemptAt(const RetryPolicy& policy, int failures, TimePoint now) {
  std::chrono::seconds delay = policy.first_delay;
  for (int i = 1; i < failures && delay < policy.max_delay; ++i) delay *= 2;
  return now + std::min(delay, policy.max_delay);
}

void NotificationDispatcher::Start() {
  {
    MutexLock lock(mu_);
    stopping_ = false;
  }
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "sb-notify");
    for (;;) {
      RunOnce();
      MutexLock lock(mu_);
      lock.WaitFor(cv_, options_.poll, [this]() REQUIRES(mu_) { return stopping_ || woken_; });
      if (stopping_) return;
      woken_ = false;
    }
  });
}

void NotificationDispatcher::Stop() {
  {
    MutexLock lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void NotificationDispatcher::Wake() {
  {
    MutexLock lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

int NotificationDispatcher::RunOnce() {
  MutexLock round(round_mu_);
  auto due = store_.DueNotifications(clock_.Now(), options_.batch);
  if (!due) return 0;  // the store is closing or failing: the next round tries again
  const auto& rows = *due;
  if (rows.empty()) return 0;
  std::atomic<size_t> next{0};
  const auto work = [&] {
    for (size_t i = next++; i < rows.size(); i = next++) Deliver(rows[i]);
  };
  const size_t helpers = std::min<size_t>(rows.size(), static_cast<size_t>(std::max(1, options_.concurrency))) - 1;
  std::vector<std::thread> threads;
  threads.reserve(helpers);
  for (size_t i = 0; i < helpers; ++i) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
  return static_cast<int>(rows.size());
}

void NotificationDispatcher::Deliver(const OutboxEntry& entry) {
  const DeliveryResult result = sender_.Send(entry);
  DeliveryAttempt a;
  a.notification_id = entry.id;
  a.attempt = entry.attempts + 1;
  a.at = clock_.Now();
  a.ok = result.ok;
  a.status = result.status;
  a.error = result.ok ? "" : result.error;
  if (result.ok) {
    a.state_after = OutboxState::kSent;
    a.next_attempt_at = entry.next_attempt_at;
  } else if (a.attempt >= options_.retry.max_attempts) {
    a.state_after = OutboxState::kDead;
    a.next_attempt_at = entry.next_attempt_at;
  } else {
    a.state_after = OutboxState::kPending;
    a.next_attempt_at = NextAttemptAt(options_.retry, a.attempt, a.at);
  }
  // The end of a row is audited; a failed attempt that leaves it pending is in the attempt log only.
  (void)store_.Write([&](Transaction& tx) -> Status {
    if (auto s = tx.RecordDeliveryAttempt(a); !s) return s;
    if (a.state_after == OutboxState::kPending) return {};
    return tx.Audit("system", a.state_after == OutboxState::kSent ? "notification.sent" : "notification.dead",
                    "notification:" + std::to_string(entry.id),
                    {{"channel", NotifyChannelCode(entry.channel)},
                     {"destination", entry.destination},
                     {"idempotency_key", entry.idempotency_key},
                     {"attempts", a.attempt},
                     {"status", a.status},
                     {"error", a.error}});
  });
}

}  // namespace shaobing
