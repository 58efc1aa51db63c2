#pragma once
// The reporting clocks of one event (DOMAIN.md §4, §6): every report someone owes on it, when
// it is due and where it stands now. Pure: the obligations, what fulfilled them, the judged
// moments and the time come in.
//
// Kinds:
//   first          初报: an obligation of the plan (standards/obligations.h), as it is.
//   follow_up      续报: once a party made its first report to a recipient, it owes the next
//                  one within 24 h / per_day of its last (per_day by the grade judged then),
//                  until its clocks close: a unit's by its own `final` report, everyone's by
//                  the event's closure (处置完毕 or every unit's final).
//   after_change   续报 after the consensus figures changed: a desk that had already reported to
//                  a level owes that level a follow-up within `after_change_minutes`; closed
//                  by the closure like follow-ups. One open at a time per desk and level.
//   supplementary  补报: the same after a casualty figure changed within `supplementary_days`
//                  of the occurrence — owed even after the closure.
// A follow-up is fulfilled by any later report of the party to that recipient (a unit's next
// report; a desk's next report to that level, or its office's next report on the platform).
//
// States: pending → due_soon (within `due_soon_minutes` of the deadline) → overdue, or
// fulfilled on_time / late; waived (with the reason) when a waiver covers an unfulfilled clock.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/figures.h"
#include "core/time.h"
#include "standards/evaluator.h"
#include "standards/obligation_status.h"
#include "standards/obligations.h"

namespace shaobing {

enum class ClockKind { kFirst, kFollowUp, kAfterChange, kSupplementary };
enum class ClockState { kPending, kDueSoon, kOverdue, kOnTime, kLate, kWaived };

const char* ClockKindCode(ClockKind k);    // "first" | "follow_up" | "after_change" | "supplementary"
const char* ClockStateCode(ClockState s);  // "pending" | "due_soon" | "overdue" | "on_time" | "late" | "waived"
bool IsOpen(ClockState s);                 // pending, due_soon or overdue

// The consensus figures and the follow-up terms after one judgement of the event.
struct JudgedMoment {
  TimePoint at{};
  Figures figures;
  FollowUpTerms terms;
};

// A decision that no (further) report is owed, e.g. "do not report" after a consultation:
// every clock that had started by `at` and was not fulfilled by then is waived (clocks that
// arise later, from new facts, are not).
// With `desks_from` set, only the clocks of desks at that level or above are waived (a desk's
// decision binds itself and the desks above it, never the units or the desks below it).
struct ClockWaiver {
  TimePoint at{};
  std::string reason;
  std::optional<Level> desks_from;
  std::string basis;  // what decided it, e.g. "consultation:12"; "" when unnamed
};

struct ClockInputs {
  const ObligationPlan* plan = nullptr;
  const Fulfilments* fulfilments = nullptr;
  std::vector<JudgedMoment> moments;                           // in time order
  std::vector<std::pair<std::string, TimePoint>> unit_finals;  // a unit's final report's receipt
  std::optional<TimePoint> closed_at;                          // the event's closure
  std::optional<TimePoint> occurred_at;
  std::vector<ClockWaiver> waivers;
};

struct ReportClock {
  std::string key;  // stable within the event: "first|unit:640104-dw|county|written", "follow_up|…|2"
  ClockKind kind = ClockKind::kFirst;
  Party from, to;
  Channel channel = Channel::kWritten;
  TimePoint starts_at{}, due_at{};
  ClockState state = ClockState::kPending;
  // When it entered `state`: pending at the start, due_soon `due_soon_minutes` before the
  // deadline, overdue at the deadline, on_time/late at the fulfilment, waived at the waiver.
  TimePoint since{};
  std::optional<TimePoint> fulfilled_at;
  std::chrono::minutes late_by{0};  // past the deadline: at the fulfilment (late) or now (overdue)
  std::string reason;               // first: the obligation's reason (Obligation::reason); else ""
  // What the view's reason for the other kinds names (i18n "clock.reason.<kind>"): follow_up,
  // the follow-ups owed a day; supplementary, the window in days; 0 otherwise.
  int reason_count = 0;
  std::string waived_reason;
  std::string waived_basis;  // ClockWaiver::basis
};

// Every clock, in the order: first (plan order), then per party and recipient its follow-ups
// and changes by deadline.
std::vector<ReportClock> ClocksOf(const ClockInputs& in, TimePoint now);

// "unit:640104-dw", "desk:640100", "desk:" (the centre)
std::string PartyKey(const Party& p);
// The owing party's PartyKey in a ReportClock::key ("first|unit:640104-dw|county|written" ->
// "unit:640104-dw"); "" for a key without one.
std::string_view PartyKeyOf(std::string_view clock_key);

}  // namespace shaobing
