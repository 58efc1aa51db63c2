// The handover between shifts (交接班): GET /api/v1/duty/handover-items (what a handover now
// would carry), GET/POST /api/v1/duty/handovers, POST /api/v1/duty/handovers/{id}/acknowledgement.
// Scope: HandoverService.
#include <boost/json.hpp>

#include "api/api.h"
#include "views/duty_json.h"

namespace shaobing::api {
namespace json = boost::json;
namespace {

json::object Render(const HandoverService& handovers, const Handover& h, i18n::Locale locale) {
  return views::HandoverJson(h, locale, handovers.NameOf(h.from_account), handovers.NameOf(h.acknowledged_by));
}

}  // namespace

void AddHandoverRoutes(Router& router, ApiDeps& deps) {
  HandoverService& handovers = *deps.handovers;
  const auto readers = Access::Only({Role::kDesk, Role::kLeader});

  router.Add("GET", "/api/v1/duty/handover-items", readers, [&handovers, &deps](Context& ctx) {
    auto items = handovers.OpenItems(ctx.who(), DeskParam(ctx), deps.clock.Now());
    if (!items) return ctx.ReplyError(items.error());
    ctx.Reply(200, json::object{{"desk", items->desk},
                                {"items", views::HandoverItemsJson(HandoverItemsArray(items->items), ctx.locale)},
                                {"truncated", items->truncated}});
  });

  // The desk's handovers over [from, to) (default: the last 7 days), newest first.
  router.Add("GET", "/api/v1/duty/handovers", readers, [&handovers, &deps](Context& ctx) {
    const TimePoint now = deps.clock.Now();
    TimePoint from, to;
    if (!DutyRange(ctx, now - std::chrono::hours(24 * 7), now + std::chrono::minutes(1), from, to)) return;
    auto list = handovers.List(ctx.who(), DeskParam(ctx), from, to);
    if (!list) return ctx.ReplyError(list.error());
    json::array out;
    for (const auto& h : *list) out.push_back(Render(handovers, h, ctx.locale));
    ctx.Reply(200, json::object{{"handovers", std::move(out)}});
  });

  router.Add("POST", "/api/v1/duty/handovers", Access::Only({Role::kDesk}), [&handovers](Context& ctx) {
    auto body = JsonBody(ctx.request);
    if (!body) return ctx.ReplyError(body.error());
    std::vector<FieldError> problems;
    RejectUnknown(*body, {"note"}, problems);
    const std::string note = StringField(*body, "note", problems);
    if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
    auto h = handovers.HandOver(ctx.who(), note);
    if (!h) return ctx.ReplyError(h.error());
    ctx.Reply(201, Render(handovers, *h, ctx.locale));
  });

  // 接班: another officer of the desk acknowledges the handover (body {} or empty).
  router.Add("POST", "/api/v1/duty/handovers/{id}/acknowledgement", Access::Only({Role::kDesk}),
             [&handovers](Context& ctx) {
               const auto id = IdParam(ctx, "unknown_handover");
               if (!id) return;
               if (!ctx.request.body.empty()) {
                 auto body = JsonBody(ctx.request);
                 if (!body) return ctx.ReplyError(body.error());
                 std::vector<FieldError> problems;
                 RejectUnknown(*body, {}, problems);
                 if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
               }
               auto h = handovers.Acknowledge(ctx.who(), *id);
               if (!h) return ctx.ReplyError(h.error());
               ctx.Reply(200, Render(handovers, *h, ctx.locale));
             });
}

}  // namespace shaobing::api
