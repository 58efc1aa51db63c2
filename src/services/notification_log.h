#pragma once
// The delivery log (送达记录): what the outbox holds, as each caller may see it, and an
// administrator's retry of a dead notification.
//   admin: every row;
//   desk:  rows about events in its region's subtree, and rows addressed to its own desk;
//   other roles are refused by the route (403) and here (kPermissionDenied).
#include <functional>

#include "core/access.h"
#include "services/directory.h"
#include "store/store.h"

namespace shaobing {

class NotificationLog {
 public:
  // `wake` is called after a retry committed (the dispatcher's Wake).
  NotificationLog(Store& store, Directory& directory, std::function<void()> wake = {})
      : store_(store), directory_(directory), wake_(std::move(wake)) {}

  // Newest first, `filter` as the caller asked (its region restriction is replaced by the
  // caller's scope).
  Result<std::vector<OutboxEntry>> List(const Principal& who, NotificationFilter filter);
  // A dead row back to pending, due now, for `reason` (required); audited
  // ("notification.retry"). kNotFound "unknown_notification"; kConflict "notification_not_dead".
  Result<OutboxEntry> Retry(const Principal& who, std::int64_t id, const std::string& reason);

 private:
  Store& store_;
  Directory& directory_;
  std::function<void()> wake_;
};

}  // namespace shaobing
