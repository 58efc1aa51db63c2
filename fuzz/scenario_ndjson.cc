// Feeds: a scenario of `shaobing replay` (CONTRACTS.md §5, NDJSON) to ParseScenario against
// data/regions/ningxia.yaml.
// Asserts: no crash, leak, hang or undefined behaviour; a refusal is a client error naming a
// file and line; accepted lines are in order of their moment, each names a line of the input,
// and a report line (only a report line) carries its report, with no event id.
#include <algorithm>
#include <cstdint>

#include "fuzz_support.h"
#include "loaders/scenario.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  shaobing::fuzz::Gazetteer();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace shaobing;
  const std::string text(fuzz::Text(data, size));
  auto lines = ParseScenario(text, "scenario.ndjson", fuzz::Gazetteer());
  if (!lines) {
    fuzz::CheckInputError(lines.error());
    return 0;
  }
  const auto count = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
  for (size_t i = 0; i < lines->size(); ++i) {
    const ScenarioLine& l = (*lines)[i];
    FUZZ_CHECK(i == 0 || (*lines)[i - 1].at <= l.at, "lines come in order of their moment");
    FUZZ_CHECK(l.line >= 1 && l.line <= count, "a line number names a line of the input");
    FUZZ_CHECK(!l.event.empty(), "every line names its event");
    FUZZ_CHECK(l.report.has_value() == (l.op == ScenarioOp::kReport), "only a report line carries a report");
    FUZZ_CHECK(!l.report || !l.report->event_id, "a scenario's report names no event id");
  }
  return 0;
}
