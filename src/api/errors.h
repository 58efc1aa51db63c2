#pragma once
// The one place where domain errors become HTTP responses:
// {"error": {"code", "message", "field"?, "details"?: [{"code","message","field"}]}}.
#include "api/http_types.h"
#include "core/error.h"
#include "i18n/messages.h"

namespace shaobing::api {

int HttpStatus(ErrorCode code);
HttpResponse ErrorResponse(const Error& error, i18n::Locale locale);

}  // namespace shaobing::api
