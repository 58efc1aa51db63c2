#pragma once
// The demo's duty rosters: the desks of the demo accounts (自治区 640000 and 银川市 640100) have
// two shifts a day (08:00–20:00, 20:00–08:00 Beijing time) from `days_back` days before `now`
// to `days_ahead` after, their demo officer on the day shift and a named colleague at night,
// the demo leader on duty for the region. One write job, audited ("duty.roster_import").
#include "app/app.h"

namespace shaobing {

Result<int> SeedDemoRoster(App& app, TimePoint now, int days_back = 12, int days_ahead = 7);

}  // namespace shaobing
