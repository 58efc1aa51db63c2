#include "standards/report_clocks.h"

#include <algorithm>
#include <utility>

namespace shaobing {
namespace {

using std::chrono::minutes;

// The state of a clock that is not fulfilled, by the time.
ClockState OpenState(TimePoint due, TimePoint now, int due_soon_minutes) {
  if (now > due) return ClockState::kOverdue;
  return due - now <= minutes(due_soon_minutes) ? ClockState::kDueSoon : ClockState::kPending;
}

// A fulfilment after `now` (a desk report stated a minute ahead) is not one yet.
void Settle(ReportClock& c, std::optional<TimePoint> fulfilled, TimePoint now, int due_soon_minutes) {
  if (fulfilled && *fulfilled > now) fulfilled.reset();
  c.fulfilled_at = fulfilled;
  if (fulfilled) {
    c.state = *fulfilled <= c.due_at ? ClockState::kOnTime : ClockState::kLate;
    c.late_by = MinutesPast(c.due_at, *fulfilled);
    c.since = *fulfilled;
  } else {
    c.state = OpenState(c.due_at, now, due_soon_minutes);
    c.late_by = c.state == ClockState::kOverdue ? MinutesPast(c.due_at, now) : minutes(0);
    switch (c.state) {
      case ClockState::kOverdue:
        c.since = c.due_at;
        break;
      case ClockState::kDueSoon:
        c.since = std::max(c.starts_at, c.due_at - minutes(due_soon_minutes));
        break;
      default:
        c.since = c.starts_at;
        break;
    }
  }
}

// The first report at or after `t` (after `t` when `strictly`).
std::optional<TimePoint> NextReport(const std::vector<TimePoint>& reports, TimePoint t, bool strictly) {
  auto it = strictly ? std::upper_bound(reports.begin(), reports.end(), t)
                     : std::lower_bound(reports.begin(), reports.end(), t);
  if (it == reports.end()) return std::nullopt;
  return *it;
}

const FollowUpTerms& TermsAt(const std::vector<JudgedMoment>& moments, TimePoint t) {
  static const FollowUpTerms kDefault{};
  const FollowUpTerms* terms = moments.empty() ? &kDefault : &moments.front().terms;
  for (const auto& m : moments) {
    if (m.at > t) break;
    terms = &m.terms;
  }
  return *terms;
}

bool CasualtiesChanged(const Figures& before, const Figures& after) {
  for (const auto& change : DiffFigures(before, after)) {
    switch (change.figure) {
      case Figure::kDeaths:
      case Figure::kMissing:
      case Figure::kSeriousInjuries:
      case Figure::kInjuries:
      case Figure::kPoisoned:
        return true;
      default:
        break;
    }
  }
  return false;
}

std::string Key(ClockKind kind, const Party& from, const Party& to, std::string_view tail) {
  std::string k = ClockKindCode(kind);
  k += '|';
  k += PartyKey(from);
  k += '|';
  k += LevelCode(to.level);
  k += '|';
  k += tail;
  return k;
}

// One party and the recipient it owes reports to.
struct Pair {
  Party from, to;
};

class Builder {
 public:
  Builder(const ClockInputs& in, TimePoint now)
      : in_(in), now_(now), due_soon_(in.moments.empty() ? 15 : in.moments.back().terms.due_soon_minutes) {}

  std::vector<ReportClock> Build() {
    std::vector<Pair> pairs;
    for (const Obligation& o : in_.plan->obligations) {
      ReportClock c;
      c.kind = ClockKind::kFirst;
      c.from = o.from;
      c.to = o.to;
      c.channel = o.channel;
      c.starts_at = o.starts_at;
      c.due_at = o.due_at;
      c.reason = o.reason;
      c.key = Key(c.kind, o.from, o.to, ChannelCode(o.channel));
      const ObligationState s = StateOf(o, *in_.fulfilments, now_);
      Settle(c, s.fulfilled_at, now_, due_soon_);
      out_.push_back(std::move(c));
      if (std::none_of(pairs.begin(), pairs.end(), [&](const Pair& p) { return p.from == o.from && p.to == o.to; })) {
        pairs.push_back({o.from, o.to});
      }
    }
    for (const Pair& p : pairs) {
      const std::vector<TimePoint> reports = ReportTimes(p.from, p.to.level, std::nullopt, *in_.fulfilments);
      if (reports.empty()) continue;
      FollowUps(p, reports);
      if (p.from.kind == PartyKind::kDesk) Changes(p, reports);
    }
    Waive();
    return std::move(out_);
  }

 private:
  // When the party's follow-up clocks close: the event's closure, or a unit's own final.
  std::optional<TimePoint> ClosedFor(const Party& from) const {
    std::optional<TimePoint> closed = in_.closed_at;
    if (from.kind == PartyKind::kUnit) {
      for (const auto& [unit, at] : in_.unit_finals) {
        if (unit == from.id && (!closed || at < *closed)) closed = at;
      }
    }
    return closed;
  }

  void FollowUps(const Pair& p, const std::vector<TimePoint>& reports) {
    const std::optional<TimePoint> closed = ClosedFor(p.from);
    TimePoint t = reports.front();
    for (int n = 1;; ++n) {
      const FollowUpTerms& terms = TermsAt(in_.moments, t);
      const TimePoint due = t + minutes(24 * 60 / std::max(1, terms.per_day));
      if (closed && *closed <= due) return;
      ReportClock c;
      c.kind = ClockKind::kFollowUp;
      c.from = p.from;
      c.to = p.to;
      c.starts_at = t;
      c.due_at = due;
      c.key = Key(c.kind, p.from, p.to, std::to_string(n));
      c.reason_count = terms.per_day;
      const std::optional<TimePoint> next = NextReport(reports, t, true);
      Settle(c, next, now_, due_soon_);
      out_.push_back(std::move(c));
      if (!next) return;
      t = *next;
    }
  }

  void Changes(const Pair& p, const std::vector<TimePoint>& reports) {
    const std::optional<TimePoint> closed = in_.closed_at;
    std::optional<TimePoint> open_until;  // the fulfilment of the change clock still running
    bool open_unfulfilled = false;
    int n = 0;
    for (size_t i = 1; i < in_.moments.size(); ++i) {
      const JudgedMoment& before = in_.moments[i - 1];
      const JudgedMoment& m = in_.moments[i];
      if (m.figures == before.figures || reports.front() >= m.at) continue;  // not reported yet
      const bool casualties = CasualtiesChanged(before.figures, m.figures);
      const bool in_window =
          in_.occurred_at && m.at <= *in_.occurred_at + std::chrono::days(m.terms.supplementary_days);
      const bool supplementary = casualties && in_window;
      if (!supplementary && closed && *closed <= m.at) continue;
      // A change while the last one's follow-up is still owed is covered by it.
      if (open_unfulfilled || (open_until && *open_until > m.at)) continue;
      ReportClock c;
      c.kind = supplementary ? ClockKind::kSupplementary : ClockKind::kAfterChange;
      c.from = p.from;
      c.to = p.to;
      c.starts_at = m.at;
      c.due_at = m.at + minutes(m.terms.after_change_minutes);
      c.key = Key(c.kind, p.from, p.to, std::to_string(++n));
      c.reason_count = supplementary ? m.terms.supplementary_days : 0;
      const std::optional<TimePoint> next = NextReport(reports, m.at, false);
      Settle(c, next, now_, due_soon_);
      open_unfulfilled = !next;
      open_until = next;
      out_.push_back(std::move(c));
    }
  }

  void Waive() {
    for (const ClockWaiver& w : in_.waivers) {
      for (ReportClock& c : out_) {
        if (c.starts_at > w.at || c.state == ClockState::kWaived) continue;
        if (c.fulfilled_at && *c.fulfilled_at <= w.at) continue;
        if (w.desks_from && (c.from.kind != PartyKind::kDesk || c.from.level < *w.desks_from)) continue;
        c.state = ClockState::kWaived;
        c.since = w.at;
        c.waived_reason = w.reason;
        c.waived_basis = w.basis;
        c.fulfilled_at.reset();
        c.late_by = minutes(0);
      }
    }
  }

  const ClockInputs& in_;
  const TimePoint now_;
  const int due_soon_;
  std::vector<ReportClock> out_;
};

}  // namespace

const char* ClockKindCode(ClockKind k) {
  switch (k) {
    case ClockKind::kFirst:
      return "first";
    case ClockKind::kFollowUp:
      return "follow_up";
    case ClockKind::kAfterChange:
      return "after_change";
    case ClockKind::kSupplementary:
      return "supplementary";
  }
  return "first";
}

const char* ClockStateCode(ClockState s) {
  switch (s) {
    case ClockState::kPending:
      return "pending";
    case ClockState::kDueSoon:
      return "due_soon";
    case ClockState::kOverdue:
      return "overdue";
    case ClockState::kOnTime:
      return "on_time";
    case ClockState::kLate:
      return "late";
    case ClockState::kWaived:
      return "waived";
  }
  return "pending";
}

bool IsOpen(ClockState s) {
  return s == ClockState::kPending || s == ClockState::kDueSoon || s == ClockState::kOverdue;
}

std::string PartyKey(const Party& p) { return p.kind == PartyKind::kUnit ? "unit:" + p.id : "desk:" + p.region; }

std::string_view PartyKeyOf(std::string_view clock_key) {
  const auto a = clock_key.find('|');
  if (a == std::string_view::npos) return {};
  const auto b = clock_key.find('|', a + 1);
  return clock_key.substr(a + 1, b == std::string_view::npos ? std::string_view::npos : b - a - 1);
}

std::vector<ReportClock> ClocksOf(const ClockInputs& in, TimePoint now) {
  if (in.plan == nullptr || in.fulfilments == nullptr) return {};
  return Builder(in, now).Build();
}

}  // namespace shaobing
