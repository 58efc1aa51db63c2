#include "store/sqlite/sqlite_transaction.h"

#include <boost/json/serialize.hpp>

#include "core/report_json.h"
#include "store/audit_anchor.h"
#include "store/audit_chain.h"
#include "store/sqlite/sqlite_fusion.h"
#include "store/sqlite/sqlite_rows.h"

namespace shaobing::sqlite {

Result<std::optional<EventRow>> QueryEvent(Db& db, EventId id) {
  auto s = db.Prepare("SELECT " SB_EVENT_COLUMNS " FROM events WHERE id = ?1");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id);
  auto row = (*s)->Step();
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<EventRow>();
  auto e = ReadEvent(**s);
  (*s)->Reset();
  return std::optional<EventRow>(std::move(e));
}

Result<std::vector<Report>> QueryReportsOfEvent(Db& db, EventId id) {
  auto s = db.Prepare(SB_REPORT_SELECT "WHERE r.event_id IN " SB_EVENT_GROUP("?1") " ORDER BY r.id");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id);
  std::vector<Report> out;
  for (;;) {
    auto row = (*s)->Step();
    if (!row) return Fail(row.error());
    if (!*row) break;
    auto r = ReadReport(**s);
    if (!r) return Fail(r.error());
    out.push_back(std::move(*r));
  }
  return out;
}

Result<std::vector<std::string>> QueryUnitsOfEvent(Db& db, EventId id) {
  auto s = db.Prepare("SELECT DISTINCT unit FROM reports WHERE event_id IN " SB_EVENT_GROUP("?1") " ORDER BY unit");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id);
  return All<std::string>(**s, [](const Stmt& st) { return st.Text(0); });
}

Result<std::optional<Unit>> QueryUnit(Db& db, std::string_view id) {
  auto s = db.Prepare("SELECT " SB_UNIT_COLUMNS " FROM units WHERE id = ?1");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id);
  auto row = (*s)->Step();
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<Unit>();
  auto u = ReadUnit(**s);
  (*s)->Reset();
  return std::optional<Unit>(std::move(u));
}

Status SqliteTransaction::LoadAuditHead() {
  auto s = db_.Prepare("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
  if (!s) return Fail(s.error());
  auto row = (*s)->Step();
  if (!row) return Fail(row.error());
  head_ = *row ? Head{(*s)->Int(0), (*s)->Text(1)} : Head{0, kGenesisHash};
  (*s)->Reset();
  return {};
}

Result<std::optional<std::int64_t>> SqliteTransaction::AnchoringSince() {
  auto s = db_.Prepare("SELECT since_seq FROM audit_anchoring WHERE id = 1");
  if (!s) return Fail(s.error());
  return One<std::int64_t>(**s, [](const Stmt& st) { return st.Int(0); });
}

Status SqliteTransaction::StartAnchoring(std::string_view public_key) {
  if (auto st = Audit("system", kAnchorStartAction, "audit", {{"public_key", public_key}}); !st) return st;
  auto s = db_.Prepare("INSERT INTO audit_anchoring (id, since_seq, public_key) VALUES (1, ?1, ?2)");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, head_.seq).Bind(2, public_key);
  return (*s)->Run();
}

Result<std::optional<EventRow>> SqliteTransaction::GetEvent(EventId id) { return QueryEvent(db_, id); }
Result<std::vector<Report>> SqliteTransaction::ReportsOfEvent(EventId id) { return QueryReportsOfEvent(db_, id); }
Result<std::vector<std::string>> SqliteTransaction::UnitsOfEvent(EventId id) { return QueryUnitsOfEvent(db_, id); }
Result<std::optional<Unit>> SqliteTransaction::GetUnit(std::string_view id) { return QueryUnit(db_, id); }

Result<std::vector<EventRow>> SqliteTransaction::FilingsOf(EventId id) { return QueryFilings(db_, id); }
Status SqliteTransaction::InsertLink(const LinkRecord& r) { return InsertLinkRow(db_, r); }
Result<std::optional<LinkRecord>> SqliteTransaction::GetLink(ReportId id) { return QueryLink(db_, id); }
Result<std::optional<LinkRecord>> SqliteTransaction::LinkOfFiling(EventId filing) {
  return QueryLinkOfFiling(db_, filing);
}
Status SqliteTransaction::UpdateLinkTask(const LinkRecord& r) { return UpdateLinkTaskRow(db_, r); }
Result<std::int64_t> SqliteTransaction::InsertOperation(const EventOperation& op) {
  return InsertOperationRow(db_, op);
}
Result<std::optional<EventOperation>> SqliteTransaction::GetOperation(std::int64_t id) {
  return QueryOperation(db_, id);
}
Status SqliteTransaction::MarkOperationUndone(const EventOperation& op) { return MarkOperationUndoneRow(db_, op); }
Result<std::int64_t> SqliteTransaction::InsertResolution(const FigureResolution& r) {
  return InsertResolutionRow(db_, r);
}
Result<std::vector<FigureResolution>> SqliteTransaction::ResolutionsOfEvent(EventId id) {
  return QueryResolutions(db_, id);
}

Result<EventId> SqliteTransaction::InsertEvent(const EventRow& e) {
  auto s = db_.Prepare(
      "INSERT INTO events (category, title, region, region_path, occurred_at, opened_at, updated_at, closed, "
      "report_count, figures, grade, report_to, catalogue_version, merged_into) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, NULLIF(?11, ''), NULLIF(?12, ''), NULLIF(?13, ''), ?14)");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, e.category).Bind(2, e.title).Bind(3, e.region).Bind(4, e.region_path);
  if (e.occurred_at) (*s)->Bind(5, ToUnixMillis(*e.occurred_at));
  (*s)->Bind(6, ToUnixMillis(e.opened_at)).Bind(7, ToUnixMillis(e.updated_at)).Bind(8, e.closed ? 1 : 0);
  (*s)->Bind(9, e.report_count).Bind(10, FiguresText(e.figures));
  (*s)->Bind(11, e.grade).Bind(12, e.report_to).Bind(13, e.catalogue_version).Bind(14, e.merged_into);
  if (auto r = (*s)->Run(); !r) return Fail(r.error());
  return db_.LastInsertId();
}

Status SqliteTransaction::UpdateEvent(const EventRow& e) {
  auto s = db_.Prepare(
      "UPDATE events SET category = ?2, title = ?3, region = ?4, region_path = ?5, occurred_at = ?6, "
      "updated_at = ?7, closed = ?8, report_count = ?9, figures = ?10, grade = NULLIF(?11, ''), "
      "report_to = NULLIF(?12, ''), catalogue_version = NULLIF(?13, ''), merged_into = ?14 WHERE id = ?1");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, e.id).Bind(2, e.category).Bind(3, e.title).Bind(4, e.region).Bind(5, e.region_path);
  if (e.occurred_at) (*s)->Bind(6, ToUnixMillis(*e.occurred_at));
  (*s)->Bind(7, ToUnixMillis(e.updated_at)).Bind(8, e.closed ? 1 : 0).Bind(9, e.report_count);
  (*s)->Bind(10, FiguresText(e.figures)).Bind(11, e.grade).Bind(12, e.report_to).Bind(13, e.catalogue_version);
  (*s)->Bind(14, e.merged_into);
  return (*s)->Run();
}

Result<ReportId> SqliteTransaction::InsertReport(const Report& r, std::string_view body) {
  auto s = db_.Prepare(
      "INSERT INTO reports (event_id, unit, kind, sequence, channel, logged_by, received_at, supersedes, body) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, r.event_id).Bind(2, r.draft.unit).Bind(3, ReportKindCode(r.draft.kind)).Bind(4, r.sequence);
  (*s)->Bind(5, ChannelCode(r.draft.channel)).Bind(6, r.logged_by).Bind(7, ToUnixMillis(r.received_at));
  (*s)->Bind(8, r.draft.supersedes).Bind(9, body);
  if (auto st = (*s)->Run(); !st) return Fail(st.error());
  return db_.LastInsertId();
}

Status SqliteTransaction::InsertEvaluation(const EvaluationRecord& e) {
  auto s = db_.Prepare(
      "INSERT INTO evaluations (report_id, event_id, at, catalogue_version, grade, report_to) "
      "VALUES (?1, ?2, ?3, ?4, NULLIF(?5, ''), NULLIF(?6, ''))");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, e.report_id).Bind(2, e.event_id).Bind(3, ToUnixMillis(e.at)).Bind(4, e.catalogue_version);
  (*s)->Bind(5, e.grade).Bind(6, e.report_to);
  return (*s)->Run();
}

Result<std::int64_t> SqliteTransaction::InsertSensitiveAdjustment(const SensitiveAdjustment& a) {
  auto s = db_.Prepare(
      "INSERT INTO sensitive_adjustments (event_id, at, actor, action, kind, code, reason) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, a.event_id).Bind(2, ToUnixMillis(a.at)).Bind(3, a.actor).Bind(4, a.action).Bind(5, a.kind);
  (*s)->Bind(6, a.code).Bind(7, a.reason);
  if (auto st = (*s)->Run(); !st) return Fail(st.error());
  return db_.LastInsertId();
}

Result<std::vector<SensitiveAdjustment>> SqliteTransaction::SensitiveAdjustmentsOfEvent(EventId id) {
  return QueryAdjustments(db_, id);
}

Result<std::vector<SensitiveAdjustment>> QueryAdjustments(Db& db, EventId id) {
  auto s = db.Prepare(
      "SELECT id, event_id, at, actor, action, kind, code, reason FROM sensitive_adjustments "
      "WHERE event_id IN " SB_EVENT_GROUP("?1") " ORDER BY id");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id);
  std::vector<SensitiveAdjustment> out;
  for (;;) {
    auto row = (*s)->Step();
    if (!row) return Fail(row.error());
    if (!*row) return out;
    out.push_back({(*s)->Int(0), (*s)->Int(1), FromUnixMillis((*s)->Int(2)), (*s)->Text(3), (*s)->Text(4),
                   (*s)->Text(5), (*s)->Text(6), (*s)->Text(7)});
  }
}

Status SqliteTransaction::InsertCatalogue(const CatalogueRecord& c) {
  auto s = db_.Prepare("INSERT INTO catalogues (version, yaml, created_at, created_by) VALUES (?1, ?2, ?3, ?4)");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, c.version).Bind(2, c.yaml).Bind(3, ToUnixMillis(c.created_at)).Bind(4, c.created_by);
  if (auto st = (*s)->Run(); !st) {
    if (st.error().code == ErrorCode::kConflict) {
      return Fail(Error::Make(ErrorCode::kConflict, "already_exists", "version", {{"value", c.version}}));
    }
    return st;
  }
  return {};
}

Status SqliteTransaction::UpsertRegion(const Region& r) {
  auto s = db_.Prepare(
      "INSERT INTO regions (" SB_REGION_COLUMNS
      ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(code) DO UPDATE "
      "SET name = excluded.name, level = excluded.level, parent = excluded.parent, aliases = excluded.aliases, "
      "lat = excluded.lat, lon = excluded.lon");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, r.code).Bind(2, r.name).Bind(3, LevelCode(r.level));
  if (!r.parent.empty()) (*s)->Bind(4, r.parent);
  (*s)->Bind(5, StringsText(r.aliases)).Bind(6, r.lat).Bind(7, r.lon);
  return (*s)->Run();
}

Status SqliteTransaction::UpsertUnit(const Unit& u) {
  auto s = db_.Prepare(
      "INSERT INTO units (" SB_UNIT_COLUMNS
      ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(id) DO UPDATE "
      "SET name = excluded.name, kind = excluded.kind, region = excluded.region, level = excluded.level, "
      "direct = excluded.direct, perspectives = excluded.perspectives, contact_name = excluded.contact_name, "
      "contact_phone = excluded.contact_phone");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, u.id).Bind(2, u.name).Bind(3, u.kind).Bind(4, u.region).Bind(5, LevelCode(u.level));
  (*s)->Bind(6, u.direct ? 1 : 0).Bind(7, StringsText(u.perspectives)).Bind(8, u.contact_name);
  (*s)->Bind(9, u.contact_phone);
  return (*s)->Run();
}

Result<std::int64_t> SqliteTransaction::InsertUser(const User& u) {
  auto s = db_.Prepare(
      "INSERT INTO users (name, display_name, role, unit, region, password_hash, created_at, disabled, "
      "must_change_password, origin) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, u.name).Bind(2, u.display_name).Bind(3, RoleCode(u.role));
  if (!u.unit.empty()) (*s)->Bind(4, u.unit);
  if (!u.region.empty()) (*s)->Bind(5, u.region);
  (*s)->Bind(6, u.password_hash).Bind(7, ToUnixMillis(u.created_at)).Bind(8, u.disabled ? 1 : 0);
  (*s)->Bind(9, u.must_change_password ? 1 : 0).Bind(10, u.origin);
  if (auto st = (*s)->Run(); !st) {
    if (st.error().code == ErrorCode::kConflict) {
      return Fail(Error::Make(ErrorCode::kConflict, "duplicate_name", "name", {{"value", u.name}}));
    }
    return Fail(st.error());
  }
  return db_.LastInsertId();
}

Status SqliteTransaction::InsertSession(const Session& x) {
  auto s = db_.Prepare("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, x.token_hash)
      .Bind(2, x.user_id)
      .Bind(3, ToUnixMillis(x.created_at))
      .Bind(4, ToUnixMillis(x.expires_at));
  return (*s)->Run();
}

Status SqliteTransaction::DeleteSession(std::string_view token_hash) {
  auto s = db_.Prepare("DELETE FROM sessions WHERE token_hash = ?1");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, token_hash);
  return (*s)->Run();
}

Status SqliteTransaction::Audit(std::string_view actor, std::string_view action, std::string_view target,
                                const boost::json::object& detail) {
  AuditRecord rec;
  rec.seq = head_.seq + 1;
  rec.at = now_;
  rec.actor = actor;
  rec.action = action;
  rec.target = target;
  rec.detail = boost::json::serialize(detail);
  Seal(rec, head_.hash);
  auto s = db_.Prepare("INSERT INTO audit (" SB_AUDIT_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, rec.seq).Bind(2, ToUnixMillis(rec.at)).Bind(3, rec.actor).Bind(4, rec.action).Bind(5, rec.target);
  (*s)->Bind(6, rec.detail).Bind(7, rec.prev_hash).Bind(8, rec.hash);
  if (auto st = (*s)->Run(); !st) return st;
  head_ = {rec.seq, rec.hash};
  return {};
}

}  // namespace shaobing::sqlite
