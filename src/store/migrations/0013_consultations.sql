-- 0013: consultations (会商, A4). A desk opens one on an event and invites expert users or
-- units with a deadline; each invitee answers once (immutable: risk assessment and a
-- recommendation); the desk decides once, with a reason. The decision columns are written
-- once (NULL → set) and never changed; nothing here is deleted.
CREATE TABLE consultations (
  id             INTEGER PRIMARY KEY,
  event_id       INTEGER NOT NULL REFERENCES events(id),
  question       TEXT NOT NULL,
  deadline       INTEGER NOT NULL,
  opened_by      TEXT NOT NULL,
  opened_region  TEXT NOT NULL REFERENCES regions(code),
  opened_at      INTEGER NOT NULL,
  decision       TEXT CHECK (decision IN ('report', 'do_not_report', 'escalate', 'watch')),
  reason         TEXT,
  decided_by     TEXT,
  decided_at     INTEGER,
  CHECK ((decision IS NULL) = (decided_at IS NULL))
);
CREATE INDEX consultations_by_event ON consultations(event_id);
CREATE TRIGGER consultations_decide_once BEFORE UPDATE ON consultations
WHEN OLD.decision IS NOT NULL OR NEW.event_id IS NOT OLD.event_id OR NEW.question IS NOT OLD.question
  OR NEW.deadline IS NOT OLD.deadline OR NEW.opened_by IS NOT OLD.opened_by
  OR NEW.opened_region IS NOT OLD.opened_region OR NEW.opened_at IS NOT OLD.opened_at
BEGIN SELECT RAISE(ABORT, 'a consultation is decided once and otherwise immutable'); END;
CREATE TRIGGER consultations_are_kept BEFORE DELETE ON consultations
BEGIN SELECT RAISE(ABORT, 'consultations are never deleted'); END;

-- Who is invited: an expert account (kind 'user', its name) or a unit (kind 'unit', its id).
CREATE TABLE consultation_invitees (
  consultation_id  INTEGER NOT NULL REFERENCES consultations(id),
  kind             TEXT NOT NULL CHECK (kind IN ('user', 'unit')),
  invitee          TEXT NOT NULL,
  PRIMARY KEY (consultation_id, kind, invitee)
);
CREATE INDEX consultation_invitees_by_invitee ON consultation_invitees(kind, invitee);
CREATE TRIGGER consultation_invitees_are_immutable BEFORE UPDATE ON consultation_invitees
BEGIN SELECT RAISE(ABORT, 'invitees are immutable'); END;
CREATE TRIGGER consultation_invitees_are_kept BEFORE DELETE ON consultation_invitees
BEGIN SELECT RAISE(ABORT, 'invitees are never deleted'); END;

-- One answer per invitee (an account answers for a unit it belongs to). Attachments are
-- linked by the generic attachment_links table (owner_kind 'consultation_answer').
CREATE TABLE consultation_answers (
  id               INTEGER PRIMARY KEY,
  consultation_id  INTEGER NOT NULL REFERENCES consultations(id),
  invitee_kind     TEXT NOT NULL CHECK (invitee_kind IN ('user', 'unit')),
  invitee          TEXT NOT NULL,
  risk_level       TEXT NOT NULL CHECK (risk_level IN ('', 'low', 'medium', 'high')),
  assessment       TEXT NOT NULL,
  recommendation   TEXT NOT NULL CHECK (recommendation IN ('report', 'do_not_report', 'escalate', 'watch')),
  answered_by      TEXT NOT NULL,
  answered_at      INTEGER NOT NULL,
  late             INTEGER NOT NULL CHECK (late IN (0, 1)),
  UNIQUE (consultation_id, invitee_kind, invitee)
);
CREATE TRIGGER consultation_answers_are_immutable BEFORE UPDATE ON consultation_answers
BEGIN SELECT RAISE(ABORT, 'answers are immutable'); END;
CREATE TRIGGER consultation_answers_are_kept BEFORE DELETE ON consultation_answers
BEGIN SELECT RAISE(ABORT, 'answers are never deleted'); END;
