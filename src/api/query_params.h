#pragma once
// Query parameters shared by the list routes.
#include <vector>

#include "api/http_types.h"
#include "core/error.h"

namespace shaobing::api {

// The query parameter "limit" of a list: `fallback` when absent, else 1–500
// (invalid_query naming the value into `problems`, and `fallback`, otherwise).
int LimitParam(const HttpRequest& request, int fallback, std::vector<FieldError>& problems);

}  // namespace shaobing::api
