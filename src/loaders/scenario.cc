#include "loaders/scenario.h"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <set>

#include "core/report_json.h"
#include "i18n/messages.h"
#include "loaders/data_files.h"

namespace shaobing {
namespace json = boost::json;

namespace {

constexpr size_t kMaxLabelBytes = 200;

struct OpSpec {
  ScenarioOp op;
  const char* code;
  std::set<std::string> keys;  // besides at, op, event
};

const std::vector<OpSpec>& Specs() {
  static const std::vector<OpSpec> kSpecs{
      {ScenarioOp::kReport, "report", {"report"}},
      {ScenarioOp::kDeskReport, "desk_report", {"from", "to", "channel"}},
      {ScenarioOp::kLead, "lead", {"region", "category", "text"}},
      {ScenarioOp::kRuling, "ruling", {"figure", "value", "reason"}},
      {ScenarioOp::kRefute, "refute", {"unit", "reason"}},
      {ScenarioOp::kConsultation, "consultation", {"decision", "reason"}},
  };
  return kSpecs;
}

std::string Text(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

// One line's problem, or nullopt; fills `out`.
std::optional<std::string> ParseLine(std::string_view text, const RegionTree& regions, ScenarioLine& out) {
  boost::system::error_code ec;
  const json::value v = json::parse(text, ec);
  if (ec) return "不是 JSON（not JSON）：" + ec.message();
  if (!v.is_object()) return "须为一个 JSON 对象（expected one JSON object）";
  const json::object& o = v.as_object();
  const std::string op = Text(o, "op");
  const auto spec = std::find_if(Specs().begin(), Specs().end(), [&](const OpSpec& s) { return op == s.code; });
  if (spec == Specs().end()) {
    return "op 须为 report、desk_report、lead、ruling、refute、consultation 之一，而不是“" + op + "”";
  }
  out.op = spec->op;
  for (const auto& kv : o) {
    const std::string key(kv.key());
    if (key != "at" && key != "op" && key != "event" && !spec->keys.contains(key)) {
      return std::string("未知字段 ").append(key).append("（unknown key for op ").append(op).append("）");
    }
  }
  const auto at = ParseIsoTime(Text(o, "at"));
  if (!at) return "at 须为带时区的 ISO 8601 时间（at: an ISO 8601 time with its offset）";
  out.at = *at;
  out.event = Text(o, "event");
  if (out.event.empty() || out.event.size() > kMaxLabelBytes) return "event 须为非空的事件标签（event: a label）";
  switch (out.op) {
    case ScenarioOp::kReport: {
      const auto* report = o.if_contains("report");
      if (report == nullptr || !report->is_object()) return "report 须为一份报告（CONTRACTS.md §1）";
      if (const auto* id = report->as_object().if_contains("event_id"); id != nullptr && !id->is_null()) {
        return "report 不能带 event_id：场景以 event 标签指明事件（the label names the event）";
      }
      // A follow-up, final or correction names its event by the label: the parser, which asks
      // for the event's id, is given a stand-in that is dropped again.
      json::object body = report->as_object();
      const bool later = Text(body, "kind") != "first";
      if (later) body["event_id"] = 1;
      auto draft = ParseReportValue(body, regions);
      if (!draft) return "report：" + i18n::ErrorMessage(i18n::Locale::kZhCn, draft.error());
      draft->event_id.reset();
      out.report = std::move(*draft);
      return std::nullopt;
    }
    case ScenarioOp::kDeskReport: {
      out.from = Text(o, "from");
      const Region* from = regions.Find(out.from);
      if (from == nullptr) return "from 须为行政区划代码（from: a region code），而不是“" + out.from + "”";
      const auto to = ParseLevel(Text(o, "to"));
      if (!to || *to <= from->level)
        return "to 须为高于 from 的层级：city、region 或 centre（to: a level above from's）";
      out.to = *to;
      const auto channel = ParseChannel(Text(o, "channel"));
      if (!channel) return "channel 须为 phone 或 written";
      out.channel = *channel;
      return std::nullopt;
    }
    default:
      out.fields = o;
      return std::nullopt;
  }
}

}  // namespace

const char* ScenarioOpCode(ScenarioOp op) {
  for (const auto& s : Specs()) {
    if (s.op == op) return s.code;
  }
  return "report";
}

Result<std::vector<ScenarioLine>> ParseScenario(const std::string& text, const std::string& file,
                                                const RegionTree& regions, const ScenarioLimits& limits) {
  if (auto e = NotUtf8(text, file)) return Fail(*e);
  std::vector<ScenarioLine> lines;
  int number = 0;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    start = end + 1;
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;  // blank
    if (line.size() > limits.max_line_bytes) {
      return Fail(FileSyntaxError(file, number,
                                  "行过长（line longer than " + std::to_string(limits.max_line_bytes) + " bytes）"));
    }
    if (lines.size() == limits.max_lines) {
      return Fail(
          FileSyntaxError(file, number, "行数过多（more than " + std::to_string(limits.max_lines) + " lines）"));
    }
    ScenarioLine parsed;
    parsed.line = number;
    if (auto problem = ParseLine(line, regions, parsed)) return Fail(FileSyntaxError(file, number, *problem));
    lines.push_back(std::move(parsed));
  }
  std::stable_sort(lines.begin(), lines.end(),
                   [](const ScenarioLine& a, const ScenarioLine& b) { return a.at < b.at; });
  return lines;
}

}  // namespace shaobing
