#pragma once
// Routes: method + path pattern ("/api/v1/events/{id}") → handler, with the roles allowed.
// Order of checks for every request, in this order: route match (404/405), cross-site
// defence for state-changing methods (415 unless JSON, 403 "cross_origin" for a foreign
// Origin or Sec-Fetch-Site), authentication (401, unless public), a pending password change
// (403 "password_change_required" outside the few routes that allow it), role (403, audited
// as a denial), then the handler (which checks scope, e.g. region, and answers what the
// caller may not see like what does not exist, audited through Error::denied).
#include <atomic>
#include <boost/json/value.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/http_types.h"
#include "api/request_id.h"
#include "core/access.h"
#include "i18n/messages.h"

namespace shaobing::api {

// What is known of a request when it is refused: for the audit of denials and the log of 5xx.
struct RequestInfo {
  std::string actor;  // "user:desk", or "anonymous"
  std::string method, path, route;
  std::string client_address;
  std::string request_id;
};

// Records a refusal of an authenticated caller (role or scope): `error` is what was answered.
using DenialRecorder = std::function<void(const RequestInfo& request, const Error& error)>;

// Answers one request. Copyable: a handler that completes later keeps a copy (the request
// itself is gone by then).
struct Replier {
  std::shared_ptr<Responder> responder;
  i18n::Locale locale = i18n::Locale::kZhCn;
  std::string route;
  std::shared_ptr<RequestInfo> info;  // set by the router
  const DenialRecorder* denials = nullptr;

  void Reply(int status, const boost::json::value& body,
             std::vector<std::pair<std::string, std::string>> headers = {}) const;
  // Errors of the server itself (5xx) are logged with the request id and answered without
  // their detail; a denial (Error::denied) is recorded.
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
  std::vector<Role> roles;              // empty: every authenticated role
  bool before_password_change = false;  // reachable while the account must change its password
  // The body is a file (application/octet-stream) instead of JSON; the same cross-site checks
  // (a cross-site page cannot send that type without a preflight, which is never granted).
  bool octet_stream_body = false;
  static Access Public() { return {true, {}}; }
  static Access AnyUser() { return {false, {}}; }
  static Access Only(std::vector<Role> roles) { return {false, std::move(roles)}; }
  Access OctetStreamBody() const {
    Access a = *this;
    a.octet_stream_body = true;
    return a;
  }
  Access BeforePasswordChange() const {
    Access a = *this;
    a.before_password_change = true;
    return a;
  }
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

struct RouterOptions {
  // Behind a TLS proxy on this machine: X-Forwarded-For from a loopback peer names the client
  // (its last entry, the one the proxy added). Otherwise the peer address is the client.
  bool trust_forwarded_for = false;
};

class Router {
 public:
  explicit Router(Authenticator authenticate, RouterOptions options = {}, DenialRecorder denials = {})
      : authenticate_(std::move(authenticate)), options_(options), denials_(std::move(denials)) {}
  void Add(std::string method, std::string pattern, Access access, RouteHandler handler);
  // Requests no route matches and that are GETs go here (static files); else 404.
  void SetFallback(RouteHandler handler) { fallback_ = std::move(handler); }
  void Dispatch(HttpRequest& request, std::shared_ptr<Responder> responder) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  static bool Match(const std::string& pattern, const std::string& path, std::map<std::string, std::string>& params);
  Authenticator authenticate_;
  RouterOptions options_;
  DenialRecorder denials_;
  std::vector<Route> routes_;
  RouteHandler fallback_;
  mutable RequestIds request_ids_;  // for a request that comes without one (router tests)
};

// "Bearer abc" → "abc"; else the shaobing_session cookie; else "".
std::string TokenOf(const HttpRequest& request);

// The client's IP address: the peer's, or behind a trusted loopback proxy the last
// X-Forwarded-For entry.
std::string ClientAddress(const HttpRequest& request, bool trust_forwarded_for);

// Cross-site defence for a state-changing request: kUnsupported "unsupported_media_type"
// unless the body is declared `media_type` (JSON unless the route takes a file); kPermissionDenied "cross_origin" when
// Origin names another host than Host, or Sec-Fetch-Site says cross-site or same-site.
Status CheckSameOriginJson(const HttpRequest& request, std::string_view media_type = "application/json");

}  // namespace shaobing::api
