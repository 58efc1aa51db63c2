#pragma once
// `shaobing replay` (CONTRACTS.md §5): runs a scenario on a fresh temporary store with the
// built-in region, unit registry and catalogue, through the same services as the HTTP API, on
// a clock that jumps to each line's moment and finally to `until`; answers the events with
// their obligations as they stand then. Findings (late, missed, concealed, false) come with the
// accountability capability: the list is empty until then.
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "loaders/scenario.h"

namespace shaobing {

struct ReplayOptions {
  std::string files_dir;                   // the data files ("" = the installed ones)
  std::optional<std::string> catalogue;    // a catalogue's YAML to publish before the first line
  std::optional<TimePoint> until;          // default: the last line's moment plus 7 days
  std::string scenario_file = "scenario";  // names the file in errors
};

// kInvalidArgument "scenario_line" naming the scenario's line when a well-formed line cannot be
// carried out (a report the service refuses, an operation not supported yet).
Result<boost::json::object> RunReplay(const std::vector<ScenarioLine>& lines, const ReplayOptions& options);

}  // namespace shaobing
