// GET /api/v1/metrics/timeliness: the timeliness figures of first reports (时效统计) per unit
// and per level (services/timeliness_service.h). Not the Prometheus /metrics (api/metrics.h).
#include "api/api.h"
#include "views/timeliness_json.h"

namespace shaobing::api {
namespace {

// The query parameter `name` as an ISO 8601 time with its offset: nullopt when absent or
// empty; invalid_window_time into `problems` when not such a time.
std::optional<TimePoint> TimeParam(const HttpRequest& request, const std::string& name,
                                   std::vector<FieldError>& problems) {
  const auto it = request.query.find(name);
  if (it == request.query.end() || it->second.empty()) return std::nullopt;
  auto t = ParseIsoTime(it->second);
  if (!t) problems.push_back({"invalid_window_time", name, {{"value", it->second}}});
  return t;
}

}  // namespace

void AddTimelinessRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/api/v1/metrics/timeliness", Access::AnyUser(), [&deps](Context& ctx) {
    std::vector<FieldError> problems;
    TimelinessQuery query;
    query.from = TimeParam(ctx.request, "from", problems);
    query.to = TimeParam(ctx.request, "to", problems);
    if (auto it = ctx.request.query.find("unit"); it != ctx.request.query.end()) query.unit = it->second;
    if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
    auto report = deps.timeliness->Compute(ctx.who(), query);
    if (!report) return ctx.ReplyError(report.error());
    ctx.Reply(200, views::TimelinessJson(*report, deps.timeliness->limits().max_events));
  });
}

}  // namespace shaobing::api
