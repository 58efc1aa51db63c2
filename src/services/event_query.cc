#include "services/event_query.h"

namespace shaobing {

namespace {

Error UnknownEvent(EventId id) {
  return Error::Make(ErrorCode::kNotFound, "unknown_event", "id", {{"value", std::to_string(id)}});
}

// Which events a principal may list: the visibility rule as a filter the store applies.
EventFilter ScopeOf(const Principal& who, const DirectorySnapshot& dir) {
  EventFilter q;
  switch (who.role) {
    case Role::kAdmin:
      q.unrestricted = true;
      break;
    case Role::kDesk:
    case Role::kLeader:
    case Role::kExpert:
      q.region_path_prefix = dir.RegionPath(who.region);
      break;
    case Role::kReporter:
      q.involving_unit = who.unit;
      if (who.unit_kind == "party_office") q.region_path_prefix = dir.RegionPath(who.region);
      break;
  }
  return q;
}

}  // namespace

Fulfilments FulfilmentsOf(const std::vector<Report>& reports, const std::vector<DeskReport>& desk_reports,
                          const DirectorySnapshot& dir) {
  Fulfilments out;
  for (const auto& r : reports) {
    out.unit_reports.emplace_back(r.draft.unit, r.received_at);
    const Unit* unit = dir.FindUnit(r.draft.unit);
    if (unit != nullptr && unit->kind == "party_office") out.office_reports.emplace_back(unit->region, r.received_at);
  }
  for (const auto& d : desk_reports) out.desk_reports.push_back({d.from_region, d.to, d.channel, d.reported_at});
  return out;
}

Result<std::vector<ListedEvent>> EventQuery::List(const Principal& who, int limit, std::optional<EventId> before) {
  auto dir = directory_.Get();
  EventFilter filter = ScopeOf(who, *dir);
  filter.limit = limit;
  filter.before_id = before;
  auto events = store_.ListEvents(filter);
  if (!events) return Fail(events.error());
  std::vector<ListedEvent> out;
  out.reserve(events->size());
  std::vector<EventId> whole;
  for (auto& e : *events) {
    // A reporter sees the figures only of events it sees whole (its Party office's region).
    const bool shared = AccessToEvent(who, e, {who.unit}, dir->regions) == EventAccess::kShared;
    if (!shared) whole.push_back(e.id);
    out.push_back({std::move(e), shared, {}});
  }
  auto clocks = store_.ClockSummaries(whole);
  if (!clocks) return Fail(clocks.error());
  for (auto& e : out) {
    if (auto it = clocks->find(e.event.id); it != clocks->end()) e.clocks = it->second;
  }
  return out;
}

Result<std::optional<EventRow>> EventQuery::RootOf(EventId id) {
  auto event = store_.GetEvent(id);
  if (!event) return Fail(event.error());
  // An event merged into another is shown as the event it is part of now.
  if (*event && (*event)->merged_into) event = store_.GetEvent(*(*event)->merged_into);
  return event;
}

Result<EventDetail> EventQuery::Load(EventId id) {
  auto root = RootOf(id);
  if (!root) return Fail(root.error());
  if (!*root) return Fail(UnknownEvent(id));
  EventDetail detail;
  detail.requested_id = id;
  detail.root = std::move(**root);
  detail.dir = directory_.Get();
  detail.now = clock_.Now();
  auto reports = store_.ReportsOfEvent(detail.root.id);
  if (!reports) return Fail(reports.error());
  detail.reports = std::move(*reports);
  auto requests = store_.RequestsOfEvent(detail.root.id);
  if (!requests) return Fail(requests.error());
  detail.requests = std::move(*requests);
  return detail;
}

Result<EventDetail> EventQuery::Open(const Principal& who, EventId id) {
  auto detail = Load(id);
  if (!detail) return Fail(detail.error());
  std::vector<std::string> involved;
  for (const auto& r : detail->reports) involved.push_back(r.draft.unit);
  for (const auto& r : detail->requests) involved.push_back(r.unit);
  detail->access = AccessToEvent(who, detail->root, involved, detail->dir->regions);
  switch (detail->access) {
    case EventAccess::kNone:
      return Fail(Error::Denied(UnknownEvent(id)));
    case EventAccess::kShared: {
      // The event's own fields, the unit's own reports, what is asked of it.
      std::vector<Report> all = std::move(detail->reports);
      std::vector<ReportRequest> asked = std::move(detail->requests);
      detail->reports.clear();
      detail->requests.clear();
      for (auto& r : all) {
        if (r.draft.unit == who.unit) detail->reports.push_back(r);
      }
      for (auto& r : asked) {
        if (r.unit == who.unit) detail->requests.push_back(std::move(r));
      }
      if (const Unit* unit = detail->dir->FindUnit(who.unit)) {
        for (auto& p : PerspectivesFor(*unit, detail->root, all, *detail->dir)) {
          if (p.missing()) detail->missing_perspectives.push_back(std::move(p));
        }
      }
      return detail;
    }
    case EventAccess::kFull:
      break;
  }
  if (auto s = AssembleWhole(*detail); !s) return Fail(s.error());
  return detail;
}

Result<EventDetail> EventQuery::OpenWhole(EventId id) {
  auto detail = Load(id);
  if (!detail) return Fail(detail.error());
  if (auto s = AssembleWhole(*detail); !s) return Fail(s.error());
  return detail;
}

Status EventQuery::AssembleWhole(EventDetail& detail) {
  if (auto s = AssembleJudgement(detail); !s) return s;
  const EventId id = detail.root.id;
  auto links = store_.LinksOfEvent(id);
  if (!links) return Fail(links.error());
  auto operations = store_.OperationsOfEvent(id);
  if (!operations) return Fail(operations.error());
  detail.access = EventAccess::kFull;
  detail.fusion = FuseEvent(detail.root, detail.reports, *detail.dir, detail.resolutions);
  detail.links = std::move(*links);
  detail.operations = std::move(*operations);
  auto steps = store_.EscalationStepsOfEvent(id);
  if (!steps) return Fail(steps.error());
  auto acks = store_.EscalationAcksOfEvent(id);
  if (!acks) return Fail(acks.error());
  detail.overdue_escalations = std::move(*steps);
  detail.escalation_acks = std::move(*acks);
  return {};
}

Status EventQuery::AssembleJudgement(EventDetail& detail) {
  const EventId id = detail.root.id;
  auto records = store_.EvaluationsOfEvent(id);
  if (!records) return Fail(records.error());
  auto adjustments = store_.SensitiveAdjustmentsOfEvent(id);
  if (!adjustments) return Fail(adjustments.error());
  auto resolutions = store_.ResolutionsOfEvent(id);
  if (!resolutions) return Fail(resolutions.error());
  auto desk_reports = store_.DeskReportsOfEvent(id);
  if (!desk_reports) return Fail(desk_reports.error());
  auto closures = store_.ClosuresOfEvent(id);
  if (!closures) return Fail(closures.error());
  auto consultations = store_.ConsultationsOfEvent(id);
  if (!consultations) return Fail(consultations.error());
  const DirectorySnapshot& dir = *detail.dir;
  detail.judgement = JudgeEvent(detail.root, detail.reports, *records, *adjustments, standards_, dir, *resolutions);
  detail.resolutions = std::move(*resolutions);
  detail.adjustments = std::move(*adjustments);
  detail.desk_reports = std::move(*desk_reports);
  detail.fulfilments = FulfilmentsOf(detail.reports, detail.desk_reports, dir);
  detail.closures = std::move(*closures);
  detail.consultations = std::move(*consultations);
  detail.clocks = ClocksOfDetail(detail);
  detail.consultation_clocks.clear();
  for (const auto& c : detail.consultations) {
    for (auto& k : ConsultationClocksOf(c, detail.now)) detail.consultation_clocks.push_back(std::move(k));
  }
  return {};
}

std::vector<ReportClock> ClocksOfDetail(const EventDetail& detail) {
  ClockInputs in;
  in.plan = &detail.judgement.plan;
  in.fulfilments = &detail.fulfilments;
  in.moments = detail.judgement.moments;
  in.occurred_at = detail.root.occurred_at;
  for (const auto& r : detail.reports) {
    if (r.draft.kind == ReportKind::kFinal) in.unit_finals.emplace_back(r.draft.unit, r.received_at);
  }
  if (!detail.closures.empty()) in.closed_at = detail.closures.front().at;
  // Every unit that reported sent its final: closed when the last of them arrived.
  if (detail.root.closed && !in.unit_finals.empty()) {
    TimePoint last = in.unit_finals.front().second;
    for (const auto& [unit, at] : in.unit_finals) last = std::max(last, at);
    if (!in.closed_at || last < *in.closed_at) in.closed_at = last;
  }
  // A desk's "do not report" after a consultation waives its clocks and those above it.
  for (const auto& c : detail.consultations) {
    const Region* desk = detail.dir->regions.Find(c.opened_region);
    if (desk == nullptr) continue;
    if (auto w = WaiverOf(c, desk->level)) in.waivers.push_back(std::move(*w));
  }
  return ClocksOf(in, detail.now);
}

Result<std::optional<EventDetail>> EventQuery::OpenForClocks(EventId id) {
  auto root = RootOf(id);
  if (!root) return Fail(root.error());
  if (!*root) return std::optional<EventDetail>();
  auto detail = Load((*root)->id);
  if (!detail) return Fail(detail.error());
  if (auto s = AssembleJudgement(*detail); !s) return Fail(s.error());
  return std::optional<EventDetail>(std::move(*detail));
}

Result<Report> EventQuery::ReportFor(const Principal& who, ReportId id) {
  const auto not_found = Error::Make(ErrorCode::kNotFound, "unknown_report", "id", {{"value", std::to_string(id)}});
  auto report = store_.GetReport(id);
  if (!report) return Fail(report.error());
  if (!*report) return Fail(not_found);
  auto event = RootOf((*report)->event_id);
  if (!event || !*event) return Fail(Error::Internal("report without its event"));
  // A unit's own reports, or any report of an event the caller sees whole.
  const bool own = who.role == Role::kReporter && who.unit == (*report)->draft.unit;
  if (!own && AccessToEvent(who, **event, {}, directory_.Get()->regions) != EventAccess::kFull) {
    return Fail(Error::Denied(not_found));
  }
  return std::move(**report);
}

Result<std::vector<LinkTaskDetail>> EventQuery::PendingLinkTasks(const Principal& who) {
  auto tasks = store_.PendingLinkTasks();
  if (!tasks) return Fail(tasks.error());
  auto dir = directory_.Get();
  std::vector<LinkTaskDetail> out;
  for (auto& t : *tasks) {
    auto report = store_.GetReport(t.report_id);
    if (!report) return Fail(report.error());
    if (!*report) continue;
    auto event = store_.GetEvent((*report)->event_id);
    auto units = store_.UnitsOfEvent((*report)->event_id);
    if (!event || !*event || !units) return Fail(Error::Internal("link task without its event"));
    if (!CanSeeEvent(who, **event, *units, dir->regions)) continue;
    out.push_back({std::move(t), std::move(**report), std::move(**event)});
  }
  return out;
}

}  // namespace shaobing
