// The SQLite engine's accounts, sessions, settings and report requests (parts of
// SqliteTransaction, and the queries its readers share).
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_transaction.h"

namespace shaobing::sqlite {

namespace {

Result<std::vector<std::string>> Texts(Stmt& s) {
  return All<std::string>(s, [](const Stmt& st) { return st.Text(0); });
}

Status ChangedOneUser(Db& db, Stmt& s, std::int64_t user_id) {
  if (auto st = s.Run(); !st) return st;
  if (sqlite3_changes(db.raw()) == 0) {
    return Fail(Error::Make(ErrorCode::kNotFound, "unknown_user", "id", {{"value", std::to_string(user_id)}}));
  }
  return {};
}

}  // namespace

Status SqliteTransaction::UpdateUserPassword(std::int64_t user_id, std::string_view password_hash, bool must_change) {
  auto s = db_.Prepare("UPDATE users SET password_hash = ?2, must_change_password = ?3 WHERE id = ?1");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, user_id).Bind(2, password_hash).Bind(3, must_change ? 1 : 0);
  return ChangedOneUser(db_, **s, user_id);
}

Status SqliteTransaction::SetUserDisabled(std::int64_t user_id, bool disabled) {
  auto s = db_.Prepare("UPDATE users SET disabled = ?2 WHERE id = ?1");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, user_id).Bind(2, disabled ? 1 : 0);
  return ChangedOneUser(db_, **s, user_id);
}

Result<std::vector<std::string>> SqliteTransaction::DeleteSessionsOfUser(std::int64_t user_id,
                                                                         std::string_view keep_token_hash) {
  auto s = db_.Prepare("DELETE FROM sessions WHERE user_id = ?1 AND token_hash <> ?2 RETURNING token_hash");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, user_id).Bind(2, keep_token_hash);
  return Texts(**s);
}

Status SqliteTransaction::TouchSession(std::string_view token_hash, TimePoint at) {
  auto s = db_.Prepare("UPDATE sessions SET last_seen_at = MAX(COALESCE(last_seen_at, 0), ?2) WHERE token_hash = ?1");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, token_hash).Bind(2, ToUnixMillis(at));
  return (*s)->Run();
}

Result<std::vector<std::string>> SqliteTransaction::PurgeSessions(TimePoint now, TimePoint idle_before) {
  auto s = db_.Prepare(
      "DELETE FROM sessions WHERE expires_at <= ?1 OR COALESCE(last_seen_at, created_at) < ?2 RETURNING token_hash");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, ToUnixMillis(now)).Bind(2, ToUnixMillis(idle_before));
  return Texts(**s);
}

Status SqliteTransaction::SetSetting(std::string_view key, std::string_view value) {
  auto s = db_.Prepare(
      "INSERT INTO settings (key, value) VALUES (?1, ?2) "
      "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, key).Bind(2, value);
  return (*s)->Run();
}

Result<std::int64_t> SqliteTransaction::InsertReportRequest(const ReportRequest& r) {
  auto s = db_.Prepare(
      "INSERT INTO report_requests (event_id, unit, message, requested_by, requested_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, r.event_id).Bind(2, r.unit).Bind(3, r.message).Bind(4, r.requested_by).Bind(5, ToUnixMillis(r.at));
  if (auto st = (*s)->Run(); !st) return Fail(st.error());
  return db_.LastInsertId();
}

Result<std::vector<ReportRequest>> SqliteTransaction::RequestsOfEvent(EventId id) { return QueryRequests(db_, id); }

Result<std::vector<ReportRequest>> QueryRequests(Db& db, EventId id) {
  auto s = db.Prepare("SELECT " SB_REQUEST_COLUMNS
                      " FROM report_requests WHERE event_id IN " SB_EVENT_GROUP("?1") " ORDER BY id");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id);
  return All<ReportRequest>(**s, ReadReportRequest);
}

Result<std::int64_t> SqliteTransaction::InsertDeskReport(const DeskReport& r) {
  auto s = db_.Prepare(
      "INSERT INTO desk_reports (event_id, from_region, to_level, channel, reported_at, told, text, recorded_by, "
      "recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, r.event_id)
      .Bind(2, r.from_region)
      .Bind(3, LevelCode(r.to))
      .Bind(4, ChannelCode(r.channel))
      .Bind(5, ToUnixMillis(r.reported_at))
      .Bind(6, r.told)
      .Bind(7, r.text)
      .Bind(8, r.recorded_by)
      .Bind(9, ToUnixMillis(r.recorded_at));
  if (auto st = (*s)->Run(); !st) return Fail(st.error());
  return db_.LastInsertId();
}

Result<std::vector<DeskReport>> QueryDeskReports(Db& db, EventId id) {
  auto s = db.Prepare("SELECT " SB_DESK_REPORT_COLUMNS
                      " FROM desk_reports WHERE event_id IN " SB_EVENT_GROUP("?1") " ORDER BY id");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id);
  return All<DeskReport>(**s, ReadDeskReport);
}

Result<std::optional<std::string>> QuerySetting(Db& db, std::string_view key) {
  auto s = db.Prepare("SELECT value FROM settings WHERE key = ?1");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, key);
  return One<std::string>(**s, [](const Stmt& st) { return st.Text(0); });
}

}  // namespace shaobing::sqlite
