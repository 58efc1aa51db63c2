-- 0011: the change log of live push. One row per change a write job announced
-- (Transaction::Publish), written in the job's own savepoint, so that a refused job leaves
-- none; `seq` is its SSE event id. Rows are never changed; the housekeeping deletes those
-- older than the retention (App: change_log_retention), the only deletion.
CREATE TABLE change_log (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  at         INTEGER NOT NULL,
  type       TEXT NOT NULL,
  event_id   INTEGER NOT NULL,
  report_id  INTEGER NOT NULL,
  kind       TEXT NOT NULL,
  unit       TEXT NOT NULL,
  region     TEXT NOT NULL
);
CREATE INDEX change_log_by_time ON change_log(at);
CREATE TRIGGER change_log_is_immutable BEFORE UPDATE ON change_log
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
