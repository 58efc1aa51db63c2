#pragma once
// The duty roster (值班表) of one desk as CSV, as a spreadsheet exports it (a UTF-8 BOM is
// allowed). Header, in English or Chinese:
//   starts_at,ends_at,officer,officer_phone,leader,leader_phone
//   开始时间,结束时间,值班员,值班员电话,带班领导,带班领导电话
// Times as the desk writes them, "2026-12-03 08:00" (Beijing time), or ISO 8601 with an
// offset. officer and leader are required: a name, or the account name of an officer of the
// desk (the service tells which). Strict: every problem is named with its line and column
// (kInvalidArgument, FieldErrors "roster_*" with args line, column), nothing is half-read.
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"

namespace shaobing {

struct RosterRow {
  int line = 0;
  TimePoint starts_at{}, ends_at{};
  std::string officer, officer_phone, leader, leader_phone;
};

struct RosterLimits {
  size_t max_rows = 1000;            // a year of shifts, three a day
  size_t max_field = 100;            // bytes of a name or phone
  std::chrono::hours max_shift{48};  // a shift's length
  size_t max_problems = 20;          // problems named before the parser gives up
};

// Shifts in file order; overlapping shifts are refused.
Result<std::vector<RosterRow>> ParseRosterCsv(const std::string& text, const RosterLimits& limits = {});

// "2026-12-03 08:00" (Beijing time) or an ISO 8601 time with its offset.
std::optional<TimePoint> ParseRosterTime(std::string_view text);

}  // namespace shaobing
