#pragma once
// JSON views of domain values for the API and the CLI (times in +08:00, names in Chinese
// beside the codes).
#include <boost/json/object.hpp>

#include "core/event.h"
#include "core/unit.h"
#include "i18n/messages.h"
#include "services/directory.h"
#include "store/store.h"

namespace shaobing::views {

boost::json::object UnitJson(const Unit& unit, const DirectorySnapshot& dir);
boost::json::object RegionJson(const Region& region);
boost::json::object UserJson(const User& user);
boost::json::object EventSummaryJson(const EventRow& event, const DirectorySnapshot& dir);
// The event with its reports in order, each with what it changed, and the copied offices.
boost::json::object EventJson(const EventRow& event, const std::vector<Report>& reports, const DirectorySnapshot& dir,
                              i18n::Locale locale);
boost::json::object ReportJson(const Report& report, const DirectorySnapshot& dir, i18n::Locale locale);
boost::json::object TaxonomyJson();
boost::json::object AuditJson(const AuditRecord& record);

}  // namespace shaobing::views
