// The delivery log (GET /api/v1/notifications: admin and desk) and an administrator's retry
// of a dead notification (POST /api/v1/notifications/{id}/retry). Scope: NotificationLog.
#include <boost/json.hpp>

#include "api/api.h"
#include "api/query_params.h"

namespace shaobing::api {
namespace json = boost::json;

namespace {

json::value TimeOrNull(const std::optional<TimePoint>& t) {
  return t ? json::value(FormatShanghai(*t)) : json::value(nullptr);
}

// One outbox row as the log shows it (the payload is not shown: its text is in `subject`'s
// message, and a webhook's body is the receiver's business).
json::object NotificationJson(const OutboxEntry& e) {
  return {{"id", e.id},
          {"kind", e.kind},
          {"channel", NotifyChannelCode(e.channel)},
          {"destination", e.destination},
          {"region", e.region},
          {"subject", e.subject},
          {"event_id", e.event_id ? json::value(*e.event_id) : json::value(nullptr)},
          {"state", OutboxStateCode(e.state)},
          {"attempts", e.attempts},
          {"created_at", FormatShanghai(e.created_at)},
          {"next_attempt_at",
           e.state == OutboxState::kPending ? json::value(FormatShanghai(e.next_attempt_at)) : json::value(nullptr)},
          {"last_error", e.last_error},
          {"sent_at", TimeOrNull(e.sent_at)}};
}

}  // namespace

void AddNotificationRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/api/v1/notifications", Access::Only({Role::kAdmin, Role::kDesk}), [&deps](Context& ctx) {
    NotificationFilter filter;
    std::vector<FieldError> problems;
    filter.limit = LimitParam(ctx.request, 50, problems);
    if (auto it = ctx.request.query.find("before"); it != ctx.request.query.end() && !it->second.empty()) {
      auto n = ParseNumericId(it->second);
      if (!n)
        problems.push_back({"invalid_query", "before", {{"value", it->second}}});
      else
        filter.before_id = *n;
    }
    if (auto it = ctx.request.query.find("state"); it != ctx.request.query.end() && !it->second.empty()) {
      filter.state = ParseOutboxState(it->second);
      if (!filter.state) problems.push_back({"invalid_query", "state", {{"value", it->second}}});
    }
    if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
    auto rows = deps.notifications->List(ctx.who(), filter);
    if (!rows) return ctx.ReplyError(rows.error());
    json::array items;
    for (const auto& r : *rows) items.push_back(NotificationJson(r));
    json::value next = nullptr;
    if (static_cast<int>(rows->size()) == filter.limit) next = std::to_string(rows->back().id);
    ctx.Reply(200, json::object{{"notifications", std::move(items)}, {"next", next}});
  });

  router.Add("POST", "/api/v1/notifications/{id}/retry", Access::Only({Role::kAdmin}), [&deps](Context& ctx) {
    const auto id = IdParam(ctx, "unknown_notification");
    if (!id) return;
    auto reason = ReasonBody(ctx.request);
    if (!reason) return ctx.ReplyError(reason.error());
    auto row = deps.notifications->Retry(ctx.who(), *id, *reason);
    if (!row) return ctx.ReplyError(row.error());
    ctx.Reply(201, NotificationJson(*row));
  });
}

}  // namespace shaobing::api
