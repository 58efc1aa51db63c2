-- 0012: attachments (issue 11, point 9): scene photos and documents on reports, and on other
-- owners later (a consultation's answer). A file is kept once per content, named by its
-- SHA-256, under <data>/attachments/<first two hex>/<sha256> (its thumbnail beside it as
-- <sha256>.thumb.jpg); the file is written and synced before its row commits. Each upload is
-- one row of attachment_uploads (the per-account limits count them, and they say who may link
-- the content); a link puts the content on one owner's row under the name its linker gave.
-- All three are kept: nothing here is edited or deleted.
CREATE TABLE attachments (
  sha256         TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  size           INTEGER NOT NULL CHECK (size > 0),
  media_type     TEXT NOT NULL,                 -- sniffed from the content, never the client's
  has_thumbnail  INTEGER NOT NULL CHECK (has_thumbnail IN (0, 1)),
  file_name      TEXT NOT NULL,                 -- the first uploader's name for it, as given
  uploaded_by    TEXT NOT NULL,                 -- the first uploader's account
  created_at     INTEGER NOT NULL
);

CREATE TABLE attachment_uploads (
  id           INTEGER PRIMARY KEY,
  sha256       TEXT NOT NULL REFERENCES attachments(sha256),
  uploaded_by  TEXT NOT NULL,
  file_name    TEXT NOT NULL,
  size         INTEGER NOT NULL,
  uploaded_at  INTEGER NOT NULL
);
CREATE INDEX attachment_uploads_by_account ON attachment_uploads(uploaded_by, uploaded_at);
CREATE INDEX attachment_uploads_by_content ON attachment_uploads(sha256, uploaded_by);

CREATE TABLE attachment_links (
  sha256      TEXT NOT NULL REFERENCES attachments(sha256),
  owner_kind  TEXT NOT NULL,                    -- 'report', 'consultation_answer', ...
  owner_id    INTEGER NOT NULL,
  file_name   TEXT NOT NULL,
  linked_by   TEXT NOT NULL,
  linked_at   INTEGER NOT NULL,
  PRIMARY KEY (owner_kind, owner_id, sha256)
);
CREATE INDEX attachment_links_by_content ON attachment_links(sha256);

CREATE TRIGGER attachments_are_immutable BEFORE UPDATE ON attachments
BEGIN SELECT RAISE(ABORT, 'attachments are immutable'); END;
CREATE TRIGGER attachments_are_kept BEFORE DELETE ON attachments
BEGIN SELECT RAISE(ABORT, 'attachments are never deleted'); END;
CREATE TRIGGER attachment_uploads_are_kept BEFORE DELETE ON attachment_uploads
BEGIN SELECT RAISE(ABORT, 'attachment uploads are never deleted'); END;
CREATE TRIGGER attachment_links_are_kept BEFORE DELETE ON attachment_links
BEGIN SELECT RAISE(ABORT, 'attachment links are never deleted'); END;
