-- 0002: versions of the reporting-standard catalogue, and the judgement made on every report.
CREATE TABLE catalogues (
  version    TEXT PRIMARY KEY,
  yaml       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL
);
CREATE TRIGGER catalogues_are_immutable BEFORE UPDATE ON catalogues
BEGIN SELECT RAISE(ABORT, 'a catalogue version is immutable; add a new version'); END;

-- One row per accepted report: the event as judged right after it, by which catalogue.
-- The full evaluation is reproducible from the reports and the catalogue version.
CREATE TABLE evaluations (
  report_id         INTEGER PRIMARY KEY REFERENCES reports(id),
  event_id          INTEGER NOT NULL REFERENCES events(id),
  at                INTEGER NOT NULL,
  catalogue_version TEXT NOT NULL REFERENCES catalogues(version),
  grade             TEXT,
  report_to         TEXT
);
CREATE INDEX evaluations_by_event ON evaluations(event_id, report_id);

ALTER TABLE events ADD COLUMN grade TEXT;
ALTER TABLE events ADD COLUMN report_to TEXT;
ALTER TABLE events ADD COLUMN catalogue_version TEXT;
