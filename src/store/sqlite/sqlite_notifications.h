#pragma once
// The notification outbox's queries shared by the SQLite writer and readers
// (sqlite_notifications.cc; store.h states the contracts).
#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace shaobing::sqlite {

Result<std::optional<OutboxEntry>> QueryNotification(Db& db, std::int64_t id);
Result<std::vector<OutboxEntry>> QueryDueNotifications(Db& db, TimePoint now, int limit);
Result<std::optional<TimePoint>> QueryNextNotificationDue(Db& db);
Result<std::vector<OutboxEntry>> QueryNotifications(Db& db, const NotificationFilter& filter);
Result<std::vector<DeliveryAttempt>> QueryAttempts(Db& db, std::int64_t id);

}  // namespace shaobing::sqlite
