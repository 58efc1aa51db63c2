// Multi-source events (B3), the desk's side: the "confirm link" queue, merge, split, undo,
// and rulings on figures in conflict. Every action takes a reason and is audited.
#include <boost/json.hpp>

#include "api/api.h"
#include "views/fusion_json.h"

namespace shaobing::api {
namespace json = boost::json;

namespace {

// An integer member (wrong_type when present and not an integer; missing_field when absent).
std::optional<std::int64_t> IdField(const json::object& body, std::string_view key, std::vector<FieldError>& problems) {
  const auto* v = body.if_contains(key);
  if (!v) {
    problems.push_back({"missing_field", std::string(key), {}});
    return std::nullopt;
  }
  if (v->is_int64() && v->get_int64() > 0) return v->get_int64();
  if (v->is_uint64() && v->get_uint64() > 0 && v->get_uint64() < (1ULL << 62))
    return static_cast<std::int64_t>(v->get_uint64());
  problems.push_back({"wrong_type", std::string(key), {{"expected", "integer"}}});
  return std::nullopt;
}

json::object OperationReply(const OperationResult& r) {
  json::object o{{"event_id", r.event_id}};
  if (r.operation_id) o["operation_id"] = r.operation_id;
  if (!r.status.empty()) o["status"] = r.status;
  return o;
}

}  // namespace

void AddFusionRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/api/v1/link-tasks", Access::Only({Role::kDesk}), [&deps](Context& ctx) {
    auto tasks = deps.events.PendingLinkTasks(ctx.who());
    if (!tasks) return ctx.ReplyError(tasks.error());
    auto dir = deps.directory.Get();
    json::array items;
    for (const auto& t : *tasks) items.push_back(views::LinkTaskJson(t.link, t.report, t.event, *dir));
    ctx.Reply(200, json::object{{"tasks", std::move(items)}});
  });

  router.Add("POST", "/api/v1/link-tasks/{id}", Access::Only({Role::kDesk}), [&deps](Context& ctx) {
    const auto id = IdParam(ctx, "unknown_task");
    if (!id) return;
    auto body = JsonBody(ctx.request);
    if (!body) return ctx.ReplyError(body.error());
    std::vector<FieldError> problems;
    RejectUnknown(*body, {"action", "reason"}, problems);
    const std::string action = StringField(*body, "action", problems);
    const std::string reason = StringField(*body, "reason", problems);
    if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
    auto r = deps.fusion.DecideLink(ctx.who(), *id, action, reason);
    if (!r) return ctx.ReplyError(r.error());
    json::object reply = OperationReply(*r);
    reply["id"] = *id;
    ctx.Reply(201, reply);
  });

  router.Add("POST", "/api/v1/events/{id}/merge", Access::Only({Role::kDesk}), [&deps](Context& ctx) {
    const auto id = IdParam(ctx, "unknown_event");
    if (!id) return;
    auto body = JsonBody(ctx.request);
    if (!body) return ctx.ReplyError(body.error());
    std::vector<FieldError> problems;
    RejectUnknown(*body, {"from", "reason"}, problems);
    const auto from = IdField(*body, "from", problems);
    const std::string reason = StringField(*body, "reason", problems);
    if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
    auto r = deps.fusion.Merge(ctx.who(), *id, *from, reason);
    if (!r) return ctx.ReplyError(r.error());
    ctx.Reply(201, OperationReply(*r));
  });

  router.Add("POST", "/api/v1/events/{id}/split", Access::Only({Role::kDesk}), [&deps](Context& ctx) {
    const auto id = IdParam(ctx, "unknown_event");
    if (!id) return;
    auto body = JsonBody(ctx.request);
    if (!body) return ctx.ReplyError(body.error());
    std::vector<FieldError> problems;
    RejectUnknown(*body, {"units", "reason"}, problems);
    std::vector<std::string> units;
    if (const auto* v = body->if_contains("units")) {
      if (!v->is_array())
        problems.push_back({"wrong_type", "units", {{"expected", "array"}}});
      else {
        for (const auto& u : v->get_array()) {
          if (!u.is_string())
            problems.push_back({"wrong_type", "units", {{"expected", "array of strings"}}});
          else
            units.emplace_back(u.get_string());
        }
      }
    }
    const std::string reason = StringField(*body, "reason", problems);
    if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
    auto r = deps.fusion.Split(ctx.who(), *id, units, reason);
    if (!r) return ctx.ReplyError(r.error());
    ctx.Reply(201, OperationReply(*r));
  });

  router.Add("POST", "/api/v1/operations/{id}/undo", Access::Only({Role::kDesk}), [&deps](Context& ctx) {
    const auto id = IdParam(ctx, "unknown_operation");
    if (!id) return;
    auto reason = ReasonBody(ctx.request);
    if (!reason) return ctx.ReplyError(reason.error());
    auto r = deps.fusion.Undo(ctx.who(), *id, *reason);
    if (!r) return ctx.ReplyError(r.error());
    ctx.Reply(201, OperationReply(*r));
  });

  router.Add("POST", "/api/v1/events/{id}/resolutions", Access::Only({Role::kDesk}), [&deps](Context& ctx) {
    const auto id = IdParam(ctx, "unknown_event");
    if (!id) return;
    auto body = JsonBody(ctx.request);
    if (!body) return ctx.ReplyError(body.error());
    std::vector<FieldError> problems;
    RejectUnknown(*body, {"figure", "value", "reason"}, problems);
    const std::string figure = StringField(*body, "figure", problems);
    double value = -1;
    if (const auto* v = body->if_contains("value"); !v)
      problems.push_back({"missing_field", "value", {}});
    else if (v->is_number())
      value = v->to_number<double>();
    else
      problems.push_back({"wrong_type", "value", {{"expected", "number"}}});
    const std::string reason = StringField(*body, "reason", problems);
    if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
    auto row = deps.fusion.Resolve(ctx.who(), *id, figure, value, reason);
    if (!row) return ctx.ReplyError(row.error());
    auto nullable = [](const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); };
    json::value figure_value = value == static_cast<double>(static_cast<std::int64_t>(value))
                                   ? json::value(static_cast<std::int64_t>(value))
                                   : json::value(value);
    ctx.Reply(201, json::object{{"event_id", row->id},
                                {"figure", figure},
                                {"value", figure_value},
                                {"grade", nullable(row->grade)},
                                {"report_to", nullable(row->report_to)}});
  });
}

}  // namespace shaobing::api
