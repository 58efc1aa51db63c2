// POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/auth/me.
#include <boost/json.hpp>

#include "api/api.h"
#include "store/audit_chain.h"

namespace shaobing::api {
namespace json = boost::json;

namespace {
json::object PrincipalJson(const Principal& p) {
  return {{"id", p.user_id}, {"name", p.name}, {"role", RoleCode(p.role)},
          {"unit", p.unit.empty() ? json::value(nullptr) : json::value(p.unit)},
          {"region", p.region.empty() ? json::value(nullptr) : json::value(p.region)}};
}
}  // namespace

void AddAuthRoutes(Router& router, ApiDeps& deps) {
  router.Add("POST", "/api/v1/auth/login", Access::Public(), [&deps](Context& ctx) {
    auto body = JsonBody(ctx.request);
    if (!body) return ctx.ReplyError(body.error());
    std::vector<FieldError> problems;
    RejectUnknown(*body, {"name", "password"}, problems);
    const std::string name = StringField(*body, "name", problems);
    const std::string password = StringField(*body, "password", problems);
    if (name.empty() && problems.empty()) problems.push_back({"missing_field", "name", {}});
    if (password.empty() && problems.empty()) problems.push_back({"missing_field", "password", {}});
    if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
    auto login = deps.auth.Login(name, password);
    if (!login) return ctx.ReplyError(login.error());
    std::string cookie = "shaobing_session=" + login->token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                         std::to_string(deps.auth.session_lifetime().count());
    if (deps.secure_cookies) cookie += "; Secure";
    ctx.Reply(200,
              json::object{{"token", login->token}, {"expires_at", FormatShanghai(login->expires_at)},
                           {"user", PrincipalJson(login->principal)}},
              {{"Set-Cookie", cookie}});
  });

  router.Add("POST", "/api/v1/auth/logout", Access::AnyUser(), [&deps](Context& ctx) {
    if (auto s = deps.auth.Logout(ctx.token, ctx.who()); !s) return ctx.ReplyError(s.error());
    deps.live_streams.CloseSession(Blake2bHex(ctx.token));
    ctx.Reply(200, json::object{{"ok", true}},
              {{"Set-Cookie", "shaobing_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"}});
  });

  router.Add("GET", "/api/v1/auth/me", Access::AnyUser(), [](Context& ctx) {
    ctx.Reply(200, json::object{{"user", PrincipalJson(ctx.who())}});
  });
}

}  // namespace shaobing::api
