#include "services/report_service.h"

#include <boost/json/serialize.hpp>
#include <future>

#include "core/event.h"
#include "core/report_json.h"
#include "fusion/event_fusion.h"
#include "i18n/messages.h"
#include "services/event_refresh.h"
#include "store/audit_chain.h"

namespace shaobing {
namespace {

// Where a report goes: the root event it joins (none: it opens one) and how that was decided.
struct Placement {
  std::optional<EventRow> root;
  std::vector<Report> group;  // the root's reports
  fusion::Decision decision;
};

// Decides the event of a first report without event_id (B3): the linker's choice, unless the
// event is gone from the store or the unit already reported on it (then it opens its own).
Result<Placement> Place(Transaction& tx, const Principal& who, const ReportDraft& draft, const DirectorySnapshot& dir,
                        LinkIndex* links, const fusion::Linker::ReportText* text) {
  Placement p;
  if (draft.event_id) {
    auto root = RootEvent(tx, *draft.event_id, "event_id");
    if (!root) return Fail(root.error());
    p.decision.action = fusion::LinkAction::kNamed;
    p.decision.event = root->id;
    p.root = std::move(*root);
  } else if (links) {
    p.decision = links->Decide(draft, tx.Now(), text);
    if (p.decision.action == fusion::LinkAction::kLinked || p.decision.action == fusion::LinkAction::kProvisional) {
      auto root = RootEvent(tx, p.decision.event, "event_id");
      if (root) p.root = std::move(*root);
    }
  }
  if (!p.root) {
    p.decision.action = fusion::LinkAction::kNewEvent;
    p.decision.confirm_task = false;
    return p;
  }
  auto group = tx.ReportsOfEvent(p.root->id);
  if (!group) return Fail(group.error());
  p.group = std::move(*group);
  const bool unit_reported =
      std::any_of(p.group.begin(), p.group.end(), [&](const Report& r) { return r.draft.unit == draft.unit; });
  if (p.decision.action != fusion::LinkAction::kNamed) {
    if (unit_reported) {  // the linker's memory is behind the store: a unit's second first is a new event
      p.root.reset();
      p.group.clear();
      p.decision = {};
    }
    return p;
  }
  // A first report may join a named event (multi-source reporting) when the caller sees all of
  // it (a desk logging a unit's call, the region's Party office), when a desk asked the unit,
  // or when the event is one the unit may report on (its region, a perspective it reports).
  // Every later report continues a series the unit has on the event. Anything else is
  // answered like an event that does not exist.
  auto involved = InvolvedUnits(tx, p.root->id);
  if (!involved) return Fail(involved.error());
  const auto access = AccessToEvent(who, *p.root, *involved, dir.regions);
  bool allowed = access != EventAccess::kNone;
  if (draft.kind == ReportKind::kFirst && access != EventAccess::kFull) {
    auto requests = tx.RequestsOfEvent(p.root->id);
    if (!requests) return Fail(requests.error());
    const Unit* unit = dir.FindUnit(draft.unit);
    allowed =
        std::any_of(requests->begin(), requests->end(), [&](const ReportRequest& r) { return r.unit == draft.unit; }) ||
        (unit && MayReportOn(*unit, *p.root, p.group, dir));
  }
  if (!allowed) {
    return Fail(Error::Denied(
        Error::Make(ErrorCode::kNotFound, "unknown_event", "event_id", {{"value", std::to_string(*draft.event_id)}})));
  }
  return p;
}

// The write of one report, run inside the store's transaction. A first report opens its own
// filing (pointing at the event it joins, if any); a later report continues the series of
// the unit's latest first report on the event. The event is then re-derived and judged.
Status WriteReport(Transaction& tx, const Principal& who, const ReportDraft& draft, const DirectorySnapshot& dir,
                   const Catalogue* catalogue, LinkIndex* links, const fusion::Linker::ReportText* text,
                   const ReportLimits& limits, const Notifier* notifier, int& notified, Accepted& out) {
  Report report;
  report.draft = draft;
  report.received_at = tx.Now();
  report.logged_by = who.name;
  auto placed = Place(tx, who, draft, dir, links, text);
  if (!placed) return Fail(placed.error());
  Placement& p = *placed;
  std::vector<Report> mine;
  for (const auto& r : p.group) {
    if (r.draft.unit == draft.unit) mine.push_back(r);
  }
  EventRow filing;  // a first report's own row
  if (draft.kind == ReportKind::kFirst) {
    if (!mine.empty()) return Fail(Error::Make(ErrorCode::kConflict, "already_reported", "kind"));
    filing.opened_at = filing.updated_at = report.received_at;
    DeriveEvent(filing, {report}, dir, p.root ? nullptr : catalogue, {}, {});
    if (p.root) filing.merged_into = p.root->id;
    auto id = tx.InsertEvent(filing);
    if (!id) return Fail(id.error());
    filing.id = report.filing = *id;
  } else {
    // The series of the unit's latest first report (after a merge a unit may have two).
    EventId filing = 0;
    for (const auto& r : mine) {
      if (r.draft.kind == ReportKind::kFirst) filing = r.filing;
    }
    std::erase_if(mine, [&](const Report& r) { return r.filing != filing; });
    // The limit per unit and event, counted in the store (the in-memory limiter is per server).
    const auto hour_ago = tx.Now() - std::chrono::hours(1);
    const auto recent = std::count_if(mine.begin(), mine.end(), [&](const Report& r) {
      return r.draft.kind != ReportKind::kFirst && r.received_at > hour_ago;
    });
    if (recent >= limits.per_unit_event_hour) {
      return Fail(Error::Make(ErrorCode::kExhausted, "too_many_reports", "",
                              {{"max", std::to_string(limits.per_unit_event_hour)}, {"retry_after", "60"}}));
    }
    auto seq = PlaceInSeries(draft, mine);
    if (!seq) return Fail(seq.error());
    report.sequence = *seq;
    report.filing = filing;
  }
  const EventId event_id = p.root ? p.root->id : report.filing;
  report.event_id = report.filing;  // the row holding the series
  report.draft.event_id = event_id;
  const std::string body = boost::json::serialize(DraftToJson(report.draft));
  auto id = tx.InsertReport(report, body);
  if (!id) return Fail(id.error());
  report.id = *id;
  report.event_id = event_id;
  EventRow row;
  const std::string report_to_before = p.root ? p.root->report_to : "";
  if (p.root) {
    p.group.push_back(report);
    row = std::move(*p.root);
    if (auto s = DeriveAndStore(tx, row, p.group, dir, catalogue); !s) return s;
  } else {
    row = std::move(filing);  // a new event: its row is complete as inserted
  }
  if (catalogue) {
    EvaluationRecord judged{*id, row.id, tx.Now(), row.catalogue_version, row.grade, row.report_to};
    if (auto s = tx.InsertEvaluation(judged); !s) return s;
  }
  const char* action = fusion::ToString(p.decision.action);
  if (draft.kind == ReportKind::kFirst) {
    LinkRecord link{
        *id,
        report.filing,
        event_id,
        p.decision.action,
        tx.Now(),
        EvidenceJson(p.decision),
        p.decision.action == fusion::LinkAction::kProvisional ? fusion::TaskState::kPending : fusion::TaskState::kNone,
        "",
        "",
        std::nullopt};
    if (auto s = tx.InsertLink(link); !s) return s;
  }
  out =
      Accepted{*id, row.id, report.sequence, row.region, action, p.decision.action == fusion::LinkAction::kProvisional};
  boost::json::object detail{
      {"event_id", row.id},
      {"filing", report.filing},
      {"unit", draft.unit},
      {"kind", ReportKindCode(draft.kind)},
      {"sequence", out.sequence},
      {"channel", ChannelCode(draft.channel)},
      {"body_hash", Blake2bHex(body)},
      {"grade", row.grade},
      {"report_to", row.report_to},
  };
  if (draft.kind == ReportKind::kFirst) detail["link"] = action;
  if (auto s = tx.Publish(Notice{.type = "report",
                                 .event_id = row.id,
                                 .report_id = *id,
                                 .kind = ReportKindCode(draft.kind),
                                 .unit = draft.unit,
                                 .region = row.region});
      !s) {
    return s;
  }
  if (auto s = tx.Audit("user:" + who.name, "report.create", "report:" + std::to_string(*id), detail); !s) return s;
  // A phone report the desk's officer took down is a call of the shift: it goes into the desk's
  // duty log as it happens.
  if (who.role == Role::kDesk && draft.channel == Channel::kPhone) {
    const Unit* unit = dir.FindUnit(draft.unit);
    const std::string text = i18n::Render(
        i18n::Locale::kZhCn, "duty.log_text.phone_report",
        {{"unit", unit != nullptr ? unit->name : draft.unit},
         {"kind", i18n::Render(i18n::Locale::kZhCn, std::string("report.kind.") + ReportKindCode(draft.kind))},
         {"title", draft.title}});
    if (auto e = tx.InsertDutyLog({0, who.region, "call", row.id, text, report.received_at, who.name, tx.Now()}); !e) {
      return Fail(e.error());
    }
  }
  if (notifier != nullptr) {
    auto n = NotifyReportable(tx, *notifier, dir.regions, row, report_to_before);
    if (!n) return Fail(n.error());
    notified = *n;
  }
  if (links) links->Add(row.id, report.draft, report.received_at, text);
  return {};
}

}  // namespace

Result<EventRow> ReportService::AdjustSensitive(const Principal& who, EventId event_id,
                                                SensitiveAdjustment adjustment) {
  std::vector<FieldError> problems;
  if (adjustment.action != "confirm" && adjustment.action != "dismiss") {
    problems.push_back({"invalid_value", "action", {{"value", adjustment.action}, {"allowed", "confirm, dismiss"}}});
  }
  static const std::vector<std::string> kKinds{"persons", "places", "behaviours", "times", "thresholds"};
  if (std::find(kKinds.begin(), kKinds.end(), adjustment.kind) == kKinds.end()) {
    problems.push_back({"invalid_value",
                        "kind",
                        {{"value", adjustment.kind}, {"allowed", "persons, places, behaviours, times, thresholds"}}});
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
  if (adjustment.code.empty())
    problems.push_back({"missing_field", "code", {}});
  else if (!known)
    problems.push_back({"unknown_sensitive_code", "code", {{"value", adjustment.code}}});
  if (adjustment.action == "confirm" && adjustment.kind == "thresholds") {
    problems.push_back(
        {"invalid_value", "kind", {{"value", adjustment.kind}, {"allowed", "persons, places, behaviours, times"}}});
  }
  if (IsBlank(adjustment.reason)) problems.push_back({"missing_field", "reason", {}});
  if (!problems.empty()) return Fail(Error::Invalid(std::move(problems)));

  auto dir = directory_.Get();
  EventRow row;
  auto written = store_.Write([&](Transaction& tx) -> Status {
    auto event = RootEvent(tx, event_id, "id");
    if (!event) return Fail(event.error());
    row = std::move(*event);
    if (auto s = CheckCanSee(tx, who, row, *dir, "id", std::to_string(event_id)); !s) return s;
    event_id = row.id;
    adjustment.event_id = event_id;
    adjustment.at = tx.Now();
    adjustment.actor = who.name;
    auto id = tx.InsertSensitiveAdjustment(adjustment);
    if (!id) return Fail(id.error());
    auto refreshed = RefreshEvent(tx, event_id, *dir, catalogue.get());
    if (!refreshed) return Fail(refreshed.error());
    row = std::move(*refreshed);
    return tx.Audit("user:" + who.name, "event.sensitive." + adjustment.action, "event:" + std::to_string(event_id),
                    {{"id", *id},
                     {"kind", adjustment.kind},
                     {"code", adjustment.code},
                     {"reason", adjustment.reason},
                     {"grade", row.grade},
                     {"report_to", row.report_to}});
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
  if (auto s = CheckRate(draft); !s) return done(Fail(s.error()));
  draft.reported_at.reset();
  auto out = std::make_shared<Accepted>();
  auto catalogue = standards_ ? standards_->Current() : nullptr;
  LinkIndex* links = links_;
  auto text = links ? links->Read(draft) : nullptr;  // here, not on the store's writer
  // The index learns a report only when its job succeeded (WriteReport's last step); should
  // the batch's commit then fail, the index knows a report the store does not.
  auto indexed = std::make_shared<bool>(false);
  auto notified = std::make_shared<int>(0);
  auto job = [who, draft = std::move(draft), dir, catalogue, links, text, out, indexed, notified, notifier = notifier_,
              limits = limits_](Transaction& tx) {
    *notified = 0;
    auto s = WriteReport(tx, who, draft, *dir, catalogue.get(), links, text.get(), limits, notifier, *notified, *out);
    *indexed = s.has_value() && links;
    return s;
  };
  // Its change (WriteReport) is pushed by the store after the commit, before this `done`.
  store_.Submit(std::move(job), [this, out, indexed, notified, done = std::move(done)](Status s) {
    if (!s) {
      if (*indexed) links_->MarkStale();
      return done(Fail(s.error()));
    }
    if (*notified > 0) notifier_->Committed();
    done(*out);
  });
}

Status ReportService::CheckRate(const ReportDraft& draft) {
  const auto now = limits_.clock ? limits_.clock->Now() : SystemClock().Now();
  auto refuse = [](int max, std::chrono::seconds wait) {
    return Fail(Error::Make(ErrorCode::kExhausted, "too_many_reports", "",
                            {{"max", std::to_string(max)}, {"retry_after", std::to_string(wait.count())}}));
  };
  if (auto wait = per_unit_.Acquire(draft.unit, now); wait.count() > 0) return refuse(per_unit_.limit(), wait);
  if (draft.event_id) {
    const std::string key = draft.unit + "|" + std::to_string(*draft.event_id);
    if (auto wait = per_unit_event_.Acquire(key, now); wait.count() > 0) return refuse(per_unit_event_.limit(), wait);
  }
  return {};
}

Result<ReportRequest> ReportService::RequestReport(const Principal& who, EventId event_id, const std::string& unit_id,
                                                   const std::string& message) {
  auto dir = directory_.Get();
  std::vector<FieldError> problems;
  const Unit* unit = dir->FindUnit(unit_id);
  if (!unit)
    problems.push_back({"unknown_unit", "unit", {{"value", unit_id}}});
  else if (!dir->regions.Contains(who.region, unit->region)) {
    problems.push_back({"unit_outside_region", "unit", {{"value", unit_id}}});
  }
  if (IsBlank(message))
    problems.push_back({"missing_field", "message", {}});
  else if (message.size() > limits_.max_request_message) {
    problems.push_back({"text_too_long", "message", {{"max", std::to_string(limits_.max_request_message)}}});
  }
  if (!problems.empty()) return Fail(Error::Invalid(std::move(problems)));
  ReportRequest request{0, 0, unit_id, message, who.name, {}};
  auto written = store_.Write([&](Transaction& tx) -> Status {
    auto root = RootEvent(tx, event_id, "id");
    if (!root) return Fail(root.error());
    if (auto s = CheckCanSee(tx, who, *root, *dir, "id", std::to_string(event_id)); !s) return s;
    request.event_id = root->id;
    request.at = tx.Now();
    auto id = tx.InsertReportRequest(request);
    if (!id) return Fail(id.error());
    request.id = *id;
    if (auto s = tx.Publish(Notice{.type = "request", .event_id = root->id, .unit = unit_id, .region = root->region});
        !s) {
      return s;
    }
    return tx.Audit("user:" + who.name, "event.request_report", "event:" + std::to_string(root->id),
                    {{"id", *id}, {"unit", unit_id}, {"message", message}});
  });
  if (!written) return Fail(written.error());
  return request;
}

Result<Accepted> ReportService::SubmitAndWait(const Principal& who, ReportDraft draft) {
  std::promise<Result<Accepted>> p;
  auto f = p.get_future();
  Submit(who, std::move(draft), [&p](Result<Accepted> r) { p.set_value(std::move(r)); });
  return f.get();
}

}  // namespace shaobing
