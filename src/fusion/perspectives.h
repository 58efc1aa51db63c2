#pragma once
// Perspectives of multi-source reporting (DOMAIN.md §5): which angles a report covers, and for
// an event which are covered, by whom, and which are still missing. Pure.
#include <string>
#include <string_view>
#include <vector>

#include "fusion/sourced_report.h"

namespace shaobing::fusion {

// The unit kinds a perspective is usually reported by, most usual first
// ("technical_cause" -> {"emergency_management", "fire_rescue"}).
std::vector<std::string_view> ExpectedKinds(std::string_view perspective);

// Keywords that show a perspective in text (empty for an unknown code).
const std::vector<std::string_view>& PerspectiveKeywords(std::string_view perspective);

// Perspective codes a report covers, in the order of AllPerspectives(): the unit kind's own
// perspective, plus any whose keywords the text hits at least twice (distinct keywords) —
// e.g. "收治", "伤员" for casualties_treatment — and technical_cause when `cause` is given.
std::vector<std::string> TagPerspectives(const ReportDraft& report, std::string_view unit_kind);

struct PerspectiveStatus {
  std::string code;                         // "environmental_harm"
  std::string name_zh;                      // "环境危害"
  bool expected = false;                    // the event's category and figures call for it
  std::vector<std::string> covered_by;      // units, in order of their first report on it
  std::vector<std::string> expected_kinds;  // who should report it (ExpectedKinds)
  bool missing() const { return expected && covered_by.empty(); }
};

// One entry per perspective, in the order of AllPerspectives(). Expected: aftermath_stability
// always; technical_cause for accidents; environmental_harm for hazardous chemicals,
// environmental events, fires and production accidents with evacuation or poisoning;
// casualties_treatment when any casualty figure is above zero or the category is a public
// health one; law_order for road traffic and social-security events.
std::vector<PerspectiveStatus> EventPerspectives(std::string_view category, const std::vector<SourcedReport>& reports);

}  // namespace shaobing::fusion
