#pragma once
// The port through which the dispatcher delivers one outbox row (adapters: notify/, libcurl).
#include <string>

#include "store/store.h"

namespace shaobing {

// What the receiver answered to one delivery.
struct DeliveryResult {
  bool ok = false;    // acknowledged: HTTP 2xx, SMTP 250 at the end of DATA
  int status = 0;     // HTTP status or last SMTP reply code; 0 when none came
  std::string error;  // why not, for the delivery log; never holds a secret; "" when ok
};

class NotificationSender {
 public:
  virtual ~NotificationSender() = default;
  // Delivers `entry` once, within the adapter's timeouts. Thread-safe: the dispatcher sends
  // several rows at once. Sends the row's idempotency key with it, so that a receiver can
  // drop a second delivery of the same message.
  virtual DeliveryResult Send(const OutboxEntry& entry) = 0;
};

}  // namespace shaobing
