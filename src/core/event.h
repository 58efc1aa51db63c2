#pragma once
// Events and their report series. An event's state is derived from its immutable reports:
// each unit keeps its own series (首报 → 续报n → 终报, corrections supersede earlier reports).
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/report.h"

namespace shaobing {

// The stored summary row of an event, updated with every report (a cache of the view).
struct EventRow {
  EventId id = 0;
  std::string category;
  std::string title;
  std::string region;       // GB/T 2260 code of where it happened
  std::string region_path;  // root-first lineage, "640000/640100/640104", for subtree queries
  std::optional<TimePoint> occurred_at;
  TimePoint opened_at{};   // receipt of the first report
  TimePoint updated_at{};  // receipt of the latest report
  bool closed = false;     // every unit that reported has sent its final report
  int report_count = 0;
  Figures figures;  // current figures (see CurrentFigures)
  // The latest judgement by the reporting standard ("" when not judged): grade "I".."IV",
  // the highest level owed, and the catalogue version that judged it.
  std::string grade, report_to, catalogue_version;
  // Multi-source reporting: every first report opens its own row (a filing of its unit's
  // series). A filing linked or merged into another event points at that event, a root;
  // only roots are listed, and a root's reports are those of every filing pointing at it.
  std::optional<EventId> merged_into;
};

// Where a new report goes in its unit's series, or why it cannot go there.
// `unit_reports` are the unit's accepted reports on the event, in order.
// Errors: not_in_series (the unit never sent a first report on it), series_closed (a final
// was sent: only corrections may follow), supersedes_unknown / supersedes_foreign (the
// corrected report is not the unit's on this event), already_superseded.
Result<int> PlaceInSeries(const ReportDraft& draft, const std::vector<Report>& unit_reports);

// The reports that no correction supersedes.
std::vector<const Report*> EffectiveReports(const std::vector<Report>& reports);

// Figures of the event now: the overlay, in order of receipt, of every effective report's
// figures; a correction's figures replace those of the report it supersedes.
Figures CurrentFigures(const std::vector<Report>& reports);

// The event row after a report is accepted (`reports`, in order, already include it): counts,
// current figures, closed state, and the identity from the opening unit's effective reports.
EventRow Summarise(EventRow row, const std::vector<Report>& reports);

// One entry of the event view: a report and what it changed against the unit's previous
// effective report (or, for a correction, against the report it supersedes).
struct SeriesEntry {
  const Report* report = nullptr;
  std::vector<FigureChange> figure_changes;
  std::vector<std::string> changed_fields;  // "description", "cause", "measures", "title", ...
  std::optional<ReportId> superseded_by;
};
std::vector<SeriesEntry> BuildSeries(const std::vector<Report>& reports);

}  // namespace shaobing
