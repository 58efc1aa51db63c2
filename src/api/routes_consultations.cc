// Consultations (会商, A4): POST/GET on /api/v1/events/{id}/consultations… for the desk,
// /api/v1/consultations… for everyone a consultation concerns (services/consultation_service.h).
#include <boost/json.hpp>

#include "api/api.h"
#include "api/query_params.h"
#include "views/attachment_json.h"
#include "views/consultation_json.h"

namespace shaobing::api {
namespace json = boost::json;

namespace {

// The invitees of the open form: [{"kind":"user"|"unit","id":"…"}].
std::vector<Invitee> InviteesField(const json::object& body, std::vector<FieldError>& problems) {
  std::vector<Invitee> out;
  const auto* v = body.if_contains("invitees");
  if (v == nullptr || v->is_null()) return out;
  if (!v->is_array()) {
    problems.push_back({"wrong_type", "invitees", {{"expected", "array"}}});
    return out;
  }
  size_t i = 0;
  for (const auto& item : v->get_array()) {
    const std::string field = "invitees[" + std::to_string(i++) + "]";
    const auto* o = item.if_object();
    const auto* kind = o != nullptr ? o->if_contains("kind") : nullptr;
    const auto* id = o != nullptr ? o->if_contains("id") : nullptr;
    if (kind == nullptr || id == nullptr || !kind->is_string() || !id->is_string() || o->size() != 2) {
      problems.push_back({"wrong_type", field, {{"expected", "{\"kind\",\"id\"}"}}});
      continue;
    }
    const auto k = ParseInviteeKind(kind->get_string());
    if (!k) {
      problems.push_back(
          {"invalid_value", field, {{"value", std::string(kind->get_string())}, {"allowed", "user, unit"}}});
      continue;
    }
    out.push_back({*k, std::string(id->get_string())});
  }
  return out;
}

// The attachments seam: an array of sha256 strings, accepted by the parser and refused by the
// service until attachments are stored.
std::vector<std::string> AttachmentsField(const json::object& body, std::vector<FieldError>& problems) {
  std::vector<std::string> out;
  const auto* v = body.if_contains("attachments");
  if (v == nullptr || v->is_null()) return out;
  if (!v->is_array()) {
    problems.push_back({"wrong_type", "attachments", {{"expected", "array"}}});
    return out;
  }
  for (const auto& item : v->get_array()) {
    if (!item.is_string()) {
      problems.push_back({"wrong_type", "attachments", {{"expected", "string[]"}}});
      return out;
    }
    out.emplace_back(item.get_string());
  }
  return out;
}

}  // namespace

Status AddAnswerAttachments(ApiDeps& deps, const std::vector<json::object*>& consultations) {
  if (deps.attachments == nullptr) return {};
  std::vector<std::int64_t> ids;
  for (const json::object* c : consultations) {
    for (const auto& a : c->at("answers").as_array()) ids.push_back(a.at("id").as_int64());
  }
  if (ids.empty()) return {};
  auto attached = deps.attachments->OfOwners(kConsultationAnswerOwner, ids);
  if (!attached) return Fail(attached.error());
  for (json::object* c : consultations) views::AddOwnedAttachments(*c, "answers", *attached);
  return {};
}

namespace {

// A consultation as one caller sees it, its answers with their attachments; false when it
// replied the error.
bool ReplyConsultation(Context& ctx, ApiDeps& deps, const ConsultationView& v, int status) {
  json::object o = views::ConsultationViewJson(v, deps.clock.Now(), *deps.directory.Get(), ctx.locale);
  if (auto s = AddAnswerAttachments(deps, {&o}); !s) {
    ctx.ReplyError(s.error());
    return false;
  }
  ctx.Reply(status, o);
  return true;
}

}  // namespace

void AddConsultationRoutes(Router& router, ApiDeps& deps) {
  ConsultationService& service = *deps.consultations;

  // Whom the caller's desk may invite (the open form's list).
  router.Add("GET", "/api/v1/consultation-candidates", Access::Only({Role::kDesk}), [&service](Context& ctx) {
    auto list = service.Candidates(ctx.who());
    if (!list) return ctx.ReplyError(list.error());
    json::array items;
    for (const auto& c : *list) {
      items.push_back(json::object{
          {"kind", InviteeKindCode(c.invitee.kind)}, {"id", c.invitee.id}, {"name", c.name}, {"region", c.region}});
    }
    ctx.Reply(200, json::object{{"candidates", std::move(items)}});
  });

  // The desk opens a consultation on an event: question, deadline, invitees.
  router.Add("POST", "/api/v1/events/{id}/consultations", Access::Only({Role::kDesk}), [&deps, &service](Context& ctx) {
    const auto id = IdParam(ctx, "unknown_event");
    if (!id) return;
    auto body = JsonBody(ctx.request);
    if (!body) return ctx.ReplyError(body.error());
    std::vector<FieldError> problems;
    RejectUnknown(*body, {"question", "deadline", "invitees"}, problems);
    ConsultationDraft draft;
    draft.question = StringField(*body, "question", problems);
    draft.deadline = TimeField(*body, "deadline", problems);
    draft.invitees = InviteesField(*body, problems);
    if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
    auto opened = service.Open(ctx.who(), *id, draft);
    if (!opened) return ctx.ReplyError(opened.error());
    const TimePoint now = deps.clock.Now();
    ctx.Reply(201,
              views::ConsultationJson(*opened, ConsultationClocksOf(*opened, now), *deps.directory.Get(), ctx.locale));
  });

  // The consultations inviting the caller (its account or its unit), newest first.
  router.Add("GET", "/api/v1/consultations", Access::AnyUser(), [&deps, &service](Context& ctx) {
    std::vector<FieldError> problems;
    const int limit = LimitParam(ctx.request, 50, problems);
    if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
    auto list = service.Invitations(ctx.who(), limit);
    if (!list) return ctx.ReplyError(list.error());
    auto dir = deps.directory.Get();
    const TimePoint now = deps.clock.Now();
    json::array items;
    for (const auto& v : *list) items.push_back(views::ConsultationViewJson(v, now, *dir, ctx.locale));
    std::vector<json::object*> shown;
    for (auto& item : items) shown.push_back(&item.as_object());
    if (auto s = AddAnswerAttachments(deps, shown); !s) return ctx.ReplyError(s.error());
    ctx.Reply(200, json::object{{"consultations", std::move(items)}});
  });

  router.Add("GET", "/api/v1/consultations/{id}", Access::AnyUser(), [&deps, &service](Context& ctx) {
    const auto id = IdParam(ctx, "unknown_consultation");
    if (!id) return;
    auto v = service.Get(ctx.who(), *id);
    if (!v) return ctx.ReplyError(v.error());
    ReplyConsultation(ctx, deps, *v, 200);
  });

  // An invitee's answer: risk assessment, recommendation, optional risk level.
  router.Add("POST", "/api/v1/consultations/{id}/answers", Access::Only({Role::kExpert, Role::kReporter}),
             [&deps, &service](Context& ctx) {
               const auto id = IdParam(ctx, "unknown_consultation");
               if (!id) return;
               auto body = JsonBody(ctx.request);
               if (!body) return ctx.ReplyError(body.error());
               std::vector<FieldError> problems;
               RejectUnknown(*body, {"risk_level", "assessment", "recommendation", "attachments"}, problems);
               AnswerDraft draft;
               draft.risk_level = StringField(*body, "risk_level", problems);
               draft.assessment = StringField(*body, "assessment", problems);
               draft.recommendation = StringField(*body, "recommendation", problems);
               draft.attachments = AttachmentsField(*body, problems);
               if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
               auto answered = service.Answer(ctx.who(), *id, draft);
               if (!answered) return ctx.ReplyError(answered.error());
               auto v = service.Get(ctx.who(), *id);
               if (!v) return ctx.ReplyError(v.error());
               ReplyConsultation(ctx, deps, *v, 201);
             });

  // The opening desk's decision with its reason, once.
  router.Add("POST", "/api/v1/consultations/{id}/decision", Access::Only({Role::kDesk}),
             [&deps, &service](Context& ctx) {
               const auto id = IdParam(ctx, "unknown_consultation");
               if (!id) return;
               auto body = JsonBody(ctx.request);
               if (!body) return ctx.ReplyError(body.error());
               std::vector<FieldError> problems;
               RejectUnknown(*body, {"decision", "reason"}, problems);
               const std::string decision = StringField(*body, "decision", problems);
               const std::string reason = StringField(*body, "reason", problems);
               if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
               auto decided = service.Decide(ctx.who(), *id, decision, reason);
               if (!decided) return ctx.ReplyError(decided.error());
               auto v = service.Get(ctx.who(), *id);
               if (!v) return ctx.ReplyError(v.error());
               ReplyConsultation(ctx, deps, *v, 200);
             });
}

}  // namespace shaobing::api
