#pragma once
// JSON of an event's judgement: the latest evaluation (identity tags with matched values,
// routing, deadlines, sensitive factors), obligations with their clocks and status, and the
// escalations (升级) for the timeline.
#include <boost/json/object.hpp>

#include "i18n/messages.h"
#include "services/directory.h"
#include "services/standards_service.h"

namespace shaobing::views {

// Adds "evaluation", "obligations", "escalations" and "timeline" to an event view. `now`
// decides whether an open obligation is overdue.
void AddJudgement(boost::json::object& view, const EventJudgement& judgement, const std::vector<Report>& reports,
                  const DirectorySnapshot& dir, TimePoint now, i18n::Locale locale);

// The catalogue for browsing: rules with sources and readable criteria, routing, deadlines.
boost::json::object CatalogueSummaryJson(const Catalogue& catalogue, i18n::Locale locale);

}  // namespace shaobing::views
