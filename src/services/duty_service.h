#pragma once
// The duty of the desks (值班, issue 11): the roster of each desk (who is on duty when, with
// the leader on duty) and the duty log (值班日志). A desk's officers edit their own desk's
// roster and write its log; desks and leaders read the rosters and logs of the desks in their
// region's subtree. A desk outside the caller's reach is answered like an unknown one
// (kNotFound "unknown_desk"). Every change is one write job, audited.
#include <optional>
#include <string>
#include <vector>

#include "core/access.h"
#include "loaders/roster_csv.h"
#include "services/directory.h"
#include "store/store.h"

namespace shaobing {

struct ShiftDraft {
  std::optional<TimePoint> starts_at, ends_at;
  std::string officer, officer_phone, leader, leader_phone;
};

struct DutyLogDraft {
  std::string kind;  // call | decision | note
  std::string text;
  std::optional<EventId> event_id;
  std::optional<TimePoint> at;  // default: now; not in the future
};

struct DutyLimits {
  RosterLimits roster;
  std::chrono::hours max_range{24 * 62};  // a roster read spans at most this
  size_t max_log_text = 4000;             // bytes
  int max_log_read = 500;                 // entries of one read
};

// A read's range [from, to): kInvalidArgument "range_too_long" (field "to", max in days) when
// it runs backwards or spans more than `max`.
Status CheckDutyRange(TimePoint from, TimePoint to, std::chrono::hours max);

class DutyService {
 public:
  DutyService(Store& store, Directory& directory, DutyLimits limits = {})
      : store_(store), directory_(directory), limits_(limits) {}

  // The desk `desk` names ("" for the caller's own), if the caller may read it.
  Result<std::string> ReadableDesk(const Principal& who, const std::string& desk) const;

  // Replaces the desk's roster over the file's span — from its first shift's start to its last
  // shift's end: the shifts overlapping it are removed and the file's put in — in one write job
  // (audited "duty.roster_import" with the span and counts). Only the desk's own officers.
  Result<std::vector<DutyShift>> ImportRoster(const Principal& who, const std::string& desk, const std::string& csv);

  // The desk's shifts overlapping [from, to) (at most limits.max_range).
  Result<std::vector<DutyShift>> Roster(const Principal& who, const std::string& desk, TimePoint from, TimePoint to);

  // One shift added, changed or removed by an officer of its desk; a shift may not overlap
  // another (kConflict "shift_overlap"). kNotFound "unknown_shift" for another desk's shift.
  Result<DutyShift> AddShift(const Principal& who, const ShiftDraft& draft);
  Result<DutyShift> UpdateShift(const Principal& who, std::int64_t id, const ShiftDraft& draft);
  Status RemoveShift(const Principal& who, std::int64_t id);

  // A manual entry of the officer's desk log (audited "duty.log").
  Result<DutyLogEntry> AddLog(const Principal& who, const DutyLogDraft& draft);
  Result<std::vector<DutyLogEntry>> Log(const Principal& who, const std::string& desk, TimePoint from, TimePoint to);

 private:
  // Fills the shift's people: an officer or leader that names an account of the desk (a leader
  // of the desk's region or above) is that account, with its display name.
  Result<DutyShift> ShiftOf(const std::string& desk, const ShiftDraft& draft, const std::string& by);

  Store& store_;
  Directory& directory_;
  DutyLimits limits_;
};

}  // namespace shaobing
