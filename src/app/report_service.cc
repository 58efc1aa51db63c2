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
void Judge(EventRow& row, const std::vector<Report>& reports, const Catalogue* catalogue, const DirectorySnapshot& dir) {
  if (!catalogue) return;
  const Evaluation e = Evaluate(*catalogue, FactsOfEvent(row, reports, dir.regions), {.explain = false});
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
    Judge(row, reports, catalogue, dir);
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
