#pragma once
// The escalation of an overdue reporting clock (催报, issue 11): who is alerted, and when.
// Pure: the clock, the steps taken, the holds and the time come in.
//
// Steps, each `step_minutes[i]` after the clock's deadline:
//   1  the owing party: a unit's contacts (unit.contact_name/phone), or a desk's own officer
//      on duty;
//   2  the officer on duty of the upper desk (the desk the report is owed to);
//   3  that desk's leader on duty (带班领导).
// The centre has no desk in the region tree: a clock owed to it stops after step 1.
// An acknowledgement (已知悉，正在处理) by an alerted party holds the chain: no step falls due
// before its `held_until` (= the acknowledgement + `hold_minutes`); after it the chain goes on
// while the clock is still overdue. Only overdue clocks escalate: fulfilment, a waiver or the
// closure stops the chain.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "standards/obligations.h"

namespace shaobing {

struct EscalationTerms {
  std::array<int, 3> step_minutes{0, 30, 60};  // after the deadline; non-decreasing
  int hold_minutes = 30;                       // an acknowledgement holds the chain this long
};

// Every problem of the terms (field "escalation.step_minutes" / "escalation.hold_minutes"):
// minutes from 0 to 7 days, steps non-decreasing, a hold of 1 minute to 1 day.
std::vector<FieldError> ValidateEscalationTerms(const EscalationTerms& terms);

enum class AlertedKind { kUnit, kDesk, kLeader };
const char* AlertedKindCode(AlertedKind k);  // "unit" | "desk" | "leader"

// Whom step `step` (1..3) of a clock owed by `from` to `to` alerts: a unit id or a desk's
// region code. nullopt when there is nobody (steps 2 and 3 of a clock owed to the centre).
struct EscalationTarget {
  AlertedKind kind = AlertedKind::kUnit;
  std::string id;
};
std::optional<EscalationTarget> TargetOf(int step, const Party& from, const Party& to);

// The next step of the chain of a clock overdue since `due_at`, after `steps_taken` (0..3),
// held until `held_until`: its number and when it falls due — if it falls due by `now`;
// nullopt otherwise (not yet, or the chain is complete).
struct DueStep {
  int step = 1;
  TimePoint at{};
};
std::optional<DueStep> NextDueStep(TimePoint due_at, int steps_taken, std::optional<TimePoint> held_until,
                                   const EscalationTerms& terms, TimePoint now);

}  // namespace shaobing
