// The SQLite engine's read for the timeliness figures: the stored first-report clocks of the
// root events of a window, in one statement (no fusion, no replay).
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_transaction.h"

namespace shaobing::sqlite {

Result<FirstClockSlice> QueryFirstClocksInWindow(Db& db, const FirstClockWindow& w) {
  // The latest max_events + 1 events of the window (one more tells it was truncated), and
  // their first clocks ("first|..." keys: '}' sorts right after '|') with when each entered
  // its state (its latest transition into it). A unit's own first clock keys start
  // "first|unit:<id>|".
  auto s = db.Prepare(
      "WITH chosen AS (SELECT id, occurred_at, opened_at, COALESCE(occurred_at, opened_at) AS occurrence "
      "FROM events WHERE merged_into IS NULL AND COALESCE(occurred_at, opened_at) >= ?1 "
      "AND COALESCE(occurred_at, opened_at) < ?2 "
      "AND (?3 IS NULL OR (region_path >= ?3 AND region_path < ?3 || '0')) "
      "AND (?4 IS NULL OR EXISTS (SELECT 1 FROM clock_states u WHERE u.event_id = events.id "
      "AND u.clock_key >= ?4 AND u.clock_key < ?5)) "
      "ORDER BY occurrence DESC, id DESC LIMIT ?6) "
      "SELECT chosen.id, chosen.occurred_at, chosen.opened_at, c.clock_key, c.state, c.due_at, c.changed_at, "
      "COALESCE((SELECT t.at FROM clock_transitions t WHERE t.event_id = c.event_id AND t.clock_key = c.clock_key "
      "AND t.to_state = c.state ORDER BY t.id DESC LIMIT 1), c.changed_at) "
      "FROM chosen LEFT JOIN clock_states c ON c.event_id = chosen.id AND c.clock_key >= 'first|' "
      "AND c.clock_key < 'first}' ORDER BY chosen.occurrence DESC, chosen.id DESC, c.clock_key");
  if (!s) return Fail(s.error());
  std::optional<std::string> low, high;
  if (w.unit) {
    low = "first|unit:" + *w.unit + "|";
    high = "first|unit:" + *w.unit + "}";
  }
  (*s)->Bind(1, ToUnixMillis(w.from)).Bind(2, ToUnixMillis(w.to)).Bind(3, w.region_path_prefix);
  (*s)->Bind(4, low).Bind(5, high).Bind(6, w.max_events + 1);
  FirstClockSlice out;
  EventId last = 0;
  for (;;) {
    auto row = (*s)->Step();
    if (!row) return Fail(row.error());
    if (!*row) break;
    const EventId id = (*s)->Int(0);
    if (id != last) {
      last = id;
      if (++out.events > w.max_events) {
        out.events = w.max_events;
        out.truncated = true;
        break;
      }
    }
    if ((*s)->IsNull(3)) continue;  // an event without first clocks
    FirstClockSlice::Row r;
    r.event_id = id;
    if (!(*s)->IsNull(1)) r.occurred_at = FromUnixMillis((*s)->Int(1));
    r.opened_at = FromUnixMillis((*s)->Int(2));
    r.clock = StoredClock{id, (*s)->Text(3), (*s)->Text(4), FromUnixMillis((*s)->Int(5)), FromUnixMillis((*s)->Int(6))};
    r.since = FromUnixMillis((*s)->Int(7));
    out.rows.push_back(std::move(r));
  }
  (*s)->Reset();
  return out;
}

}  // namespace shaobing::sqlite
