-- 0014: the duty of the desks (值班): who is on duty when (the roster), the escalation of an
-- overdue reporting clock (催报: the owing party, then the upper desk's officer on duty, then
-- its leader on duty) with the acknowledgements that hold it, the duty log (值班日志) and the
-- handover between shifts (交接班).

-- One shift of a desk: the officer on duty (an account of that desk, or a name) and the
-- leader on duty (带班领导). Edited by the desk's officers (every change audited).
CREATE TABLE duty_shifts (
  id              INTEGER PRIMARY KEY,
  desk_region     TEXT NOT NULL REFERENCES regions(code),
  starts_at       INTEGER NOT NULL,
  ends_at         INTEGER NOT NULL,
  officer_account TEXT NOT NULL DEFAULT '',  -- '' when the officer is named only
  officer_name    TEXT NOT NULL,
  officer_phone   TEXT NOT NULL DEFAULT '',
  leader_account  TEXT NOT NULL DEFAULT '',
  leader_name     TEXT NOT NULL,
  leader_phone    TEXT NOT NULL DEFAULT '',
  updated_by      TEXT NOT NULL,
  updated_at      INTEGER NOT NULL,
  CHECK (ends_at > starts_at)
);
CREATE INDEX duty_shifts_by_desk ON duty_shifts(desk_region, starts_at);

-- Each step of an overdue clock's escalation, taken once: (event, clock, step) is unique, so
-- that a second pass or a restart never alerts twice. Immutable and kept.
CREATE TABLE escalation_steps (
  id             INTEGER PRIMARY KEY,
  event_id       INTEGER NOT NULL REFERENCES events(id),
  clock_key      TEXT NOT NULL,
  step           INTEGER NOT NULL CHECK (step IN (1, 2, 3)),
  alerted_kind   TEXT NOT NULL CHECK (alerted_kind IN ('unit', 'desk', 'leader')),
  alerted        TEXT NOT NULL,  -- the unit id, or the desk's region code
  alerted_name   TEXT NOT NULL,  -- the contact, officer or leader alerted ('' when none was known)
  alerted_phone  TEXT NOT NULL,
  at             INTEGER NOT NULL,  -- when the step fell due
  recorded_at    INTEGER NOT NULL,
  UNIQUE (event_id, clock_key, step)
);
CREATE TRIGGER escalation_steps_are_immutable BEFORE UPDATE ON escalation_steps
BEGIN SELECT RAISE(ABORT, 'escalation steps are immutable'); END;
CREATE TRIGGER escalation_steps_are_kept BEFORE DELETE ON escalation_steps
BEGIN SELECT RAISE(ABORT, 'escalation steps are never deleted'); END;

-- 已知悉，正在处理: an alerted party's acknowledgement holds its clock's chain until held_until.
CREATE TABLE escalation_acks (
  id               INTEGER PRIMARY KEY,
  step_id          INTEGER NOT NULL REFERENCES escalation_steps(id),
  acknowledged_by  TEXT NOT NULL,
  at               INTEGER NOT NULL,
  held_until       INTEGER NOT NULL,
  note             TEXT NOT NULL
);
CREATE INDEX escalation_acks_by_step ON escalation_acks(step_id);
CREATE TRIGGER escalation_acks_are_immutable BEFORE UPDATE ON escalation_acks
BEGIN SELECT RAISE(ABORT, 'acknowledgements are immutable'); END;
CREATE TRIGGER escalation_acks_are_kept BEFORE DELETE ON escalation_acks
BEGIN SELECT RAISE(ABORT, 'acknowledgements are never deleted'); END;

-- The duty log of a desk: what the officer on duty entered (a call, a decision, a note) and
-- what the shift did (recorded by the services as it happens). Immutable and kept.
CREATE TABLE duty_log (
  id           INTEGER PRIMARY KEY,
  desk_region  TEXT NOT NULL REFERENCES regions(code),
  kind         TEXT NOT NULL,  -- call | decision | note | desk_report | closure | acknowledgement
  event_id     INTEGER REFERENCES events(id),
  text         TEXT NOT NULL,
  at           INTEGER NOT NULL,
  recorded_by  TEXT NOT NULL,
  recorded_at  INTEGER NOT NULL
);
CREATE INDEX duty_log_by_desk ON duty_log(desk_region, at);
CREATE TRIGGER duty_log_is_immutable BEFORE UPDATE ON duty_log
BEGIN SELECT RAISE(ABORT, 'duty log entries are immutable'); END;
CREATE TRIGGER duty_log_is_kept BEFORE DELETE ON duty_log
BEGIN SELECT RAISE(ABORT, 'duty log entries are never deleted'); END;

-- The handover (交接班): the note of the officer going off duty with the open items, which the
-- next officer acknowledges (the only change a row takes).
CREATE TABLE handovers (
  id               INTEGER PRIMARY KEY,
  desk_region      TEXT NOT NULL REFERENCES regions(code),
  from_account     TEXT NOT NULL,
  note             TEXT NOT NULL,
  open_items       TEXT NOT NULL,  -- JSON array
  at               INTEGER NOT NULL,
  acknowledged_by  TEXT NOT NULL DEFAULT '',
  acknowledged_at  INTEGER
);
CREATE INDEX handovers_by_desk ON handovers(desk_region, at);
CREATE TRIGGER handovers_are_kept BEFORE DELETE ON handovers
BEGIN SELECT RAISE(ABORT, 'handovers are never deleted'); END;
