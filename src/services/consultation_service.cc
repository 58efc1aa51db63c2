#include "services/consultation_service.h"

#include <algorithm>
#include <array>

#include "services/event_refresh.h"

namespace shaobing {
namespace {

Error UnknownEvent(EventId id) {
  return Error::Make(ErrorCode::kNotFound, "unknown_event", "id", {{"value", std::to_string(id)}});
}

Error UnknownConsultation(std::int64_t id) {
  return Error::Make(ErrorCode::kNotFound, "unknown_consultation", "id", {{"value", std::to_string(id)}});
}

void CheckText(const std::string& text, const char* field, size_t max, std::vector<FieldError>& problems) {
  if (IsBlank(text)) {
    problems.push_back({"missing_field", field, {}});
  } else if (text.size() > max) {
    problems.push_back({"text_too_long", field, {{"max", std::to_string(max)}}});
  }
}

constexpr const char* kRecommendations = "report, do_not_report, escalate, watch";

Status Announce(Transaction& tx, const EventRow& root, const std::string& what) {
  return tx.Publish(ChangeRecord{.type = "consultation", .event_id = root.id, .kind = what, .region = root.region});
}

}  // namespace

bool IsExpertUnitKind(std::string_view kind) {
  static constexpr std::array<std::string_view, 9> kKinds{
      "emergency_management", "ecology_environment", "health",     "fire_rescue",         "natural_resources",
      "water_resources",      "research_institute",  "university", "housing_construction"};
  return std::find(kKinds.begin(), kKinds.end(), kind) != kKinds.end();
}

Result<std::vector<InviteeCandidate>> ConsultationService::Candidates(const Principal& who) {
  auto dir = directory_.Get();
  if (who.role != Role::kDesk || dir->regions.Find(who.region) == nullptr) {
    return Fail(Error::Make(ErrorCode::kPermissionDenied, "desk_only"));
  }
  std::vector<InviteeCandidate> out;
  auto users = store_.ListUsers();
  if (!users) return Fail(users.error());
  for (const User& u : *users) {
    if (u.role != Role::kExpert || u.disabled || !MayInvite(who.region, u.region, dir->regions)) continue;
    out.push_back({{InviteeKind::kUser, u.name}, u.display_name.empty() ? u.name : u.display_name, u.region});
  }
  for (const Unit& unit : dir->units) {
    if (!IsExpertUnitKind(unit.kind) || !MayInvite(who.region, unit.region, dir->regions)) continue;
    out.push_back({{InviteeKind::kUnit, unit.id}, unit.name, unit.region});
  }
  return out;
}

Result<Consultation> ConsultationService::Open(const Principal& who, EventId event_id, const ConsultationDraft& draft) {
  auto dir = directory_.Get();
  const Region* desk = dir->regions.Find(who.region);
  if (who.role != Role::kDesk || desk == nullptr) return Fail(Error::Denied(UnknownEvent(event_id)));
  std::vector<FieldError> problems;
  CheckText(draft.question, "question", limits_.max_question, problems);
  if (!draft.deadline) problems.push_back({"missing_field", "deadline", {}});
  if (draft.invitees.empty()) problems.push_back({"missing_field", "invitees", {}});
  if (draft.invitees.size() > limits_.max_invitees) {
    problems.push_back({"too_many", "invitees", {{"max", std::to_string(limits_.max_invitees)}}});
  }
  // Each invitee: known, of an expert kind, one the desk may call on, listed once.
  auto candidates = Candidates(who);
  if (!candidates) return Fail(candidates.error());
  for (size_t i = 0; i < draft.invitees.size() && i < limits_.max_invitees; ++i) {
    const Invitee& inv = draft.invitees[i];
    const std::string field = "invitees[" + std::to_string(i) + "]";
    const auto known = std::find_if(candidates->begin(), candidates->end(),
                                    [&](const InviteeCandidate& c) { return c.invitee == inv; });
    if (known == candidates->end()) {
      problems.push_back({"not_invitable", field, {{"value", std::string(InviteeKindCode(inv.kind)) + ":" + inv.id}}});
    } else if (std::find(draft.invitees.begin(), draft.invitees.begin() + static_cast<std::ptrdiff_t>(i), inv) !=
               draft.invitees.begin() + static_cast<std::ptrdiff_t>(i)) {
      problems.push_back({"duplicate", field, {{"value", inv.id}}});
    }
  }
  if (!problems.empty()) return Fail(Error::Invalid(std::move(problems)));
  Consultation c;
  c.question = draft.question;
  c.deadline = *draft.deadline;
  c.invitees = draft.invitees;
  c.opened_by = who.name;
  c.opened_region = desk->code;
  auto written = store_.Write([&](Transaction& tx) -> Status {
    auto root = RootEvent(tx, event_id, "id");
    if (!root) return Fail(root.error());
    if (auto s = CheckCanSee(tx, who, *root, *dir, "id", std::to_string(event_id)); !s) return s;
    const TimePoint now = tx.Now();
    if (c.deadline < now + limits_.min_deadline || c.deadline > now + limits_.max_deadline) {
      return Fail(Error::Invalid({{"deadline_out_of_range",
                                   "deadline",
                                   {{"value", FormatShanghai(c.deadline)},
                                    {"min", FormatShanghai(now + limits_.min_deadline)},
                                    {"max", FormatShanghai(now + limits_.max_deadline)}}}}));
    }
    auto earlier = tx.ConsultationsOfEvent(root->id);
    if (!earlier) return Fail(earlier.error());
    if (earlier->size() >= limits_.max_per_event) {
      return Fail(Error::Make(ErrorCode::kConflict, "too_many_consultations", "id",
                              {{"max", std::to_string(limits_.max_per_event)}}));
    }
    c.event_id = root->id;
    c.opened_at = now;
    auto id = tx.InsertConsultation(c);
    if (!id) return Fail(id.error());
    c.id = *id;
    if (auto s = Announce(tx, *root, "open"); !s) return s;
    boost::json::array invitees;
    for (const Invitee& i : c.invitees) invitees.emplace_back(std::string(InviteeKindCode(i.kind)) + ":" + i.id);
    return tx.Audit("user:" + who.name, "consultation.open", "consultation:" + std::to_string(c.id),
                    {{"event", root->id},
                     {"question", c.question},
                     {"deadline", FormatShanghai(c.deadline)},
                     {"invitees", std::move(invitees)}});
  });
  if (!written) return Fail(written.error());
  return c;
}

Result<ConsultationView> ConsultationService::Visible(const Principal& who, Consultation c) {
  auto event = store_.GetEvent(c.event_id);
  if (!event) return Fail(event.error());
  if (!*event) return Fail(Error::Internal("consultation without its event"));
  EventRow root = std::move(**event);
  if (root.merged_into) {
    auto merged = store_.GetEvent(*root.merged_into);
    if (!merged) return Fail(merged.error());
    if (*merged) root = std::move(**merged);
  }
  auto units = store_.UnitsOfEvent(root.id);
  if (!units) return Fail(units.error());
  const EventAccess access = AccessToEvent(who, root, *units, directory_.Get()->regions);
  if (!SeesConsultation(who, c, access)) return Fail(Error::Denied(UnknownConsultation(c.id)));
  ConsultationView v;
  v.answering_as = InviteeOf(who, c.invitees);
  v.may_decide = !c.decision && who.role == Role::kDesk && who.region == c.opened_region;
  v.consultation = std::move(c);
  v.event = std::move(root);
  return v;
}

Result<ConsultationView> ConsultationService::Get(const Principal& who, std::int64_t id) {
  auto c = store_.GetConsultation(id);
  if (!c) return Fail(c.error());
  if (!*c) return Fail(UnknownConsultation(id));
  return Visible(who, std::move(**c));
}

bool ConsultationService::SeesAnswer(const Principal& who, std::int64_t answer_id) {
  auto consultation = store_.ConsultationOfAnswer(answer_id);
  return consultation && *consultation && Get(who, **consultation).has_value();
}

Result<std::vector<ConsultationView>> ConsultationService::Invitations(const Principal& who, int limit) {
  std::vector<ConsultationView> out;
  std::optional<Invitee> as;
  if (who.role == Role::kExpert) as = Invitee{InviteeKind::kUser, who.name};
  if (who.role == Role::kReporter && !who.unit.empty()) as = Invitee{InviteeKind::kUnit, who.unit};
  if (!as) return out;
  auto list = store_.ConsultationsInviting(*as, limit);
  if (!list) return Fail(list.error());
  for (auto& c : *list) {
    auto v = Visible(who, std::move(c));
    if (v) out.push_back(std::move(*v));
  }
  return out;
}

Result<ConsultationAnswer> ConsultationService::Answer(const Principal& who, std::int64_t id,
                                                       const AnswerDraft& draft) {
  std::vector<FieldError> problems;
  if (!draft.risk_level.empty() && draft.risk_level != "low" && draft.risk_level != "medium" &&
      draft.risk_level != "high") {
    problems.push_back(
        {"invalid_value", "risk_level", {{"value", draft.risk_level}, {"allowed", "low, medium, high"}}});
  }
  CheckText(draft.assessment, "assessment", limits_.max_assessment, problems);
  const auto recommendation = ParseRecommendation(draft.recommendation);
  if (draft.recommendation.empty()) {
    problems.push_back({"missing_field", "recommendation", {}});
  } else if (!recommendation) {
    problems.push_back(
        {"invalid_value", "recommendation", {{"value", draft.recommendation}, {"allowed", kRecommendations}}});
  }
  if (!draft.attachments.empty() && attachments_ == nullptr)
    problems.push_back({"not_supported_yet", "attachments", {}});
  for (const std::string& sha : draft.attachments) {
    if (!IsContentId(sha)) {  // what POST /api/v1/attachments answered
      problems.push_back(
          {"invalid_value", "attachments", {{"value", sha.substr(0, 80)}, {"allowed", "SHA-256 (hex)"}}});
      break;
    }
  }
  ConsultationAnswer answer;
  auto written = store_.Write([&](Transaction& tx) -> Status {
    auto c = tx.GetConsultation(id);
    if (!c) return Fail(c.error());
    if (!*c) return Fail(UnknownConsultation(id));
    const auto as = InviteeOf(who, (*c)->invitees);
    if (!as) return Fail(Error::Denied(UnknownConsultation(id)));
    if (!problems.empty()) return Fail(Error::Invalid(problems));
    for (const auto& a : (*c)->answers) {
      if (a.invitee == *as) {
        return Fail(Error::Make(ErrorCode::kConflict, "already_answered", "id",
                                {{"at", FormatShanghai(a.answered_at)}, {"by", a.answered_by}}));
      }
    }
    answer = ConsultationAnswer{
        0, id, *as, draft.risk_level, draft.assessment, *recommendation, who.name, tx.Now(), tx.Now() > (*c)->deadline};
    auto aid = tx.InsertConsultationAnswer(answer);
    if (!aid) return Fail(aid.error());
    answer.id = *aid;
    if (!draft.attachments.empty()) {
      if (auto s = attachments_->LinkInWrite(tx, who, kConsultationAnswerOwner, answer.id, draft.attachments); !s) {
        return s;
      }
    }
    auto root = RootEvent(tx, (*c)->event_id, "id");
    if (!root) return Fail(root.error());
    if (auto s = Announce(tx, *root, "answer"); !s) return s;
    return tx.Audit("user:" + who.name, "consultation.answer", "consultation:" + std::to_string(id),
                    {{"answer", answer.id},
                     {"invitee", std::string(InviteeKindCode(as->kind)) + ":" + as->id},
                     {"risk_level", answer.risk_level},
                     {"assessment", answer.assessment},
                     {"recommendation", RecommendationCode(answer.recommendation)},
                     {"late", answer.late}});
  });
  if (!written) return Fail(written.error());
  return answer;
}

Status ConsultationService::CheckDecision(const std::string& decision, const std::string& reason) const {
  std::vector<FieldError> problems;
  if (decision.empty()) {
    problems.push_back({"missing_field", "decision", {}});
  } else if (!ParseRecommendation(decision)) {
    problems.push_back({"invalid_value", "decision", {{"value", decision}, {"allowed", kRecommendations}}});
  }
  CheckText(reason, "reason", limits_.max_reason, problems);
  if (!problems.empty()) return Fail(Error::Invalid(std::move(problems)));
  return {};
}

Result<Consultation> ConsultationService::Decide(const Principal& who, std::int64_t id, const std::string& decision,
                                                 const std::string& reason) {
  auto dir = directory_.Get();
  if (who.role != Role::kDesk) return Fail(Error::Denied(UnknownConsultation(id)));
  Consultation decided;
  auto written = store_.Write([&](Transaction& tx) -> Status {
    auto c = tx.GetConsultation(id);
    if (!c) return Fail(c.error());
    if (!*c) return Fail(UnknownConsultation(id));
    auto root = RootEvent(tx, (*c)->event_id, "id");
    if (!root) return Fail(root.error());
    if (auto s = CheckCanSee(tx, who, *root, *dir, "id", std::to_string(id)); !s) {
      return Fail(Error::Denied(UnknownConsultation(id)));
    }
    if (who.region != (*c)->opened_region) {
      return Fail(
          Error::Make(ErrorCode::kPermissionDenied, "not_opening_desk", "id", {{"region", (*c)->opened_region}}));
    }
    if (auto s = CheckDecision(decision, reason); !s) return s;
    if ((*c)->decision) {
      return Fail(Error::Make(ErrorCode::kConflict, "already_decided", "id",
                              {{"at", FormatShanghai((*c)->decision->at)}, {"by", (*c)->decision->decided_by}}));
    }
    const ConsultationDecision d{*ParseRecommendation(decision), reason, who.name, tx.Now()};
    if (auto s = tx.DecideConsultation(id, d); !s) return s;
    decided = std::move(**c);
    decided.decision = d;
    if (auto s = Announce(tx, *root, "decide"); !s) return s;
    return tx.Audit("user:" + who.name, "consultation.decide", "consultation:" + std::to_string(id),
                    {{"event", root->id}, {"decision", decision}, {"reason", reason}});
  });
  if (!written) return Fail(written.error());
  return decided;
}

Result<Consultation> ConsultationService::RecordHeld(const Principal& who, EventId event_id,
                                                     const std::string& decision, const std::string& reason) {
  auto dir = directory_.Get();
  const Region* desk = dir->regions.Find(who.region);
  if (who.role != Role::kDesk || desk == nullptr) return Fail(Error::Denied(UnknownEvent(event_id)));
  if (auto s = CheckDecision(decision, reason); !s) return Fail(s.error());
  Consultation c;
  auto written = store_.Write([&](Transaction& tx) -> Status {
    auto root = RootEvent(tx, event_id, "id");
    if (!root) return Fail(root.error());
    if (auto s = CheckCanSee(tx, who, *root, *dir, "id", std::to_string(event_id)); !s) return s;
    const TimePoint now = tx.Now();
    c = Consultation{0, root->id, "（线下会商）", now, who.name, desk->code, now, {}, {}, std::nullopt};
    auto id = tx.InsertConsultation(c);
    if (!id) return Fail(id.error());
    c.id = *id;
    c.decision = ConsultationDecision{*ParseRecommendation(decision), reason, who.name, now};
    if (auto s = tx.DecideConsultation(c.id, *c.decision); !s) return s;
    if (auto s = Announce(tx, *root, "decide"); !s) return s;
    return tx.Audit("user:" + who.name, "consultation.decide", "consultation:" + std::to_string(c.id),
                    {{"event", root->id}, {"decision", decision}, {"reason", reason}, {"held", true}});
  });
  if (!written) return Fail(written.error());
  return c;
}

}  // namespace shaobing
