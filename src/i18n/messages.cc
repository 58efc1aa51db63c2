#include "i18n/messages.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace shaobing::i18n {
namespace data {
extern const char* const kZhCn;
extern const char* const kEn;
}  // namespace data

namespace {

const boost::json::object& Catalogue(Locale locale) {
  // Parsed once; immutable afterwards (C++11 guarantees thread-safe static init).
  static const boost::json::object kZh = boost::json::parse(data::kZhCn).as_object();
  static const boost::json::object kEn = boost::json::parse(data::kEn).as_object();
  return locale == Locale::kEn ? kEn : kZh;
}

std::string Fill(std::string_view tmpl, const std::vector<ErrorArg>& args) {
  std::string out;
  out.reserve(tmpl.size() + 32);
  for (size_t i = 0; i < tmpl.size();) {
    if (tmpl[i] == '{') {
      size_t close = tmpl.find('}', i);
      if (close != std::string_view::npos) {
        std::string_view name = tmpl.substr(i + 1, close - i - 1);
        for (const auto& a : args) {
          if (a.name == name) {
            out += a.value;
            i = close + 1;
            goto next;
          }
        }
      }
    }
    out += tmpl[i++];
  next:;
  }
  return out;
}

// "figures.deaths" -> "field.figures.deaths"; "sensitive.persons[2]" -> "field.sensitive.persons".
std::string FieldName(Locale locale, std::string_view field) {
  if (field.empty()) return {};
  std::string base(field.substr(0, field.find('[')));
  std::string key = "field." + base;
  const auto& cat = Catalogue(locale);
  if (const auto* v = cat.if_contains(key)) {
    const std::string name(v->as_string());
    return locale == Locale::kEn ? name + " (" + std::string(field) + ")" : name + "（" + std::string(field) + "）";
  }
  return std::string(field);
}

}  // namespace

Locale FromAcceptLanguage(std::string_view header) {
  const auto en = header.find("en");
  const auto zh = header.find("zh");
  if (en != std::string_view::npos && (zh == std::string_view::npos || en < zh)) return Locale::kEn;
  return Locale::kZhCn;
}

std::string Render(Locale locale, std::string_view key, const std::vector<ErrorArg>& args) {
  const auto* v = Catalogue(locale).if_contains(key);
  if (!v) v = Catalogue(Locale::kZhCn).if_contains(key);
  if (!v || !v->is_string()) return std::string(key);
  return Fill(v->as_string(), args);
}

std::string FieldErrorMessage(Locale locale, const FieldError& e) {
  std::vector<ErrorArg> args = e.args;
  args.push_back({"field", e.field});
  args.push_back({"field_name", FieldName(locale, e.field)});
  return Render(locale, "error." + e.reason, args);
}

std::string ErrorMessage(Locale locale, const Error& e) {
  if (e.details.size() > 1) {
    std::string out = Render(locale, "error.invalid_input", {{"count", std::to_string(e.details.size())}});
    for (size_t i = 0; i < e.details.size(); ++i) {
      out += (i == 0 ? "" : locale == Locale::kEn ? "; " : "；") + FieldErrorMessage(locale, e.details[i]);
    }
    return out;
  }
  return FieldErrorMessage(locale, FieldError{e.reason, e.field, e.args});
}

std::vector<std::string> Keys(Locale locale) {
  std::vector<std::string> out;
  for (const auto& kv : Catalogue(locale)) out.emplace_back(kv.key());
  return out;
}

}  // namespace shaobing::i18n
