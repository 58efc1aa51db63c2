#pragma once
// Server-side messages in zh-CN (default) and en, from src/i18n/messages/*.json.
// A template names its arguments in braces: "缺少必填字段：{field_name}".
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace shaobing::i18n {

enum class Locale { kZhCn, kEn };

// zh-CN unless the Accept-Language header prefers English.
Locale FromAcceptLanguage(std::string_view header);

// The message for `key` with arguments filled in; the zh-CN text when `locale` lacks the key;
// the key itself when neither has it (a test keeps the catalogues complete).
std::string Render(Locale locale, std::string_view key, const std::vector<ErrorArg>& args = {});

// The message of an error: "error.<reason>", with the field's display name as {field_name}.
std::string ErrorMessage(Locale locale, const Error& error);
std::string FieldErrorMessage(Locale locale, const FieldError& error);

// Every key of a catalogue (for the completeness test).
std::vector<std::string> Keys(Locale locale);

}  // namespace shaobing::i18n
