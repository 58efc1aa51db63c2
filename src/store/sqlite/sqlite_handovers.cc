// The SQLite engine's handovers (交接班, migrations 0014-0015): the open items of a desk now,
// the handovers and their acknowledgement (parts of SqliteTransaction, and the queries its
// readers share).
#include <sqlite3.h>

#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_transaction.h"

namespace shaobing::sqlite {
namespace {

#define SB_HANDOVER_COLUMNS "id, desk_region, from_account, note, open_items, at, acknowledged_by, acknowledged_at"

Handover ReadHandover(const Stmt& s) {
  Handover h{s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), FromUnixMillis(s.Int(5)), s.Text(6), {}};
  if (const auto at = s.OptInt(7)) h.acknowledged_at = FromUnixMillis(*at);
  return h;
}

// Columns: kind, event id, title, ref, state, due_at, clock key, text.
HandoverItem ReadItem(const Stmt& s) {
  return HandoverItem{s.Text(0), s.Int(1), s.Text(2), s.Text(3), s.Text(4), FromUnixMillis(s.Int(5)),
                      s.Text(6), s.Text(7)};
}

}  // namespace

Result<std::vector<HandoverItem>> QueryHandoverItems(Db& db, const HandoverItemsQuery& q) {
  const std::int64_t now = ToUnixMillis(q.now);
  // The subtree is the key range [prefix, prefix || '0') of region paths ('/' sorts below digits).
  auto clocks = db.Prepare(
      "SELECT 'clock', c.event_id, e.title, c.clock_key, c.state, c.due_at, c.clock_key, '' FROM clock_states c "
      "JOIN events e ON e.id = c.event_id WHERE c.state IN ('overdue', 'due_soon') AND e.merged_into IS NULL "
      "AND e.region_path >= ?1 AND e.region_path < ?1 || '0' ORDER BY c.due_at, c.event_id, c.clock_key LIMIT ?2");
  if (!clocks) return Fail(clocks.error());
  (*clocks)->Bind(1, q.path_prefix).Bind(2, q.limit);
  auto out = All<HandoverItem>(**clocks, ReadItem);
  if (!out) return Fail(out.error());

  auto consultations = db.Prepare(
      "SELECT 'consultation', COALESCE(e.merged_into, e.id), "
      "(SELECT title FROM events WHERE id = COALESCE(e.merged_into, e.id)), CAST(c.id AS TEXT), "
      "CASE WHEN c.deadline <= ?2 THEN 'overdue' ELSE 'open' END, c.deadline, '', c.question "
      "FROM consultations c JOIN events e ON e.id = c.event_id "
      "WHERE c.opened_region = ?1 AND c.decision IS NULL ORDER BY c.deadline, c.id LIMIT ?3");
  if (!consultations) return Fail(consultations.error());
  (*consultations)->Bind(1, q.desk).Bind(2, now).Bind(3, q.limit);
  auto open = All<HandoverItem>(**consultations, ReadItem);
  if (!open) return Fail(open.error());
  out->insert(out->end(), open->begin(), open->end());

  auto steps = db.Prepare(
      "SELECT 'escalation', s.event_id, e.title, CAST(s.id AS TEXT), 'unacknowledged', s.at, s.clock_key, "
      "CASE WHEN s.alerted_name = '' THEN s.alerted_kind ELSE s.alerted_name END "
      "FROM escalation_steps s JOIN events e ON e.id = s.event_id "
      "JOIN clock_states c ON c.event_id = s.event_id AND c.clock_key = s.clock_key AND c.state = 'overdue' "
      "WHERE s.alerted_kind IN ('desk', 'leader') AND s.alerted = ?1 "
      "AND NOT EXISTS (SELECT 1 FROM escalation_acks a JOIN escalation_steps t ON t.id = a.step_id "
      "WHERE t.event_id = s.event_id AND t.clock_key = s.clock_key AND a.held_until > ?2) "
      "ORDER BY s.at, s.id LIMIT ?3");
  if (!steps) return Fail(steps.error());
  (*steps)->Bind(1, q.desk).Bind(2, now).Bind(3, q.limit);
  auto alerts = All<HandoverItem>(**steps, ReadItem);
  if (!alerts) return Fail(alerts.error());
  out->insert(out->end(), alerts->begin(), alerts->end());
  return out;
}

Result<std::optional<Handover>> QueryHandover(Db& db, std::int64_t id) {
  auto s = db.Prepare("SELECT " SB_HANDOVER_COLUMNS " FROM handovers WHERE id = ?1");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id);
  return One<Handover>(**s, ReadHandover);
}

Result<std::vector<Handover>> QueryHandovers(Db& db, std::string_view desk, TimePoint from, TimePoint to, int limit) {
  auto s = db.Prepare("SELECT " SB_HANDOVER_COLUMNS
                      " FROM handovers WHERE desk_region = ?1 AND at >= ?2 AND at < ?3 ORDER BY at DESC, id DESC "
                      "LIMIT ?4");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, desk).Bind(2, ToUnixMillis(from)).Bind(3, ToUnixMillis(to)).Bind(4, limit);
  return All<Handover>(**s, ReadHandover);
}

Result<std::vector<HandoverItem>> SqliteTransaction::HandoverItemsOf(const HandoverItemsQuery& query) {
  return QueryHandoverItems(db_, query);
}

Result<std::optional<Handover>> SqliteTransaction::GetHandover(std::int64_t id) { return QueryHandover(db_, id); }

Result<std::int64_t> SqliteTransaction::InsertHandover(const Handover& h) {
  auto s = db_.Prepare(
      "INSERT INTO handovers (desk_region, from_account, note, open_items, at) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, h.desk_region).Bind(2, h.from_account).Bind(3, h.note).Bind(4, h.open_items);
  (*s)->Bind(5, ToUnixMillis(h.at));
  if (auto st = (*s)->Run(); !st) return Fail(st.error());
  return db_.LastInsertId();
}

Status SqliteTransaction::AcknowledgeHandover(std::int64_t id, std::string_view by, TimePoint at) {
  auto s = db_.Prepare(
      "UPDATE handovers SET acknowledged_by = ?2, acknowledged_at = ?3 WHERE id = ?1 AND acknowledged_at IS NULL");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id).Bind(2, by).Bind(3, ToUnixMillis(at));
  if (auto st = (*s)->Run(); !st) return st;
  if (sqlite3_changes(db_.raw()) == 0) {
    return Fail(Error::Make(ErrorCode::kConflict, "handover_acknowledged", "id", {{"value", std::to_string(id)}}));
  }
  return {};
}

}  // namespace shaobing::sqlite
