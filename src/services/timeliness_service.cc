#include "services/timeliness_service.h"

#include <algorithm>

namespace shaobing {
namespace {

Error UnknownUnit(const std::string& id) {
  return Error::Make(ErrorCode::kNotFound, "unknown_unit", "unit", {{"value", id}});
}

}  // namespace

Result<TimelinessReport> TimelinessService::Compute(const Principal& who, const TimelinessQuery& query) const {
  TimelinessReport out;
  out.now = clock_.Now();
  out.dir = directory_.Get();
  const DirectorySnapshot& dir = *out.dir;
  out.to = query.to.value_or(out.now);
  out.from = query.from.value_or(out.to - limits_.default_span);
  if (out.from >= out.to)
    return Fail(Error::Make(ErrorCode::kInvalidArgument, "window_reversed", "from",
                            {{"from", FormatShanghai(out.from)}, {"to", FormatShanghai(out.to)}}));
  if (out.to - out.from > limits_.max_span)
    return Fail(Error::Make(ErrorCode::kInvalidArgument, "window_too_long", "to",
                            {{"max_days", std::to_string(limits_.max_span.count())}}));

  FirstClockWindow window{.from = out.from, .to = out.to, .max_events = limits_.max_events};
  out.unit = query.unit;
  if (who.role == Role::kReporter) {
    if (!out.unit.empty() && out.unit != who.unit) return Fail(Error::Denied(UnknownUnit(out.unit)));
    out.unit = who.unit;
  } else if (!out.unit.empty()) {
    const Unit* unit = dir.FindUnit(out.unit);
    if (!unit) return Fail(UnknownUnit(out.unit));
    if (!IsAdmin(who) && !dir.regions.Contains(who.region, unit->region))
      return Fail(Error::Denied(UnknownUnit(out.unit)));
  }
  if (!out.unit.empty()) window.unit = out.unit;
  if (!IsAdmin(who) && who.role != Role::kReporter) window.region_path_prefix = dir.RegionPath(who.region);

  auto slice = store_.FirstClocksInWindow(window);
  if (!slice) return Fail(slice.error());
  out.events = slice->events;
  out.truncated = slice->truncated;
  std::vector<FirstClockFact> facts;
  facts.reserve(slice->rows.size());
  for (auto& r : slice->rows) {
    facts.push_back({r.event_id, r.occurred_at.value_or(r.opened_at), r.opened_at, std::move(r.clock.key),
                     std::move(r.clock.state), r.clock.due_at, r.since});
  }
  out.figures = ComputeTimeliness(facts, dir.regions, out.now);
  if (!out.unit.empty()) {
    std::erase_if(out.figures.units, [&](const UnitTimeliness& u) { return u.unit != out.unit; });
  }
  if (who.role == Role::kReporter) out.figures.levels.clear();
  return out;
}

}  // namespace shaobing
