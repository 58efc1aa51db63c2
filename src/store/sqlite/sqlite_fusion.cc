#include "store/sqlite/sqlite_fusion.h"

#include <boost/json.hpp>

#include "store/sqlite/sqlite_rows.h"

namespace shaobing::sqlite {
namespace json = boost::json;

namespace {

#define SB_LINK_COLUMNS \
  "report_id, filing_id, event_id, action, at, evidence, task_status, task_by, task_at, task_reason"

// A stored code that no value of the domain has: the row is not one this program wrote.
Error UnknownCode(const char* table, std::int64_t key, const char* column, const std::string& code) {
  return Error::Internal("stored " + std::string(table) + " " + std::to_string(key) + " has an unknown " + column +
                         " \"" + code + "\"");
}

Result<LinkRecord> ReadLink(const Stmt& s) {
  LinkRecord r;
  r.report_id = s.Int(0);
  r.filing_id = s.Int(1);
  r.event_id = s.Int(2);
  const std::string action = s.Text(3);
  const auto parsed_action = fusion::ParseLinkAction(action);
  if (!parsed_action) return Fail(UnknownCode("link decision", r.report_id, "action", action));
  r.action = *parsed_action;
  r.at = FromUnixMillis(s.Int(4));
  r.evidence = s.Text(5);
  const std::string task = s.Text(6);
  const auto parsed_task = fusion::ParseTaskState(task);
  if (!parsed_task) return Fail(UnknownCode("link decision", r.report_id, "task_status", task));
  r.task_status = *parsed_task;
  r.task_by = s.Text(7);
  if (auto t = s.OptInt(8)) r.task_at = FromUnixMillis(*t);
  r.task_reason = s.Text(9);
  return r;
}

#define SB_OPERATION_COLUMNS \
  "id, kind, event_id, other_event_id, moves, units, reason, actor, at, undone_at, undone_by, undo_reason"

std::vector<FilingMove> ParseMoves(const std::string& text) {
  std::vector<FilingMove> out;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& m : v.get_array()) {
    if (!m.is_object()) continue;
    const auto& o = m.get_object();
    auto id = [&](const char* key) -> std::optional<EventId> {
      const auto* x = o.if_contains(key);
      return x && x->is_int64() ? std::optional<EventId>(x->get_int64()) : std::nullopt;
    };
    out.push_back({id("filing").value_or(0), id("before"), id("after")});
  }
  return out;
}

Result<EventOperation> ReadOperation(const Stmt& s) {
  EventOperation op;
  op.id = s.Int(0);
  const std::string kind = s.Text(1);
  const auto parsed_kind = fusion::ParseOperationKind(kind);
  if (!parsed_kind) return Fail(UnknownCode("event operation", op.id, "kind", kind));
  op.kind = *parsed_kind;
  op.event_id = s.Int(2);
  op.other_event_id = s.Int(3);
  op.moves = ParseMoves(s.Text(4));
  op.units = ParseStringsText(s.Text(5));
  op.reason = s.Text(6);
  op.actor = s.Text(7);
  op.at = FromUnixMillis(s.Int(8));
  if (auto t = s.OptInt(9)) op.undone_at = FromUnixMillis(*t);
  op.undone_by = s.Text(10);
  op.undo_reason = s.Text(11);
  return op;
}

FigureResolution ReadResolution(const Stmt& s) {
  return {s.Int(0), s.Int(1), s.Text(2), s.Double(3), s.Text(4), s.Text(5), FromUnixMillis(s.Int(6))};
}

Result<std::vector<Report>> ReadReports(Stmt& s) {
  std::vector<Report> out;
  for (;;) {
    auto row = s.Step();
    if (!row) return Fail(row.error());
    if (!*row) return out;
    auto r = ReadReport(s);
    if (!r) return Fail(r.error());
    out.push_back(std::move(*r));
  }
}

}  // namespace

Result<std::vector<EventRow>> QueryFilings(Db& db, EventId root) {
  auto s = db.Prepare("SELECT " SB_EVENT_COLUMNS " FROM events WHERE id IN " SB_EVENT_GROUP("?1") " ORDER BY id");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, root);
  return All<EventRow>(**s, ReadEvent);
}

Result<std::vector<Report>> QueryReportsSince(Db& db, TimePoint since) {
  auto s = db.Prepare(SB_REPORT_SELECT "WHERE r.received_at >= ?1 ORDER BY r.id");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, ToUnixMillis(since));
  return ReadReports(**s);
}

Status InsertLinkRow(Db& db, const LinkRecord& r) {
  auto s = db.Prepare("INSERT INTO link_decisions (" SB_LINK_COLUMNS
                      ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULLIF(?7, ''), NULLIF(?8, ''), ?9, NULLIF(?10, ''))");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, r.report_id)
      .Bind(2, r.filing_id)
      .Bind(3, r.event_id)
      .Bind(4, fusion::ToString(r.action))
      .Bind(5, ToUnixMillis(r.at));
  (*s)->Bind(6, r.evidence).Bind(7, fusion::ToString(r.task_status)).Bind(8, r.task_by);
  if (r.task_at) (*s)->Bind(9, ToUnixMillis(*r.task_at));
  (*s)->Bind(10, r.task_reason);
  return (*s)->Run();
}

Result<std::optional<LinkRecord>> QueryLink(Db& db, ReportId report_id) {
  auto s = db.Prepare("SELECT " SB_LINK_COLUMNS " FROM link_decisions WHERE report_id = ?1");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, report_id);
  return One<LinkRecord>(**s, ReadLink);
}

Result<std::optional<LinkRecord>> QueryLinkOfFiling(Db& db, EventId filing) {
  auto s = db.Prepare("SELECT " SB_LINK_COLUMNS " FROM link_decisions WHERE filing_id = ?1 ORDER BY report_id LIMIT 1");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, filing);
  return One<LinkRecord>(**s, ReadLink);
}

Status UpdateLinkTaskRow(Db& db, const LinkRecord& r) {
  auto s = db.Prepare(
      "UPDATE link_decisions SET task_status = NULLIF(?2, ''), task_by = NULLIF(?3, ''), task_at = ?4, "
      "task_reason = NULLIF(?5, '') WHERE report_id = ?1");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, r.report_id).Bind(2, fusion::ToString(r.task_status)).Bind(3, r.task_by);
  if (r.task_at) (*s)->Bind(4, ToUnixMillis(*r.task_at));
  (*s)->Bind(5, r.task_reason);
  return (*s)->Run();
}

Result<std::vector<LinkRecord>> QueryLinksOfEvent(Db& db, EventId root) {
  auto s = db.Prepare("SELECT " SB_LINK_COLUMNS
                      " FROM link_decisions WHERE filing_id IN " SB_EVENT_GROUP("?1") " ORDER BY report_id");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, root);
  return All<LinkRecord>(**s, ReadLink);
}

Result<std::vector<LinkRecord>> QueryPendingLinkTasks(Db& db) {
  auto s =
      db.Prepare("SELECT " SB_LINK_COLUMNS " FROM link_decisions WHERE task_status = 'pending' ORDER BY report_id");
  if (!s) return Fail(s.error());
  return All<LinkRecord>(**s, ReadLink);
}

Result<std::int64_t> InsertOperationRow(Db& db, const EventOperation& op) {
  auto s = db.Prepare(
      "INSERT INTO event_operations (kind, event_id, other_event_id, moves, units, reason, actor, at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, fusion::ToString(op.kind))
      .Bind(2, op.event_id)
      .Bind(3, op.other_event_id)
      .Bind(4, json::serialize(FilingMovesJson(op.moves)));
  (*s)->Bind(5, StringsText(op.units)).Bind(6, op.reason).Bind(7, op.actor).Bind(8, ToUnixMillis(op.at));
  if (auto st = (*s)->Run(); !st) return Fail(st.error());
  return db.LastInsertId();
}

Result<std::optional<EventOperation>> QueryOperation(Db& db, std::int64_t id) {
  auto s = db.Prepare("SELECT " SB_OPERATION_COLUMNS " FROM event_operations WHERE id = ?1");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id);
  return One<EventOperation>(**s, ReadOperation);
}

Status MarkOperationUndoneRow(Db& db, const EventOperation& op) {
  auto s = db.Prepare("UPDATE event_operations SET undone_at = ?2, undone_by = ?3, undo_reason = ?4 WHERE id = ?1");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, op.id).Bind(2, op.undone_at ? ToUnixMillis(*op.undone_at) : 0).Bind(3, op.undone_by);
  (*s)->Bind(4, op.undo_reason);
  return (*s)->Run();
}

Result<std::vector<EventOperation>> QueryOperationsOfEvent(Db& db, EventId id) {
  auto s = db.Prepare("SELECT " SB_OPERATION_COLUMNS
                      " FROM event_operations WHERE event_id = ?1 OR other_event_id = ?1 ORDER BY id");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id);
  return All<EventOperation>(**s, ReadOperation);
}

Result<std::int64_t> InsertResolutionRow(Db& db, const FigureResolution& r) {
  auto s = db.Prepare(
      "INSERT INTO figure_resolutions (event_id, figure, value, reason, actor, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, r.event_id).Bind(2, r.figure).Bind(3, r.value).Bind(4, r.reason).Bind(5, r.actor);
  (*s)->Bind(6, ToUnixMillis(r.at));
  if (auto st = (*s)->Run(); !st) return Fail(st.error());
  return db.LastInsertId();
}

Result<std::vector<FigureResolution>> QueryResolutions(Db& db, EventId root) {
  auto s = db.Prepare(
      "SELECT id, event_id, figure, value, reason, actor, at FROM figure_resolutions "
      "WHERE event_id IN " SB_EVENT_GROUP("?1") " ORDER BY id");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, root);
  return All<FigureResolution>(**s, ReadResolution);
}

}  // namespace shaobing::sqlite
