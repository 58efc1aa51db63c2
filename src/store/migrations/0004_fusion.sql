-- 0004: multi-source reporting (B3).
-- Every first report opens its own filing: a row of events that holds one unit's series.
-- A filing linked or merged into another event points at it (merged_into, always a root:
-- chains are kept one step long), so reports never move and the desk's merge and split are
-- reversible by restoring pointers. Lists show roots only.
ALTER TABLE events ADD COLUMN merged_into INTEGER REFERENCES events(id);
CREATE INDEX events_by_merged_into ON events(merged_into) WHERE merged_into IS NOT NULL;

-- The linking decision made on every first report, with its evidence (score parts and
-- runners-up, JSON). A provisional link is a task for the desk until confirmed or rejected.
CREATE TABLE link_decisions (
  report_id   INTEGER PRIMARY KEY REFERENCES reports(id),
  filing_id   INTEGER NOT NULL REFERENCES events(id),
  event_id    INTEGER NOT NULL REFERENCES events(id),
  action      TEXT NOT NULL CHECK (action IN ('linked', 'provisional', 'new_event', 'named')),
  at          INTEGER NOT NULL,
  evidence    TEXT NOT NULL,
  task_status TEXT CHECK (task_status IN ('pending', 'confirmed', 'rejected')),
  task_by     TEXT,
  task_at     INTEGER,
  task_reason TEXT
);
CREATE INDEX link_tasks_by_status ON link_decisions(task_status, report_id) WHERE task_status IS NOT NULL;
CREATE INDEX link_decisions_by_filing ON link_decisions(filing_id);

-- The desk's merges and splits: which filings moved (JSON [{filing, before, after}]), why,
-- by whom; undone by restoring `before` when nothing has moved them since.
CREATE TABLE event_operations (
  id             INTEGER PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
  event_id       INTEGER NOT NULL REFERENCES events(id),
  other_event_id INTEGER NOT NULL REFERENCES events(id),
  moves          TEXT NOT NULL,
  units          TEXT NOT NULL DEFAULT '[]',
  reason         TEXT NOT NULL,
  actor          TEXT NOT NULL,
  at             INTEGER NOT NULL,
  undone_at      INTEGER,
  undone_by      TEXT,
  undo_reason    TEXT
);
CREATE INDEX event_operations_by_event ON event_operations(event_id);
CREATE INDEX event_operations_by_other ON event_operations(other_event_id);

-- The desk's ruling on a figure in conflict: the value that stands, and why. Facts, never edited.
CREATE TABLE figure_resolutions (
  id       INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES events(id),
  figure   TEXT NOT NULL,
  value    REAL NOT NULL,
  reason   TEXT NOT NULL,
  actor    TEXT NOT NULL,
  at       INTEGER NOT NULL
);
CREATE INDEX figure_resolutions_by_event ON figure_resolutions(event_id, id);
CREATE TRIGGER figure_resolutions_are_immutable BEFORE UPDATE ON figure_resolutions
BEGIN SELECT RAISE(ABORT, 'resolutions are immutable'); END;
