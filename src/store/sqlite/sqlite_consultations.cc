// The SQLite engine's consultations (会商, migration 0013): parts of SqliteTransaction and the
// queries its readers share. A consultation is read with its invitees and answers.
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_transaction.h"

namespace shaobing::sqlite {
namespace {

#define SB_CONSULTATION_COLUMNS                                                                           \
  "id, event_id, question, deadline, opened_by, opened_region, opened_at, decision, reason, decided_by, " \
  "decided_at"
#define SB_ANSWER_COLUMNS                                                                             \
  "id, consultation_id, invitee_kind, invitee, risk_level, assessment, recommendation, answered_by, " \
  "answered_at, late"

Consultation ReadConsultation(const Stmt& s) {
  Consultation c;
  c.id = s.Int(0);
  c.event_id = s.Int(1);
  c.question = s.Text(2);
  c.deadline = FromUnixMillis(s.Int(3));
  c.opened_by = s.Text(4);
  c.opened_region = s.Text(5);
  c.opened_at = FromUnixMillis(s.Int(6));
  if (!s.IsNull(7)) {
    // The schema's CHECK keeps the code valid.
    c.decision = ConsultationDecision{ParseRecommendation(s.Text(7)).value_or(Recommendation::kWatch), s.Text(8),
                                      s.Text(9), FromUnixMillis(s.Int(10))};
  }
  return c;
}

ConsultationAnswer ReadAnswer(const Stmt& s) {
  ConsultationAnswer a;
  a.id = s.Int(0);
  a.consultation_id = s.Int(1);
  a.invitee = {ParseInviteeKind(s.Text(2)).value_or(InviteeKind::kUser), s.Text(3)};
  a.risk_level = s.Text(4);
  a.assessment = s.Text(5);
  a.recommendation = ParseRecommendation(s.Text(6)).value_or(Recommendation::kWatch);
  a.answered_by = s.Text(7);
  a.answered_at = FromUnixMillis(s.Int(8));
  a.late = s.Int(9) != 0;
  return a;
}

// Fills the invitees and answers of each consultation read.
Status Complete(Db& db, std::vector<Consultation>& list) {
  for (Consultation& c : list) {
    auto s = db.Prepare("SELECT kind, invitee FROM consultation_invitees WHERE consultation_id = ?1 ORDER BY rowid");
    if (!s) return Fail(s.error());
    (*s)->Bind(1, c.id);
    auto invitees = All<Invitee>(**s, [](const Stmt& st) {
      return Invitee{ParseInviteeKind(st.Text(0)).value_or(InviteeKind::kUser), st.Text(1)};
    });
    if (!invitees) return Fail(invitees.error());
    c.invitees = std::move(*invitees);
    auto a =
        db.Prepare("SELECT " SB_ANSWER_COLUMNS " FROM consultation_answers WHERE consultation_id = ?1 ORDER BY id");
    if (!a) return Fail(a.error());
    (*a)->Bind(1, c.id);
    auto answers = All<ConsultationAnswer>(**a, ReadAnswer);
    if (!answers) return Fail(answers.error());
    c.answers = std::move(*answers);
  }
  return {};
}

}  // namespace

Result<std::int64_t> SqliteTransaction::InsertConsultation(const Consultation& c) {
  auto s = db_.Prepare(
      "INSERT INTO consultations (event_id, question, deadline, opened_by, opened_region, opened_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, c.event_id)
      .Bind(2, c.question)
      .Bind(3, ToUnixMillis(c.deadline))
      .Bind(4, c.opened_by)
      .Bind(5, c.opened_region)
      .Bind(6, ToUnixMillis(c.opened_at));
  if (auto st = (*s)->Run(); !st) return Fail(st.error());
  const std::int64_t id = db_.LastInsertId();
  for (const Invitee& i : c.invitees) {
    auto in = db_.Prepare("INSERT INTO consultation_invitees (consultation_id, kind, invitee) VALUES (?1, ?2, ?3)");
    if (!in) return Fail(in.error());
    (*in)->Bind(1, id).Bind(2, InviteeKindCode(i.kind)).Bind(3, i.id);
    if (auto st = (*in)->Run(); !st) return Fail(st.error());
  }
  return id;
}

Result<std::optional<Consultation>> SqliteTransaction::GetConsultation(std::int64_t id) {
  return QueryConsultation(db_, id);
}

Result<std::int64_t> SqliteTransaction::InsertConsultationAnswer(const ConsultationAnswer& a) {
  auto s = db_.Prepare(
      "INSERT INTO consultation_answers (consultation_id, invitee_kind, invitee, risk_level, "
      "assessment, recommendation, answered_by, answered_at, late) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, a.consultation_id)
      .Bind(2, InviteeKindCode(a.invitee.kind))
      .Bind(3, a.invitee.id)
      .Bind(4, a.risk_level)
      .Bind(5, a.assessment)
      .Bind(6, RecommendationCode(a.recommendation))
      .Bind(7, a.answered_by)
      .Bind(8, ToUnixMillis(a.answered_at))
      .Bind(9, a.late ? 1 : 0);
  if (auto st = (*s)->Run(); !st) return Fail(st.error());
  return db_.LastInsertId();
}

Status SqliteTransaction::DecideConsultation(std::int64_t id, const ConsultationDecision& d) {
  auto s = db_.Prepare(
      "UPDATE consultations SET decision = ?2, reason = ?3, decided_by = ?4, decided_at = ?5 "
      "WHERE id = ?1 AND decision IS NULL");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id)
      .Bind(2, RecommendationCode(d.decision))
      .Bind(3, d.reason)
      .Bind(4, d.decided_by)
      .Bind(5, ToUnixMillis(d.at));
  if (auto st = (*s)->Run(); !st) return Fail(st.error());
  if (sqlite3_changes(db_.raw()) == 0) {
    return Fail(Error::Make(ErrorCode::kConflict, "already_decided", "id", {{"value", std::to_string(id)}}));
  }
  return {};
}

Result<std::vector<Consultation>> SqliteTransaction::ConsultationsOfEvent(EventId id) {
  return QueryConsultationsOfEvent(db_, id);
}

Result<std::vector<Consultation>> QueryConsultationsOfEvent(Db& db, EventId id) {
  auto s = db.Prepare("SELECT " SB_CONSULTATION_COLUMNS
                      " FROM consultations WHERE event_id IN " SB_EVENT_GROUP("?1") " ORDER BY id");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id);
  auto list = All<Consultation>(**s, ReadConsultation);
  if (!list) return Fail(list.error());
  if (auto st = Complete(db, *list); !st) return Fail(st.error());
  return list;
}

Result<std::optional<Consultation>> QueryConsultation(Db& db, std::int64_t id) {
  auto s = db.Prepare("SELECT " SB_CONSULTATION_COLUMNS " FROM consultations WHERE id = ?1");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id);
  auto one = One<Consultation>(**s, ReadConsultation);
  if (!one) return Fail(one.error());
  if (!*one) return std::optional<Consultation>();
  std::vector<Consultation> list{std::move(**one)};
  if (auto st = Complete(db, list); !st) return Fail(st.error());
  return std::optional<Consultation>(std::move(list.front()));
}

Result<std::vector<Consultation>> QueryConsultationsInviting(Db& db, const Invitee& invitee, int limit) {
  auto s = db.Prepare("SELECT " SB_CONSULTATION_COLUMNS
                      " FROM consultations WHERE id IN (SELECT consultation_id FROM consultation_invitees "
                      "WHERE kind = ?1 AND invitee = ?2) ORDER BY id DESC LIMIT ?3");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, InviteeKindCode(invitee.kind)).Bind(2, invitee.id).Bind(3, limit);
  auto list = All<Consultation>(**s, ReadConsultation);
  if (!list) return Fail(list.error());
  if (auto st = Complete(db, *list); !st) return Fail(st.error());
  return list;
}

}  // namespace shaobing::sqlite
