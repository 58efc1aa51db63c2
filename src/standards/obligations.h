#pragma once
// Reporting obligations of one event — who owes a report to whom, through which channel, by
// when — and its escalations (升级). Pure: time comes in with the evaluations.
//
// A party is a reporting unit (by id) or a desk: the party office of a region at that region's
// level (by region code; the centre's desk has none). Obligations follow from the event's
// evaluations, taken in time order:
//  - a unit that is neither a desk nor a direct reporting point owes the desk of its own region
//    (the office it answers to) a written report within `unit_minutes`, counted from when it
//    knew or should have known (DOMAIN.md §6): its `known_at` when the event was reportable up
//    to that desk's level from the first evaluation, else the later of `known_at` and when it
//    became so;
//  - a direct reporting point (直报点) owes the region-level desk directly, as soon as the
//    event is reportable at all (the local leadership is copied, never asked for approval);
//  - for each level L above the event's own region level, up to report_to, the nearest desk
//    below L in the event's region lineage owes the desk at L every channel of the
//    evaluation's deadlines for L, counted from when L first became owed — or, when it was owed
//    from the first evaluation and the desk's own office (a unit with `desk`) reported the
//    event, from when that office knew, if earlier (DOMAIN.md §6).
// When a later evaluation raises report_to or the grade, an Escalation records it (from, to,
// reason, time), and each newly owed level gets obligations with their own clock. Obligations
// are never withdrawn: a later downgrade keeps those already owed.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/region.h"
#include "core/report.h"
#include "core/time.h"
#include "standards/evaluator.h"

namespace shaobing {

// An evaluation of the event and when the desk learned the facts it judged (a report's
// receipt, a desk correction).
struct EvaluationAt {
  TimePoint at{};
  Evaluation evaluation;
};

struct ReportingUnit {
  std::string id;
  Level level = Level::kCounty;
  std::string region;   // GB/T 2260 code of the region it serves
  bool direct = false;  // 直报点
  bool desk = false;    // the party office of its region itself
  // When it knew or should have known: the occurrence, or the earliest evidence of its
  // awareness when later (DOMAIN.md §6). Default: the first evaluation's time.
  std::optional<TimePoint> known_at;
};

enum class PartyKind { kUnit, kDesk };

struct Party {
  PartyKind kind = PartyKind::kDesk;
  std::string id;  // unit id; empty for desks
  Level level = Level::kCounty;
  std::string region;  // desk's region code; empty for the centre
  bool operator==(const Party&) const = default;
};

struct Obligation {
  Party from, to;
  Channel channel = Channel::kWritten;
  int minutes = 0;
  TimePoint starts_at{}, due_at{};
  std::string reason;                // Chinese, e.g. "按报送标准须报至省（区）级"
  std::optional<size_t> escalation;  // index of the escalation that created it
};

struct Escalation {
  TimePoint at{};
  std::optional<Level> from_level, to_level;
  std::optional<Grade> from_grade, to_grade;
  std::string reason;  // "升级：报送层级由市级升至省（区）级；新命中「…」（死亡 3 人 ≥ 3）"
};

struct ObligationPlan {
  std::vector<Obligation> obligations;  // in order of creation
  std::vector<Escalation> escalations;
};

struct ObligationOptions {
  // A unit's report to the desk it answers to (CatalogueSpec::deadlines.unit_to_upper_minutes).
  int unit_minutes = 60;
};

// `history` in time order; `regions` gives the lineage of `event_region` and of the units.
ObligationPlan ComputeObligations(const std::vector<EvaluationAt>& history, const std::vector<ReportingUnit>& units,
                                  const RegionTree& regions, std::string_view event_region,
                                  const ObligationOptions& options = {});

}  // namespace shaobing
