#pragma once
// The dispatcher: delivers the outbox's pending rows through a NotificationSender and records
// every attempt (store.h RecordDeliveryAttempt).
//
// Order of one round (RunOnce): read at most `batch` rows due by the clock; send them, at most
// `concurrency` at a time; record each attempt in its own write job. A row becomes `sent` only
// after its receiver acknowledged it, so a crash between the acknowledgement and the record
// delivers it once more after the restart, with the same idempotency key (at least once; a
// receiver that keeps the keys it saw gets it effectively once). A failed attempt leaves the
// row pending, due after the backoff (RetryPolicy); the last allowed attempt leaves it `dead`.
// Attempts are written to the attempt log (not the audit chain: a retry storm must not flood
// the chain); the end of each row (sent or dead) is audited, by "system".
//
// Thread-safety: RunOnce is serialised (the thread and a test's call never overlap); Wake and
// Stop may be called from any thread.
#include <chrono>
#include <condition_variable>
#include <thread>

#include "core/thread_annotations.h"
#include "core/time.h"
#include "services/notification_sender.h"
#include "store/store.h"

namespace shaobing {

struct RetryPolicy {
  std::chrono::seconds first_delay{30};  // after the first failure; doubled after each further one
  std::chrono::seconds max_delay{3600};  // the doubling stops here
  int max_attempts = 8;                  // the row is dead after this many failures
};

// When the row is due again after `failures` failed attempts (1, 2, ...):
// now + min(first_delay × 2^(failures-1), max_delay).
TimePoint NextAttemptAt(const RetryPolicy& policy, int failures, TimePoint now);

struct DispatcherOptions {
  RetryPolicy retry;
  int batch = 32;                        // rows per round
  int concurrency = 4;                   // deliveries at once
  std::chrono::milliseconds poll{1000};  // the thread looks for due rows at least this often
};

class NotificationDispatcher {
 public:
  NotificationDispatcher(Store& store, NotificationSender& sender, const Clock& clock, DispatcherOptions options = {})
      : store_(store), sender_(sender), clock_(clock), options_(options) {}
  ~NotificationDispatcher() { Stop(); }
  NotificationDispatcher(const NotificationDispatcher&) = delete;
  NotificationDispatcher& operator=(const NotificationDispatcher&) = delete;

  void Start();  // the thread: a round at once, then after each Wake or poll interval
  void Stop();   // the round in progress finishes; idempotent
  void Wake();   // a commit enqueued rows: run a round now

  // One round now, on the caller's thread; returns the attempts made.
  int RunOnce();

 private:
  // Sends one row and records the attempt. When the record cannot be written the row stays
  // as it was and is sent again in a later round (same key).
  void Deliver(const OutboxEntry& entry);

  Store& store_;
  NotificationSender& sender_;
  const Clock& clock_;
  DispatcherOptions options_;
  Mutex round_mu_;  // one round at a time

  Mutex mu_;
  std::condition_variable cv_;
  bool stopping_ GUARDED_BY(mu_) = false;
  bool woken_ GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace shaobing
