#pragma once
// Accepting reports (C1, C2, B3): a first report opens an event, joins the event it names
// (another unit's angle on the same event) or is linked to the event it describes; follow-ups, finals and corrections
// continue the unit's series on it. Nothing waits for a local leader: the report is committed and visible to the region
// desk at once; the Party offices of the event's region are copied (they can see it), never asked.
#include <functional>

#include "core/access.h"
#include "core/report.h"
#include "services/directory.h"
#include "services/event_bus.h"
#include "services/link_index.h"
#include "services/notifier.h"
#include "services/rate_limiter.h"
#include "services/standards_service.h"
#include "store/store.h"

namespace shaobing {

struct Accepted {
  ReportId id = 0;
  EventId event_id = 0;
  int sequence = 0;
  std::string event_region;   // where the event happened (for scoping live notices)
  std::string link;           // first reports: linked | provisional | new_event | named
  bool confirm_task = false;  // a provisional link queued for the desk to confirm
};

// How much one unit may send: every report re-reads its event's reports on the store's single
// writer, so a flood from one unit must not stall everyone's writes (logins included).
struct ReportLimits {
  int per_unit_event_hour = 30;       // reports of one unit naming one event (follow-ups …) within an hour
  int per_unit_hour = 200;            // reports of one unit within an hour, all events
  size_t max_request_message = 2000;  // bytes of a desk's request message
  const Clock* clock = nullptr;       // the time the limits count in; nullptr: the system clock
};

class ReportService {
 public:
  // `standards` judges every event after each report (grade, level owed, catalogue version);
  // without it events are stored unjudged. `links` links first reports that name no event to
  // the event they describe (B3); without it each opens an event of its own.
  // `notifier` (may be null) tells the desk of the level an event became reportable to
  // ("event.reportable"), in the report's write job.
  ReportService(Store& store, Directory& directory, const StandardsService* standards = nullptr,
                LinkIndex* links = nullptr, ReportLimits limits = {}, const Notifier* notifier = nullptr)
      : store_(store),
        directory_(directory),
        standards_(standards),
        links_(links),
        limits_(limits),
        notifier_(notifier),
        per_unit_event_(limits.per_unit_event_hour, std::chrono::hours(1)),
        per_unit_(limits.per_unit_hour, std::chrono::hours(1)) {}

  // Checks the submitter and the unit, then queues the write. `done` runs once, after the
  // durable commit or with the reason for refusal; a refused report changes nothing.
  void Submit(const Principal& who, ReportDraft draft, std::function<void(Result<Accepted>)> done);
  Result<Accepted> SubmitAndWait(const Principal& who, ReportDraft draft);

  // The desk confirms or dismisses a sensitive factor of an event (A3), with a reason; the
  // event is judged again at once. Returns the event as judged now.
  Result<EventRow> AdjustSensitive(const Principal& who, EventId event_id, SensitiveAdjustment adjustment);

  // A desk asks `unit` (of its region) to report on an event it sees whole; the unit then
  // sees what the desk shares of the event and may join it. Audited; the unit is notified live.
  Result<ReportRequest> RequestReport(const Principal& who, EventId event_id, const std::string& unit,
                                      const std::string& message);

 private:
  // The per-unit limits (ReportLimits), before anything is queued.
  Status CheckRate(const ReportDraft& draft);

  Store& store_;
  Directory& directory_;
  const StandardsService* standards_;
  LinkIndex* links_;
  ReportLimits limits_;
  const Notifier* notifier_;
  RateLimiter per_unit_event_, per_unit_;
};

}  // namespace shaobing
