#include "standards/yaml_reader.h"

#include <cctype>
#include <charconv>
#include <cmath>

#include "standards/load_error.h"

namespace shaobing::standards_internal {
namespace {

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

// Digits may be grouped with '_' (1_0000_0000).
std::optional<double> ParseNumber(std::string_view text) {
  std::string clean;
  clean.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '_' && i > 0 && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
        std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
      continue;
    }
    clean += c;
  }
  if (clean.empty()) return std::nullopt;
  const char* begin = clean.data();
  if (*begin == '+') ++begin;
  double v = 0;
  auto [ptr, ec] = std::from_chars(begin, clean.data() + clean.size(), v);
  if (ec != std::errc() || ptr != clean.data() + clean.size() || !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

}  // namespace

std::optional<Date> ParseDate(std::string_view s) {
  auto digits = [&](size_t pos, size_t n, int& out) {
    out = 0;
    for (size_t i = pos; i < pos + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  int y, m, d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) {
    return std::nullopt;
  }
  std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(unsigned(m)), std::chrono::day(unsigned(d))};
  if (!ymd.ok()) return std::nullopt;
  return Date(ymd);
}

int YamlReader::Line(const YAML::Node& node, int fallback) {
  if (!node.IsDefined()) return fallback;
  const YAML::Mark m = node.Mark();
  return m.line >= 0 && m.pos >= 0 ? m.line + 1 : fallback;
}

std::string YamlReader::Describe(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "空值";
  if (node.IsScalar()) return Quote(node.Scalar());
  if (node.IsSequence()) return "列表";
  return "映射";
}

bool YamlReader::Fail(int line, std::string_view reason, std::string where, std::string value,
                      std::vector<ErrorArg> extra) {
  if (!error_) {
    error_ = CatalogueError(reason, file_, line, std::move(where), std::move(value), std::move(extra));
  }
  return false;
}

bool YamlReader::Map(const YAML::Node& node, const std::string& where, std::string_view key,
                     std::initializer_list<std::string_view> allowed,
                     std::initializer_list<std::string_view> required) {
  if (!ok()) return false;
  if (!node.IsMap()) {
    return Fail(Line(node), "catalogue_wrong_type", where, Describe(node),
                {{"key", std::string(key)}, {"expected", "映射"}});
  }
  std::vector<std::string> seen;
  for (const auto& entry : node) {
    const YAML::Node k = entry.first;
    if (!k.IsScalar()) {
      return Fail(Line(k, Line(node)), "catalogue_unknown_key", where, Describe(k));
    }
    const std::string& name = k.Scalar();
    bool known = false;
    for (auto a : allowed) known = known || a == name;
    if (!known) return Fail(Line(k, Line(node)), "catalogue_unknown_key", where, name);
    for (const auto& s : seen) {
      if (s == name) return Fail(Line(k, Line(node)), "catalogue_duplicate_key", where, name);
    }
    seen.push_back(name);
  }
  for (auto req : required) {
    bool found = false;
    for (const auto& s : seen) found = found || s == req;
    if (!found) return Fail(Line(node), "catalogue_missing_key", where, std::string(req));
  }
  return true;
}

bool YamlReader::Seq(const YAML::Node& node, const std::string& where, std::string_view key, bool allow_empty) {
  if (!ok()) return false;
  if (!node.IsSequence()) {
    return Fail(Line(node), "catalogue_wrong_type", where, Describe(node),
                {{"key", std::string(key)}, {"expected", "列表"}});
  }
  if (!allow_empty && node.size() == 0) {
    return Fail(Line(node), "catalogue_empty_value", where, "", {{"key", std::string(key)}});
  }
  return true;
}

bool YamlReader::Scalar(const YAML::Node& node, const std::string& where, std::string_view key,
                        std::string_view expected) {
  if (!ok()) return false;
  if (!node.IsScalar()) {
    return Fail(Line(node), "catalogue_wrong_type", where, Describe(node),
                {{"key", std::string(key)}, {"expected", std::string(expected)}});
  }
  return true;
}

bool YamlReader::Str(const YAML::Node& node, const std::string& where, std::string_view key, std::string* out,
                     bool allow_empty) {
  if (!Scalar(node, where, key, "字符串")) return false;
  if (!allow_empty && node.Scalar().empty()) {
    return Fail(Line(node), "catalogue_empty_value", where, "", {{"key", std::string(key)}});
  }
  *out = node.Scalar();
  return true;
}

bool YamlReader::Num(const YAML::Node& node, const std::string& where, std::string_view key, double* out) {
  if (!Scalar(node, where, key, "数字")) return false;
  auto v = ParseNumber(node.Scalar());
  if (!v) {
    return Fail(Line(node), "catalogue_bad_number", where, node.Scalar(), {{"key", std::string(key)}});
  }
  *out = *v;
  return true;
}

bool YamlReader::Int(const YAML::Node& node, const std::string& where, std::string_view key, int* out) {
  double v = 0;
  if (!Num(node, where, key, &v)) return false;
  if (v != std::floor(v) || std::abs(v) > 1e9) {
    return Fail(Line(node), "catalogue_bad_number", where, node.Scalar(), {{"key", std::string(key)}});
  }
  *out = static_cast<int>(v);
  return true;
}

bool YamlReader::Flag(const YAML::Node& node, const std::string& where, std::string_view key, bool* out) {
  if (!Scalar(node, where, key, " true 或 false")) return false;
  const std::string& s = node.Scalar();
  if (s == "true") {
    *out = true;
  } else if (s == "false") {
    *out = false;
  } else {
    return Fail(Line(node), "catalogue_bad_bool", where, s, {{"key", std::string(key)}});
  }
  return true;
}

bool YamlReader::Day(const YAML::Node& node, const std::string& where, std::string_view key, Date* out) {
  if (!Scalar(node, where, key, "日期")) return false;
  auto d = ParseDate(node.Scalar());
  if (!d) return Fail(Line(node), "catalogue_bad_date", where, node.Scalar());
  *out = *d;
  return true;
}

bool YamlReader::Strs(const YAML::Node& node, const std::string& where, std::string_view key,
                      std::vector<std::string>* out, bool allow_empty) {
  if (!ok()) return false;
  out->clear();
  if (node.IsScalar()) {
    std::string s;
    if (!Str(node, where, key, &s)) return false;
    out->push_back(std::move(s));
    return true;
  }
  if (!Seq(node, where, key, allow_empty)) return false;
  for (const auto& item : node) {
    std::string s;
    if (!Str(item, where, key, &s)) return false;
    out->push_back(std::move(s));
  }
  return true;
}

bool YamlReader::LevelOf(const YAML::Node& node, const std::string& where, Level* out) {
  if (!Scalar(node, where, "level", "字符串")) return false;
  auto l = ParseLevel(node.Scalar());
  if (!l) return Fail(Line(node), "catalogue_unknown_level", where, node.Scalar());
  *out = *l;
  return true;
}

bool YamlReader::GradeOf(const YAML::Node& node, const std::string& where, Grade* out) {
  if (!Scalar(node, where, "grade", "字符串")) return false;
  auto g = ParseGrade(node.Scalar());
  if (!g) return Fail(Line(node), "catalogue_unknown_grade", where, node.Scalar());
  *out = *g;
  return true;
}

bool YamlReader::FigureOf(const YAML::Node& node, const std::string& where, Figure* out) {
  if (!Scalar(node, where, "figure", "字符串")) return false;
  auto f = ParseFigure(node.Scalar());
  if (!f) return Fail(Line(node), "catalogue_unknown_figure", where, node.Scalar());
  *out = *f;
  return true;
}

bool YamlReader::ChannelOf(const YAML::Node& node, const std::string& where, Channel* out) {
  if (!Scalar(node, where, "channel", "字符串")) return false;
  auto c = ParseChannel(node.Scalar());
  if (!c) return Fail(Line(node), "catalogue_unknown_channel", where, node.Scalar());
  *out = *c;
  return true;
}

}  // namespace shaobing::standards_internal
