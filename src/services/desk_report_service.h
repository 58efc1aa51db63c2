#pragma once
// A desk's own report upward (上报, C3): the desk officer of a county, city or the region
// records that the desk told the next level (or one above it: 越级上报 is allowed) of an event,
// by phone (whom it told, when) or in writing (the text it sent, from a draft generated from
// the event's 综合情况 and edited). What was recorded is kept immutably and audited; it
// fulfils the desk's obligations to that level (standards/obligation_status.h) and the upper
// desk sees it on the event as a source.
#include <optional>
#include <string>

#include "core/access.h"
#include "services/directory.h"
#include "services/event_bus.h"
#include "services/event_query.h"
#include "services/notifier.h"
#include "store/store.h"

namespace shaobing {

struct DeskReportDraft {
  std::string to;               // "city" | "region" | "centre": above the desk's own level
  std::string channel;          // "phone" | "written"
  std::string told;             // phone: required (whom it told); written: optional (to whom it was sent)
  std::string text;             // written: required (the text sent); phone: optional (what was said)
  std::optional<TimePoint> at;  // when it was told; default: now. Not in the future, not before the occurrence
};

struct DeskReportLimits {
  size_t max_told = 200;     // bytes
  size_t max_text = 20'000;  // bytes: a 专报 of several pages
  size_t max_reason = 2000;  // bytes: why the desk marked an event handled
};

class DeskReportService {
 public:
  // `notifier` (may be null) tells the receiving level's desk of every report recorded.
  DeskReportService(Store& store, Directory& directory, EventQuery& events, const Clock& clock,
                    DeskReportLimits limits = {}, const Notifier* notifier = nullptr)
      : store_(store), directory_(directory), events_(events), clock_(clock), limits_(limits), notifier_(notifier) {}

  // Records the report of `who`'s desk on the event `event_id` (or the event it was merged
  // into). kNotFound "unknown_event" for an event the desk does not see whole; kInvalidArgument
  // naming every bad field. Audited ("event.desk_report"); the desks are notified live, and
  // the receiving level's desk through its subscriptions (kind "desk_report.recorded"), in
  // the same write job.
  Result<DeskReport> Record(const Principal& who, EventId event_id, const DeskReportDraft& draft);

  // The desk marks the event handled (处置完毕) at `at` (default: now; as for a report, not in
  // the future and not before the occurrence): its follow-up clocks close
  // (standards/report_clocks.h; 补报 stay owed). `reason` is required (at most max_reason
  // bytes). kConflict "already_closed" (naming when and by whom) the second time. Audited ("event.close").
  Result<EventClosure> Close(const Principal& who, EventId event_id, const std::string& reason,
                             std::optional<TimePoint> at = std::nullopt);

  // The written report's draft: the event's 综合情况 as a 专报 text for the officer to edit.
  Result<std::string> Draft(const Principal& who, EventId event_id);

 private:
  Store& store_;
  Directory& directory_;
  EventQuery& events_;
  const Clock& clock_;
  DeskReportLimits limits_;
  const Notifier* notifier_;
};

}  // namespace shaobing
