#include "standards/load_error.h"

#include <array>
#include <utility>

namespace shaobing {
namespace {

struct Template {
  std::string_view reason;
  std::string_view text;
};

// One line per reason; arguments in braces.
constexpr std::array<Template, 35> kTemplates{{
    {"catalogue_syntax", "YAML 格式错误：{detail}"},
    {"catalogue_empty", "目录为空"},
    {"catalogue_wrong_type", "{where} 的 {key} 应为{expected}，实际为 {value}"},
    {"catalogue_unknown_key", "{where} 含未知字段 \"{value}\""},
    {"catalogue_duplicate_key", "{where} 的字段 \"{value}\" 重复"},
    {"catalogue_missing_key", "{where} 缺少必填字段 \"{value}\""},
    {"catalogue_conflicting_keys", "{where} 不能同时使用 \"{value}\" 和 \"{other}\""},
    {"catalogue_empty_value", "{where} 的 {key} 不能为空"},
    {"catalogue_bad_number", "{where} 的 {key} 应为数字，实际为 \"{value}\""},
    {"catalogue_bad_bool", "{where} 的 {key} 应为 true 或 false，实际为 \"{value}\""},
    {"catalogue_bad_date", "{where} 的日期 \"{value}\" 无效，须为 YYYY-MM-DD"},
    {"catalogue_bad_month_day", "{where} 的日期 \"{value}\" 无效，须为 MM-DD"},
    {"catalogue_bad_time", "{where} 的时间 \"{value}\" 无效，须为带时区的 ISO 8601 时间"},
    {"catalogue_bad_rule_id", "规则编号 \"{value}\" 无效，只能使用小写字母、数字和 - _ ."},
    {"catalogue_duplicate_rule", "规则 \"{value}\" 重复定义（首次定义于第 {first_line} 行）"},
    {"catalogue_unknown_category", "{where} 引用了未知类别 \"{value}\""},
    {"catalogue_unknown_figure", "{where} 引用了未知数字项 \"{value}\""},
    {"catalogue_unknown_level", "{where} 引用了未知报送层级 \"{value}\"（可选 county、city、region、centre）"},
    {"catalogue_unknown_grade", "{where} 的等级 \"{value}\" 无效（可选 I、II、III、IV）"},
    {"catalogue_unknown_channel", "{where} 的报送方式 \"{value}\" 无效（可选 phone、written）"},
    {"catalogue_unknown_sensitive_kind",
     "{where} 的敏感因素类别 \"{value}\" 无效（可选 persons、places、behaviours、times、thresholds、any）"},
    {"catalogue_unknown_sensitive", "{where} 引用了未定义的敏感因素 \"{value}\""},
    {"catalogue_duplicate_sensitive", "敏感因素 \"{value}\" 重复定义（首次定义于第 {first_line} 行）"},
    {"catalogue_missing_sensitive", "缺少必备的敏感因素 \"{value}\"（{key}）"},
    {"catalogue_bad_region", "{where} 的行政区划代码 \"{value}\" 无效，须为 6 位数字"},
    {"catalogue_negative_threshold", "{where} 的阈值 {value} 为负数"},
    {"catalogue_empty_band", "{where} 的条件永远无法满足：{value}"},
    {"catalogue_bad_minutes", "{where} 的时限 {value} 分钟无效，须为正整数"},
    {"catalogue_bad_count", "{where} 的 {key} 为 {value}，须为 1 到 {other} 之间的整数"},
    {"catalogue_bad_geofence", "{where} 的地理围栏无效：{value}"},
    {"catalogue_date_order", "{where} 的起始日期 {value} 晚于结束日期 {other}"},
    {"catalogue_no_output", "规则 \"{value}\" 没有任何输出（grade、report_to、deadlines 或 consultation）"},
    {"catalogue_no_source", "规则 \"{value}\" 须注明来源 source，或标记 local_default: true"},
    {"catalogue_routing_order", "路由策略中 {value} 级事件的报送层级 {key} 低于 {other}"},
    {"catalogue_too_many", "{where} 超过上限 {value} 个"},
}};

std::string Fill(std::string_view text, const std::vector<ErrorArg>& args) {
  std::string out;
  out.reserve(text.size() + 32);
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '{') {
      size_t close = text.find('}', i);
      if (close != std::string_view::npos) {
        std::string_view name = text.substr(i + 1, close - i - 1);
        for (const auto& a : args) {
          if (a.name == name) {
            out += a.value;
            break;
          }
        }
        i = close + 1;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

}  // namespace

Error CatalogueError(std::string_view reason, std::string_view file, int line, std::string where, std::string value,
                     std::vector<ErrorArg> extra) {
  std::vector<ErrorArg> args{{"file", std::string(file)},
                             {"line", std::to_string(line)},
                             {"where", std::move(where)},
                             {"value", std::move(value)}};
  for (auto& a : extra) args.push_back(std::move(a));
  return Error::Make(ErrorCode::kInvalidArgument, std::string(reason), {}, std::move(args));
}

std::string_view ErrorArgValue(const Error& error, std::string_view name) {
  for (const auto& a : error.args) {
    if (a.name == name) return a.value;
  }
  return {};
}

std::string FormatLoadError(const Error& error) {
  for (const auto& t : kTemplates) {
    if (t.reason != error.reason) continue;
    std::string out = Fill(t.text, error.args);
    std::string_view file = ErrorArgValue(error, "file");
    std::string_view line = ErrorArgValue(error, "line");
    if (!file.empty() || (!line.empty() && line != "0")) {
      out += "（";
      out += file;
      if (!line.empty() && line != "0") {
        out += ':';
        out += line;
      }
      out += "）";
    }
    return out;
  }
  std::string out = error.reason;
  const char* sep = ": ";
  for (const auto& a : error.args) {
    out += sep;
    out += a.name + "=" + a.value;
    sep = ", ";
  }
  return out;
}

}  // namespace shaobing
