#pragma once
// Tests use the core's ManualClock under the name they know it by.
#include "core/time.h"

namespace shaobing::testing {
using FakeClock = ManualClock;
}  // namespace shaobing::testing
