#pragma once
// JSON of multi-source events (B3) for the event view and the desk's link queue; shapes are
// listed in docs/api/openapi.yaml (EventView, LinkTask).
#include <boost/json/object.hpp>
#include <vector>

#include "fusion/event_fusion.h"
#include "services/directory.h"
#include "store/store.h"

namespace shaobing::views {

// Adds "sources", "perspectives", "figure_table", "conflicts", "summary", "links" and
// "operations" to an event view, and "perspectives" to each item of its "reports". `fused` is
// FuseEvent over `reports` with `resolutions`; the summary is stamped as generated at `now`.
void AddFusion(boost::json::object& view, const EventFusion& fused, const std::vector<Report>& reports,
               const DirectorySnapshot& dir, const std::vector<FigureResolution>& resolutions,
               const std::vector<LinkRecord>& links, const std::vector<EventOperation>& operations, TimePoint now);

// One pending "confirm link" task: the report, the event it was linked to, the evidence.
boost::json::object LinkTaskJson(const LinkRecord& link, const Report& report, const EventRow& event,
                                 const DirectorySnapshot& dir);

}  // namespace shaobing::views
