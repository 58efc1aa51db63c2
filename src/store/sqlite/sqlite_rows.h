#pragma once
// Mapping between rows and domain values. Column orders are given by the SB_*_COLUMNS lists
// (macros, so that SQL text stays a literal and its prepared statement can be cached).
#include "core/event.h"
#include "core/unit.h"
#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace shaobing::sqlite {

#define SB_EVENT_COLUMNS                                                                                          \
  "id, category, title, region, region_path, occurred_at, opened_at, updated_at, closed, report_count, figures, " \
  "grade, report_to, catalogue_version, merged_into"
// Reports with the event they belong to now (the root their filing points at) and the filing.
#define SB_REPORT_SELECT                                                                                   \
  "SELECT r.id, COALESCE(e.merged_into, r.event_id), r.unit, r.kind, r.sequence, r.channel, r.logged_by, " \
  "r.received_at, r.supersedes, r.body, r.event_id FROM reports r JOIN events e ON e.id = r.event_id "
// The ids of a root event and of the filings pointing at it; `p` is a parameter ("?1").
#define SB_EVENT_GROUP(p) "(SELECT " p " UNION ALL SELECT id FROM events WHERE merged_into = " p ")"
#define SB_UNIT_COLUMNS "id, name, kind, region, level, direct, perspectives, contact_name, contact_phone"
#define SB_USER_COLUMNS \
  "id, name, display_name, role, unit, region, password_hash, created_at, disabled, must_change_password, origin"
#define SB_REGION_COLUMNS "code, name, level, parent, aliases, lat, lon"
#define SB_AUDIT_COLUMNS "seq, at, actor, action, target, detail, prev_hash, hash"

EventRow ReadEvent(const Stmt& s);
Result<Report> ReadReport(const Stmt& s);  // a row of SB_REPORT_SELECT
Unit ReadUnit(const Stmt& s);
User ReadUser(const Stmt& s);
#define SB_SESSION_COLUMNS "token_hash, user_id, created_at, expires_at, last_seen_at"
Session ReadSession(const Stmt& s);
#define SB_REQUEST_COLUMNS "id, event_id, unit, message, requested_by, requested_at"
ReportRequest ReadReportRequest(const Stmt& s);
#define SB_DESK_REPORT_COLUMNS \
  "id, event_id, from_region, to_level, channel, reported_at, told, text, recorded_by, recorded_at"
DeskReport ReadDeskReport(const Stmt& s);
Region ReadRegion(const Stmt& s);
AuditRecord ReadAudit(const Stmt& s);

std::string FiguresText(const Figures& f);
std::string StringsText(const std::vector<std::string>& v);
std::vector<std::string> ParseStringsText(const std::string& text);  // [] for anything but an array

}  // namespace shaobing::sqlite
