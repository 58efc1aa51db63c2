#include "services/escalation_service.h"

#include <algorithm>
#include <map>

#include "i18n/messages.h"
#include "services/event_refresh.h"

namespace shaobing {
namespace {

struct Planned {
  const ReportClock* clock;
  DueStep due;
  EscalationTarget target;
};

// The steps due by `now` on the overdue clocks, in clock order and step order, given the
// steps taken and the holds of the acknowledgements.
std::vector<Planned> Plan(const std::vector<ReportClock>& clocks, const std::vector<EscalationStep>& steps,
                          const std::vector<EscalationAck>& acks, const EscalationTerms& terms, TimePoint now) {
  std::map<std::string, int, std::less<>> taken;
  std::map<std::int64_t, std::string> clock_of_step;
  for (const auto& s : steps) {
    int& n = taken[s.clock_key];
    n = std::max(n, s.step);
    clock_of_step.emplace(s.id, s.clock_key);
  }
  std::map<std::string, TimePoint, std::less<>> held;
  for (const auto& a : acks) {
    const auto it = clock_of_step.find(a.step_id);
    if (it == clock_of_step.end()) continue;
    auto [h, fresh] = held.emplace(it->second, a.held_until);
    if (!fresh) h->second = std::max(h->second, a.held_until);
  }
  std::vector<Planned> out;
  for (const auto& c : clocks) {
    if (c.state != ClockState::kOverdue) continue;
    const auto t = taken.find(c.key);
    int n = t == taken.end() ? 0 : t->second;
    const auto h = held.find(c.key);
    const std::optional<TimePoint> hold = h == held.end() ? std::nullopt : std::optional(h->second);
    while (auto due = NextDueStep(c.due_at, n, hold, terms, now)) {
      auto target = TargetOf(due->step, c.from, c.to);
      if (!target) break;  // nobody above: the chain ends
      out.push_back({&c, *due, std::move(*target)});
      n = due->step;
    }
  }
  return out;
}

std::string PartyName(const Party& p, const DirectorySnapshot& dir) {
  if (p.kind == PartyKind::kUnit) {
    const Unit* u = dir.FindUnit(p.id);
    return u != nullptr ? u->name : p.id;
  }
  const Region* r = dir.regions.Find(p.region);
  return i18n::Render(i18n::Locale::kZhCn, "duty.desk_name", {{"region", r != nullptr ? r->name : p.region}});
}

Error UnknownEscalation(std::int64_t id) {
  return Error::Make(ErrorCode::kNotFound, "unknown_escalation", "id", {{"value", std::to_string(id)}});
}

// Fills in whom the step alerts (the unit's contact, the officer or leader on duty) and the
// desk region its notification goes to.
Result<std::string> ResolveAlerted(Transaction& tx, EscalationStep& step) {
  if (step.alerted_kind == "unit") {
    auto unit = tx.GetUnit(step.alerted);
    if (!unit) return Fail(unit.error());
    if (!*unit) return std::string();
    step.alerted_name = (*unit)->contact_name;
    step.alerted_phone = (*unit)->contact_phone;
    return (*unit)->region;
  }
  auto shifts = tx.ShiftsOf(step.alerted, tx.Now(), tx.Now() + std::chrono::milliseconds(1));
  if (!shifts) return Fail(shifts.error());
  if (!shifts->empty()) {
    const DutyShift& s = shifts->front();
    step.alerted_name = step.alerted_kind == "desk" ? s.officer_name : s.leader_name;
    step.alerted_phone = step.alerted_kind == "desk" ? s.officer_phone : s.leader_phone;
  }
  return step.alerted;
}

bool WasAlerted(const Principal& who, const EscalationStep& step, const RegionTree& regions) {
  if (step.alerted_kind == "unit") return who.role == Role::kReporter && who.unit == step.alerted;
  if (step.alerted_kind == "desk") return who.role == Role::kDesk && who.region == step.alerted;
  if (who.role != Role::kLeader) return false;
  const auto lineage = regions.LineageCodes(step.alerted);
  return std::find(lineage.begin(), lineage.end(), who.region) != lineage.end();
}

}  // namespace

Result<int> EscalationService::Pass(const EventRow& root, const std::vector<ReportClock>& clocks, TimePoint now) {
  if (std::none_of(clocks.begin(), clocks.end(), [](const ReportClock& c) { return c.state == ClockState::kOverdue; }))
    return 0;
  // Most passes find nothing due: planned first on a snapshot, so that they write nothing.
  auto steps = store_.EscalationStepsOfEvent(root.id);
  if (!steps) return Fail(steps.error());
  auto acks = store_.EscalationAcksOfEvent(root.id);
  if (!acks) return Fail(acks.error());
  if (Plan(clocks, *steps, *acks, terms_, now).empty()) return 0;
  auto dir = directory_.Get();
  int taken = 0;
  int enqueued = 0;
  auto written = store_.Write([&](Transaction& tx) -> Status {
    taken = 0;
    enqueued = 0;
    // Planned again inside the job: a step another pass took meanwhile is not taken twice.
    auto stored = tx.EscalationStepsOfEvent(root.id);
    if (!stored) return Fail(stored.error());
    auto held = tx.EscalationAcksOfEvent(root.id);
    if (!held) return Fail(held.error());
    for (const auto& p : Plan(clocks, *stored, *held, terms_, now)) {
      EscalationStep step;
      step.event_id = root.id;
      step.clock_key = p.clock->key;
      step.step = p.due.step;
      step.alerted_kind = AlertedKindCode(p.target.kind);
      step.alerted = p.target.id;
      step.at = p.due.at;
      step.recorded_at = tx.Now();
      auto desk = ResolveAlerted(tx, step);
      if (!desk) return Fail(desk.error());
      auto id = tx.InsertEscalationStep(step);
      if (!id) return Fail(id.error());
      step.id = *id;
      const std::string target = "event:" + std::to_string(root.id);
      if (auto s = tx.Audit("system", "escalation.step", target,
                            {{"escalation_id", step.id},
                             {"clock", step.clock_key},
                             {"step", step.step},
                             {"alerted_kind", step.alerted_kind},
                             {"alerted", step.alerted},
                             {"alerted_name", step.alerted_name},
                             {"at", FormatShanghai(step.at)}});
          !s) {
        return s;
      }
      const std::string unit = p.clock->from.kind == PartyKind::kUnit ? p.clock->from.id : "";
      if (auto s = tx.Publish(ChangeRecord{.type = "escalation",
                                           .event_id = root.id,
                                           .kind = "step_" + std::to_string(step.step),
                                           .unit = unit,
                                           .region = root.region});
          !s) {
        return s;
      }
      if (notifier_ != nullptr && !desk->empty()) {
        const std::vector<ErrorArg> args{
            {"title", root.title},
            {"party", PartyName(p.clock->from, *dir)},
            {"to", PartyName(p.clock->to, *dir)},
            {"due", FormatShanghai(p.clock->due_at)},
            {"step", std::to_string(step.step)},
            {"alerted", step.alerted_name.empty() ? PartyName(p.clock->to, *dir) : step.alerted_name}};
        auto n =
            notifier_->Enqueue(tx, {.kind = "clock.escalation",
                                    .region = *desk,
                                    .cause = "escalation:" + std::to_string(step.id),
                                    .event = &root,
                                    .subject = i18n::Render(i18n::Locale::kZhCn, "notify.escalation.subject", args),
                                    .text = i18n::Render(i18n::Locale::kZhCn, "notify.escalation.text", args)});
        if (!n) return Fail(n.error());
        enqueued += *n;
      }
      ++taken;
    }
    return {};
  });
  if (!written) return Fail(written.error());
  if (enqueued > 0 && notifier_ != nullptr) notifier_->Committed();
  return taken;
}

Result<EscalationAck> EscalationService::Acknowledge(const Principal& who, std::int64_t step_id,
                                                     const std::string& note) {
  if (note.size() > limits_.max_note) {
    return Fail(Error::Invalid({{"text_too_long", "note", {{"max", std::to_string(limits_.max_note)}}}}));
  }
  auto dir = directory_.Get();
  EscalationAck ack;
  auto written = store_.Write([&](Transaction& tx) -> Status {
    auto step = tx.GetEscalationStep(step_id);
    if (!step) return Fail(step.error());
    if (!*step) return Fail(UnknownEscalation(step_id));
    auto root = RootEvent(tx, (*step)->event_id, "id");
    if (!root) return Fail(root.error());
    if (!WasAlerted(who, **step, dir->regions)) {
      if (!CheckCanSee(tx, who, *root, *dir, "id", std::to_string(step_id))) {
        return Fail(Error::Denied(UnknownEscalation(step_id)));
      }
      return Fail(Error::Make(ErrorCode::kPermissionDenied, "not_alerted", "id", {{"value", std::to_string(step_id)}}));
    }
    const TimePoint now = tx.Now();
    ack = EscalationAck{0, step_id, who.name, now, now + std::chrono::minutes(terms_.hold_minutes), note};
    auto id = tx.InsertEscalationAck(ack);
    if (!id) return Fail(id.error());
    ack.id = *id;
    if (auto s = tx.Audit("user:" + who.name, "escalation.acknowledge", "escalation:" + std::to_string(step_id),
                          {{"event_id", root->id},
                           {"clock", (*step)->clock_key},
                           {"step", (*step)->step},
                           {"held_until", FormatShanghai(ack.held_until)},
                           {"note", note}});
        !s) {
      return s;
    }
    if (auto s = tx.Publish(ChangeRecord{.type = "escalation",
                                         .event_id = root->id,
                                         .kind = "acknowledged",
                                         .unit = who.role == Role::kReporter ? who.unit : "",
                                         .region = root->region});
        !s) {
      return s;
    }
    if (who.role == Role::kDesk) {
      DutyLogEntry entry{0, who.region, "acknowledgement", root->id, note, now, who.name, now};
      if (auto id2 = tx.InsertDutyLog(entry); !id2) return Fail(id2.error());
    }
    return {};
  });
  if (!written) return Fail(written.error());
  return ack;
}

}  // namespace shaobing
