#pragma once
// Accepting reports (C1, C2): a first report opens an event, or joins the event it names
// (another unit's angle on the same event); follow-ups, finals and corrections continue the
// unit's series on it. Nothing waits for a local leader: the report is
// committed and visible to the region desk at once; the Party offices of the event's region
// are copied (they can see it), never asked.
#include <functional>

#include "app/directory.h"
#include "app/event_bus.h"
#include "app/standards_service.h"
#include "core/access.h"
#include "core/report.h"
#include "store/store.h"

namespace shaobing {

struct Accepted {
  ReportId id = 0;
  EventId event_id = 0;
  int sequence = 0;
  std::string event_region;  // where the event happened (for scoping live notices)
};

class ReportService {
 public:
  // `standards` judges every event after each report (grade, level owed, catalogue version);
  // without it events are stored unjudged.
  ReportService(Store& store, Directory& directory, EventBus& bus, const StandardsService* standards = nullptr)
      : store_(store), directory_(directory), bus_(bus), standards_(standards) {}

  // Checks the submitter and the unit, then queues the write. `done` runs once, after the
  // durable commit or with the reason for refusal; a refused report changes nothing.
  void Submit(const Principal& who, ReportDraft draft, std::function<void(Result<Accepted>)> done);
  Result<Accepted> SubmitAndWait(const Principal& who, ReportDraft draft);

  // The desk confirms or dismisses a sensitive factor of an event (A3), with a reason; the
  // event is judged again at once. Returns the event as judged now.
  Result<EventRow> AdjustSensitive(const Principal& who, EventId event_id, SensitiveAdjustment adjustment);

 private:
  Store& store_;
  Directory& directory_;
  EventBus& bus_;
  const StandardsService* standards_;
};

}  // namespace shaobing
