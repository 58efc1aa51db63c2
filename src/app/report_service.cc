#include "app/report_service.h"

#include <boost/json/serialize.hpp>
#include <future>

#include "core/event.h"
#include "core/report_json.h"
#include "store/audit_chain.h"

namespace shaobing {
namespace {

// The write of one report, run inside the store's transaction.
// Judges the event as it stands after the report, by the catalogue in force.
void Judge(EventRow& row, const std::vector<Report>& reports, const Catalogue* catalogue, const DirectorySnapshot& dir,
           const std::vector<SensitiveAdjustment>& adjustments = {}) {
  if (!catalogue) return;
  const Evaluation e = Evaluate(*catalogue, FactsOfEvent(row, reports, dir.regions, adjustments), {.explain = false});
  row.grade = e.grade ? GradeCode(*e.grade) : "";
  row.report_to = e.report_to ? LevelCode(*e.report_to) : "";
  row.catalogue_version = catalogue->version();
}

Status WriteReport(Transaction& tx, const Principal& who, const ReportDraft& draft, const DirectorySnapshot& dir,
                   const Catalogue* catalogue, Accepted& out) {
  Report report;
  report.draft = draft;
  report.received_at = tx.Now();
  report.logged_by = who.name;
  const bool opens_event = draft.kind == ReportKind::kFirst && !draft.event_id;
  std::vector<Report> reports;
  EventRow row;
  if (opens_event) {
    // A new event: its row is complete before it is written (one insert, no update).
    row.opened_at = row.updated_at = report.received_at;
    row = Summarise(row, {report});
    row.region_path = dir.RegionPath(row.region);
    Judge(row, {report}, catalogue, dir);
    auto id = tx.InsertEvent(row);
    if (!id) return Fail(id.error());
    row.id = *id;
  } else {
    auto event = tx.GetEvent(*draft.event_id);
    if (!event) return Fail(event.error());
    if (!*event) {
      return Fail(Error::Make(ErrorCode::kNotFound, "unknown_event", "event_id",
                              {{"value", std::to_string(*draft.event_id)}}));
    }
    row = **event;
    auto existing = tx.ReportsOfEvent(row.id);
    if (!existing) return Fail(existing.error());
    reports = std::move(*existing);
    std::vector<std::string> units;
    std::vector<Report> mine;
    for (const auto& r : reports) {
      units.push_back(r.draft.unit);
      if (r.draft.unit == draft.unit) mine.push_back(r);
    }
    // A unit's first report may join a named event (multi-source reporting) when the caller
    // may see it or the event lies in the unit's own region (a regional department reports
    // on any event of the region; a county office only on its county's). Everything after a
    // first report stays within what the caller may see.
    const Unit* unit = dir.FindUnit(draft.unit);
    const bool may_join = draft.kind == ReportKind::kFirst && unit && dir.regions.Contains(unit->region, row.region);
    if (!may_join && !CanSeeEvent(who, row, units, dir.regions)) {
      return Fail(Error::Make(ErrorCode::kPermissionDenied, "foreign_event", "event_id",
                              {{"value", std::to_string(row.id)}}));
    }
    auto seq = PlaceInSeries(draft, mine);
    if (!seq) return Fail(seq.error());
    report.sequence = *seq;
  }
  report.event_id = row.id;
  report.draft.event_id = row.id;
  const std::string body = boost::json::serialize(DraftToJson(report.draft));
  auto id = tx.InsertReport(report, body);
  if (!id) return Fail(id.error());
  report.id = *id;
  if (!opens_event) {
    reports.push_back(std::move(report));
    row = Summarise(row, reports);
    row.region_path = dir.RegionPath(row.region);
    auto adjustments = tx.SensitiveAdjustmentsOfEvent(row.id);
    if (!adjustments) return Fail(adjustments.error());
    Judge(row, reports, catalogue, dir, *adjustments);
    if (auto s = tx.UpdateEvent(row); !s) return s;
  }
  if (catalogue) {
    EvaluationRecord judged{*id, row.id, tx.Now(), row.catalogue_version, row.grade, row.report_to};
    if (auto s = tx.InsertEvaluation(judged); !s) return s;
  }
  out = Accepted{*id, row.id, opens_event ? 0 : reports.back().sequence, row.region};
  boost::json::object detail{
      {"event_id", row.id},
      {"unit", draft.unit},
      {"kind", ReportKindCode(draft.kind)},
      {"sequence", out.sequence},
      {"channel", ChannelCode(draft.channel)},
      {"body_hash", Blake2bHex(body)},
      {"grade", row.grade},
      {"report_to", row.report_to},
  };
  return tx.Audit("user:" + who.name, "report.create", "report:" + std::to_string(*id), detail);
}

}  // namespace

Result<EventRow> ReportService::AdjustSensitive(const Principal& who, EventId event_id, SensitiveAdjustment adjustment) {
  std::vector<FieldError> problems;
  if (adjustment.action != "confirm" && adjustment.action != "dismiss") {
    problems.push_back({"invalid_value", "action", {{"value", adjustment.action}, {"allowed", "confirm, dismiss"}}});
  }
  static const std::vector<std::string> kKinds{"persons", "places", "behaviours", "times", "thresholds"};
  if (std::find(kKinds.begin(), kKinds.end(), adjustment.kind) == kKinds.end()) {
    problems.push_back({"invalid_value", "kind", {{"value", adjustment.kind},
                                                  {"allowed", "persons, places, behaviours, times, thresholds"}}});
  }
  auto catalogue = standards_ ? standards_->Current() : nullptr;
  bool known = false;
  if (catalogue) {
    for (const auto& f : catalogue->spec().sensitive.factors) {
      known = known || (SensitiveKindCode(f.kind) == adjustment.kind && f.code == adjustment.code);
    }
    for (const auto& t : catalogue->spec().sensitive.thresholds) {
      known = known || (adjustment.kind == "thresholds" && t.code == adjustment.code);
    }
  }
  if (adjustment.code.empty()) problems.push_back({"missing_field", "code", {}});
  else if (!known) problems.push_back({"unknown_sensitive_code", "code", {{"value", adjustment.code}}});
  if (adjustment.action == "confirm" && adjustment.kind == "thresholds") {
    problems.push_back({"invalid_value", "kind", {{"value", adjustment.kind}, {"allowed", "persons, places, behaviours, times"}}});
  }
  if (adjustment.reason.find_first_not_of(" \t\r\n") == std::string::npos) problems.push_back({"missing_field", "reason", {}});
  if (!problems.empty()) return Fail(Error::Invalid(std::move(problems)));

  auto dir = directory_.Get();
  EventRow row;
  auto written = store_.Write([&](Transaction& tx) -> Status {
    auto event = tx.GetEvent(event_id);
    if (!event) return Fail(event.error());
    if (!*event) {
      return Fail(Error::Make(ErrorCode::kNotFound, "unknown_event", "id", {{"value", std::to_string(event_id)}}));
    }
    row = **event;
    auto reports = tx.ReportsOfEvent(event_id);
    if (!reports) return Fail(reports.error());
    std::vector<std::string> units;
    for (const auto& r : *reports) units.push_back(r.draft.unit);
    if (!CanSeeEvent(who, row, units, dir->regions)) {
      return Fail(Error::Make(ErrorCode::kPermissionDenied, "foreign_event", "id", {{"value", std::to_string(event_id)}}));
    }
    adjustment.event_id = event_id;
    adjustment.at = tx.Now();
    adjustment.actor = who.name;
    auto id = tx.InsertSensitiveAdjustment(adjustment);
    if (!id) return Fail(id.error());
    auto adjustments = tx.SensitiveAdjustmentsOfEvent(event_id);
    if (!adjustments) return Fail(adjustments.error());
    Judge(row, *reports, catalogue.get(), *dir, *adjustments);
    if (auto s = tx.UpdateEvent(row); !s) return s;
    return tx.Audit("user:" + who.name, "event.sensitive." + adjustment.action, "event:" + std::to_string(event_id),
                    {{"id", *id}, {"kind", adjustment.kind}, {"code", adjustment.code}, {"reason", adjustment.reason},
                     {"grade", row.grade}, {"report_to", row.report_to}});
  });
  if (!written) return Fail(written.error());
  return row;
}

void ReportService::Submit(const Principal& who, ReportDraft draft, std::function<void(Result<Accepted>)> done) {
  auto dir = directory_.Get();
  const Unit* unit = dir->FindUnit(draft.unit);
  if (!unit) {
    return done(Fail(Error::Make(ErrorCode::kInvalidArgument, "unknown_unit", "unit", {{"value", draft.unit}})));
  }
  if (auto s = CanSubmitReport(who, *unit, draft.channel, dir->regions); !s) return done(Fail(s.error()));
  draft.reported_at.reset();
  auto out = std::make_shared<Accepted>();
  std::string kind = ReportKindCode(draft.kind);
  auto catalogue = standards_ ? standards_->Current() : nullptr;
  auto job = [who, draft = std::move(draft), dir, catalogue, out](Transaction& tx) {
    return WriteReport(tx, who, draft, *dir, catalogue.get(), *out);
  };
  store_.Submit(std::move(job), [this, out, done = std::move(done), kind, unit = unit->id](Status s) {
    if (!s) return done(Fail(s.error()));
    bus_.Publish(Notice{"report", out->event_id, out->id, kind, unit, out->event_region});
    done(*out);
  });
}

Result<Accepted> ReportService::SubmitAndWait(const Principal& who, ReportDraft draft) {
  std::promise<Result<Accepted>> p;
  auto f = p.get_future();
  Submit(who, std::move(draft), [&p](Result<Accepted> r) { p.set_value(std::move(r)); });
  return f.get();
}

}  // namespace shaobing
