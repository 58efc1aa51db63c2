#pragma once
// The one place where domain errors become HTTP responses:
// {"error": {"code", "message", "field"?, "request_id"?, "details"?: [{"code","message","field"}]}}.
// `request_id` is the request's (X-Request-Id): what a user quotes, and what the log lines of
// that request carry.
#include "api/http_types.h"
#include "core/error.h"
#include "i18n/messages.h"

namespace shaobing::api {

int HttpStatus(ErrorCode code);
// Errors of the server itself (kInternal, and kUnavailable "unavailable" from the store) are
// answered without their detail, which may hold SQL or paths: a generic message naming
// `request_id`, under which the detail is logged.
HttpResponse ErrorResponse(const Error& error, i18n::Locale locale, const std::string& request_id = "");

}  // namespace shaobing::api
