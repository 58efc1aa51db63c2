#include "app/demo_history.h"

#include "core/report_json.h"
#include "simulate/simulator.h"

namespace shaobing {
namespace {

// A registry unit of the simulated report's kind serving its county or a region above it,
// most specific first; else the county's Party office; nullptr when neither exists.
const Unit* RegistryUnit(const simulate::SimulatedReport& r, const std::string& county, const DirectorySnapshot& dir) {
  for (const Region* region : dir.regions.Lineage(county)) {
    for (const Unit& u : dir.units) {
      if (u.kind == r.draft.unit_kind && u.region == region->code) return &u;
    }
  }
  return dir.FindUnit(county + "-dw");
}

}  // namespace

DemoHistory SeedDemoHistory(ReportService& reports, ManualClock& clock, const DirectorySnapshot& dir,
                            const Principal& desk, TimePoint from, TimePoint until, int events) {
  DemoHistory out;
  simulate::SimulatorOptions options;
  options.seed = 20261130;
  options.events = events;
  options.start = from;
  options.days = static_cast<int>(std::chrono::duration_cast<std::chrono::hours>(until - from).count() / 24);
  const auto simulated = simulate::Simulate(dir.regions, options);
  // The county each simulated event happened in: the place of its Party office's report, else
  // of any report naming a county.
  std::map<std::string, std::string> county_of;
  for (const auto& r : simulated) {
    const Region* region = dir.regions.Find(r.draft.location.region);
    if (!region || region->level != Level::kCounty) continue;
    if (!county_of.contains(r.event) || r.draft.unit_kind == "party_office") county_of[r.event] = region->code;
  }
  std::map<std::string, EventId> series;  // "event|unit" -> where the unit's series went
  for (const auto& r : simulated) {
    if (!r.draft.reported_at || *r.draft.reported_at >= until || !county_of.contains(r.event)) {
      ++out.skipped;
      continue;
    }
    const Unit* unit = RegistryUnit(r, county_of[r.event], dir);
    if (!unit) {
      ++out.skipped;
      continue;
    }
    const std::string key = r.event + "|" + unit->id;
    const bool first = r.draft.kind == ReportKind::kFirst;
    // One series per unit and event: a second department mapped onto the same unit stays out.
    if (first == series.contains(key)) {
      ++out.skipped;
      continue;
    }
    boost::json::object body = DraftToJson(r.draft);
    body["unit"] = unit->id;
    body["channel"] = "phone";
    body["event_id"] = first ? boost::json::value(nullptr) : boost::json::value(series[key]);
    for (const char* key_only_in_files : {"id", "unit_kind", "reported_at"}) body.erase(key_only_in_files);
    auto draft = ParseReportValue(body, dir.regions);
    if (!draft) {
      ++out.refused[draft.error().reason];
      continue;
    }
    clock.Set(*r.draft.reported_at);
    auto accepted = reports.SubmitAndWait(desk, std::move(*draft));
    if (!accepted) {
      ++out.refused[accepted.error().reason];
      continue;
    }
    if (first) series[key] = accepted->event_id;
    ++out.accepted;
  }
  return out;
}

}  // namespace shaobing
