#pragma once
// The composite situation summary (综合情况) of an event for leaders: consensus figures and
// the latest report of each perspective, every statement citing its source inline
// ("（据自治区卫生健康委11月29日15时报）"), then the missing perspectives and the figures in
// conflict. Pure; regenerate it whenever a report arrives.
#include <optional>
#include <string>
#include <vector>

#include "fusion/consensus.h"
#include "fusion/perspectives.h"
#include "fusion/sourced_report.h"

namespace shaobing::fusion {

struct SummaryInput {
  std::string title;        // the event's title
  std::string region_name;  // "银川市兴庆区"
  std::string address;
  std::optional<TimePoint> occurred_at;
  std::vector<SourcedReport> reports;
  Consensus consensus;                          // BuildConsensus(reports)
  std::vector<PerspectiveStatus> perspectives;  // EventPerspectives(category, reports)
};

std::string CompositeSummary(const SummaryInput& input);

// "11月29日15时" or "11月29日15时05分" in Asia/Shanghai.
std::string ShortTimeZh(TimePoint t);
// A unit's name as cited: the part from "自治区" on when the name starts with a region's full
// name ("宁夏回族自治区卫生健康委员会" -> "自治区卫生健康委"); "委员会" shortened to "委".
std::string CitedName(const std::string& unit_name, const std::string& unit_kind);

}  // namespace shaobing::fusion
