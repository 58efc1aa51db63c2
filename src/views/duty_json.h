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

// The items of a handover as stored (services/handover_service.h HandoverItemsArray), each with
// `kind_label` (what it is: 超时未报, 会商未决 …) and `label` (who owes it, the question, whom the
// escalation alerted) in `locale`; from the stored text, which gives an empty array when it is
// not a JSON array.
boost::json::array HandoverItemsJson(boost::json::array stored, i18n::Locale locale);
boost::json::array HandoverItemsJson(const std::string& stored, i18n::Locale locale);
// A handover with its items; `from_name` and `acknowledged_name` are the accounts' display names.
boost::json::object HandoverJson(const Handover& h, i18n::Locale locale, const std::string& from_name,
                                 const std::string& acknowledged_name);

}  // namespace shaobing::views
