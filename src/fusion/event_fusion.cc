#include "fusion/event_fusion.h"

#include <algorithm>
#include <map>

#include "fusion/summary.h"

namespace shaobing {

using fusion::FigureResolution;

std::vector<fusion::SourcedReport> SourcedReports(const std::vector<Report>& reports, const DirectorySnapshot& dir) {
  std::vector<fusion::SourcedReport> out;
  out.reserve(reports.size());
  for (const Report& r : reports) {
    const Unit* u = dir.FindUnit(r.draft.unit);
    out.push_back({r.draft.unit, u ? u->name : r.draft.unit, u ? u->kind : std::string(), r.received_at, r.draft});
  }
  return out;
}

fusion::Consensus EventConsensus(const std::vector<Report>& reports, const DirectorySnapshot& dir,
                                 const std::vector<FigureResolution>& resolutions) {
  fusion::Consensus c = fusion::BuildConsensus(SourcedReports(reports, dir));
  std::map<Figure, const FigureResolution*> latest;
  for (const auto& r : resolutions) {
    if (auto f = ParseFigure(r.figure)) latest[*f] = &r;
  }
  for (const auto& [figure, res] : latest) {
    auto it = std::find_if(c.figures.begin(), c.figures.end(),
                           [&](const fusion::FigureConsensus& x) { return x.figure == figure; });
    const bool newer =
        it != c.figures.end() && std::any_of(it->history.begin(), it->history.end(),
                                             [&](const fusion::FigureValue& v) { return v.at > res->at; });
    std::erase_if(c.conflicts, [&](const fusion::FigureConflict& x) {
      return x.figure == figure && (!newer || x.consensus.at <= res->at || x.other.at <= res->at);
    });
    if (newer) continue;
    fusion::FigureValue ruled{res->value, "desk", res->actor, "desk", res->at};
    if (it == c.figures.end()) {
      c.figures.push_back({figure, ruled, fusion::ConsensusRule::kDesk, {}});
    } else {
      it->value = ruled;
      it->rule = fusion::ConsensusRule::kDesk;
    }
  }
  return c;
}

Figures ConsensusFiguresOf(const std::vector<Report>& reports, const DirectorySnapshot& dir,
                           const std::vector<FigureResolution>& resolutions) {
  const bool one_source = std::all_of(reports.begin(), reports.end(),
                                      [&](const Report& r) { return r.draft.unit == reports.front().draft.unit; });
  if (!one_source || !resolutions.empty()) return ConsensusFigures(EventConsensus(reports, dir, resolutions));
  // One source: its latest value of each figure, in order of receipt (what BuildConsensus
  // gives for a single source, without building the provenance).
  Figures f;
  for (const Report& r : reports) f = Overlay(f, r.draft.figures);
  return f;
}

Figures ConsensusFigures(const fusion::Consensus& consensus) {
  Figures f;
  for (const auto& x : consensus.figures) f.Set(x.figure, x.value.value);
  return f;
}

namespace {

// Units of `kinds` serving the event's place or a region above it, most specific first.
std::vector<ExpectedUnit> ExpectedUnits(const std::vector<std::string>& kinds, const std::string& region,
                                        const DirectorySnapshot& dir) {
  std::vector<ExpectedUnit> out;
  for (const Region* r : dir.regions.Lineage(region)) {
    for (const std::string& kind : kinds) {
      for (const Unit& u : dir.units) {
        if (u.kind == kind && u.region == r->code && out.size() < 3) out.push_back({u.id, u.name});
      }
    }
  }
  return out;
}

}  // namespace

EventFusion FuseEvent(const EventRow& event, const std::vector<Report>& reports, const DirectorySnapshot& dir,
                      const std::vector<FigureResolution>& resolutions) {
  EventFusion out;
  out.sources = SourcedReports(reports, dir);
  out.consensus = EventConsensus(reports, dir, resolutions);
  auto statuses = fusion::EventPerspectives(event.category, out.sources);
  for (auto& s : statuses) {
    PerspectiveView v{std::move(s), {}};
    if (v.status.missing()) v.expected_units = ExpectedUnits(v.status.expected_kinds, event.region, dir);
    out.perspectives.push_back(std::move(v));
  }
  fusion::SummaryInput in;
  in.title = event.title;
  // "银川市兴庆区": the names below the root, root-first.
  auto lineage = dir.regions.Lineage(event.region);
  for (auto it = lineage.rbegin(); it != lineage.rend(); ++it) {
    if ((*it)->level != Level::kRegion) in.region_name += (*it)->name;
  }
  // The place as the opening unit's series gives it (like the title), else any report's.
  const auto effective = EffectiveReports(reports);
  for (const Report* r : effective) {
    if (!r->draft.location.address.empty() && r->draft.unit == reports.front().draft.unit)
      in.address = r->draft.location.address;
  }
  for (const Report* r : effective) {
    if (in.address.empty() && !r->draft.location.address.empty()) in.address = r->draft.location.address;
  }
  // "银川市贺兰县" + "贺兰县暖泉工业园": the address need not repeat the county.
  for (const Region* r : dir.regions.Lineage(event.region)) {
    if (in.address.starts_with(r->name)) in.address.erase(0, r->name.size());
  }
  in.occurred_at = event.occurred_at;
  in.reports = out.sources;
  in.consensus = out.consensus;
  for (const auto& p : out.perspectives) in.perspectives.push_back(p.status);
  out.summary = fusion::CompositeSummary(in);
  return out;
}

std::vector<fusion::PerspectiveStatus> PerspectivesFor(const Unit& unit, const EventRow& event,
                                                       const std::vector<Report>& reports,
                                                       const DirectorySnapshot& dir) {
  std::vector<fusion::PerspectiveStatus> out;
  for (auto& p : fusion::EventPerspectives(event.category, SourcedReports(reports, dir))) {
    if (!p.expected) continue;
    const bool declared =
        std::find(unit.perspectives.begin(), unit.perspectives.end(), p.code) != unit.perspectives.end();
    const bool by_kind =
        std::find(p.expected_kinds.begin(), p.expected_kinds.end(), unit.kind) != p.expected_kinds.end();
    if (declared || by_kind) out.push_back(std::move(p));
  }
  return out;
}

bool MayReportOn(const Unit& unit, const EventRow& event, const std::vector<Report>& reports,
                 const DirectorySnapshot& dir) {
  return dir.regions.Contains(unit.region, event.region) && !PerspectivesFor(unit, event, reports, dir).empty();
}

}  // namespace shaobing
