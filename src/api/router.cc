#include "api/router.h"

#include <boost/json/serialize.hpp>

#include "api/errors.h"

namespace shaobing::api {

std::string Context::Param(const std::string& name) const {
  auto it = request.params.find(name);
  return it == request.params.end() ? std::string() : it->second;
}

void Replier::Reply(int status, const boost::json::value& body, std::vector<std::pair<std::string, std::string>> headers) const {
  HttpResponse r;
  r.status = status;
  r.body = boost::json::serialize(body);
  r.headers = std::move(headers);
  ReplyRaw(std::move(r));
}

void Replier::ReplyError(const Error& error) const { ReplyRaw(ErrorResponse(error, locale)); }

void Replier::ReplyRaw(HttpResponse response) const {
  response.route = route;
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
  Context ctx{request, std::move(responder)};
  ctx.locale = i18n::FromAcceptLanguage(request.accept_language);
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
      ctx.route = path_matched->pattern;  // the template, never the path a client sent
      return ctx.ReplyError(Error::Make(ErrorCode::kInvalidArgument, "method_not_allowed", "",
                                        {{"method", request.method}}));
    }
    if (fallback_ && request.method == "GET" && request.path.rfind("/api/", 0) != 0) {
      ctx.route = "static";
      return fallback_(ctx);
    }
    ctx.route = "";
    auto resp = ErrorResponse(Error::Make(ErrorCode::kNotFound, "not_found", "", {{"path", request.path}}), ctx.locale);
    return ctx.ReplyRaw(std::move(resp));
  }
  ctx.route = found->pattern;
  if (!found->access.is_public) {
    ctx.token = TokenOf(request);
    auto who = authenticate_(ctx.token);
    if (!who) return ctx.ReplyError(who.error());
    const auto& roles = found->access.roles;
    if (!roles.empty() && std::find(roles.begin(), roles.end(), who->role) == roles.end()) {
      return ctx.ReplyError(Error::Make(ErrorCode::kPermissionDenied, "permission_denied", ""));
    }
    ctx.principal = std::move(*who);
  }
  found->handler(ctx);
}

}  // namespace shaobing::api
