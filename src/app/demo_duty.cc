#include "app/demo_duty.h"

#include <algorithm>

namespace shaobing {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

Principal DeskOf(const std::string& region) { return Principal{0, "demo-desk-" + region, Role::kDesk, "", "", region}; }

// The 银川 city desk's first report to the region.
bool CityToRegion(const ReportClock& c) {
  return c.kind == ClockKind::kFirst && c.from.kind == PartyKind::kDesk && c.from.region == "640100" &&
         c.to.level == Level::kRegion;
}

bool OwesCityToRegion(const EventDetail& d) {
  return std::any_of(d.clocks.begin(), d.clocks.end(),
                     [](const ReportClock& c) { return CityToRegion(c) && IsOpen(c.state); });
}

// The desk's reports for its clocks that are owed now, each stated at a time of the clock
// (on time, or late for one clock in ten); at most a few rounds (a report starts follow-ups).
// `owing`: the city desk's report to the region is left owed.
Result<int> ReportAsOwed(App& app, EventId id, TimePoint now, bool owing, int& counter) {
  int made = 0;
  for (int round = 0; round < 6; ++round) {
    auto detail = app.events().OpenWhole(id);
    if (!detail) return Fail(detail.error());
    bool any = false;
    for (const ReportClock& c : detail->clocks) {
      if (c.from.kind != PartyKind::kDesk || c.from.region.empty() || c.state != ClockState::kOverdue) continue;
      if (owing && CityToRegion(c)) continue;
      const bool late = ++counter % 10 == 0;
      TimePoint at = late ? c.due_at + minutes(25) : std::max(c.starts_at + minutes(1), c.due_at - minutes(10));
      at = std::min(at, now);
      DeskReportDraft draft;
      draft.to = LevelCode(c.to.level);
      draft.channel = ChannelCode(c.channel);
      draft.told = c.to.level == Level::kCentre ? "中央办公厅值班室" : "上级党委值班室";
      draft.text = c.kind == ClockKind::kFirst ? "关于" + detail->root.title + "的报告" : "续报：" + detail->root.title;
      draft.at = at;
      auto recorded = app.desk_reports().Record(DeskOf(c.from.region), id, draft);
      if (!recorded) {
        if (recorded.error().code == ErrorCode::kInvalidArgument) continue;  // e.g. before the occurrence
        return Fail(recorded.error());
      }
      ++made;
      any = true;
    }
    if (!any) break;
  }
  return made;
}

}  // namespace

Result<DemoDuty> SeedDemoDuty(App& app, TimePoint now, int keep_owing) {
  DemoDuty out;
  Principal all{0, "demo", Role::kAdmin, "", "", ""};
  auto listed = app.events().List(all, 1000, std::nullopt);
  if (!listed) return Fail(listed.error());
  // Newest first: the most recent events owing the region are the ones left owing.
  int kept = 0, counter = 0;
  for (const auto& e : *listed) {
    auto detail = app.events().OpenWhole(e.event.id);
    if (!detail) return Fail(detail.error());
    const bool owing = kept < keep_owing && detail->root.updated_at > now - hours(72) && OwesCityToRegion(*detail);
    if (owing) ++kept;
    // Quiet for a day: the region desk marked it handled two hours after its last report.
    const TimePoint last = detail->root.updated_at;
    if (!owing && last < now - hours(24) && detail->closures.empty()) {
      auto closed = app.desk_reports().Close(DeskOf(detail->root.region_path.substr(0, 6)), e.event.id,
                                             "事态已平息，善后工作移交属地", last + hours(2));
      if (!closed) return Fail(closed.error());
      ++out.closures;
    }
    auto made = ReportAsOwed(app, e.event.id, now, owing, counter);
    if (!made) return Fail(made.error());
    out.desk_reports += *made;
  }
  return out;
}

}  // namespace shaobing
