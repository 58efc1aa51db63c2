// Feeds: a desk's duty roster as CSV text (RFC 4180 quoting, an optional UTF-8 BOM, the
// English or Chinese header) to ParseRosterCsv — what POST /api/v1/duty/roster imports.
// Asserts: no crash, leak, hang or undefined behaviour; a refusal is a client error that
// renders (every problem names its line and column); an accepted roster is UTF-8, within the
// limits, every shift ends after it starts and lasts at most the longest shift, and no two
// shifts overlap.
#include "loaders/roster_csv.h"

#include <algorithm>
#include <cstdint>

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace shaobing;
  const RosterLimits limits;
  const std::string text(fuzz::Text(data, size));
  auto rows = ParseRosterCsv(text, limits);
  if (!rows) {
    fuzz::CheckInputError(rows.error());
    return 0;
  }
  FUZZ_CHECK(IsValidUtf8(text), "an accepted roster is UTF-8 (it is served as JSON)");
  FUZZ_CHECK(!rows->empty() && rows->size() <= limits.max_rows, "an accepted roster has 1 to max_rows shifts");
  std::vector<const RosterRow*> by_start;
  for (const auto& r : *rows) {
    FUZZ_CHECK(r.ends_at > r.starts_at && r.ends_at - r.starts_at <= limits.max_shift, "a shift's length is in range");
    FUZZ_CHECK(!r.officer.empty() && !r.leader.empty(), "a shift names its officer and leader");
    FUZZ_CHECK(r.officer.size() <= limits.max_field && r.leader_phone.size() <= limits.max_field, "fields are short");
    by_start.push_back(&r);
  }
  std::sort(by_start.begin(), by_start.end(), [](auto* a, auto* b) { return a->starts_at < b->starts_at; });
  for (size_t i = 1; i < by_start.size(); ++i) {
    FUZZ_CHECK(by_start[i]->starts_at >= by_start[i - 1]->ends_at, "accepted shifts do not overlap");
  }
  return 0;
}
