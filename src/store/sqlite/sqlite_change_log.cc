// The change log of live push on SQLite (migration 0011): appended by the writer's
// transaction, read back by the readers for a reconnecting stream.
#include "store/sqlite/sqlite_change_log.h"

#include "store/sqlite/sqlite_transaction.h"

namespace shaobing::sqlite {

Status SqliteTransaction::Publish(const ChangeRecord& change) {
  auto s = db_.Prepare(
      "INSERT INTO change_log (at, type, event_id, report_id, kind, unit, region) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, ToUnixMillis(now_)).Bind(2, change.type).Bind(3, change.event_id).Bind(4, change.report_id);
  (*s)->Bind(5, change.kind).Bind(6, change.unit).Bind(7, change.region);
  if (auto st = (*s)->Run(); !st) return st;
  ChangeRecord logged = change;
  logged.seq = db_.LastInsertId();
  logged.at = now_;
  changes_.push_back(std::move(logged));
  return {};
}

Result<int> SqliteTransaction::PurgeChanges(TimePoint before) {
  auto s = db_.Prepare("DELETE FROM change_log WHERE at < ?1");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, ToUnixMillis(before));
  if (auto st = (*s)->Run(); !st) return Fail(st.error());
  return sqlite3_changes(db_.raw());
}

Result<ChangePage> QueryChangesAfter(Db& db, std::int64_t after_seq, int limit) {
  // One read transaction: the rows and the bounds come from the same snapshot.
  if (auto st = db.Exec("BEGIN"); !st) return Fail(st.error());
  auto page = [&]() -> Result<ChangePage> {
    ChangePage out;
    auto newest = db.Prepare("SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'change_log'), 0)");
    if (!newest) return Fail(newest.error());
    auto n = One<std::int64_t>(**newest, [](const Stmt& st) { return st.Int(0); });
    if (!n) return Fail(n.error());
    out.newest = n->value_or(0);
    auto first = db.Prepare("SELECT MIN(seq) FROM change_log");
    if (!first) return Fail(first.error());
    auto f = One<std::int64_t>(**first, [&out](const Stmt& st) { return st.IsNull(0) ? out.newest + 1 : st.Int(0); });
    if (!f) return Fail(f.error());
    out.first_kept = f->value_or(out.newest + 1);
    auto rows = db.Prepare(
        "SELECT seq, at, type, event_id, report_id, kind, unit, region FROM change_log WHERE seq > ?1 "
        "ORDER BY seq LIMIT ?2");
    if (!rows) return Fail(rows.error());
    (*rows)->Bind(1, after_seq).Bind(2, limit);
    auto changes = All<ChangeRecord>(**rows, [](const Stmt& st) {
      return ChangeRecord{.seq = st.Int(0),
                          .type = st.Text(2),
                          .event_id = st.Int(3),
                          .report_id = st.Int(4),
                          .kind = st.Text(5),
                          .unit = st.Text(6),
                          .region = st.Text(7),
                          .at = FromUnixMillis(st.Int(1))};
    });
    if (!changes) return Fail(changes.error());
    out.changes = std::move(*changes);
    return out;
  }();
  (void)db.Exec("COMMIT");
  return page;
}

}  // namespace shaobing::sqlite
