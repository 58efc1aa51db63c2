#pragma once
// JSON of an event's judgement: the latest evaluation (identity tags with matched values,
// routing, deadlines, sensitive factors), obligations with their clocks and status, and the
// escalations (升级) for the timeline.
#include <boost/json/object.hpp>

#include "i18n/messages.h"
#include "services/directory.h"
#include "services/event_query.h"
#include "services/standards_service.h"

namespace shaobing::views {

// Adds "evaluation", "obligations", "desk_reports", "escalations" and "timeline" (reports,
// desk reports and escalations in time order) of a whole event view. Each obligation's status
// (open | overdue | met | late), fulfilled_at and late_minutes come from the detail's
// fulfilments at its `now` (standards/obligation_status.h).
void AddJudgement(boost::json::object& view, const EventDetail& detail, i18n::Locale locale);

// A desk's report upward as the event view and the API show it.
// Every clock with its state, deadline and parties (names in `locale`).
boost::json::array ClocksJson(const std::vector<ReportClock>& clocks, const DirectorySnapshot& dir,
                              i18n::Locale locale);
// {"id","event_id","at","reason","closed_by"}: the desk's 处置完毕.
boost::json::object ClosureJson(const EventClosure& closure);
// {"overdue","due_soon","open","next_due_at"} of an event's stored clocks, for lists.
boost::json::object ClockSummaryJson(const ClockSummary& summary);

boost::json::object DeskReportJson(const DeskReport& report, const DirectorySnapshot& dir, i18n::Locale locale);

// The catalogue for browsing: rules with sources and readable criteria, routing, deadlines.
boost::json::object CatalogueSummaryJson(const Catalogue& catalogue, i18n::Locale locale);

}  // namespace shaobing::views
