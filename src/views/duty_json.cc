#include "views/duty_json.h"

#include <boost/json/array.hpp>

namespace shaobing::views {
namespace json = boost::json;

json::object ShiftJson(const DutyShift& s) {
  return {{"id", s.id},
          {"desk", s.desk_region},
          {"starts_at", FormatShanghai(s.starts_at)},
          {"ends_at", FormatShanghai(s.ends_at)},
          {"officer",
           json::object{{"account", s.officer_account.empty() ? json::value(nullptr) : json::value(s.officer_account)},
                        {"name", s.officer_name},
                        {"phone", s.officer_phone}}},
          {"leader",
           json::object{{"account", s.leader_account.empty() ? json::value(nullptr) : json::value(s.leader_account)},
                        {"name", s.leader_name},
                        {"phone", s.leader_phone}}},
          {"updated_by", s.updated_by},
          {"updated_at", FormatShanghai(s.updated_at)}};
}

json::object DutyLogJson(const DutyLogEntry& e, i18n::Locale locale) {
  return {{"id", e.id},
          {"desk", e.desk_region},
          {"kind", e.kind},
          {"kind_label", i18n::Render(locale, "duty.log_kind." + e.kind)},
          {"event_id", e.event_id ? json::value(*e.event_id) : json::value(nullptr)},
          {"text", e.text},
          {"at", FormatShanghai(e.at)},
          {"recorded_by", e.recorded_by},
          {"recorded_at", FormatShanghai(e.recorded_at)}};
}

json::object EscalationAckJson(const EscalationAck& a) {
  return {{"id", a.id},
          {"escalation_id", a.step_id},
          {"acknowledged_by", a.acknowledged_by},
          {"at", FormatShanghai(a.at)},
          {"held_until", FormatShanghai(a.held_until)},
          {"note", a.note}};
}

json::object EscalationStepJson(const EscalationStep& s, const std::vector<EscalationAck>& acks, i18n::Locale locale) {
  json::array mine;
  for (const auto& a : acks) {
    if (a.step_id == s.id) mine.push_back(EscalationAckJson(a));
  }
  return {{"id", s.id},
          {"event_id", s.event_id},
          {"clock", s.clock_key},
          {"step", s.step},
          {"label", i18n::Render(locale, "escalation.step." + std::to_string(s.step))},
          {"alerted_kind", s.alerted_kind},
          {"alerted", s.alerted},
          {"alerted_name", s.alerted_name},
          {"alerted_phone", s.alerted_phone},
          {"at", FormatShanghai(s.at)},
          {"recorded_at", FormatShanghai(s.recorded_at)},
          {"acknowledgements", std::move(mine)}};
}

}  // namespace shaobing::views
