#include "simulate/eval_link.h"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>
#include <unordered_map>

#include "core/report_json.h"

namespace shaobing::simulate {
namespace {

double Pairs(double n) { return n * (n - 1) / 2; }

Error LineError(const std::string& path, size_t line, std::string detail) {
  return Error::Make(ErrorCode::kInvalidArgument, "file_syntax", "",
                     {{"file", path}, {"line", std::to_string(line)}, {"detail", std::move(detail)}});
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Fail(
        Error::Make(ErrorCode::kInvalidArgument, "file_error", "", {{"file", path}, {"detail", std::strerror(errno)}}));
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Calls `each(line, number)` for every line that is not blank (numbers from 1), stopping at the
// first error it returns.
template <typename Each>
Status ForEachLine(std::string_view text, Each each) {
  size_t number = 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    if (auto s = each(line, number); !s) return s;
  }
  return {};
}

// The truth file: report id → event.
Result<std::unordered_map<std::string, std::string>> ParseTruth(std::string_view text, const std::string& name) {
  std::unordered_map<std::string, std::string> event_of;
  auto s = ForEachLine(text, [&](std::string_view line, size_t number) -> Status {
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(line, ec);
    const auto* o = ec ? nullptr : v.if_object();
    const auto* id = o ? o->if_contains("id") : nullptr;
    const auto* ev = o ? o->if_contains("event") : nullptr;
    if (!id || !id->is_string() || !ev || !(ev->is_string() || ev->is_int64())) {
      return Fail(LineError(name, number, "expected {\"id\": string, \"event\": string}"));
    }
    event_of[std::string(id->get_string())] =
        ev->is_string() ? std::string(ev->get_string()) : std::to_string(ev->get_int64());
    return {};
  });
  if (!s) return Fail(s.error());
  return event_of;
}

// The reports file, each report with its event from the truth.
Status ParseEvalReports(std::string_view text, const std::string& name,
                        const std::unordered_map<std::string, std::string>& event_of, const RegionTree& regions,
                        std::vector<ReportDraft>& drafts, std::vector<std::string>& truth) {
  ReportParseOptions parse;
  parse.evaluation_file = true;
  parse.require_fields = false;
  return ForEachLine(text, [&](std::string_view line, size_t number) -> Status {
    auto draft = ParseReport(line, regions, parse);
    if (!draft) {
      const Error& e = draft.error();
      return Fail(LineError(name, number, e.reason + (e.field.empty() ? "" : " (" + e.field + ")")));
    }
    auto it = event_of.find(draft->external_id);
    if (it == event_of.end()) return Fail(LineError(name, number, "id not in the truth file: " + draft->external_id));
    truth.push_back(it->second);
    drafts.push_back(std::move(*draft));
    return {};
  });
}

}  // namespace

boost::json::object LinkScores::ToJson() const {
  return {{"reports", reports},
          {"events_true", events_true},
          {"events_found", events_found},
          {"pairwise_precision", pairwise_precision},
          {"pairwise_recall", pairwise_recall},
          {"pairwise_f1", pairwise_f1},
          {"bcubed_f1", bcubed_f1},
          {"reports_per_second", reports_per_second}};
}

LinkScores ScoreClustering(const std::vector<std::string>& truth, const std::vector<std::string>& found) {
  LinkScores s;
  s.reports = truth.size();
  std::map<std::string, double> t_size, f_size;
  std::map<std::pair<std::string, std::string>, double> both;
  for (size_t i = 0; i < truth.size(); ++i) {
    ++t_size[truth[i]];
    ++f_size[found[i]];
    ++both[{truth[i], found[i]}];
  }
  s.events_true = t_size.size();
  s.events_found = f_size.size();
  double tp = 0, pred = 0, real = 0;
  for (const auto& [k, n] : both) tp += Pairs(n);
  for (const auto& [k, n] : f_size) pred += Pairs(n);
  for (const auto& [k, n] : t_size) real += Pairs(n);
  s.pairwise_precision = pred > 0 ? tp / pred : 1.0;
  s.pairwise_recall = real > 0 ? tp / real : 1.0;
  const double pp = s.pairwise_precision, pr = s.pairwise_recall;
  s.pairwise_f1 = pp + pr > 0 ? 2 * pp * pr / (pp + pr) : 0;
  double bp = 0, br = 0;
  for (size_t i = 0; i < truth.size(); ++i) {
    const double n = both[{truth[i], found[i]}];
    bp += n / f_size[found[i]];
    br += n / t_size[truth[i]];
  }
  if (!truth.empty()) {
    bp /= truth.size();
    br /= truth.size();
    s.bcubed_f1 = bp + br > 0 ? 2 * bp * br / (bp + br) : 0;
  }
  return s;
}

LinkScores EvalLinkDrafts(const std::vector<ReportDraft>& reports, const std::vector<std::string>& truth,
                          const RegionTree& regions, const fusion::LinkerOptions& options) {
  std::vector<size_t> order(reports.size());
  std::iota(order.begin(), order.end(), 0);
  auto arrival = [&](size_t i) { return reports[i].reported_at.value_or(TimePoint{}); };
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return arrival(a) < arrival(b); });
  std::vector<std::string> found(reports.size());
  fusion::Linker linker(regions, options);
  const auto start = std::chrono::steady_clock::now();
  for (size_t i : order) found[i] = std::to_string(linker.Link(reports[i], arrival(i)).event);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  LinkScores s = ScoreClustering(truth, found);
  s.reports_per_second = seconds > 0 ? reports.size() / seconds : 0;
  return s;
}

Result<boost::json::object> EvalLink(const std::string& reports_path, const std::string& truth_path,
                                     const RegionTree& regions) {
  auto truth_text = ReadFile(truth_path);
  if (!truth_text) return Fail(truth_text.error());
  auto event_of = ParseTruth(*truth_text, truth_path);
  if (!event_of) return Fail(event_of.error());
  auto reports_text = ReadFile(reports_path);
  if (!reports_text) return Fail(reports_text.error());
  std::vector<ReportDraft> drafts;
  std::vector<std::string> truth;
  if (auto s = ParseEvalReports(*reports_text, reports_path, *event_of, regions, drafts, truth); !s)
    return Fail(s.error());
  return EvalLinkDrafts(drafts, truth, regions).ToJson();
}

Result<boost::json::object> EvalLinkText(std::string_view reports_ndjson, const std::string& reports_name,
                                         std::string_view truth_ndjson, const std::string& truth_name,
                                         const RegionTree& regions) {
  auto event_of = ParseTruth(truth_ndjson, truth_name);
  if (!event_of) return Fail(event_of.error());
  std::vector<ReportDraft> drafts;
  std::vector<std::string> truth;
  if (auto s = ParseEvalReports(reports_ndjson, reports_name, *event_of, regions, drafts, truth); !s) {
    return Fail(s.error());
  }
  return EvalLinkDrafts(drafts, truth, regions).ToJson();
}

}  // namespace shaobing::simulate
