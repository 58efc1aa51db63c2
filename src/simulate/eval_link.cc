#include "simulate/eval_link.h"

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>
#include <unordered_map>

#include <boost/json/parse.hpp>

#include "core/report_json.h"

namespace shaobing::simulate {
namespace {

double Pairs(double n) { return n * (n - 1) / 2; }

Error LineError(const std::string& path, size_t line, std::string detail) {
  return Error::Make(ErrorCode::kInvalidArgument, "file_syntax", "",
                     {{"file", path}, {"line", std::to_string(line)}, {"detail", std::move(detail)}});
}

Result<std::vector<std::string>> ReadLines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Fail(Error::Make(ErrorCode::kInvalidArgument, "file_error", "", {{"file", path}, {"detail", std::strerror(errno)}}));
  }
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(std::move(line));
  return lines;
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
  auto truth_lines = ReadLines(truth_path);
  if (!truth_lines) return Fail(truth_lines.error());
  std::unordered_map<std::string, std::string> event_of;
  for (size_t i = 0; i < truth_lines->size(); ++i) {
    const std::string& line = (*truth_lines)[i];
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(line, ec);
    const auto* o = ec ? nullptr : v.if_object();
    const auto* id = o ? o->if_contains("id") : nullptr;
    const auto* ev = o ? o->if_contains("event") : nullptr;
    if (!id || !id->is_string() || !ev || !(ev->is_string() || ev->is_int64())) {
      return Fail(LineError(truth_path, i + 1, "expected {\"id\": string, \"event\": string}"));
    }
    event_of[std::string(id->get_string())] =
        ev->is_string() ? std::string(ev->get_string()) : std::to_string(ev->get_int64());
  }
  auto report_lines = ReadLines(reports_path);
  if (!report_lines) return Fail(report_lines.error());
  ReportParseOptions parse;
  parse.evaluation_file = true;
  parse.require_fields = false;
  std::vector<ReportDraft> drafts;
  std::vector<std::string> truth;
  for (size_t i = 0; i < report_lines->size(); ++i) {
    const std::string& line = (*report_lines)[i];
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto draft = ParseReport(line, regions, parse);
    if (!draft) {
      const Error& e = draft.error();
      return Fail(LineError(reports_path, i + 1, e.reason + (e.field.empty() ? "" : " (" + e.field + ")")));
    }
    auto it = event_of.find(draft->external_id);
    if (it == event_of.end()) return Fail(LineError(reports_path, i + 1, "id not in the truth file: " + draft->external_id));
    truth.push_back(it->second);
    drafts.push_back(std::move(*draft));
  }
  return EvalLinkDrafts(drafts, truth, regions).ToJson();
}

}  // namespace shaobing::simulate
