// POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/auth/me,
// POST /api/v1/auth/password. Password checks run on the hashing pool (AuthService::Offload).
#include <boost/json.hpp>

#include "api/api.h"

namespace shaobing::api {
namespace json = boost::json;

namespace {

json::object PrincipalJson(const Principal& p) {
  return {{"id", p.user_id},
          {"name", p.name},
          {"role", RoleCode(p.role)},
          {"unit", p.unit.empty() ? json::value(nullptr) : json::value(p.unit)},
          {"region", p.region.empty() ? json::value(nullptr) : json::value(p.region)},
          {"must_change_password", p.must_change_password}};
}

// The session cookie: HttpOnly, SameSite=Strict, Secure when the service is reached over TLS.
std::string SessionCookie(const ApiDeps& deps, const std::string& token, long long max_age) {
  std::string cookie =
      "shaobing_session=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
  if (deps.secure_cookies) cookie += "; Secure";
  return cookie;
}

}  // namespace

void AddAuthRoutes(Router& router, ApiDeps& deps) {
  router.Add("POST", "/api/v1/auth/login", Access::Public(), [&deps](Context& ctx) {
    auto body = JsonBody(ctx.request);
    if (!body) return ctx.ReplyError(body.error());
    std::vector<FieldError> problems;
    RejectUnknown(*body, {"name", "password"}, problems);
    std::string name = StringField(*body, "name", problems);
    std::string password = StringField(*body, "password", problems);
    if (name.empty() && problems.empty()) problems.push_back({"missing_field", "name", {}});
    if (password.empty() && problems.empty()) problems.push_back({"missing_field", "password", {}});
    if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
    Replier out = ctx;
    const std::string address = ctx.request.client_address;
    const bool queued =
        deps.auth.Offload([&deps, out, name = std::move(name), password = std::move(password), address] {
          auto login = deps.auth.Login(name, password, address);
          if (!login) return out.ReplyError(login.error());  // 429 carries Retry-After
          out.Reply(200,
                    json::object{{"token", login->token},
                                 {"expires_at", FormatShanghai(login->expires_at)},
                                 {"user", PrincipalJson(login->principal)}},
                    {{"Set-Cookie", SessionCookie(deps, login->token, deps.auth.session_lifetime().count())}});
        });
    if (!queued) ctx.ReplyError(Busy());
  });

  router.Add("POST", "/api/v1/auth/logout", Access::AnyUser().BeforePasswordChange(), [&deps](Context& ctx) {
    if (auto s = deps.auth.Logout(ctx.token, ctx.who()); !s) return ctx.ReplyError(s.error());
    ctx.Reply(200, json::object{{"ok", true}}, {{"Set-Cookie", SessionCookie(deps, "", 0)}});
  });

  router.Add("GET", "/api/v1/auth/me", Access::AnyUser().BeforePasswordChange(), [](Context& ctx) {
    ctx.Reply(200, json::object{{"user", PrincipalJson(ctx.who())}});
  });

  // The caller changes its own password; its other sessions end.
  router.Add("POST", "/api/v1/auth/password", Access::AnyUser().BeforePasswordChange(), [&deps](Context& ctx) {
    auto body = JsonBody(ctx.request);
    if (!body) return ctx.ReplyError(body.error());
    std::vector<FieldError> problems;
    RejectUnknown(*body, {"current_password", "new_password"}, problems);
    std::string current = StringField(*body, "current_password", problems);
    std::string replacement = StringField(*body, "new_password", problems);
    if (current.empty()) problems.push_back({"missing_field", "current_password", {}});
    if (replacement.empty()) problems.push_back({"missing_field", "new_password", {}});
    if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
    Replier out = ctx;
    const bool queued = deps.auth.Offload([&deps, out, who = ctx.who(), token = ctx.token, current = std::move(current),
                                           replacement = std::move(replacement)] {
      if (auto s = deps.auth.ChangePassword(who, token, current, replacement); !s) return out.ReplyError(s.error());
      out.Reply(200, json::object{{"ok", true}});
    });
    if (!queued) ctx.ReplyError(Busy());
  });
}

}  // namespace shaobing::api
