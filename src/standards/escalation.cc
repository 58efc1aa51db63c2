#include "standards/escalation.h"

#include <algorithm>

namespace shaobing {

std::vector<FieldError> ValidateEscalationTerms(const EscalationTerms& terms) {
  std::vector<FieldError> out;
  constexpr int kWeek = 7 * 24 * 60;
  int previous = 0;
  for (const int m : terms.step_minutes) {
    if (m < 0 || m > kWeek) {
      out.push_back({"out_of_range", "escalation.step_minutes", {{"value", std::to_string(m)}, {"max", "10080"}}});
    } else if (m < previous) {
      out.push_back({"not_increasing", "escalation.step_minutes", {{"value", std::to_string(m)}}});
    }
    previous = std::max(previous, m);
  }
  if (terms.hold_minutes < 1 || terms.hold_minutes > 24 * 60) {
    out.push_back(
        {"out_of_range", "escalation.hold_minutes", {{"value", std::to_string(terms.hold_minutes)}, {"max", "1440"}}});
  }
  return out;
}

const char* AlertedKindCode(AlertedKind k) {
  switch (k) {
    case AlertedKind::kUnit:
      return "unit";
    case AlertedKind::kDesk:
      return "desk";
    case AlertedKind::kLeader:
      return "leader";
  }
  return "unit";
}

std::optional<EscalationTarget> TargetOf(int step, const Party& from, const Party& to) {
  if (step == 1) {
    if (from.kind == PartyKind::kUnit) return EscalationTarget{AlertedKind::kUnit, from.id};
    if (from.region.empty()) return std::nullopt;
    return EscalationTarget{AlertedKind::kDesk, from.region};
  }
  if (step < 1 || step > 3 || to.kind != PartyKind::kDesk || to.region.empty()) return std::nullopt;
  return EscalationTarget{step == 2 ? AlertedKind::kDesk : AlertedKind::kLeader, to.region};
}

std::optional<DueStep> NextDueStep(TimePoint due_at, int steps_taken, std::optional<TimePoint> held_until,
                                   const EscalationTerms& terms, TimePoint now) {
  if (steps_taken < 0 || steps_taken >= static_cast<int>(terms.step_minutes.size())) return std::nullopt;
  TimePoint at = due_at + std::chrono::minutes(terms.step_minutes[static_cast<size_t>(steps_taken)]);
  if (held_until) at = std::max(at, *held_until);
  if (at > now) return std::nullopt;
  return DueStep{steps_taken + 1, at};
}

}  // namespace shaobing
