#pragma once
// The timeliness figures (时效统计, issue 11 point 10) for GET /api/v1/metrics/timeliness: per
// reporting unit and per level of desks, how quickly first reports and the desks' reports
// upward came (standards/timeliness.h), over the root events whose occurrence lies in a
// window, read from the stored clocks (the clock timer's clock_states: no fusion, no replay).
//
// Scope: admin, every event; desk, leader, expert, the events of their region's subtree and
// the units of it; a reporter, its own unit only (its rows, no levels). A unit the caller may
// not see answers like an unknown one (kNotFound "unknown_unit", field "unit", a denial).
//
// Window: [from, to), ISO 8601 times with their offsets; default to = now, from = to − 30 days;
// from < to (window_reversed), at most max_span (window_too_long). At most max_events events
// are read, the latest by occurrence (`truncated` says when more were in the window).
#include <chrono>
#include <optional>
#include <string>

#include "core/access.h"
#include "services/directory.h"
#include "standards/timeliness.h"
#include "store/store.h"

namespace shaobing {

struct TimelinessQuery {
  std::optional<TimePoint> from, to;
  std::string unit;  // "" for every unit
};

struct TimelinessLimits {
  std::chrono::days default_span{30};
  std::chrono::days max_span{366};
  int max_events = 5000;
};

struct TimelinessReport {
  TimePoint from{}, to{}, now{};
  std::string unit;  // the unit filter ("" none)
  int events = 0;
  bool truncated = false;
  Timeliness figures;
  std::shared_ptr<const DirectorySnapshot> dir;  // what the unit names come from
};

class TimelinessService {
 public:
  TimelinessService(Store& store, Directory& directory, const Clock& clock, TimelinessLimits limits = {})
      : store_(store), directory_(directory), clock_(clock), limits_(limits) {}

  const TimelinessLimits& limits() const { return limits_; }

  // kInvalidArgument window_reversed (field "from") / window_too_long (field "to"), kNotFound
  // unknown_unit as above.
  Result<TimelinessReport> Compute(const Principal& who, const TimelinessQuery& query) const;

 private:
  Store& store_;
  Directory& directory_;
  const Clock& clock_;
  TimelinessLimits limits_;
};

}  // namespace shaobing
