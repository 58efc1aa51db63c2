-- 0003: the desk confirms or dismisses sensitive factors of an event (A3); facts, never edited.
CREATE TABLE sensitive_adjustments (
  id       INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES events(id),
  at       INTEGER NOT NULL,
  actor    TEXT NOT NULL,
  action   TEXT NOT NULL CHECK (action IN ('confirm', 'dismiss')),
  kind     TEXT NOT NULL,
  code     TEXT NOT NULL,
  reason   TEXT NOT NULL
);
CREATE INDEX sensitive_adjustments_by_event ON sensitive_adjustments(event_id, id);
CREATE TRIGGER sensitive_adjustments_are_immutable BEFORE UPDATE ON sensitive_adjustments
BEGIN SELECT RAISE(ABORT, 'adjustments are immutable'); END;
