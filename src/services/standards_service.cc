#include "services/standards_service.h"

#include <boost/json.hpp>

#include "core/event.h"
#include "fusion/event_fusion.h"
#include "standards/catalogue_loader.h"
#include "standards/load_error.h"

namespace shaobing {

namespace {
Error Invalid(const Error& load_error) {
  return Error::Make(ErrorCode::kInvalidArgument, "catalogue_invalid", "yaml",
                     {{"detail", FormatLoadError(load_error)}});
}
}  // namespace

Result<bool> StandardsService::Load() {
  auto records = store_.ListCatalogues();
  if (!records) return Fail(records.error());
  if (records->empty()) return false;
  MutexLock lock(mu_);
  for (const auto& r : *records) {
    auto c = LoadCatalogue(r.yaml, "catalogue " + r.version);
    if (!c) return Fail(Invalid(c.error()));
    current_ = std::make_shared<const Catalogue>(std::move(*c));
    current_yaml_ = r.yaml;
    versions_[r.version] = current_;
  }
  return true;
}

std::shared_ptr<const Catalogue> StandardsService::Current() const {
  MutexLock lock(mu_);
  return current_;
}

std::string StandardsService::CurrentYaml() const {
  MutexLock lock(mu_);
  return current_yaml_;
}

std::shared_ptr<const Catalogue> StandardsService::ByVersion(std::string_view version) const {
  MutexLock lock(mu_);
  auto it = versions_.find(version);
  return it == versions_.end() ? nullptr : it->second;
}

Result<std::shared_ptr<const Catalogue>> StandardsService::Publish(const std::string& yaml, std::string_view actor) {
  auto compiled = LoadCatalogue(yaml, "catalogue.yaml");
  if (!compiled) return Fail(Invalid(compiled.error()));
  auto catalogue = std::make_shared<const Catalogue>(std::move(*compiled));
  CatalogueRecord record{catalogue->version(), yaml, {}, std::string(actor)};
  auto written = store_.Write([&](Transaction& tx) -> Status {
    record.created_at = tx.Now();
    if (auto s = tx.InsertCatalogue(record); !s) return s;
    return tx.Audit(actor, "standards.publish", "catalogue:" + record.version,
                    {{"version", record.version}, {"rules", catalogue->spec().rules.size()}});
  });
  if (!written) return Fail(written.error());
  MutexLock lock(mu_);
  versions_[record.version] = catalogue;
  current_ = catalogue;
  current_yaml_ = yaml;
  return catalogue;
}

EventFacts FactsOfEvent(const EventRow& event, const std::vector<Report>& reports, const DirectorySnapshot& dir,
                        const std::vector<SensitiveAdjustment>& adjustments,
                        const std::vector<FigureResolution>& resolutions) {
  EventFacts facts;
  facts.category = event.category;
  facts.region = event.region;
  facts.region_lineage = dir.regions.LineageCodes(event.region);
  facts.figures = ConsensusFiguresOf(reports, dir, resolutions);
  facts.occurred_at = event.occurred_at;
  auto add_codes = [](std::vector<std::string>& into, const std::vector<std::string>& codes) {
    for (const auto& c : codes) {
      if (std::find(into.begin(), into.end(), c) == into.end()) into.push_back(c);
    }
  };
  auto add_text = [](std::string& into, const std::string& text) {
    if (text.empty()) return;
    if (!into.empty()) into += "\n";
    into += text;
  };
  facts.title = event.title;
  for (const Report* r : EffectiveReports(reports)) {
    const auto& d = r->draft;
    add_codes(facts.sensitive.persons, d.sensitive.persons);
    add_codes(facts.sensitive.places, d.sensitive.places);
    add_codes(facts.sensitive.behaviours, d.sensitive.behaviours);
    add_codes(facts.sensitive.times, d.sensitive.times);
    add_text(facts.description, d.description);
    add_text(facts.parties, d.parties);
    add_text(facts.address, d.location.address);
    if (d.location.lat && d.location.lon) {
      facts.lat = d.location.lat;
      facts.lon = d.location.lon;
    }
  }
  for (const auto& a : adjustments) {
    std::erase(facts.dismissed, a.code);
    if (a.action == "dismiss") {
      facts.dismissed.push_back(a.code);
      continue;
    }
    std::vector<std::string>* list = a.kind == "persons"      ? &facts.sensitive.persons
                                     : a.kind == "places"     ? &facts.sensitive.places
                                     : a.kind == "behaviours" ? &facts.sensitive.behaviours
                                     : a.kind == "times"      ? &facts.sensitive.times
                                                              : nullptr;
    if (list) add_codes(*list, {a.code});
  }
  return facts;
}

EventJudgement JudgeEvent(const EventRow& event, const std::vector<Report>& reports,
                          const std::vector<EvaluationRecord>& records,
                          const std::vector<SensitiveAdjustment>& adjustments, const StandardsService& standards,
                          const DirectorySnapshot& dir, const std::vector<FigureResolution>& resolutions) {
  EventJudgement out;
  std::vector<EvaluationAt> history;
  std::vector<Report> prefix;
  std::vector<SensitiveAdjustment> adjusted;
  std::vector<FigureResolution> resolved;
  size_t next_report = 0, next_adjustment = 0, next_resolution = 0;
  std::string version;
  auto judge = [&](TimePoint at) {
    auto catalogue = standards.ByVersion(version);
    if (!catalogue || prefix.empty()) return;
    EventRow as_then = Summarise(event, prefix);
    EventFacts facts = FactsOfEvent(as_then, prefix, dir, adjusted, resolved);
    history.push_back({at, Evaluate(*catalogue, facts)});
    out.moments.push_back({at, facts.figures, history.back().evaluation.follow_up});
  };
  // The desk's adjustments and rulings made before `until`, each judged in its turn.
  auto desk_moments = [&](std::optional<TimePoint> until) {
    for (;;) {
      const bool adj = next_adjustment < adjustments.size() && (!until || adjustments[next_adjustment].at < *until);
      const bool res = next_resolution < resolutions.size() && (!until || resolutions[next_resolution].at < *until);
      if (!adj && !res) return;
      if (adj && (!res || adjustments[next_adjustment].at <= resolutions[next_resolution].at)) {
        adjusted.push_back(adjustments[next_adjustment++]);
        judge(adjusted.back().at);
      } else {
        resolved.push_back(resolutions[next_resolution++]);
        judge(resolved.back().at);
      }
    }
  };
  for (const auto& record : records) {
    desk_moments(record.at);
    while (next_report < reports.size() && reports[next_report].id <= record.report_id) {
      prefix.push_back(reports[next_report++]);
    }
    version = record.catalogue_version;
    judge(record.at);
  }
  desk_moments(std::nullopt);
  if (!history.empty()) out.latest = history.back().evaluation;
  std::vector<ReportingUnit> units;
  for (const auto& r : reports) {
    if (std::any_of(units.begin(), units.end(), [&](const ReportingUnit& u) { return u.id == r.draft.unit; })) continue;
    const Unit* u = dir.FindUnit(r.draft.unit);
    if (!u) continue;
    units.push_back({u->id, u->level, u->region, u->direct, u->kind == "party_office", event.occurred_at});
  }
  out.plan = ComputeObligations(history, units, dir.regions, event.region);
  return out;
}

}  // namespace shaobing
