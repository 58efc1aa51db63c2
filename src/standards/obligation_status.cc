#include "standards/obligation_status.h"

#include <algorithm>

namespace shaobing {
namespace {

std::optional<TimePoint> FulfilledAt(const Obligation& o, const Fulfilments& f) {
  const std::vector<TimePoint> times = ReportTimes(o.from, o.to.level, o.channel, f);
  if (times.empty()) return std::nullopt;
  return times.front();
}

}  // namespace

std::vector<TimePoint> ReportTimes(const Party& from, Level to, std::optional<Channel> channel, const Fulfilments& f) {
  std::vector<TimePoint> out;
  if (from.kind == PartyKind::kUnit) {
    for (const auto& [unit, received] : f.unit_reports) {
      if (unit == from.id) out.push_back(received);
    }
  } else {
    for (const auto& [region, received] : f.office_reports) {
      if (region == from.region) out.push_back(received);
    }
    for (const DeskReportFact& r : f.desk_reports) {
      const bool channel_fits = !channel || r.channel == *channel || r.channel == Channel::kWritten;
      if (r.from_region == from.region && r.to == to && channel_fits) out.push_back(r.at);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::chrono::minutes MinutesPast(TimePoint due, TimePoint at) {
  return at > due ? std::chrono::duration_cast<std::chrono::minutes>(at - due) : std::chrono::minutes(0);
}

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
