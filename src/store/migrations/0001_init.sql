-- 0001: regions, units, accounts, events, reports and the audit chain.
-- Times are INTEGER milliseconds since the Unix epoch (UTC).
CREATE TABLE regions (
  code      TEXT PRIMARY KEY,
  name      TEXT NOT NULL,
  level     TEXT NOT NULL CHECK (level IN ('county', 'city', 'region')),
  parent    TEXT REFERENCES regions(code),
  aliases   TEXT NOT NULL DEFAULT '[]',
  lat       REAL,
  lon       REAL
);

CREATE TABLE units (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  kind          TEXT NOT NULL,
  region        TEXT NOT NULL REFERENCES regions(code),
  level         TEXT NOT NULL,
  direct        INTEGER NOT NULL DEFAULT 0,
  perspectives  TEXT NOT NULL DEFAULT '[]',
  contact_name  TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT ''
);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL DEFAULT '',
  role          TEXT NOT NULL CHECK (role IN ('reporter', 'desk', 'leader', 'expert', 'admin')),
  unit          TEXT REFERENCES units(id),
  region        TEXT REFERENCES regions(code),
  password_hash TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);

CREATE TABLE events (
  id           INTEGER PRIMARY KEY,
  category     TEXT NOT NULL,
  title        TEXT NOT NULL,
  region       TEXT NOT NULL REFERENCES regions(code),
  region_path  TEXT NOT NULL,
  occurred_at  INTEGER,
  opened_at    INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  closed       INTEGER NOT NULL DEFAULT 0,
  report_count INTEGER NOT NULL DEFAULT 0,
  figures      TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_by_region_path ON events(region_path, id);

CREATE TABLE reports (
  id          INTEGER PRIMARY KEY,
  event_id    INTEGER NOT NULL REFERENCES events(id),
  unit        TEXT NOT NULL REFERENCES units(id),
  kind        TEXT NOT NULL CHECK (kind IN ('first', 'followup', 'final', 'correction')),
  sequence    INTEGER NOT NULL CHECK (sequence >= 0),
  channel     TEXT NOT NULL CHECK (channel IN ('written', 'phone')),
  logged_by   TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  supersedes  INTEGER REFERENCES reports(id),
  body        TEXT NOT NULL,
  UNIQUE (event_id, unit, sequence)
);
CREATE INDEX reports_by_unit ON reports(unit, event_id);

-- Reports are immutable facts.
CREATE TRIGGER reports_are_immutable BEFORE UPDATE ON reports
BEGIN SELECT RAISE(ABORT, 'reports are immutable'); END;
CREATE TRIGGER reports_are_kept BEFORE DELETE ON reports
BEGIN SELECT RAISE(ABORT, 'reports are never deleted'); END;

-- The audit log is append-only; each record's hash covers the previous hash and the record.
CREATE TABLE audit (
  seq       INTEGER PRIMARY KEY,
  at        INTEGER NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  target    TEXT NOT NULL,
  detail    TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
CREATE TRIGGER audit_is_append_only BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_is_kept BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
