-- 0015: a handover (交接班, 0014) is acknowledged once by the next officer, and otherwise
-- immutable: its note and open items are what was handed over.
CREATE TRIGGER handovers_acknowledged_once BEFORE UPDATE ON handovers
WHEN OLD.acknowledged_at IS NOT NULL OR NEW.desk_region IS NOT OLD.desk_region
  OR NEW.from_account IS NOT OLD.from_account OR NEW.note IS NOT OLD.note
  OR NEW.open_items IS NOT OLD.open_items OR NEW.at IS NOT OLD.at
BEGIN SELECT RAISE(ABORT, 'a handover is acknowledged once and otherwise immutable'); END;
