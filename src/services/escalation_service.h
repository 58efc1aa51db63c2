#pragma once
// The escalation of overdue reporting clocks (standards/escalation.h) and its acknowledgement.
// The clock timer's pass calls Pass for every event it looks at, after recording the clocks'
// transitions: each step that fell due is recorded once (escalation_steps is unique per event,
// clock and step; compared first on a snapshot, then again inside the write job, as the timer
// does), audited ("escalation.step"), announced live (an "escalation" change), and the alerted
// party's desk region is told through the outbox (kind "clock.escalation"), in one write job.
// Whom a desk or leader step alerts is the roster's officer or leader on duty when the step is
// taken (duty_shifts); without a shift the desk itself is alerted (name "").
#include <string>

#include "core/access.h"
#include "services/directory.h"
#include "services/notifier.h"
#include "standards/escalation.h"
#include "standards/report_clocks.h"
#include "store/store.h"

namespace shaobing {

struct EscalationLimits {
  size_t max_note = 500;  // bytes of an acknowledgement's note
};

class EscalationService {
 public:
  EscalationService(Store& store, Directory& directory, EscalationTerms terms, const Notifier* notifier = nullptr,
                    EscalationLimits limits = {})
      : store_(store), directory_(directory), terms_(terms), notifier_(notifier), limits_(limits) {}

  // Takes the steps due by `now` on the overdue clocks of root event `root`; returns how many.
  Result<int> Pass(const EventRow& root, const std::vector<ReportClock>& clocks, TimePoint now);

  // 已知悉，正在处理: `who`, one of the parties step `step_id` alerted (a reporter of the unit, an
  // officer of the desk, a leader of the desk's region or above), holds the clock's chain for
  // hold_minutes. kNotFound "unknown_escalation" for an unknown step or one of an event `who`
  // does not see; kPermissionDenied "not_alerted" for a party that sees the event but was not
  // alerted by that step; note at most max_note bytes. Audited ("escalation.acknowledge"),
  // announced live; an officer's acknowledgement also goes into the desk's duty log.
  Result<EscalationAck> Acknowledge(const Principal& who, std::int64_t step_id, const std::string& note);

  const EscalationTerms& terms() const { return terms_; }

 private:
  Store& store_;
  Directory& directory_;
  const EscalationTerms terms_;
  const Notifier* notifier_;
  const EscalationLimits limits_;
};

}  // namespace shaobing
