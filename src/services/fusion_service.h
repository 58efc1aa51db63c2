#pragma once
// The desk's work on multi-source events (B3): confirming or rejecting provisional links,
// merging two events, splitting units off an event, undoing a merge or split, and ruling on
// a figure in conflict. Every action needs a reason, is one audited write, re-derives and
// re-judges the events it touches, and keeps the linker's index in step.
#include <string>
#include <vector>

#include "core/access.h"
#include "services/directory.h"
#include "services/event_bus.h"
#include "services/link_index.h"
#include "services/standards_service.h"
#include "store/store.h"

namespace shaobing {

struct OperationResult {
  std::int64_t operation_id = 0;  // 0 when no operation was recorded (a confirmed link)
  EventId event_id = 0;           // the event the action leaves the caller looking at
  std::string status;             // link tasks: confirmed | rejected
};

// Events whose membership a desk operation changed, and the reports the linker relearns them from.
struct IndexChanges {
  std::vector<EventId> events;
  std::vector<Report> reports;
};

class FusionService {
 public:
  FusionService(Store& store, Directory& directory, const StandardsService& standards, LinkIndex& links)
      : store_(store), directory_(directory), standards_(standards), links_(links) {}

  // `task` is the report id of the provisional link. action: "confirm" | "reject"; a rejected
  // report's filing leaves the event and forms its own (recorded as an undoable split).
  Result<OperationResult> DecideLink(const Principal& who, ReportId task, const std::string& action,
                                     const std::string& reason);
  // Event `from` (with everything merged into it) joins event `into`.
  Result<OperationResult> Merge(const Principal& who, EventId into, EventId from, const std::string& reason);
  // The filings holding the reports of `units` leave event `id` and form one event; the part
  // holding the event's own first filing keeps its id. Returns the event the units now form.
  Result<OperationResult> Split(const Principal& who, EventId id, const std::vector<std::string>& units,
                                const std::string& reason);
  // Restores the filings an operation moved, when nothing has moved them since.
  Result<OperationResult> Undo(const Principal& who, std::int64_t operation, const std::string& reason);
  // The desk's value for a figure of the event; returns the event as judged now.
  Result<EventRow> Resolve(const Principal& who, EventId id, const std::string& figure, double value,
                           const std::string& reason);

 private:
  // Runs `job` as one write with the directory and the catalogue in force. Only when the job
  // succeeded does the linker relearn what it names (a failed job changes nothing anywhere);
  // the job announces `kind` on the event the result names (Transaction::Publish).
  using Job =
      std::function<Status(Transaction&, const DirectorySnapshot&, const Catalogue*, IndexChanges&, OperationResult&)>;
  Result<OperationResult> Run(const std::string& kind, Job job);

  Store& store_;
  Directory& directory_;
  const StandardsService& standards_;
  LinkIndex& links_;
};

}  // namespace shaobing
