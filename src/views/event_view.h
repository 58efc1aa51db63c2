#pragma once
// The whole view of one event, as GET /api/v1/events/{id} and `shaobing event show` give it,
// rendered from what EventQuery assembled (services/event_query.h): the reports in order with
// their changes, the judgement and obligations, the multi-source fusion (sources, perspectives,
// figure table, conflicts, summary, links, operations) and the desk's sensitive-factor
// adjustments. Pure: reads nothing.
#include <boost/json/object.hpp>

#include "i18n/messages.h"
#include "services/directory.h"
#include "services/event_query.h"

namespace shaobing::views {

// For full access, the whole view ("restricted": false). For shared access (a reporting unit
// that is not the region's Party office) only the event's own fields, the unit's own reports
// and series, and `asks` — the desk's requests to the unit and the perspectives the event still
// lacks that the unit reports — marked "restricted": true. Either carries "requested_id" when
// the id asked for was merged into the event shown.
boost::json::object EventViewJson(const EventDetail& detail, i18n::Locale locale);

// JSON of a desk's request to a unit.
boost::json::object RequestJson(const ReportRequest& request, const DirectorySnapshot& dir);

}  // namespace shaobing::views
