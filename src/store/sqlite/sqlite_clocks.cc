// The SQLite engine's clocks: closures, stored clock states and their transitions (parts of
// SqliteTransaction, and the queries its readers share).
#include <boost/json/serialize.hpp>

#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_transaction.h"

namespace shaobing::sqlite {
namespace {

#define SB_CLOSURE_COLUMNS "id, event_id, reason, closed_by, closed_at"
#define SB_CLOCK_COLUMNS "event_id, clock_key, state, due_at, changed_at"
#define SB_TRANSITION_COLUMNS "id, event_id, clock_key, from_state, to_state, at, recorded_at"

EventClosure ReadClosure(const Stmt& s) {
  return EventClosure{s.Int(0), s.Int(1), s.Text(2), s.Text(3), FromUnixMillis(s.Int(4))};
}

StoredClock ReadClock(const Stmt& s) {
  return StoredClock{s.Int(0), s.Text(1), s.Text(2), FromUnixMillis(s.Int(3)), FromUnixMillis(s.Int(4))};
}

ClockTransition ReadTransition(const Stmt& s) {
  return ClockTransition{
      s.Int(0), s.Int(1), s.Text(2), s.Text(3), s.Text(4), FromUnixMillis(s.Int(5)), FromUnixMillis(s.Int(6))};
}

Result<std::vector<EventId>> Ids(Stmt& s) {
  return All<EventId>(s, [](const Stmt& st) { return st.Int(0); });
}

}  // namespace

Result<std::int64_t> SqliteTransaction::InsertClosure(const EventClosure& c) {
  auto s = db_.Prepare("INSERT INTO event_closures (event_id, reason, closed_by, closed_at) VALUES (?1, ?2, ?3, ?4)");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, c.event_id).Bind(2, c.reason).Bind(3, c.closed_by).Bind(4, ToUnixMillis(c.at));
  if (auto st = (*s)->Run(); !st) return Fail(st.error());
  return db_.LastInsertId();
}

Result<std::vector<EventClosure>> SqliteTransaction::ClosuresOfEvent(EventId id) { return QueryClosures(db_, id); }

Result<std::vector<StoredClock>> SqliteTransaction::ClocksOfEvent(EventId id) { return QueryClocks(db_, id); }

Result<std::vector<StoredClock>> QueryClocks(Db& db, EventId id) {
  auto s = db.Prepare("SELECT " SB_CLOCK_COLUMNS " FROM clock_states WHERE event_id = ?1 ORDER BY clock_key");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id);
  return All<StoredClock>(**s, ReadClock);
}

Status SqliteTransaction::PutClock(const StoredClock& c) {
  auto s = db_.Prepare(
      "INSERT INTO clock_states (event_id, clock_key, state, due_at, changed_at) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT (event_id, clock_key) DO UPDATE SET state = excluded.state, due_at = excluded.due_at, "
      "changed_at = excluded.changed_at");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, c.event_id).Bind(2, c.key).Bind(3, c.state).Bind(4, ToUnixMillis(c.due_at));
  (*s)->Bind(5, ToUnixMillis(c.changed_at));
  return (*s)->Run();
}

Status SqliteTransaction::DeleteClock(EventId id, std::string_view key) {
  auto s = db_.Prepare("DELETE FROM clock_states WHERE event_id = ?1 AND clock_key = ?2");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id).Bind(2, key);
  return (*s)->Run();
}

Status SqliteTransaction::InsertClockTransition(const ClockTransition& t) {
  auto s = db_.Prepare(
      "INSERT INTO clock_transitions (event_id, clock_key, from_state, to_state, at, recorded_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, t.event_id).Bind(2, t.key).Bind(3, t.from_state).Bind(4, t.to_state);
  (*s)->Bind(5, ToUnixMillis(t.at)).Bind(6, ToUnixMillis(t.recorded_at));
  return (*s)->Run();
}

Result<std::vector<EventClosure>> QueryClosures(Db& db, EventId id) {
  auto s = db.Prepare("SELECT " SB_CLOSURE_COLUMNS
                      " FROM event_closures WHERE event_id IN " SB_EVENT_GROUP("?1") " ORDER BY closed_at, id");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id);
  return All<EventClosure>(**s, ReadClosure);
}

Result<std::vector<EventId>> QueryEventsWithOpenClocks(Db& db) {
  auto s = db.Prepare(
      "SELECT DISTINCT event_id FROM clock_states WHERE state IN ('pending', 'due_soon', 'overdue') ORDER BY event_id");
  if (!s) return Fail(s.error());
  return Ids(**s);
}

Result<std::vector<EventId>> QueryEventsUpdatedSince(Db& db, TimePoint since) {
  auto s = db.Prepare("SELECT id FROM events WHERE merged_into IS NULL AND updated_at >= ?1 ORDER BY id");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, ToUnixMillis(since));
  return Ids(**s);
}

Result<std::map<EventId, ClockSummary>> QueryClockSummaries(Db& db, const std::vector<EventId>& ids) {
  std::map<EventId, ClockSummary> out;
  if (ids.empty()) return out;
  boost::json::array list;
  for (EventId id : ids) list.emplace_back(id);
  auto s = db.Prepare(
      "SELECT event_id, SUM(state = 'overdue'), SUM(state = 'due_soon'), "
      "SUM(state IN ('pending', 'due_soon', 'overdue')), "
      "MIN(CASE WHEN state IN ('pending', 'due_soon') THEN due_at END) "
      "FROM clock_states WHERE event_id IN (SELECT value FROM json_each(?1)) GROUP BY event_id");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, boost::json::serialize(list));
  for (;;) {
    auto row = (*s)->Step();
    if (!row) return Fail(row.error());
    if (!*row) break;
    ClockSummary c;
    c.overdue = static_cast<int>((*s)->Int(1));
    c.due_soon = static_cast<int>((*s)->Int(2));
    c.open = static_cast<int>((*s)->Int(3));
    if (!(*s)->IsNull(4)) c.next_due = FromUnixMillis((*s)->Int(4));
    out.emplace((*s)->Int(0), c);
  }
  return out;
}

Result<std::vector<ClockTransition>> QueryClockTransitions(Db& db, EventId id) {
  auto s = db.Prepare("SELECT " SB_TRANSITION_COLUMNS " FROM clock_transitions WHERE event_id = ?1 ORDER BY id");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id);
  return All<ClockTransition>(**s, ReadTransition);
}

}  // namespace shaobing::sqlite
