#include "loaders/roster_csv.h"

#include <algorithm>
#include <array>

#include "core/utf8.h"
#include "loaders/data_files.h"

namespace shaobing {
namespace {

constexpr std::array<std::string_view, 6> kColumns{"starts_at",     "ends_at", "officer",
                                                   "officer_phone", "leader",  "leader_phone"};
constexpr std::array<std::string_view, 6> kColumnsZh{"开始时间",   "结束时间", "值班员",
                                                     "值班员电话", "带班领导", "带班领导电话"};

std::string Trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

template <size_t N>
bool SameHeader(const std::vector<std::string>& f, const std::array<std::string_view, N>& names) {
  if (f.size() != N) return false;
  for (size_t i = 0; i < N; ++i) {
    if (Trim(f[i]) != names[i]) return false;
  }
  return true;
}

FieldError At(std::string reason, int line, size_t column, std::vector<ErrorArg> args = {}) {
  args.push_back({"line", std::to_string(line)});
  args.push_back({"column", std::to_string(column + 1)});
  return {std::move(reason), std::string(kColumns[column]), std::move(args)};
}

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::optional<TimePoint> ParseRosterTime(std::string_view text) {
  // "YYYY-MM-DD HH:MM" in Beijing time: read as the ISO time it means.
  if (text.size() == 16 && text[4] == '-' && text[7] == '-' && text[10] == ' ' && text[13] == ':' &&
      IsDigits(text.substr(0, 4)) && IsDigits(text.substr(5, 2)) && IsDigits(text.substr(8, 2)) &&
      IsDigits(text.substr(11, 2)) && IsDigits(text.substr(14, 2))) {
    std::string iso(text);
    iso[10] = 'T';
    return ParseIsoTime(iso + ":00+08:00");
  }
  return ParseIsoTime(text);
}

Result<std::vector<RosterRow>> ParseRosterCsv(const std::string& text, const RosterLimits& limits) {
  if (!IsValidUtf8(text)) {
    return Fail(Error::Invalid({{"roster_not_utf8", "body", {}}}));
  }
  size_t pos = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;  // a UTF-8 BOM from spreadsheet programs
  int line = 1;
  const auto header = CsvRecord(text, pos, line);
  if (!SameHeader(header, kColumns) && !SameHeader(header, kColumnsZh)) {
    return Fail(Error::Invalid(
        {{"roster_header",
          "header",
          {{"line", "1"}, {"expected", "starts_at,ends_at,officer,officer_phone,leader,leader_phone"}}}}));
  }
  std::vector<RosterRow> out;
  std::vector<FieldError> problems;
  while (pos < text.size() && problems.size() < limits.max_problems) {
    const int row_line = line;
    auto f = CsvRecord(text, pos, line);
    if (f.size() == 1 && Trim(f[0]).empty()) continue;  // blank line
    if (out.size() >= limits.max_rows) {
      problems.push_back({"roster_too_many_rows", "body", {{"max", std::to_string(limits.max_rows)}}});
      break;
    }
    if (f.size() != kColumns.size()) {
      problems.push_back(
          {"roster_field_count",
           "body",
           {{"line", std::to_string(row_line)}, {"count", std::to_string(f.size())}, {"expected", "6"}}});
      continue;
    }
    const size_t before = problems.size();
    for (auto& v : f) v = Trim(v);
    for (size_t c = 0; c < f.size(); ++c) {
      if (f[c].size() > limits.max_field) {
        problems.push_back(At("roster_too_long", row_line, c, {{"max", std::to_string(limits.max_field)}}));
      }
    }
    RosterRow row;
    row.line = row_line;
    for (const size_t c : {size_t{0}, size_t{1}}) {
      if (f[c].empty()) {
        problems.push_back(At("roster_missing", row_line, c));
        continue;
      }
      auto t = ParseRosterTime(f[c]);
      if (!t) {
        problems.push_back(At("roster_time", row_line, c, {{"value", f[c].substr(0, limits.max_field)}}));
        continue;
      }
      (c == 0 ? row.starts_at : row.ends_at) = *t;
    }
    for (const size_t c : {size_t{2}, size_t{4}}) {
      if (f[c].empty()) problems.push_back(At("roster_missing", row_line, c));
    }
    if (problems.size() != before) continue;
    if (row.ends_at <= row.starts_at) {
      problems.push_back(At("roster_order", row_line, 1));
      continue;
    }
    if (row.ends_at - row.starts_at > limits.max_shift) {
      problems.push_back(At("roster_shift_length", row_line, 1, {{"max", std::to_string(limits.max_shift.count())}}));
      continue;
    }
    row.officer = f[2];
    row.officer_phone = f[3];
    row.leader = f[4];
    row.leader_phone = f[5];
    out.push_back(std::move(row));
  }
  if (problems.empty()) {
    std::vector<const RosterRow*> by_start;
    by_start.reserve(out.size());
    for (const auto& r : out) by_start.push_back(&r);
    std::sort(by_start.begin(), by_start.end(),
              [](const RosterRow* a, const RosterRow* b) { return a->starts_at < b->starts_at; });
    for (size_t i = 1; i < by_start.size() && problems.size() < limits.max_problems; ++i) {
      if (by_start[i]->starts_at < by_start[i - 1]->ends_at) {
        const int later = std::max(by_start[i]->line, by_start[i - 1]->line);
        const int other = std::min(by_start[i]->line, by_start[i - 1]->line);
        problems.push_back(At("roster_overlap", later, 0, {{"other", std::to_string(other)}}));
      }
    }
  }
  if (!problems.empty()) return Fail(Error::Invalid(std::move(problems)));
  if (out.empty()) return Fail(Error::Invalid({{"roster_empty", "body", {}}}));
  return out;
}

}  // namespace shaobing
