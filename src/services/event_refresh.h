#pragma once
// Re-deriving a root event's stored row from its reports, inside a write job: the summary
// (Summarise), the consensus figures of its sources with the desk's rulings, and the judgement
// by the catalogue in force with the desk's sensitive adjustments. Used after every report and
// every desk operation, so the event list always shows what the event view shows.
#include <vector>

#include "core/access.h"
#include "services/directory.h"
#include "standards/catalogue.h"
#include "store/store.h"

namespace shaobing {

// Pure: `row` summarised over `reports` (in order), with consensus figures and, when
// `catalogue` is given, grade, report_to and catalogue version.
void DeriveEvent(EventRow& row, const std::vector<Report>& reports, const DirectorySnapshot& dir,
                 const Catalogue* catalogue, const std::vector<SensitiveAdjustment>& adjustments,
                 const std::vector<FigureResolution>& resolutions);

// Loads the desk's adjustments and rulings of root event `row`, derives the row over `reports`
// (DeriveEvent) and stores it.
Status DeriveAndStore(Transaction& tx, EventRow& row, const std::vector<Report>& reports, const DirectorySnapshot& dir,
                      const Catalogue* catalogue);

// Loads the root event `id` and its reports, derives and stores its row. kNotFound
// "unknown_event" when there is no such event.
Result<EventRow> RefreshEvent(Transaction& tx, EventId id, const DirectorySnapshot& dir, const Catalogue* catalogue,
                              std::vector<Report>* reports_out = nullptr);

// The root event that `id` is or was merged into. kNotFound "unknown_event" (field `field`).
Result<EventRow> RootEvent(Transaction& tx, EventId id, std::string_view field);

// The units that reported on root event `id` or its filings, or that a desk asked to.
Result<std::vector<std::string>> InvolvedUnits(Transaction& tx, EventId id);

// Unless `who` sees all of root event `root` (EventAccess::kFull, core/access.h), a denial
// answered as kNotFound "unknown_event" (field `field`, value `value`), like an unknown id.
Status CheckCanSee(Transaction& tx, const Principal& who, const EventRow& root, const DirectorySnapshot& dir,
                   std::string_view field, std::string_view value);

}  // namespace shaobing
