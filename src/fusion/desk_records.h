#pragma once
// The desk's records on multi-source events (B3) as domain values: how a report was linked
// and whether that link is a task for the desk, which kind of operation the desk ran on
// events, and its rulings on figures in conflict. The store keeps them (store/store.h) under
// the codes ToString gives; Parse… read those codes back strictly: an unknown code is no
// value (a stored row that carries one is an error, never a default).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/event.h"
#include "core/time.h"

namespace shaobing::fusion {

// What the linker decided for a report (linker.h Decision).
enum class LinkAction { kLinked, kProvisional, kNewEvent, kNamed };
const char* ToString(LinkAction a);  // "linked", "provisional", "new_event", "named"
std::optional<LinkAction> ParseLinkAction(std::string_view code);

// The desk's task on a provisional link: none (a sure link, a new event, a named one), then
// pending until the desk confirms or rejects it.
enum class TaskState { kNone, kPending, kConfirmed, kRejected };
const char* ToString(TaskState s);  // "" (none), "pending", "confirmed", "rejected"
std::optional<TaskState> ParseTaskState(std::string_view code);

// The desk's operations on events: merging two, splitting one.
enum class OperationKind { kMerge, kSplit };
const char* ToString(OperationKind k);  // "merge", "split"
std::optional<OperationKind> ParseOperationKind(std::string_view code);

// The linking decision on a first report (B3), with its evidence for the desk. A provisional
// link is a task for the desk until it is confirmed or rejected.
struct LinkRecord {
  ReportId report_id = 0;
  EventId filing_id = 0;  // the report's own filing
  EventId event_id = 0;   // the event it was linked to (its filing for a new event)
  LinkAction action = LinkAction::kNewEvent;
  TimePoint at{};
  std::string evidence;  // JSON object: total, parts, shared_entities, runners_up, candidates
  TaskState task_status = TaskState::kNone;
  std::string task_by, task_reason;
  std::optional<TimePoint> task_at;
};

// The desk's ruling on a figure in conflict: the value that stands, and why.
struct FigureResolution {
  std::int64_t id = 0;
  EventId event_id = 0;
  std::string figure;  // Figure code
  double value = 0;
  std::string reason, actor;
  TimePoint at{};
};

}  // namespace shaobing::fusion
