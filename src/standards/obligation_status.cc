#include "standards/obligation_status.h"

namespace shaobing {
namespace {

std::optional<TimePoint> Earliest(std::optional<TimePoint> a, TimePoint b) { return a && *a <= b ? a : b; }

std::optional<TimePoint> FulfilledAt(const Obligation& o, const Fulfilments& f) {
  std::optional<TimePoint> at;
  if (o.from.kind == PartyKind::kUnit) {
    for (const auto& [unit, received] : f.unit_reports) {
      if (unit == o.from.id) at = Earliest(at, received);
    }
    return at;
  }
  for (const auto& [region, received] : f.office_reports) {
    if (region == o.from.region) at = Earliest(at, received);
  }
  for (const DeskReportFact& r : f.desk_reports) {
    const bool channel_fits = r.channel == o.channel || r.channel == Channel::kWritten;
    if (r.from_region == o.from.region && r.to == o.to.level && channel_fits) at = Earliest(at, r.at);
  }
  return at;
}

std::chrono::minutes MinutesPast(TimePoint due, TimePoint at) {
  return at > due ? std::chrono::duration_cast<std::chrono::minutes>(at - due) : std::chrono::minutes(0);
}

}  // namespace

const char* ObligationStatusCode(ObligationStatus s) {
  switch (s) {
    case ObligationStatus::kOpen:
      return "open";
    case ObligationStatus::kOverdue:
      return "overdue";
    case ObligationStatus::kMet:
      return "met";
    case ObligationStatus::kLate:
      return "late";
  }
  return "open";
}

ObligationState StateOf(const Obligation& obligation, const Fulfilments& fulfilments, TimePoint now) {
  ObligationState state;
  state.fulfilled_at = FulfilledAt(obligation, fulfilments);
  if (state.fulfilled_at) {
    state.late_by = MinutesPast(obligation.due_at, *state.fulfilled_at);
    state.status = *state.fulfilled_at <= obligation.due_at ? ObligationStatus::kMet : ObligationStatus::kLate;
  } else {
    state.late_by = MinutesPast(obligation.due_at, now);
    state.status = now > obligation.due_at ? ObligationStatus::kOverdue : ObligationStatus::kOpen;
  }
  return state;
}

}  // namespace shaobing
