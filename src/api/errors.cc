#include "api/errors.h"

#include <boost/json.hpp>

#include "core/utf8.h"

namespace shaobing::api {

int HttpStatus(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kTooLarge:
      return 413;
    case ErrorCode::kUnsupported:
      return 415;
    case ErrorCode::kExhausted:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

// Messages and fields quote what the client sent (a path, a query value, a key), which may
// be any bytes: the body stays UTF-8, as JSON must be.
HttpResponse ErrorResponse(const Error& e, i18n::Locale locale, const std::string& request_id) {
  const bool hidden =
      e.code == ErrorCode::kInternal || (e.code == ErrorCode::kUnavailable && e.reason == "unavailable");
  if (hidden) {
    const char* key = e.code == ErrorCode::kInternal ? "error.internal_hidden" : "error.unavailable_hidden";
    boost::json::object err{{"code", e.reason}, {"message", i18n::Render(locale, key, {{"request_id", request_id}})}};
    if (!request_id.empty()) err["request_id"] = request_id;
    HttpResponse r;
    r.status = HttpStatus(e.code);
    r.body = boost::json::serialize(boost::json::object{{"error", std::move(err)}});
    return r;
  }
  boost::json::object err{{"code", e.reason}, {"message", ValidUtf8(i18n::ErrorMessage(locale, e))}};
  if (!e.field.empty()) err["field"] = ValidUtf8(e.field);
  if (!request_id.empty()) err["request_id"] = request_id;
  if (!e.details.empty()) {
    boost::json::array details;
    for (const auto& d : e.details) {
      boost::json::object item{{"code", d.reason}, {"message", ValidUtf8(i18n::FieldErrorMessage(locale, d))}};
      if (!d.field.empty()) item["field"] = ValidUtf8(d.field);
      details.push_back(std::move(item));
    }
    err["details"] = std::move(details);
  }
  HttpResponse r;
  r.status = e.reason == "method_not_allowed" ? 405 : e.reason == "header_too_large" ? 431 : HttpStatus(e.code);
  r.body = boost::json::serialize(boost::json::object{{"error", std::move(err)}});
  if (r.status == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"shaobing\"");
  for (const auto& a : e.args) {
    if (a.name == "retry_after") r.headers.emplace_back("Retry-After", a.value);  // 429: when to try again
  }
  return r;
}

}  // namespace shaobing::api
