#pragma once
// Timeliness of first reports (初报时效, issue 11 point 10): how quickly each reporting unit
// and each level of desks reported, from the stored first-report clocks of the events in a
// window (standards/report_clocks.h, the clock timer's clock_states). Pure: the clocks, the
// region tree and the time come in.
//
// Per reporting unit: its first-report clocks (the unit owes the desk it answers to);
// elapsed = the occurrence (the first report's receipt when the occurrence is unknown) → the
// unit's first report. Per level (county, city, region desks): the desks' clocks to the
// levels above; elapsed = the event's first report's receipt → the desk's report upward.
// For every group: how many clocks, by outcome (on_time, late, overdue, open = pending or
// due_soon, waived), share on time = on_time / (on_time + late + overdue) (waived and open
// left out; none when the denominator is 0), elapsed minutes of the fulfilled clocks and
// minutes late of the late and overdue ones (overdue: up to `now`), as median, 90th
// percentile (nearest rank: the ⌈p·n⌉-th smallest) and maximum.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/region.h"
#include "core/time.h"

namespace shaobing {

// One stored first-report clock of a root event.
struct FirstClockFact {
  std::int64_t event_id = 0;
  TimePoint occurred_at{};  // the occurrence; the first report's receipt when unknown
  TimePoint opened_at{};    // the event's first report's receipt
  std::string key;          // ReportClock::key: "first|unit:640104-dw|county|written", "first|desk:640104|city|phone"
  std::string state;        // ClockStateCode
  TimePoint due_at{};
  TimePoint since{};  // when it entered `state` (ReportClock::since): the fulfilment for on_time/late
};

struct MinutesSpread {
  std::int64_t median = 0, p90 = 0, max = 0;
};

struct TimelinessTally {
  int clocks = 0, on_time = 0, late = 0, overdue = 0, open = 0, waived = 0;
  std::optional<double> share_on_time;
  std::optional<MinutesSpread> elapsed;  // fulfilled clocks (on_time, late)
  std::optional<MinutesSpread> late_by;  // late and overdue clocks
};

struct UnitTimeliness {
  std::string unit;
  TimelinessTally tally;
};

struct LevelTimeliness {
  Level level = Level::kCounty;  // the reporting desks' level
  TimelinessTally tally;
};

struct Timeliness {
  std::vector<LevelTimeliness> levels;  // county, city, region: always all three
  // Every unit with a clock; late first: most late+overdue, then the longest late, then id.
  std::vector<UnitTimeliness> units;
};

// Clocks of another kind, with an unreadable key or of a desk the tree does not know are
// left out.
Timeliness ComputeTimeliness(const std::vector<FirstClockFact>& clocks, const RegionTree& regions, TimePoint now);

// The ⌈p·n⌉-th smallest of `values` (0 < p ≤ 1); none when empty.
std::optional<std::int64_t> NearestRank(std::vector<std::int64_t> values, double p);

}  // namespace shaobing
