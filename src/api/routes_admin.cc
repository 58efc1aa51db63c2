// Units, regions, taxonomy (read by everyone) and audit (admin). Accounts: routes_users.cc.
#include <boost/json.hpp>

#include "api/api.h"
#include "store/audit_verify.h"
#include "views/views.h"

namespace shaobing::api {
namespace json = boost::json;

namespace {

Result<Unit> UnitFromJson(const json::object& body, const RegionTree& regions) {
  std::vector<FieldError> problems;
  RejectUnknown(body, {"id", "name", "kind", "region", "level", "direct", "perspectives", "contact"}, problems);
  Unit u;
  u.id = StringField(body, "id", problems);
  u.name = StringField(body, "name", problems);
  u.kind = StringField(body, "kind", problems);
  u.region = StringField(body, "region", problems);
  const std::string level = StringField(body, "level", problems);
  if (auto l = ParseLevel(level); l && *l != Level::kCentre)
    u.level = *l;
  else
    problems.push_back({"invalid_value", "level", {{"value", level}, {"allowed", "county, city, region"}}});
  if (const auto* d = body.if_contains("direct")) {
    if (d->is_bool())
      u.direct = d->get_bool();
    else
      problems.push_back({"wrong_type", "direct", {{"expected", "boolean"}}});
  }
  if (const auto* p = body.if_contains("perspectives"); p && !p->is_null()) {
    if (!p->is_array())
      problems.push_back({"wrong_type", "perspectives", {{"expected", "array"}}});
    else
      for (const auto& item : p->get_array()) {
        if (item.is_string())
          u.perspectives.emplace_back(item.get_string());
        else
          problems.push_back({"wrong_type", "perspectives", {{"expected", "string"}}});
      }
  }
  if (const auto* c = body.if_contains("contact"); c && c->is_object()) {
    u.contact_name = StringField(c->get_object(), "name", problems);
    u.contact_phone = StringField(c->get_object(), "phone", problems);
  }
  for (auto& p : ValidateUnit(u, regions)) {
    if (std::none_of(problems.begin(), problems.end(), [&](const FieldError& e) { return e.field == p.field; })) {
      problems.push_back(std::move(p));
    }
  }
  if (!problems.empty()) return Fail(Error::Invalid(std::move(problems)));
  return u;
}

}  // namespace

void AddAdminRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/api/v1/units", Access::AnyUser(), [&deps](Context& ctx) {
    auto dir = deps.directory.Get();
    json::array units;
    for (const auto& u : dir->units) units.push_back(views::UnitJson(u, *dir));
    ctx.Reply(200, json::object{{"units", std::move(units)}});
  });

  router.Add("GET", "/api/v1/units/{id}", Access::AnyUser(), [&deps](Context& ctx) {
    auto dir = deps.directory.Get();
    const Unit* u = dir->FindUnit(ctx.Param("id"));
    if (!u) {
      return ctx.ReplyError(Error::Make(ErrorCode::kNotFound, "unknown_unit", "id", {{"value", ctx.Param("id")}}));
    }
    ctx.Reply(200, views::UnitJson(*u, *dir));
  });

  router.Add("POST", "/api/v1/units", Access::Only({Role::kAdmin}), [&deps](Context& ctx) {
    auto body = JsonBody(ctx.request);
    if (!body) return ctx.ReplyError(body.error());
    auto dir = deps.directory.Get();
    auto unit = UnitFromJson(*body, dir->regions);
    if (!unit) return ctx.ReplyError(unit.error());
    const bool existed = dir->FindUnit(unit->id) != nullptr;
    if (auto s = deps.registry.ImportUnits({*unit}, "user:" + ctx.who().name); !s) return ctx.ReplyError(s.error());
    ctx.Reply(existed ? 200 : 201, views::UnitJson(*unit, *deps.directory.Get()));
  });

  router.Add("GET", "/api/v1/regions", Access::AnyUser(), [&deps](Context& ctx) {
    auto dir = deps.directory.Get();
    json::array regions;
    for (const Region* r : dir->regions.All()) regions.push_back(views::RegionJson(*r));
    ctx.Reply(200, json::object{{"regions", std::move(regions)}});
  });

  router.Add("GET", "/api/v1/taxonomy", Access::AnyUser(), [](Context& ctx) { ctx.Reply(200, views::TaxonomyJson()); });

  router.Add("GET", "/api/v1/audit", Access::Only({Role::kAdmin}), [&deps](Context& ctx) {
    std::int64_t after = 0;
    int limit = 100;
    std::vector<FieldError> problems;
    auto number = [&](const char* name, std::int64_t low, std::int64_t high, std::int64_t& out) {
      auto it = ctx.request.query.find(name);
      if (it == ctx.request.query.end()) return;
      const auto n = ParseNumericId(it->second);
      if (!n || *n < low || *n > high)
        problems.push_back({"invalid_query", name, {{"value", it->second}}});
      else
        out = *n;
    };
    std::int64_t limit64 = limit;
    number("after", 0, INT64_MAX, after);
    number("limit", 1, 1000, limit64);
    limit = static_cast<int>(limit64);
    if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
    auto records = deps.store.ReadAudit(after, limit);
    if (!records) return ctx.ReplyError(records.error());
    json::array out;
    for (const auto& r : *records) out.push_back(views::AuditJson(r));
    ctx.Reply(200, json::object{{"records", std::move(out)}});
  });

  router.Add("GET", "/api/v1/audit/verify", Access::Only({Role::kAdmin}), [&deps](Context& ctx) {
    auto check = VerifyAnchoredChain(deps.store, deps.audit_anchor);
    if (!check) return ctx.ReplyError(check.error());
    json::object out{{"records", check->records},
                     {"ok", !check->broken},
                     {"anchored_seq", check->anchored_seq},
                     {"unanchored", check->unanchored}};
    if (check->broken) {
      if (auto seq = FindingSeq(*check->broken)) out["broken_at"] = std::to_string(*seq);
      out["reason"] = check->broken->reason;
      out["message"] = i18n::ErrorMessage(ctx.locale, *check->broken);
    }
    ctx.Reply(200, std::move(out));
  });
}

}  // namespace shaobing::api
