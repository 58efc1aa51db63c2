-- 0006: a desk asks a unit to report on an event. The unit then sees what the desk shares of
-- the event (title, grade, status, what is asked of it) and may join it with its own reports.
CREATE TABLE report_requests (
  id           INTEGER PRIMARY KEY,
  event_id     INTEGER NOT NULL REFERENCES events(id),
  unit         TEXT NOT NULL REFERENCES units(id),
  message      TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  requested_at INTEGER NOT NULL
);
CREATE INDEX report_requests_by_unit ON report_requests(unit, event_id);
CREATE INDEX report_requests_by_event ON report_requests(event_id);
