#include "api/router.h"

#include <boost/json/serialize.hpp>
#include <cctype>

#include "api/errors.h"
#include "log/json_log.h"

namespace shaobing::api {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsStateChanging(std::string_view method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

// One log line with what a 5xx hides from its body.
void LogServerError(const RequestInfo& info, const Error& e) {
  boost::json::object args;
  for (const auto& a : e.args) args[a.name] = a.value;
  log::Write("error", {{"request_id", info.request_id},
                       {"method", info.method},
                       {"route", info.route},
                       {"reason", e.reason},
                       {"code", ErrorCodeName(e.code)},
                       {"args", std::move(args)}});
}

}  // namespace

std::string Context::Param(const std::string& name) const {
  auto it = request.params.find(name);
  return it == request.params.end() ? std::string() : it->second;
}

void Replier::Reply(int status, const boost::json::value& body,
                    std::vector<std::pair<std::string, std::string>> headers) const {
  HttpResponse r;
  r.status = status;
  r.body = boost::json::serialize(body);
  r.headers = std::move(headers);
  ReplyRaw(std::move(r));
}

void Replier::ReplyError(const Error& error) const {
  const std::string request_id = info ? info->request_id : "";
  // What a 5xx hides from its body (errors of the server itself) goes to the log.
  const bool hidden =
      error.code == ErrorCode::kInternal || (error.code == ErrorCode::kUnavailable && error.reason == "unavailable");
  if (info && hidden) LogServerError(*info, error);
  if (info && error.denied && denials && *denials) (*denials)(*info, error);
  ReplyRaw(ErrorResponse(error, locale, request_id));
}

void Replier::ReplyRaw(HttpResponse response) const {
  response.route = route;  // X-Request-Id: the connection's, on every answer (http_connection.cc)
  responder->Respond(std::move(response));
}

std::string TokenOf(const HttpRequest& r) {
  constexpr std::string_view kBearer = "Bearer ";
  if (r.authorization.size() > kBearer.size() && r.authorization.compare(0, kBearer.size(), kBearer) == 0) {
    return r.authorization.substr(kBearer.size());
  }
  constexpr std::string_view kCookie = "shaobing_session=";
  for (size_t pos = 0; pos < r.cookie.size();) {
    size_t end = r.cookie.find(';', pos);
    if (end == std::string::npos) end = r.cookie.size();
    std::string_view part(r.cookie.data() + pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.substr(0, kCookie.size()) == kCookie) return std::string(part.substr(kCookie.size()));
    pos = end + 1;
  }
  return {};
}

std::string ClientAddress(const HttpRequest& r, bool trust_forwarded_for) {
  std::string peer = r.remote;
  if (auto colon = peer.rfind(':'); colon != std::string::npos) peer.resize(colon);
  const bool loopback = peer == "127.0.0.1" || peer == "::1" || peer.starts_with("127.");
  if (trust_forwarded_for && loopback && !r.forwarded_for.empty()) {
    std::string_view list = r.forwarded_for;
    if (auto comma = list.rfind(','); comma != std::string_view::npos) list.remove_prefix(comma + 1);
    const auto last = Trim(list);
    if (!last.empty() && last.size() <= 45 &&
        last.find_first_not_of("0123456789abcdefABCDEF.:") == std::string_view::npos) {
      return std::string(last);
    }
  }
  return peer;
}

Status CheckSameOriginJson(const HttpRequest& r, std::string_view media_type) {
  const std::string type = Lower(Trim(std::string_view(r.content_type).substr(0, r.content_type.find(';'))));
  if (type != media_type) {
    return Fail(Error::Make(ErrorCode::kUnsupported, "unsupported_media_type", "",
                            {{"value", r.content_type}, {"allowed", std::string(media_type)}}));
  }
  if (!r.sec_fetch_site.empty()) {
    const std::string site = Lower(Trim(r.sec_fetch_site));
    if (site != "same-origin" && site != "none") {
      return Fail(Error::Make(ErrorCode::kPermissionDenied, "cross_origin", "", {{"value", r.sec_fetch_site}}));
    }
  }
  if (!r.origin.empty()) {
    std::string_view origin = r.origin;
    for (std::string_view scheme : {"http://", "https://"}) {
      if (origin.starts_with(scheme)) origin.remove_prefix(scheme.size());
    }
    if (origin == r.origin || Lower(origin) != Lower(Trim(r.host))) {
      return Fail(Error::Make(ErrorCode::kPermissionDenied, "cross_origin", "", {{"value", r.origin}}));
    }
  }
  return {};
}

void Router::Add(std::string method, std::string pattern, Access access, RouteHandler handler) {
  routes_.push_back({std::move(method), std::move(pattern), std::move(access), std::move(handler)});
}

bool Router::Match(const std::string& pattern, const std::string& path, std::map<std::string, std::string>& params) {
  size_t p = 0, q = 0;
  while (p < pattern.size() && q <= path.size()) {
    if (pattern[p] == '{') {
      const size_t close = pattern.find('}', p);
      const size_t end = path.find('/', q);
      const std::string value = path.substr(q, end == std::string::npos ? std::string::npos : end - q);
      if (value.empty()) return false;
      params[pattern.substr(p + 1, close - p - 1)] = value;
      p = close + 1;
      q = end == std::string::npos ? path.size() : end;
    } else {
      if (q >= path.size() || pattern[p] != path[q]) return false;
      ++p;
      ++q;
    }
  }
  return p == pattern.size() && q == path.size();
}

void Router::Dispatch(HttpRequest& request, std::shared_ptr<Responder> responder) const {
  request.client_address = ClientAddress(request, options_.trust_forwarded_for);
  if (request.request_id.empty()) request.request_id = request_ids_.Next();
  Context ctx{request, std::move(responder)};
  ctx.locale = i18n::FromAcceptLanguage(request.accept_language);
  ctx.info = std::make_shared<RequestInfo>(
      RequestInfo{"anonymous", request.method, request.path, "", request.client_address, request.request_id});
  ctx.denials = &denials_;
  const Route* found = nullptr;
  const Route* path_matched = nullptr;
  for (const auto& route : routes_) {
    std::map<std::string, std::string> params;
    if (!Match(route.pattern, request.path, params)) continue;
    if (!path_matched) path_matched = &route;
    if (route.method != request.method) continue;
    request.params = std::move(params);
    found = &route;
    break;
  }
  if (!found) {
    if (path_matched) {
      ctx.route = ctx.info->route = path_matched->pattern;  // the template, never the path a client sent
      return ctx.ReplyError(
          Error::Make(ErrorCode::kInvalidArgument, "method_not_allowed", "", {{"method", request.method}}));
    }
    if (fallback_ && request.method == "GET" && request.path.rfind("/api/", 0) != 0) {
      ctx.route = ctx.info->route = "static";
      return fallback_(ctx);
    }
    return ctx.ReplyError(Error::Make(ErrorCode::kNotFound, "not_found", "", {{"path", request.path}}));
  }
  ctx.route = ctx.info->route = found->pattern;
  if (IsStateChanging(request.method)) {
    const std::string_view type = found->access.octet_stream_body ? "application/octet-stream" : "application/json";
    if (auto s = CheckSameOriginJson(request, type); !s) return ctx.ReplyError(s.error());
  }
  if (!found->access.is_public) {
    ctx.token = TokenOf(request);
    auto who = authenticate_(ctx.token);
    if (!who) return ctx.ReplyError(who.error());
    ctx.info->actor = "user:" + who->name;
    if (who->must_change_password && !found->access.before_password_change) {
      return ctx.ReplyError(Error::Make(ErrorCode::kPermissionDenied, "password_change_required", ""));
    }
    const auto& roles = found->access.roles;
    if (!roles.empty() && std::find(roles.begin(), roles.end(), who->role) == roles.end()) {
      return ctx.ReplyError(Error::Denied(Error::Make(ErrorCode::kPermissionDenied, "permission_denied", "")));
    }
    ctx.principal = std::move(*who);
  }
  found->handler(ctx);
}

}  // namespace shaobing::api
