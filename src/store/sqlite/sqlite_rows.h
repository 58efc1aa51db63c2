#pragma once
// Mapping between rows and domain values. Column orders are given by the SB_*_COLUMNS lists
// (macros, so that SQL text stays a literal and its prepared statement can be cached).
#include "core/event.h"
#include "core/unit.h"
#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace shaobing::sqlite {

#define SB_EVENT_COLUMNS \
  "id, category, title, region, region_path, occurred_at, opened_at, updated_at, closed, report_count, figures, " \
  "grade, report_to, catalogue_version"
#define SB_REPORT_COLUMNS \
  "id, event_id, unit, kind, sequence, channel, logged_by, received_at, supersedes, body"
#define SB_UNIT_COLUMNS \
  "id, name, kind, region, level, direct, perspectives, contact_name, contact_phone"
#define SB_USER_COLUMNS \
  "id, name, display_name, role, unit, region, password_hash, created_at, disabled"
#define SB_REGION_COLUMNS "code, name, level, parent, aliases, lat, lon"
#define SB_AUDIT_COLUMNS "seq, at, actor, action, target, detail, prev_hash, hash"

EventRow ReadEvent(const Stmt& s);
Result<Report> ReadReport(const Stmt& s);
Unit ReadUnit(const Stmt& s);
User ReadUser(const Stmt& s);
Region ReadRegion(const Stmt& s);
AuditRecord ReadAudit(const Stmt& s);

std::string FiguresText(const Figures& f);
std::string StringsText(const std::vector<std::string>& v);

}  // namespace shaobing::sqlite
