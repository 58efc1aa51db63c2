#pragma once
// The whole view of one event, as GET /api/v1/events/{id} and `shaobing event show` give it:
// the reports in order with their changes, the judgement and obligations, the multi-source
// fusion (sources, perspectives, figure table, conflicts, summary, links, operations) and the
// desk's sensitive-factor adjustments.
#include <boost/json/object.hpp>

#include "services/directory.h"
#include "services/standards_service.h"
#include "i18n/messages.h"
#include "store/store.h"

namespace shaobing::api {

// The event `requested_id` (or the root it was merged into) as `who` may see it (the rule of
// core/access.h): EventView for full access; for shared access (a reporting unit that is not
// the region's Party office) only the event's own fields, the unit's own reports and series,
// and `asks` — the desk's requests to the unit and the perspectives the event still lacks that
// the unit reports — marked "restricted": true. kNotFound "unknown_event" for an unknown id
// and, as a denial, for an event the caller may not see.
Result<boost::json::object> EventViewFor(const Principal& who, Store& store, const StandardsService& standards,
                                         const DirectorySnapshot& dir, EventId requested_id, TimePoint now,
                                         i18n::Locale locale);

// JSON of a desk's request to a unit.
boost::json::object RequestJson(const ReportRequest& request, const DirectorySnapshot& dir);

// `root` is a root event (see EventRow::merged_into) and `reports` its reports.
Result<boost::json::object> EventView(Store& store, const StandardsService& standards, const DirectorySnapshot& dir,
                                      const EventRow& root, const std::vector<Report>& reports, TimePoint now,
                                      i18n::Locale locale);

}  // namespace shaobing::api
