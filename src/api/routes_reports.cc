// POST /api/v1/reports, GET /api/v1/reports/{id}.
#include <boost/json.hpp>

#include "api/api.h"
#include "api/views.h"
#include "core/report_json.h"

namespace shaobing::api {
namespace json = boost::json;

void AddReportRoutes(Router& router, ApiDeps& deps) {
  router.Add("POST", "/api/v1/reports", Access::Only({Role::kReporter, Role::kDesk}), [&deps](Context& ctx) {
    auto dir = deps.directory.Get();
    auto draft = ParseReport(ctx.request.body, dir->regions);
    if (!draft) {
      deps.metrics.ReportRejected();
      return ctx.ReplyError(draft.error());
    }
    Replier out = ctx;
    deps.reports.Submit(ctx.who(), std::move(*draft), [out, &deps](Result<Accepted> r) {
      if (!r) {
        deps.metrics.ReportRejected();
        return out.ReplyError(r.error());
      }
      deps.metrics.ReportAccepted();
      json::object body{{"id", r->id}, {"event_id", r->event_id}, {"sequence", r->sequence}};
      if (!r->link.empty()) body["link"] = json::object{{"action", r->link}, {"confirm_task", r->confirm_task}};
      out.Reply(201, body,
                {{"Location", "/api/v1/reports/" + std::to_string(r->id)}});
    });
  });

  router.Add("GET", "/api/v1/reports/{id}", Access::AnyUser(), [&deps](Context& ctx) {
    const auto id = ParseNumericId(ctx.Param("id"));
    auto not_found = Error::Make(ErrorCode::kNotFound, "unknown_report", "id", {{"value", ctx.Param("id")}});
    if (!id) return ctx.ReplyError(not_found);
    auto report = deps.store.GetReport(*id);
    if (!report) return ctx.ReplyError(report.error());
    if (!*report) return ctx.ReplyError(not_found);
    auto event = deps.store.GetEvent((*report)->event_id);
    if (!event || !*event) return ctx.ReplyError(Error::Internal("report without its event"));
    if ((*event)->merged_into) event = deps.store.GetEvent(*(*event)->merged_into);
    if (!event || !*event) return ctx.ReplyError(Error::Internal("report without its event"));
    auto dir = deps.directory.Get();
    // A unit's own reports, or any report of an event the caller sees whole.
    const bool own = ctx.who().role == Role::kReporter && ctx.who().unit == (*report)->draft.unit;
    if (!own && AccessToEvent(ctx.who(), **event, {}, dir->regions) != EventAccess::kFull) {
      return ctx.ReplyError(Error::Denied(not_found));
    }
    ctx.Reply(200, ReportJson(**report, *dir, ctx.locale));
  });
}

}  // namespace shaobing::api
