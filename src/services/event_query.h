#pragma once
// The one read path of events, for the API and the command line alike: which root an id opens
// (an event merged away opens the event it is part of now), what of it a caller may see
// (core/access.h AccessToEvent, the same rule as the live stream and the desk's write jobs),
// and everything the event view shows, assembled from the store, the directory and the
// reporting standard. Rendering is the caller's (src/views).
#include <memory>
#include <optional>
#include <vector>

#include "core/access.h"
#include "fusion/event_fusion.h"
#include "services/directory.h"
#include "services/standards_service.h"
#include "standards/consultation_clocks.h"
#include "standards/obligation_status.h"
#include "store/store.h"

namespace shaobing {

// An event as one caller may see it.
struct EventDetail {
  EventId requested_id = 0;  // the id asked for; root.id unless it was merged away
  EventRow root;
  EventAccess access = EventAccess::kFull;       // kFull or kShared, never kNone
  std::shared_ptr<const DirectorySnapshot> dir;  // the directory it was assembled with
  TimePoint now{};                               // when it was assembled (open obligations, the summary)
  // kFull: every report of the event in order of receipt; kShared: the caller's unit's own.
  std::vector<Report> reports;
  // kFull: every request a desk made on the event; kShared: those to the caller's unit.
  std::vector<ReportRequest> requests;
  // kFull only: the judgement replayed, the fusion of its sources and the desk's records.
  EventJudgement judgement;
  EventFusion fusion;
  std::vector<FigureResolution> resolutions;
  std::vector<LinkRecord> links;
  std::vector<EventOperation> operations;
  std::vector<SensitiveAdjustment> adjustments;
  std::vector<DeskReport> desk_reports;  // the desks' reports upward, in the order recorded
  Fulfilments fulfilments;               // what fulfils the judgement's obligations (reports, desk reports)
  std::vector<EventClosure> closures;    // the desk's 处置完毕, oldest first
  std::vector<ReportClock> clocks;       // every reporting clock at `now` (standards/report_clocks.h)
  // The consultations on the event (会商), oldest first, and their own clocks at `now`; a
  // decided "do not report" waives `clocks` (standards/consultation_clocks.h WaiverOf).
  std::vector<Consultation> consultations;
  std::vector<ConsultationClock> consultation_clocks;
  // kFull only: the steps taken of its overdue clocks' escalation and their acknowledgements.
  std::vector<EscalationStep> overdue_escalations;
  std::vector<EscalationAck> escalation_acks;
  // kShared only: the perspectives the event still lacks that the caller's unit reports.
  std::vector<fusion::PerspectiveStatus> missing_perspectives;
};

// One event of a list; `restricted` when the caller sees it only in part (kShared).
struct ListedEvent {
  EventRow event;
  bool restricted = false;
  // Its stored clocks in short (services/clock_timer.h); empty when restricted.
  ClockSummary clocks;
};

// A pending "confirm link" task: the decision, its report and the filing the report opened.
struct LinkTaskDetail {
  LinkRecord link;
  Report report;
  EventRow event;
};

// What fulfils an event's obligations (standards/obligation_status.h): every report's receipt
// (a Party office's for its region's desk too) and every desk report.
Fulfilments FulfilmentsOf(const std::vector<Report>& reports, const std::vector<DeskReport>& desk_reports,
                          const DirectorySnapshot& dir);

// The clocks' inputs from an assembled event: its obligations, fulfilments, judged moments,
// the units' finals and the closure (the desk's first 处置完毕, or every unit's final).
std::vector<ReportClock> ClocksOfDetail(const EventDetail& detail);

class EventQuery {
 public:
  EventQuery(Store& store, Directory& directory, const StandardsService& standards, const Clock& clock)
      : store_(store), directory_(directory), standards_(standards), clock_(clock) {}

  // The root events `who` may list, newest first: at most `limit`, ids below `before` when given.
  Result<std::vector<ListedEvent>> List(const Principal& who, int limit, std::optional<EventId> before);

  // Event `id` (or the root it was merged into) as `who` may see it. kNotFound "unknown_event"
  // (field "id") for an unknown id and, marked as a denial (Error::Denied), for one the caller
  // may not see.
  Result<EventDetail> Open(const Principal& who, EventId id);
  // Event `id` (or its root) whole, for the operator's command line, which has no caller to
  // check. kNotFound "unknown_event" (field "id").
  Result<EventDetail> OpenWhole(EventId id);

  // Report `id` when `who` may read it: its own unit's report (a reporter), or any report of an
  // event it sees whole. kNotFound "unknown_report" (field "id"), a denial when it exists.
  Result<Report> ReportFor(const Principal& who, ReportId id);

  // Event `id`'s root with its judgement, fulfilments and clocks at the clock's now (for the
  // timer service: no fusion, links or operations); nullopt for an unknown id.
  Result<std::optional<EventDetail>> OpenForClocks(EventId id);

  // The pending link tasks `who` may see (its events' visibility), oldest first.
  Result<std::vector<LinkTaskDetail>> PendingLinkTasks(const Principal& who);

 private:
  // The root event `id` opens; nullopt for an unknown id.
  Result<std::optional<EventRow>> RootOf(EventId id);
  // The root `id` opens, with every report and request on it; no access decided yet.
  Result<EventDetail> Load(EventId id);
  // Fills the kFull part of `detail` (its root, reports and requests already read).
  Status AssembleWhole(EventDetail& detail);
  // The part of it the clocks need: judgement, desk reports, closures, fulfilments, clocks.
  Status AssembleJudgement(EventDetail& detail);

  Store& store_;
  Directory& directory_;
  const StandardsService& standards_;
  const Clock& clock_;
};

}  // namespace shaobing
