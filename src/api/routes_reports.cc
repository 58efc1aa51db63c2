// POST /api/v1/reports, GET /api/v1/reports/{id}.
#include <boost/json.hpp>

#include "api/api.h"
#include "core/report_json.h"
#include "views/views.h"

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
      out.Reply(201, body, {{"Location", "/api/v1/reports/" + std::to_string(r->id)}});
    });
  });

  router.Add("GET", "/api/v1/reports/{id}", Access::AnyUser(), [&deps](Context& ctx) {
    const auto id = ParseNumericId(ctx.Param("id"));
    auto not_found = Error::Make(ErrorCode::kNotFound, "unknown_report", "id", {{"value", ctx.Param("id")}});
    if (!id) return ctx.ReplyError(not_found);
    auto report = deps.events.ReportFor(ctx.who(), *id);
    if (!report) {
      Error e = report.error();
      if (e.reason == not_found.reason) e.args = not_found.args;  // the id as the caller wrote it
      return ctx.ReplyError(e);
    }
    ctx.Reply(200, views::ReportJson(*report, *deps.directory.Get(), ctx.locale));
  });
}

}  // namespace shaobing::api
