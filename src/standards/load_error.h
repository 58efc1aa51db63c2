#pragma once
// Errors of catalogue loading and validation. Each is an invalid-argument Error whose reason
// starts with "catalogue_" and whose args carry "file", "line" (1-based, "0" when unknown),
// "where" (the catalogue item, e.g. `规则 "fire-region"`), "value" (the bad value) and, for some
// reasons, "key", "expected", "detail", "first_line", "other".
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace shaobing {

Error CatalogueError(std::string_view reason, std::string_view file, int line, std::string where, std::string value,
                     std::vector<ErrorArg> extra = {});

// The administrator-facing message, in Chinese, ending with the place in full-width
// parentheses, e.g. `规则 "fire-region" 引用了未知类别 "fires"（catalogue.yaml:42）`.
// Errors that are not catalogue errors render as "<reason>: name=value, ...".
std::string FormatLoadError(const Error& error);

// The value of a named argument of `error`, or "" when absent.
std::string_view ErrorArgValue(const Error& error, std::string_view name);

}  // namespace shaobing
