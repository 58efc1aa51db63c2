#pragma once
// The whole view of one event, as GET /api/v1/events/{id} and `shaobing event show` give it:
// the reports in order with their changes, the judgement and obligations, the multi-source
// fusion (sources, perspectives, figure table, conflicts, summary, links, operations) and the
// desk's sensitive-factor adjustments.
#include <boost/json/object.hpp>

#include "app/directory.h"
#include "app/standards_service.h"
#include "i18n/messages.h"
#include "store/store.h"

namespace shaobing::api {

// `root` is a root event (see EventRow::merged_into) and `reports` its reports.
Result<boost::json::object> EventView(Store& store, const StandardsService& standards, const DirectorySnapshot& dir,
                                      const EventRow& root, const std::vector<Report>& reports, TimePoint now,
                                      i18n::Locale locale);

}  // namespace shaobing::api
