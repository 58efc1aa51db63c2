-- 0010: notifications (issue 11, point 6). The outbox is written in the same transaction as
-- the change that causes it, so a committed change always has its notifications and a
-- rolled-back one never does. The dispatcher delivers pending rows and moves them to `sent`
-- only after the receiver acknowledged (HTTP 2xx, SMTP 250), or to `dead` after the last
-- attempt. Every attempt, successful or not, is one row of notification_attempts.
CREATE TABLE notification_outbox (
  id               INTEGER PRIMARY KEY,
  kind             TEXT NOT NULL,                 -- desk_report.recorded, event.reportable, ...
  channel          TEXT NOT NULL CHECK (channel IN ('webhook', 'email', 'sms')),
  destination      TEXT NOT NULL,                 -- webhook name, e-mail address, phone number
  region           TEXT NOT NULL,                 -- the desk region it is addressed to
  subject          TEXT NOT NULL,
  payload          TEXT NOT NULL,                 -- JSON object
  idempotency_key  TEXT NOT NULL UNIQUE,
  event_id         INTEGER REFERENCES events(id), -- the root when enqueued; NULL for none
  event_region_path TEXT NOT NULL DEFAULT '', -- the event's root-first region path (visibility)
  created_at       INTEGER NOT NULL,
  state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL,
  last_error       TEXT NOT NULL DEFAULT '',
  sent_at          INTEGER
);
CREATE INDEX notification_outbox_due ON notification_outbox(state, next_attempt_at);
CREATE INDEX notification_outbox_by_event ON notification_outbox(event_id);

CREATE TABLE notification_attempts (
  id               INTEGER PRIMARY KEY,
  notification_id  INTEGER NOT NULL REFERENCES notification_outbox(id),
  attempt          INTEGER NOT NULL,              -- 1, 2, ...
  at               INTEGER NOT NULL,
  ok               INTEGER NOT NULL CHECK (ok IN (0, 1)),
  status           INTEGER NOT NULL DEFAULT 0,    -- HTTP status or SMTP reply code; 0: none
  error            TEXT NOT NULL DEFAULT '',
  UNIQUE (notification_id, attempt)
);
CREATE TRIGGER notification_attempts_are_immutable BEFORE UPDATE ON notification_attempts
BEGIN SELECT RAISE(ABORT, 'delivery attempts are immutable'); END;
CREATE TRIGGER notification_attempts_are_kept BEFORE DELETE ON notification_attempts
BEGIN SELECT RAISE(ABORT, 'delivery attempts are never deleted'); END;
