#pragma once
// JSON views of the duty records: shifts of the roster, escalation steps and their
// acknowledgements, duty log entries.
#include <boost/json/object.hpp>
#include <vector>

#include "i18n/messages.h"
#include "store/store.h"

namespace shaobing::views {

boost::json::object ShiftJson(const DutyShift& shift);
boost::json::object DutyLogJson(const DutyLogEntry& entry, i18n::Locale locale);
boost::json::object EscalationAckJson(const EscalationAck& ack);
// A step with its acknowledgements (those of `acks` naming it) and, when `held_until` is
// later than `now`, the hold on its clock.
boost::json::object EscalationStepJson(const EscalationStep& step, const std::vector<EscalationAck>& acks,
                                       i18n::Locale locale);

}  // namespace shaobing::views
