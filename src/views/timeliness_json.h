#pragma once
// The JSON of the timeliness figures (GET /api/v1/metrics/timeliness; docs/api/openapi.yaml
// TimelinessMetrics).
#include <boost/json/object.hpp>

#include "services/timeliness_service.h"

namespace shaobing::views {

boost::json::object TimelinessJson(const TimelinessReport& report, int max_events);

}  // namespace shaobing::views
