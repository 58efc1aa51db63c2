#pragma once
// Figure consensus and conflicts across the sources of one event (DOMAIN.md §5). Pure.
//
// Rule, per figure:
//  1. the authoritative unit kind's latest value (AuthorityFor) when it gave one;
//  2. else, for deaths and missing, the largest of the sources' latest values (a death one
//     source confirms is not undone by another source that has not heard of it yet);
//  3. else the latest value of any source.
// A conflict is a source whose latest value differs from the consensus beyond the tolerance
// and was given no more than `stale_after` before the consensus value (older values are
// superseded, not contradicting). Every source's values stay in `history`.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/figures.h"
#include "fusion/sourced_report.h"

namespace shaobing::fusion {

struct ConsensusOptions {
  // Allowed difference: max(absolute, relative * larger value). Deaths and missing persons
  // use only `absolute_people` (exact by default).
  double absolute = 1;
  double relative = 0.1;
  double absolute_people = 0;
  Millis stale_after = Millis(6 * 3'600'000);
};

struct FigureValue {
  double value = 0;
  std::string unit, unit_name, unit_kind;
  TimePoint at{};
};

// kDesk: the desk's ruling on a conflict (set by the service, never by BuildConsensus; its
// value's unit and unit_kind are "desk", its unit_name the officer's account).
enum class ConsensusRule { kAuthority, kMaxOfLatest, kLatest, kDesk };
const char* ConsensusRuleCode(ConsensusRule r);  // "authority", "max_of_latest", "latest", "desk"

struct FigureConsensus {
  Figure figure;
  FigureValue value;  // the consensus and where it comes from
  ConsensusRule rule = ConsensusRule::kLatest;
  std::vector<FigureValue> history;  // every source's values, in time order
};

struct FigureConflict {
  Figure figure;
  FigureValue consensus, other;
};

struct Consensus {
  std::vector<FigureConsensus> figures;  // in the order of AllFigures(), known figures only
  std::vector<FigureConflict> conflicts;
  const FigureConsensus* Find(Figure f) const;
};

// The unit kind authoritative for a figure ("health" for casualties, "ecology_environment"
// for evacuation, "party_office" for crowds), or "" when none is.
std::string_view AuthorityFor(Figure f);

// `reports` in any order; corrections are ordinary later values of their unit.
Consensus BuildConsensus(const std::vector<SourcedReport>& reports, const ConsensusOptions& options = {});

}  // namespace shaobing::fusion
