#pragma once
// An event as its many sources tell it (B3): the reports with their units, the consensus of
// figures with the desk's rulings applied, the perspectives covered and missing (with the
// units expected to report them) and the composite summary. Pure over its inputs.
#include <optional>
#include <string>
#include <vector>

#include "core/directory_snapshot.h"
#include "core/event.h"
#include "core/unit.h"
#include "fusion/consensus.h"
#include "fusion/desk_records.h"
#include "fusion/perspectives.h"
#include "fusion/sourced_report.h"

namespace shaobing {

// The unit name and kind of every report (an unknown unit keeps its id as name).
std::vector<fusion::SourcedReport> SourcedReports(const std::vector<Report>& reports, const DirectorySnapshot& dir);

// Consensus over the effective reports (corrections replace what they supersede), then the
// desk's rulings: the latest resolution of a figure stands as its consensus (rule "desk")
// until a source gives that figure again after it; conflicts between values given before the
// ruling are settled by it and no longer listed.
fusion::Consensus EventConsensus(const std::vector<Report>& reports, const DirectorySnapshot& dir,
                                 const std::vector<fusion::FigureResolution>& resolutions);
// The consensus values as Figures (what grading and routing use).
Figures ConsensusFigures(const fusion::Consensus& consensus);
// EventConsensus's values alone (cheaper when one unit reported and the desk ruled nothing).
Figures ConsensusFiguresOf(const std::vector<Report>& reports, const DirectorySnapshot& dir,
                           const std::vector<fusion::FigureResolution>& resolutions);

struct ExpectedUnit {
  std::string id, name;
};
struct PerspectiveView {
  fusion::PerspectiveStatus status;
  std::vector<ExpectedUnit> expected_units;  // for a missing one: who should report it
};

struct EventFusion {
  std::vector<fusion::SourcedReport> sources;
  fusion::Consensus consensus;
  std::vector<PerspectiveView> perspectives;
  std::string summary;
};

// The perspectives an event calls for (category and reports) that `unit` may report: those it
// declares in the registry and its kind's own (fusion::ExpectedKinds).
std::vector<fusion::PerspectiveStatus> PerspectivesFor(const Unit& unit, const EventRow& event,
                                                       const std::vector<Report>& reports,
                                                       const DirectorySnapshot& dir);

// Whether `unit` may join the event with a first report of its own (without a desk's
// request): the event lies in the unit's region's subtree and calls for a perspective the
// unit reports (PerspectivesFor).
bool MayReportOn(const Unit& unit, const EventRow& event, const std::vector<Report>& reports,
                 const DirectorySnapshot& dir);

// Everything above for one root event and its reports. `resolutions` may be empty.
EventFusion FuseEvent(const EventRow& event, const std::vector<Report>& reports, const DirectorySnapshot& dir,
                      const std::vector<fusion::FigureResolution>& resolutions);

}  // namespace shaobing
