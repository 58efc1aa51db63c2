// The duty of the desks: rosters (GET/POST /api/v1/duty/roster, /api/v1/duty/shifts[/{id}]),
// the duty log (GET/POST /api/v1/duty/log) and the acknowledgement of an overdue clock's
// escalation (POST /api/v1/escalations/{id}/acknowledgement). Scope: DutyService,
// EscalationService.
#include <boost/json.hpp>

#include "api/api.h"
#include "views/duty_json.h"

namespace shaobing::api {
namespace json = boost::json;
namespace {

bool ReadShift(Context& ctx, ShiftDraft& draft) {
  auto body = JsonBody(ctx.request);
  if (!body) {
    ctx.ReplyError(body.error());
    return false;
  }
  std::vector<FieldError> problems;
  RejectUnknown(*body, {"starts_at", "ends_at", "officer", "officer_phone", "leader", "leader_phone"}, problems);
  draft.starts_at = TimeField(*body, "starts_at", problems);
  draft.ends_at = TimeField(*body, "ends_at", problems);
  draft.officer = StringField(*body, "officer", problems);
  draft.officer_phone = StringField(*body, "officer_phone", problems);
  draft.leader = StringField(*body, "leader", problems);
  draft.leader_phone = StringField(*body, "leader_phone", problems);
  if (!problems.empty()) {
    ctx.ReplyError(Error::Invalid(std::move(problems)));
    return false;
  }
  return true;
}

json::array ShiftsJson(const std::vector<DutyShift>& shifts) {
  json::array out;
  for (const auto& s : shifts) out.push_back(views::ShiftJson(s));
  return out;
}

// By default the Beijing day of now.
bool RangeOf(Context& ctx, TimePoint now, TimePoint& from, TimePoint& to) {
  const TimePoint day = *ParseIsoTime(FormatShanghai(now).substr(0, 10) + "T00:00:00+08:00");
  return DutyRange(ctx, day, day + std::chrono::hours(24), from, to);
}

}  // namespace

std::string DeskParam(const Context& ctx) {
  const auto it = ctx.request.query.find("desk");
  return it == ctx.request.query.end() ? std::string() : it->second;
}

bool DutyRange(Context& ctx, TimePoint default_from, TimePoint default_to, TimePoint& from, TimePoint& to) {
  std::vector<FieldError> problems;
  from = default_from;
  to = default_to;
  for (auto [key, out] : {std::pair{"from", &from}, std::pair{"to", &to}}) {
    const auto it = ctx.request.query.find(key);
    if (it == ctx.request.query.end()) continue;
    auto t = ParseRosterTime(it->second);
    if (!t) {
      problems.push_back({"invalid_query", key, {{"value", it->second}}});
      continue;
    }
    *out = *t;
  }
  if (!problems.empty()) {
    ctx.ReplyError(Error::Invalid(std::move(problems)));
    return false;
  }
  return true;
}

void AddDutyRoutes(Router& router, ApiDeps& deps) {
  DutyService& duty = *deps.duty;
  const auto readers = Access::Only({Role::kDesk, Role::kLeader});

  // The desk's shifts overlapping [from, to) (default: today), with who is on duty now.
  router.Add("GET", "/api/v1/duty/roster", readers, [&duty, &deps](Context& ctx) {
    TimePoint from, to;
    if (!RangeOf(ctx, deps.clock.Now(), from, to)) return;
    auto shifts = duty.Roster(ctx.who(), DeskParam(ctx), from, to);
    if (!shifts) return ctx.ReplyError(shifts.error());
    const TimePoint now = deps.clock.Now();
    auto on_duty = duty.Roster(ctx.who(), DeskParam(ctx), now, now + std::chrono::milliseconds(1));
    if (!on_duty) return ctx.ReplyError(on_duty.error());
    auto desk = duty.ReadableDesk(ctx.who(), DeskParam(ctx));
    ctx.Reply(200, json::object{{"desk", *desk},
                                {"from", FormatShanghai(from)},
                                {"to", FormatShanghai(to)},
                                {"on_duty", on_duty->empty() ? json::value(nullptr)
                                                             : json::value(views::ShiftJson(on_duty->front()))},
                                {"shifts", ShiftsJson(*shifts)}});
  });

  // Imports a roster: {"csv": "<the CSV text>"} (an XLSX file is turned into this CSV in the
  // browser). Replaces the desk's shifts over the file's span.
  router.Add("POST", "/api/v1/duty/roster", Access::Only({Role::kDesk}), [&duty](Context& ctx) {
    auto body = JsonBody(ctx.request);
    if (!body) return ctx.ReplyError(body.error());
    std::vector<FieldError> problems;
    RejectUnknown(*body, {"csv"}, problems);
    const std::string csv = StringField(*body, "csv", problems);
    if (csv.empty() && problems.empty()) problems.push_back({"missing_field", "csv", {}});
    if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
    auto shifts = duty.ImportRoster(ctx.who(), DeskParam(ctx), csv);
    if (!shifts) return ctx.ReplyError(shifts.error());
    ctx.Reply(201, json::object{{"imported", shifts->size()}, {"shifts", ShiftsJson(*shifts)}});
  });

  router.Add("POST", "/api/v1/duty/shifts", Access::Only({Role::kDesk}), [&duty](Context& ctx) {
    ShiftDraft draft;
    if (!ReadShift(ctx, draft)) return;
    auto shift = duty.AddShift(ctx.who(), draft);
    if (!shift) return ctx.ReplyError(shift.error());
    ctx.Reply(201, views::ShiftJson(*shift));
  });

  router.Add("PUT", "/api/v1/duty/shifts/{id}", Access::Only({Role::kDesk}), [&duty](Context& ctx) {
    const auto id = IdParam(ctx, "unknown_shift");
    if (!id) return;
    ShiftDraft draft;
    if (!ReadShift(ctx, draft)) return;
    auto shift = duty.UpdateShift(ctx.who(), *id, draft);
    if (!shift) return ctx.ReplyError(shift.error());
    ctx.Reply(200, views::ShiftJson(*shift));
  });

  router.Add("DELETE", "/api/v1/duty/shifts/{id}", Access::Only({Role::kDesk}), [&duty](Context& ctx) {
    const auto id = IdParam(ctx, "unknown_shift");
    if (!id) return;
    if (auto s = duty.RemoveShift(ctx.who(), *id); !s) return ctx.ReplyError(s.error());
    ctx.Reply(200, json::object{{"id", *id}, {"removed", true}});
  });

  // The desk's duty log over [from, to) (default: today), by time.
  router.Add("GET", "/api/v1/duty/log", readers, [&duty, &deps](Context& ctx) {
    TimePoint from, to;
    if (!RangeOf(ctx, deps.clock.Now(), from, to)) return;
    auto entries = duty.Log(ctx.who(), DeskParam(ctx), from, to);
    if (!entries) return ctx.ReplyError(entries.error());
    json::array out;
    for (const auto& e : *entries) out.push_back(views::DutyLogJson(e, ctx.locale));
    ctx.Reply(200, json::object{{"entries", std::move(out)}});
  });

  router.Add("POST", "/api/v1/duty/log", Access::Only({Role::kDesk}), [&duty](Context& ctx) {
    auto body = JsonBody(ctx.request);
    if (!body) return ctx.ReplyError(body.error());
    std::vector<FieldError> problems;
    RejectUnknown(*body, {"kind", "text", "event_id", "at"}, problems);
    DutyLogDraft draft;
    draft.kind = StringField(*body, "kind", problems);
    draft.text = StringField(*body, "text", problems);
    draft.at = TimeField(*body, "at", problems);
    if (const auto* v = body->if_contains("event_id"); v != nullptr && !v->is_null()) {
      if (v->is_int64() && v->as_int64() > 0) {
        draft.event_id = v->as_int64();
      } else {
        problems.push_back({"wrong_type", "event_id", {{"expected", "integer"}}});
      }
    }
    if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
    auto entry = duty.AddLog(ctx.who(), draft);
    if (!entry) return ctx.ReplyError(entry.error());
    ctx.Reply(201, views::DutyLogJson(*entry, ctx.locale));
  });

  // 已知悉，正在处理: an alerted party holds the clock's escalation ({"note"} optional).
  router.Add("POST", "/api/v1/escalations/{id}/acknowledgement",
             Access::Only({Role::kReporter, Role::kDesk, Role::kLeader}), [&deps](Context& ctx) {
               const auto id = IdParam(ctx, "unknown_escalation");
               if (!id) return;
               auto body = JsonBody(ctx.request);
               if (!body) return ctx.ReplyError(body.error());
               std::vector<FieldError> problems;
               RejectUnknown(*body, {"note"}, problems);
               const std::string note = StringField(*body, "note", problems);
               if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
               auto ack = deps.escalations->Acknowledge(ctx.who(), *id, note);
               if (!ack) return ctx.ReplyError(ack.error());
               ctx.Reply(201, views::EscalationAckJson(*ack));
             });
}

}  // namespace shaobing::api
