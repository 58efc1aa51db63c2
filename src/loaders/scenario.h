#pragma once
// Scenario files of `shaobing replay` (CONTRACTS.md §5): NDJSON, one action per line, each
// with its moment `at`, its `op` and the scenario's own label of the event. Parsing is strict
// and the first bad line is a "file_syntax" error naming the file and the line; nothing runs.
// Lines come back in order of `at` (stable: lines of the same moment keep the file's order).
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/region.h"
#include "core/report.h"

namespace shaobing {

enum class ScenarioOp { kReport, kDeskReport, kLead, kRuling, kRefute, kConsultation };

const char* ScenarioOpCode(ScenarioOp op);  // "report", "desk_report", ...

struct ScenarioLine {
  int line = 0;  // 1-based, in the file
  TimePoint at{};
  ScenarioOp op = ScenarioOp::kReport;
  std::string event;  // the scenario's label
  // report: the unit's report (without event_id; reported_at is `at`).
  std::optional<ReportDraft> report;
  // desk_report: the desk of region `from` reports upward to level `to` by `channel`.
  std::string from;
  Level to = Level::kCity;
  Channel channel = Channel::kPhone;
  // The other operations' fields as given (lead, ruling, refute, consultation).
  boost::json::object fields;
};

struct ScenarioLimits {
  size_t max_lines = 100'000;
  size_t max_line_bytes = size_t{256} * 1024;
};

// `regions` checks report locations and desk regions; `file` names the file in errors.
Result<std::vector<ScenarioLine>> ParseScenario(const std::string& text, const std::string& file,
                                                const RegionTree& regions, const ScenarioLimits& limits = {});

}  // namespace shaobing
