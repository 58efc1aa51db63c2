-- 0005: accounts and sessions for operation (issue "safe to deploy").
-- must_change_password: set by an administrator's reset (and for accounts an administrator
-- creates); every route but changing the password answers 403 until it is changed.
-- origin: 'demo' for the accounts `serve --demo` creates; they may log in only where the
-- settings row 'demo_data' says the data directory is a demo one.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN origin TEXT NOT NULL DEFAULT '';

-- The last request of a session, for the idle timeout (written lazily, at most every few minutes).
ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER;
CREATE INDEX sessions_by_user ON sessions(user_id);
CREATE INDEX sessions_by_expiry ON sessions(expires_at);

-- Facts about the deployment itself (key → value).
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
