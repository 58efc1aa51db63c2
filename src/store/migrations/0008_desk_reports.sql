-- 0008: a desk's own report upward (上报): the desk of `from_region` told level `to_level` of
-- an event, by phone (whom it told) or in writing (the text it sent). Immutable and kept: a
-- mistaken record is corrected by a new one, never edited away.
CREATE TABLE desk_reports (
  id           INTEGER PRIMARY KEY,
  event_id     INTEGER NOT NULL REFERENCES events(id),
  from_region  TEXT NOT NULL REFERENCES regions(code),
  to_level     TEXT NOT NULL CHECK (to_level IN ('city', 'region', 'centre')),
  channel      TEXT NOT NULL CHECK (channel IN ('phone', 'written')),
  reported_at  INTEGER NOT NULL,
  told         TEXT NOT NULL,
  text         TEXT NOT NULL,
  recorded_by  TEXT NOT NULL,
  recorded_at  INTEGER NOT NULL
);
CREATE INDEX desk_reports_by_event ON desk_reports(event_id);
CREATE TRIGGER desk_reports_are_immutable BEFORE UPDATE ON desk_reports
BEGIN SELECT RAISE(ABORT, 'desk reports are immutable'); END;
CREATE TRIGGER desk_reports_are_kept BEFORE DELETE ON desk_reports
BEGIN SELECT RAISE(ABORT, 'desk reports are never deleted'); END;
