#pragma once
// A consultation's own clocks (会商, A4) and the waiver its decision makes. Pure.
//
// Clocks, keyed uniquely within the event (they share the clock_states table with the
// report clocks of standards/report_clocks.h):
//   "consultation|<id>|answer|user:<name>" / "…|answer|unit:<id>": the invitee owes its answer
//     by the deadline; on_time or late at the answer; waived when the desk decided first.
//   "consultation|<id>|decision": the desk owes its decision `decision_minutes` after the
//     deadline; on_time or late at the decision.
// States as the report clocks': pending → due_soon (within `due_soon_minutes`) → overdue.
//
// The waiver: "do not report" (不报送) decided at t waives every report clock open at t of the
// deciding desk and of the desks above it (ClockWaiver::desks_from = the desk's level); the
// units' clocks and those of desks below stay owed. Clocks that arise later, from new facts,
// are not waived. "report", "escalate" and "watch" waive nothing.
#include <optional>
#include <string>
#include <vector>

#include "core/consultation.h"
#include "standards/report_clocks.h"

namespace shaobing {

struct ConsultationClockTerms {
  int due_soon_minutes = 15;
  int decision_minutes = 60;  // after the deadline
};

struct ConsultationClock {
  std::string key;
  std::int64_t consultation_id = 0;
  bool decision = false;           // the desk's decision clock; else an invitee's answer
  std::optional<Invitee> invitee;  // answer clocks
  TimePoint starts_at{}, due_at{};
  ClockState state = ClockState::kPending;
  TimePoint since{};
  std::optional<TimePoint> done_at;  // the answer or the decision
};

std::vector<ConsultationClock> ConsultationClocksOf(const Consultation& c, TimePoint now,
                                                    const ConsultationClockTerms& terms = {});

// The waiver a decided "do not report" makes (nullopt for any other decision or none yet).
// `desk_level` is the level of the desk that opened and decided it.
std::optional<ClockWaiver> WaiverOf(const Consultation& c, Level desk_level);

// The obligation's first-report clock when a waiver covers it (the view and the replay show
// such an obligation as waived, with the clock's reason); nullptr otherwise.
const ReportClock* WaivedClockOf(const Obligation& o, const std::vector<ReportClock>& clocks);

}  // namespace shaobing
