#pragma once
// Notifier: turns "this happened, tell the desk of region R" into outbox rows, one per
// subscribed destination, inside the caller's write job (so the rows commit with the change,
// or not at all). Who is told is configuration (`notify:` of the serve config): webhooks
// subscribe to desk regions and kinds, e-mail and SMS recipients are listed per desk region.
// Any service may call Enqueue from its write job (desk reports, reportability, escalation).
#include <array>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/region.h"
#include "store/store.h"

namespace shaobing {

// Every kind a subscription may name.
inline constexpr std::array<std::string_view, 3> kNotificationKinds{"desk_report.recorded", "event.reportable",
                                                                    "clock.escalation"};

struct WebhookSubscription {
  std::string name;                  // the destination of its outbox rows
  std::vector<std::string> regions;  // desk region codes; "*" for every region
  std::vector<std::string> kinds;    // kinds it receives; empty: every kind
};

struct NotifyRoutes {
  std::vector<WebhookSubscription> webhooks;
  std::map<std::string, std::vector<std::string>> email;  // desk region code -> addresses
  std::map<std::string, std::vector<std::string>> sms;    // desk region code -> phone numbers
};

// One thing to tell a desk.
struct Notification {
  std::string kind;                 // "desk_report.recorded", "event.reportable"
  std::string region;               // the desk region told
  std::string cause;                // unique per change and region ("desk_report:12"): with kind,
                                    // channel and destination it makes the idempotency key
  const EventRow* event = nullptr;  // the root event it is about, if any
  std::string subject;              // e-mail subject (zh-CN)
  std::string text;                 // the message (zh-CN)
};

// "sb-" and the hex BLAKE2b-128 of kind, cause, channel and destination: the same change
// told to the same destination always has the same key.
std::string IdempotencyKey(const Notification& n, NotifyChannel channel, std::string_view destination);

class Notifier {
 public:
  // `wake` is called after a commit that enqueued rows (the dispatcher's Wake).
  explicit Notifier(NotifyRoutes routes, std::function<void()> wake = {})
      : routes_(std::move(routes)), wake_(std::move(wake)) {}

  // Writes one pending row per destination subscribed to n.region and n.kind, due now
  // (tx.Now()). A row whose key exists already is left as it is. Returns the rows written.
  Result<int> Enqueue(Transaction& tx, const Notification& n) const;
  // To be called after the write job that enqueued rows committed: wakes the dispatcher.
  void Committed() const {
    if (wake_) wake_();
  }
  bool empty() const { return routes_.webhooks.empty() && routes_.email.empty() && routes_.sms.empty(); }

 private:
  NotifyRoutes routes_;
  std::function<void()> wake_;
};

// Trigger "event.reportable": when a report raised the level an event must be reported to
// (`before`: the row's report_to before the report, "" for none) the desk of the new level is
// told. Returns the rows written (0 when the level did not rise).
Result<int> NotifyReportable(Transaction& tx, const Notifier& notifier, const RegionTree& regions, const EventRow& row,
                             std::string_view before);

}  // namespace shaobing
