// The reporting standard: GET /api/v1/standards (current catalogue with its version history),
// PUT /api/v1/standards (admin: publish a new version), POST /api/v1/standards/evaluate (dry
// run of a report, nothing stored).
#include <boost/json.hpp>

#include "api/api.h"
#include "core/report_json.h"
#include "standards/evaluation_json.h"
#include "views/judgement_json.h"

namespace shaobing::api {
namespace json = boost::json;

void AddStandardsRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/api/v1/standards", Access::AnyUser(), [&deps](Context& ctx) {
    auto history = deps.standards.History();
    if (!history) return ctx.ReplyError(history.error());
    json::array versions;
    for (const auto& r : *history) {
      versions.push_back(json::object{
          {"version", r.version}, {"created_at", FormatShanghai(r.created_at)}, {"created_by", r.created_by}});
    }
    auto current = deps.standards.Current();
    json::object body{{"current", views::CatalogueSummaryJson(*current, ctx.locale)}, {"history", std::move(versions)}};
    if (ctx.request.query.contains("yaml")) body["yaml"] = deps.standards.CurrentYaml();
    ctx.Reply(200, body);
  });

  router.Add("PUT", "/api/v1/standards", Access::Only({Role::kAdmin}), [&deps](Context& ctx) {
    auto body = JsonBody(ctx.request);
    if (!body) return ctx.ReplyError(body.error());
    std::vector<FieldError> problems;
    RejectUnknown(*body, {"yaml"}, problems);
    const std::string yaml = StringField(*body, "yaml", problems);
    if (yaml.empty() && problems.empty()) problems.push_back({"missing_field", "yaml", {}});
    if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
    auto published = deps.standards.Publish(yaml, "user:" + ctx.who().name);
    if (!published) return ctx.ReplyError(published.error());
    ctx.Reply(201, json::object{{"version", (*published)->version()}, {"rules", (*published)->spec().rules.size()}});
  });

  router.Add("POST", "/api/v1/standards/evaluate", Access::AnyUser(), [&deps](Context& ctx) {
    auto dir = deps.directory.Get();
    auto draft = ParseReport(ctx.request.body, dir->regions, {.require_fields = false});
    if (!draft) return ctx.ReplyError(draft.error());
    auto catalogue = deps.standards.Current();
    if (auto it = ctx.request.query.find("version"); it != ctx.request.query.end()) {
      catalogue = deps.standards.ByVersion(it->second);
      if (!catalogue) {
        return ctx.ReplyError(
            Error::Make(ErrorCode::kNotFound, "unknown_catalogue", "version", {{"value", it->second}}));
      }
    }
    EventFacts facts = FactsFromDraft(*draft);
    facts.region_lineage = dir->regions.LineageCodes(facts.region);
    ctx.Reply(200, EvaluationToJson(Evaluate(*catalogue, facts)));
  });
}

}  // namespace shaobing::api
