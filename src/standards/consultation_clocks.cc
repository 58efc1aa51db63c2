#include "standards/consultation_clocks.h"

#include <algorithm>

namespace shaobing {
namespace {

using std::chrono::minutes;

void Settle(ConsultationClock& k, std::optional<TimePoint> done, TimePoint now, int due_soon) {
  if (done && *done > now) done.reset();
  k.done_at = done;
  if (done) {
    k.state = *done <= k.due_at ? ClockState::kOnTime : ClockState::kLate;
    k.since = *done;
  } else if (now >= k.due_at) {
    k.state = ClockState::kOverdue;
    k.since = k.due_at;
  } else if (k.due_at - now <= minutes(due_soon)) {
    k.state = ClockState::kDueSoon;
    k.since = std::max(k.starts_at, k.due_at - minutes(due_soon));
  } else {
    k.state = ClockState::kPending;
    k.since = k.starts_at;
  }
}

}  // namespace

std::vector<ConsultationClock> ConsultationClocksOf(const Consultation& c, TimePoint now,
                                                    const ConsultationClockTerms& terms) {
  std::vector<ConsultationClock> out;
  const std::string prefix = "consultation|" + std::to_string(c.id) + "|";
  const std::optional<TimePoint> decided = c.decision ? std::optional<TimePoint>(c.decision->at) : std::nullopt;
  for (const Invitee& i : c.invitees) {
    ConsultationClock k;
    k.key = prefix + "answer|" + InviteeKindCode(i.kind) + ":" + i.id;
    k.consultation_id = c.id;
    k.invitee = i;
    k.starts_at = c.opened_at;
    k.due_at = c.deadline;
    std::optional<TimePoint> answered;
    for (const auto& a : c.answers) {
      if (a.invitee == i) answered = a.answered_at;
    }
    Settle(k, answered, now, terms.due_soon_minutes);
    // The desk decided before this invitee answered: nothing is owed any more.
    if (!k.done_at && decided && *decided <= now) {
      k.state = ClockState::kWaived;
      k.since = *decided;
    }
    out.push_back(std::move(k));
  }
  ConsultationClock d;
  d.key = prefix + "decision";
  d.consultation_id = c.id;
  d.decision = true;
  d.starts_at = c.opened_at;
  d.due_at = c.deadline + minutes(terms.decision_minutes);
  Settle(d, decided, now, terms.due_soon_minutes);
  out.push_back(std::move(d));
  return out;
}

std::optional<ClockWaiver> WaiverOf(const Consultation& c, Level desk_level) {
  if (!c.decision || c.decision->decision != Recommendation::kDoNotReport) return std::nullopt;
  return ClockWaiver{c.decision->at, c.decision->reason, desk_level, "consultation:" + std::to_string(c.id)};
}

const ReportClock* WaivedClockOf(const Obligation& o, const std::vector<ReportClock>& clocks) {
  for (const ReportClock& c : clocks) {
    if (c.kind == ClockKind::kFirst && c.from == o.from && c.to == o.to && c.channel == o.channel) {
      return c.state == ClockState::kWaived ? &c : nullptr;
    }
  }
  return nullptr;
}

}  // namespace shaobing
