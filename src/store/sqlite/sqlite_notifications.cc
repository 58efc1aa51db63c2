// The SQLite engine's notification outbox and delivery attempts (migration 0010): parts of
// SqliteTransaction, and the queries SqliteStore's readers share.
#include "store/sqlite/sqlite_notifications.h"

#include "store/sqlite/sqlite_transaction.h"

namespace shaobing::sqlite {

namespace {

#define SB_OUTBOX_COLUMNS                                                                                    \
  "id, kind, channel, destination, region, subject, payload, idempotency_key, event_id, event_region_path, " \
  "created_at, state, attempts, next_attempt_at, last_error, sent_at"

OutboxEntry ReadOutbox(const Stmt& s) {
  OutboxEntry e;
  e.id = s.Int(0);
  e.kind = s.Text(1);
  e.channel = ParseNotifyChannel(s.Text(2)).value_or(NotifyChannel::kWebhook);  // CHECKed by the schema
  e.destination = s.Text(3);
  e.region = s.Text(4);
  e.subject = s.Text(5);
  e.payload = s.Text(6);
  e.idempotency_key = s.Text(7);
  e.event_id = s.OptInt(8);
  e.event_region_path = s.Text(9);
  e.created_at = FromUnixMillis(s.Int(10));
  e.state = ParseOutboxState(s.Text(11)).value_or(OutboxState::kPending);  // CHECKed by the schema
  e.attempts = static_cast<int>(s.Int(12));
  e.next_attempt_at = FromUnixMillis(s.Int(13));
  e.last_error = s.Text(14);
  if (auto at = s.OptInt(15)) e.sent_at = FromUnixMillis(*at);
  return e;
}

DeliveryAttempt ReadAttempt(const Stmt& s) {
  DeliveryAttempt a;
  a.notification_id = s.Int(0);
  a.attempt = static_cast<int>(s.Int(1));
  a.at = FromUnixMillis(s.Int(2));
  a.ok = s.Int(3) != 0;
  a.status = static_cast<int>(s.Int(4));
  a.error = s.Text(5);
  return a;
}

}  // namespace

Result<std::optional<std::int64_t>> SqliteTransaction::EnqueueNotification(const OutboxEntry& e) {
  auto s = db_.Prepare(
      "INSERT INTO notification_outbox (kind, channel, destination, region, subject, payload, idempotency_key, "
      "event_id, event_region_path, created_at, next_attempt_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
      "ON CONFLICT (idempotency_key) DO NOTHING");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, e.kind)
      .Bind(2, NotifyChannelCode(e.channel))
      .Bind(3, e.destination)
      .Bind(4, e.region)
      .Bind(5, e.subject)
      .Bind(6, e.payload)
      .Bind(7, e.idempotency_key)
      .Bind(8, e.event_id)
      .Bind(9, e.event_region_path)
      .Bind(10, ToUnixMillis(e.created_at))
      .Bind(11, ToUnixMillis(e.next_attempt_at));
  if (auto st = (*s)->Run(); !st) return Fail(st.error());
  if (sqlite3_changes(db_.raw()) == 0) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(db_.LastInsertId());
}

Status SqliteTransaction::RecordDeliveryAttempt(const DeliveryAttempt& a) {
  auto u = db_.Prepare(
      "UPDATE notification_outbox SET attempts = ?2, state = ?3, next_attempt_at = ?4, last_error = ?5, "
      "sent_at = ?6 WHERE id = ?1 AND state = 'pending' AND attempts = ?2 - 1");
  if (!u) return Fail(u.error());
  const bool sent = a.state_after == OutboxState::kSent;
  (*u)->Bind(1, a.notification_id)
      .Bind(2, a.attempt)
      .Bind(3, OutboxStateCode(a.state_after))
      .Bind(4, ToUnixMillis(a.next_attempt_at))
      .Bind(5, a.error)
      .Bind(6, sent ? std::optional<std::int64_t>(ToUnixMillis(a.at)) : std::nullopt);
  if (auto st = (*u)->Run(); !st) return st;
  if (sqlite3_changes(db_.raw()) == 0) {
    return Fail(Error::Make(ErrorCode::kConflict, "notification_not_pending", "id",
                            {{"value", std::to_string(a.notification_id)}}));
  }
  auto s = db_.Prepare(
      "INSERT INTO notification_attempts (notification_id, attempt, at, ok, status, error) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, a.notification_id)
      .Bind(2, a.attempt)
      .Bind(3, ToUnixMillis(a.at))
      .Bind(4, a.ok ? 1 : 0)
      .Bind(5, a.status)
      .Bind(6, a.error);
  return (*s)->Run();
}

Result<std::optional<OutboxEntry>> SqliteTransaction::GetNotification(std::int64_t id) {
  return QueryNotification(db_, id);
}

Status SqliteTransaction::RetryNotification(std::int64_t id, TimePoint at) {
  auto s = db_.Prepare(
      "UPDATE notification_outbox SET state = 'pending', next_attempt_at = ?2 WHERE id = ?1 AND state = 'dead'");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id).Bind(2, ToUnixMillis(at));
  if (auto st = (*s)->Run(); !st) return st;
  if (sqlite3_changes(db_.raw()) == 0) {
    return Fail(Error::Make(ErrorCode::kConflict, "notification_not_dead", "id", {{"value", std::to_string(id)}}));
  }
  return {};
}

Result<std::optional<OutboxEntry>> QueryNotification(Db& db, std::int64_t id) {
  auto s = db.Prepare("SELECT " SB_OUTBOX_COLUMNS " FROM notification_outbox WHERE id = ?1");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id);
  return One<OutboxEntry>(**s, ReadOutbox);
}

Result<std::vector<OutboxEntry>> QueryDueNotifications(Db& db, TimePoint now, int limit) {
  auto s = db.Prepare("SELECT " SB_OUTBOX_COLUMNS
                      " FROM notification_outbox WHERE state = 'pending' AND next_attempt_at <= ?1 "
                      "ORDER BY next_attempt_at, id LIMIT ?2");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, ToUnixMillis(now)).Bind(2, limit);
  return All<OutboxEntry>(**s, ReadOutbox);
}

Result<std::optional<TimePoint>> QueryNextNotificationDue(Db& db) {
  auto s = db.Prepare("SELECT MIN(next_attempt_at) FROM notification_outbox WHERE state = 'pending'");
  if (!s) return Fail(s.error());
  auto v = One<std::optional<std::int64_t>>(**s, [](const Stmt& st) { return st.OptInt(0); });
  if (!v) return Fail(v.error());
  if (!*v || !**v) return std::optional<TimePoint>();
  return std::optional<TimePoint>(FromUnixMillis(***v));
}

Result<std::vector<OutboxEntry>> QueryNotifications(Db& db, const NotificationFilter& f) {
  // A region subtree is the key range [prefix, prefix || '0'): '/' sorts below every digit.
  auto s = db.Prepare("SELECT " SB_OUTBOX_COLUMNS
                      " FROM notification_outbox WHERE (?1 IS NULL OR id < ?1) AND (?2 IS NULL OR state = ?2) "
                      "AND (?3 IS NULL OR (event_region_path >= ?3 AND event_region_path < ?3 || '0') "
                      "OR region = ?5) ORDER BY id DESC LIMIT ?4");
  if (!s) return Fail(s.error());
  std::optional<std::string> state;
  if (f.state) state = std::string(OutboxStateCode(*f.state));
  (*s)->Bind(1, f.before_id).Bind(2, state).Bind(3, f.region_path_prefix).Bind(4, f.limit).Bind(5, f.addressed_to);
  return All<OutboxEntry>(**s, ReadOutbox);
}

Result<std::vector<DeliveryAttempt>> QueryAttempts(Db& db, std::int64_t id) {
  auto s = db.Prepare(
      "SELECT notification_id, attempt, at, ok, status, error FROM notification_attempts "
      "WHERE notification_id = ?1 ORDER BY attempt");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id);
  return All<DeliveryAttempt>(**s, ReadAttempt);
}

}  // namespace shaobing::sqlite
