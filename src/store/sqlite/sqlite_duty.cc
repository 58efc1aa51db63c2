// The SQLite engine's duty tables (migration 0014): the roster, the escalation steps and their
// acknowledgements, the duty log (parts of SqliteTransaction, and the queries its readers share).
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_transaction.h"

namespace shaobing::sqlite {
namespace {

#define SB_SHIFT_COLUMNS                                                                                \
  "id, desk_region, starts_at, ends_at, officer_account, officer_name, officer_phone, leader_account, " \
  "leader_name, leader_phone, updated_by, updated_at"
#define SB_STEP_COLUMNS \
  "id, event_id, clock_key, step, alerted_kind, alerted, alerted_name, alerted_phone, at, recorded_at"
#define SB_ACK_COLUMNS "a.id, a.step_id, a.acknowledged_by, a.at, a.held_until, a.note"
#define SB_LOG_COLUMNS "id, desk_region, kind, event_id, text, at, recorded_by, recorded_at"

DutyShift ReadShift(const Stmt& s) {
  return DutyShift{s.Int(0),
                   s.Text(1),
                   FromUnixMillis(s.Int(2)),
                   FromUnixMillis(s.Int(3)),
                   s.Text(4),
                   s.Text(5),
                   s.Text(6),
                   s.Text(7),
                   s.Text(8),
                   s.Text(9),
                   s.Text(10),
                   FromUnixMillis(s.Int(11))};
}

EscalationStep ReadStep(const Stmt& s) {
  return EscalationStep{s.Int(0),  s.Int(1),  s.Text(2), static_cast<int>(s.Int(3)), s.Text(4),
                        s.Text(5), s.Text(6), s.Text(7), FromUnixMillis(s.Int(8)),   FromUnixMillis(s.Int(9))};
}

EscalationAck ReadAck(const Stmt& s) {
  return EscalationAck{s.Int(0), s.Int(1), s.Text(2), FromUnixMillis(s.Int(3)), FromUnixMillis(s.Int(4)), s.Text(5)};
}

DutyLogEntry ReadLog(const Stmt& s) {
  return DutyLogEntry{s.Int(0),  s.Text(1),
                      s.Text(2), s.OptInt(3),
                      s.Text(4), FromUnixMillis(s.Int(5)),
                      s.Text(6), FromUnixMillis(s.Int(7))};
}

void BindShift(Stmt& s, const DutyShift& d) {
  s.Bind(1, d.desk_region).Bind(2, ToUnixMillis(d.starts_at)).Bind(3, ToUnixMillis(d.ends_at));
  s.Bind(4, d.officer_account).Bind(5, d.officer_name).Bind(6, d.officer_phone).Bind(7, d.leader_account);
  s.Bind(8, d.leader_name).Bind(9, d.leader_phone).Bind(10, d.updated_by).Bind(11, ToUnixMillis(d.updated_at));
}

}  // namespace

Result<std::vector<DutyShift>> QueryShifts(Db& db, std::string_view desk, TimePoint from, TimePoint to) {
  auto s = db.Prepare("SELECT " SB_SHIFT_COLUMNS
                      " FROM duty_shifts WHERE desk_region = ?1 AND starts_at < ?3 AND ends_at > ?2 "
                      "ORDER BY starts_at, id");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, desk).Bind(2, ToUnixMillis(from)).Bind(3, ToUnixMillis(to));
  return All<DutyShift>(**s, ReadShift);
}

Result<std::vector<EscalationStep>> QueryEscalationSteps(Db& db, EventId id) {
  auto s = db.Prepare("SELECT " SB_STEP_COLUMNS " FROM escalation_steps WHERE event_id = ?1 ORDER BY id");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id);
  return All<EscalationStep>(**s, ReadStep);
}

Result<std::vector<EscalationAck>> QueryEscalationAcks(Db& db, EventId id) {
  auto s = db.Prepare("SELECT " SB_ACK_COLUMNS
                      " FROM escalation_acks a JOIN escalation_steps e ON e.id = a.step_id WHERE e.event_id = ?1 "
                      "ORDER BY a.id");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id);
  return All<EscalationAck>(**s, ReadAck);
}

Result<std::vector<DutyLogEntry>> QueryDutyLog(Db& db, std::string_view desk, TimePoint from, TimePoint to, int limit) {
  auto s = db.Prepare("SELECT " SB_LOG_COLUMNS
                      " FROM duty_log WHERE desk_region = ?1 AND at >= ?2 AND at < ?3 ORDER BY at, id LIMIT ?4");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, desk).Bind(2, ToUnixMillis(from)).Bind(3, ToUnixMillis(to)).Bind(4, limit);
  return All<DutyLogEntry>(**s, ReadLog);
}

Result<std::vector<DutyShift>> SqliteTransaction::ShiftsOf(std::string_view desk, TimePoint from, TimePoint to) {
  return QueryShifts(db_, desk, from, to);
}

Result<std::optional<DutyShift>> SqliteTransaction::GetShift(std::int64_t id) {
  auto s = db_.Prepare("SELECT " SB_SHIFT_COLUMNS " FROM duty_shifts WHERE id = ?1");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id);
  auto rows = All<DutyShift>(**s, ReadShift);
  if (!rows) return Fail(rows.error());
  if (rows->empty()) return std::optional<DutyShift>();
  return std::optional<DutyShift>(std::move(rows->front()));
}

Result<std::int64_t> SqliteTransaction::InsertShift(const DutyShift& d) {
  auto s = db_.Prepare(
      "INSERT INTO duty_shifts (desk_region, starts_at, ends_at, officer_account, officer_name, officer_phone, "
      "leader_account, leader_name, leader_phone, updated_by, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  if (!s) return Fail(s.error());
  BindShift(**s, d);
  if (auto st = (*s)->Run(); !st) return Fail(st.error());
  return db_.LastInsertId();
}

Status SqliteTransaction::UpdateShift(const DutyShift& d) {
  auto s = db_.Prepare(
      "UPDATE duty_shifts SET desk_region = ?1, starts_at = ?2, ends_at = ?3, officer_account = ?4, "
      "officer_name = ?5, officer_phone = ?6, leader_account = ?7, leader_name = ?8, leader_phone = ?9, "
      "updated_by = ?10, updated_at = ?11 WHERE id = ?12");
  if (!s) return Fail(s.error());
  BindShift(**s, d);
  (*s)->Bind(12, d.id);
  return (*s)->Run();
}

Status SqliteTransaction::DeleteShift(std::int64_t id) {
  auto s = db_.Prepare("DELETE FROM duty_shifts WHERE id = ?1");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id);
  return (*s)->Run();
}

Result<std::vector<EscalationStep>> SqliteTransaction::EscalationStepsOfEvent(EventId id) {
  return QueryEscalationSteps(db_, id);
}

Result<std::optional<EscalationStep>> SqliteTransaction::GetEscalationStep(std::int64_t id) {
  auto s = db_.Prepare("SELECT " SB_STEP_COLUMNS " FROM escalation_steps WHERE id = ?1");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id);
  auto rows = All<EscalationStep>(**s, ReadStep);
  if (!rows) return Fail(rows.error());
  if (rows->empty()) return std::optional<EscalationStep>();
  return std::optional<EscalationStep>(std::move(rows->front()));
}

Result<std::int64_t> SqliteTransaction::InsertEscalationStep(const EscalationStep& e) {
  auto s = db_.Prepare(
      "INSERT INTO escalation_steps (event_id, clock_key, step, alerted_kind, alerted, alerted_name, alerted_phone, "
      "at, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, e.event_id).Bind(2, e.clock_key).Bind(3, e.step).Bind(4, e.alerted_kind).Bind(5, e.alerted);
  (*s)->Bind(6, e.alerted_name).Bind(7, e.alerted_phone).Bind(8, ToUnixMillis(e.at));
  (*s)->Bind(9, ToUnixMillis(e.recorded_at));
  if (auto st = (*s)->Run(); !st) {
    if (st.error().code == ErrorCode::kConflict) {
      return Fail(Error::Make(ErrorCode::kConflict, "escalation_step_taken", "step",
                              {{"clock", e.clock_key}, {"value", std::to_string(e.step)}}));
    }
    return Fail(st.error());
  }
  return db_.LastInsertId();
}

Result<std::vector<EscalationAck>> SqliteTransaction::EscalationAcksOfEvent(EventId id) {
  return QueryEscalationAcks(db_, id);
}

Result<std::int64_t> SqliteTransaction::InsertEscalationAck(const EscalationAck& a) {
  auto s = db_.Prepare(
      "INSERT INTO escalation_acks (step_id, acknowledged_by, at, held_until, note) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, a.step_id).Bind(2, a.acknowledged_by).Bind(3, ToUnixMillis(a.at)).Bind(4, ToUnixMillis(a.held_until));
  (*s)->Bind(5, a.note);
  if (auto st = (*s)->Run(); !st) return Fail(st.error());
  return db_.LastInsertId();
}

Result<std::int64_t> SqliteTransaction::InsertDutyLog(const DutyLogEntry& e) {
  auto s = db_.Prepare(
      "INSERT INTO duty_log (desk_region, kind, event_id, text, at, recorded_by, recorded_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, e.desk_region).Bind(2, e.kind).Bind(3, e.event_id).Bind(4, e.text).Bind(5, ToUnixMillis(e.at));
  (*s)->Bind(6, e.recorded_by).Bind(7, ToUnixMillis(e.recorded_at));
  if (auto st = (*s)->Run(); !st) return Fail(st.error());
  return db_.LastInsertId();
}

}  // namespace shaobing::sqlite
