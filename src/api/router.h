#pragma once
// Routes: method + path pattern ("/api/v1/events/{id}") → handler, with the roles allowed.
// Order of checks for every request, in this order: route match (404/405), authentication
// (401, unless public), role (403), then the handler (which checks scope, e.g. region).
#include <boost/json/value.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/http_types.h"
#include "core/access.h"
#include "i18n/messages.h"

namespace shaobing::api {

// Answers one request. Copyable: a handler that completes later keeps a copy (the request
// itself is gone by then).
struct Replier {
  std::shared_ptr<Responder> responder;
  i18n::Locale locale = i18n::Locale::kZhCn;
  std::string route;

  void Reply(int status, const boost::json::value& body, std::vector<std::pair<std::string, std::string>> headers = {}) const;
  void ReplyError(const Error& error) const;
  void ReplyRaw(HttpResponse response) const;
};

// What a handler works with while it runs.
struct Context : Replier {
  Context(HttpRequest& r, std::shared_ptr<Responder> out) : Replier{std::move(out)}, request(r) {}
  HttpRequest& request;
  std::optional<Principal> principal;  // set unless the route is public
  std::string token;                   // the bearer token or session cookie used

  const Principal& who() const { return *principal; }
  std::string Param(const std::string& name) const;
};

struct Access {
  bool is_public = false;
  std::vector<Role> roles;  // empty: every authenticated role
  static Access Public() { return {true, {}}; }
  static Access AnyUser() { return {false, {}}; }
  static Access Only(std::vector<Role> roles) { return {false, std::move(roles)}; }
};

using RouteHandler = std::function<void(Context&)>;

struct Route {
  std::string method;
  std::string pattern;
  Access access;
  RouteHandler handler;
};

// Authenticates a token (bearer or cookie) into a principal.
using Authenticator = std::function<Result<Principal>(std::string_view token)>;

class Router {
 public:
  explicit Router(Authenticator authenticate) : authenticate_(std::move(authenticate)) {}
  void Add(std::string method, std::string pattern, Access access, RouteHandler handler);
  // Requests no route matches and that are GETs go here (static files); else 404.
  void SetFallback(RouteHandler handler) { fallback_ = std::move(handler); }
  void Dispatch(HttpRequest& request, std::shared_ptr<Responder> responder) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  static bool Match(const std::string& pattern, const std::string& path, std::map<std::string, std::string>& params);
  Authenticator authenticate_;
  std::vector<Route> routes_;
  RouteHandler fallback_;
};

// "Bearer abc" → "abc"; else the shaobing_session cookie; else "".
std::string TokenOf(const HttpRequest& request);

}  // namespace shaobing::api
