-- 0007: where anchoring of the audit chain outside the database began (store/audit_anchor.h).
-- One row, written in the same transaction as the audit record `audit.anchor_start` it
-- points at; never changed or removed.
CREATE TABLE audit_anchoring (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  since_seq  INTEGER NOT NULL,
  public_key TEXT NOT NULL
);
CREATE TRIGGER audit_anchoring_is_fixed BEFORE UPDATE ON audit_anchoring
BEGIN SELECT RAISE(ABORT, 'where audit anchoring began is never changed'); END;
CREATE TRIGGER audit_anchoring_is_kept BEFORE DELETE ON audit_anchoring
BEGIN SELECT RAISE(ABORT, 'where audit anchoring began is never changed'); END;
