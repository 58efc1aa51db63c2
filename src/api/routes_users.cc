// Accounts (admin): GET/POST /api/v1/users, POST /api/v1/users/{id}/password (temporary
// password, changed at next login), POST /api/v1/users/{id}/disable and /enable (with a
// reason). Hashing runs on the hashing pool.
#include <boost/json.hpp>

#include "api/api.h"
#include "views/views.h"

namespace shaobing::api {
namespace json = boost::json;

namespace {

Error UnknownUser(const std::string& id) {
  return Error::Make(ErrorCode::kNotFound, "unknown_user", "id", {{"value", id}});
}

// Disabling and enabling share everything but the direction.
void AddSwitch(Router& router, ApiDeps& deps, const char* pattern, bool disabled) {
  router.Add("POST", pattern, Access::Only({Role::kAdmin}), [&deps, disabled](Context& ctx) {
    const auto id = ParseNumericId(ctx.Param("id"));
    if (!id) return ctx.ReplyError(UnknownUser(ctx.Param("id")));
    auto reason = ReasonBody(ctx.request);
    if (!reason) return ctx.ReplyError(reason.error());
    auto user = deps.auth.SetDisabled(ctx.who(), *id, disabled, *reason);
    if (!user) return ctx.ReplyError(user.error());
    ctx.Reply(200, views::UserJson(*user));
  });
}

}  // namespace

void AddUserRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/api/v1/users", Access::Only({Role::kAdmin}), [&deps](Context& ctx) {
    auto users = deps.store.ListUsers();
    if (!users) return ctx.ReplyError(users.error());
    json::array out;
    for (const auto& u : *users) out.push_back(views::UserJson(u));
    ctx.Reply(200, json::object{{"users", std::move(out)}});
  });

  // A new account must change the password the administrator gave it at its first login,
  // unless the administrator says otherwise.
  router.Add("POST", "/api/v1/users", Access::Only({Role::kAdmin}), [&deps](Context& ctx) {
    auto body = JsonBody(ctx.request);
    if (!body) return ctx.ReplyError(body.error());
    std::vector<FieldError> problems;
    RejectUnknown(*body, {"name", "display_name", "password", "role", "unit", "region", "must_change_password"},
                  problems);
    NewUser user{StringField(*body, "name", problems),
                 StringField(*body, "display_name", problems),
                 StringField(*body, "password", problems),
                 StringField(*body, "role", problems),
                 StringField(*body, "unit", problems),
                 StringField(*body, "region", problems),
                 true,
                 ""};
    if (const auto* m = body->if_contains("must_change_password"); m && !m->is_null()) {
      if (m->is_bool())
        user.must_change_password = m->get_bool();
      else
        problems.push_back({"wrong_type", "must_change_password", {{"expected", "boolean"}}});
    }
    if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
    Replier out = ctx;
    const bool queued = deps.auth.Offload([&deps, out, user = std::move(user), actor = "user:" + ctx.who().name] {
      auto id = deps.auth.AddUser(user, actor);
      if (!id) return out.ReplyError(id.error());
      out.Reply(201, json::object{{"id", *id}});
    });
    if (!queued) ctx.ReplyError(Busy());
  });

  router.Add("POST", "/api/v1/users/{id}/password", Access::Only({Role::kAdmin}), [&deps](Context& ctx) {
    const auto id = ParseNumericId(ctx.Param("id"));
    if (!id) return ctx.ReplyError(UnknownUser(ctx.Param("id")));
    auto body = JsonBody(ctx.request);
    if (!body) return ctx.ReplyError(body.error());
    std::vector<FieldError> problems;
    RejectUnknown(*body, {"password"}, problems);
    std::string password = StringField(*body, "password", problems);
    if (password.empty() && problems.empty()) problems.push_back({"missing_field", "password", {}});
    if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
    Replier out = ctx;
    const bool queued = deps.auth.Offload([&deps, out, admin = ctx.who(), id = *id, password = std::move(password)] {
      if (auto s = deps.auth.ResetPassword(admin, id, password); !s) return out.ReplyError(s.error());
      out.Reply(200, json::object{{"ok", true}});
    });
    if (!queued) ctx.ReplyError(Busy());
  });

  AddSwitch(router, deps, "/api/v1/users/{id}/disable", true);
  AddSwitch(router, deps, "/api/v1/users/{id}/enable", false);
}

}  // namespace shaobing::api
