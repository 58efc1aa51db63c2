-- 0009: the reporting clocks (standards/report_clocks.h) as the timer service last moved them,
-- every transition it recorded, and the desk's closure of an event (处置完毕), which closes
-- its follow-up clocks.
CREATE TABLE event_closures (
  id         INTEGER PRIMARY KEY,
  event_id   INTEGER NOT NULL REFERENCES events(id),
  reason     TEXT NOT NULL,
  closed_by  TEXT NOT NULL,
  closed_at  INTEGER NOT NULL
);
CREATE INDEX event_closures_by_event ON event_closures(event_id);
CREATE TRIGGER event_closures_are_immutable BEFORE UPDATE ON event_closures
BEGIN SELECT RAISE(ABORT, 'closures are immutable'); END;
CREATE TRIGGER event_closures_are_kept BEFORE DELETE ON event_closures
BEGIN SELECT RAISE(ABORT, 'closures are never deleted'); END;

-- One row per clock of a root event: its state now. `due_at` is the clock's deadline.
CREATE TABLE clock_states (
  event_id    INTEGER NOT NULL REFERENCES events(id),
  clock_key   TEXT NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('pending', 'due_soon', 'overdue', 'on_time', 'late', 'waived')),
  due_at      INTEGER NOT NULL,
  changed_at  INTEGER NOT NULL,
  PRIMARY KEY (event_id, clock_key)
);
CREATE INDEX clock_states_open ON clock_states(state, event_id) WHERE state IN ('pending', 'due_soon', 'overdue');

-- Every transition, when it happened (`at`: the deadline, the fulfilment, ...) and when the
-- timer recorded it (written only when the stored state differs: never twice).
CREATE TABLE clock_transitions (
  id           INTEGER PRIMARY KEY,
  event_id     INTEGER NOT NULL REFERENCES events(id),
  clock_key    TEXT NOT NULL,
  from_state   TEXT NOT NULL,  -- '' for a new clock
  to_state     TEXT NOT NULL,
  at           INTEGER NOT NULL,
  recorded_at  INTEGER NOT NULL
);
CREATE INDEX clock_transitions_by_event ON clock_transitions(event_id, id);
CREATE TRIGGER clock_transitions_are_immutable BEFORE UPDATE ON clock_transitions
BEGIN SELECT RAISE(ABORT, 'clock transitions are immutable'); END;
CREATE TRIGGER clock_transitions_are_kept BEFORE DELETE ON clock_transitions
BEGIN SELECT RAISE(ABORT, 'clock transitions are never deleted'); END;
