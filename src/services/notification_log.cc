#include "services/notification_log.h"

#include "core/report.h"

namespace shaobing {
namespace {

Error Unknown(std::int64_t id) {
  return Error::Make(ErrorCode::kNotFound, "unknown_notification", "id", {{"value", std::to_string(id)}});
}

}  // namespace

Result<std::vector<OutboxEntry>> NotificationLog::List(const Principal& who, NotificationFilter filter) {
  if (who.role == Role::kAdmin) {
    filter.region_path_prefix.reset();
    return store_.ListNotifications(filter);
  }
  if (who.role != Role::kDesk) return Fail(Error::Make(ErrorCode::kPermissionDenied, "permission_denied"));
  filter.region_path_prefix = directory_.Get()->RegionPath(who.region);
  filter.addressed_to = who.region;
  return store_.ListNotifications(filter);
}

Result<OutboxEntry> NotificationLog::Retry(const Principal& who, std::int64_t id, const std::string& reason) {
  if (who.role != Role::kAdmin) return Fail(Error::Make(ErrorCode::kPermissionDenied, "permission_denied"));
  if (IsBlank(reason)) return Fail(Error::Invalid({{"missing_field", "reason", {}}}));
  OutboxEntry row;
  auto written = store_.Write([&](Transaction& tx) -> Status {
    auto found = tx.GetNotification(id);
    if (!found) return Fail(found.error());
    if (!*found) return Fail(Unknown(id));
    if (auto s = tx.RetryNotification(id, tx.Now()); !s) return s;
    row = **found;
    row.state = OutboxState::kPending;
    row.next_attempt_at = tx.Now();
    return tx.Audit("user:" + who.name, "notification.retry", "notification:" + std::to_string(id),
                    {{"channel", NotifyChannelCode(row.channel)},
                     {"destination", row.destination},
                     {"attempts", row.attempts},
                     {"reason", reason},
                     {"last_error", row.last_error}});
  });
  if (!written) return Fail(written.error());
  if (wake_) wake_();
  return row;
}

}  // namespace shaobing
