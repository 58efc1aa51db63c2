#pragma once
// A report with what fusion needs to know of its source: the unit's name and kind, and when
// the report was received. Consensus, perspectives and the summary read these.
#include <string>

#include "core/report.h"
#include "core/time.h"

namespace shaobing::fusion {

struct SourcedReport {
  std::string unit;       // "640000-wsjkw"
  std::string unit_name;  // "宁夏回族自治区卫生健康委员会" (cited in the summary)
  std::string unit_kind;  // a unit kind code of CONTRACTS.md §1
  TimePoint at{};         // receipt
  ReportDraft draft;
};

}  // namespace shaobing::fusion
