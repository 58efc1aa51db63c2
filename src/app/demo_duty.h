#pragma once
// The demo's desks at work: after the reports are seeded, the desks of the demo region have
// reported upward and followed up as the clocks asked (mostly on time, one in ten late), and
// marked handled (处置完毕) what went quiet a day ago — so that the desk's red means what it
// means on a real desk. `keep_owing` recent events whose 银川 city desk still owes the region
// are left owing (the demo's "what is late now").
#include "app/app.h"

namespace shaobing {

struct DemoDuty {
  int desk_reports = 0;
  int closures = 0;
};

Result<DemoDuty> SeedDemoDuty(App& app, TimePoint now, int keep_owing = 4);

}  // namespace shaobing
