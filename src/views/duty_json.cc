#include "views/duty_json.h"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

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

namespace {

std::string StringOf(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

json::array HandoverItemsJson(const std::string& stored, i18n::Locale locale) {
  boost::system::error_code ec;
  json::value parsed = json::parse(stored, ec);
  if (ec || !parsed.is_array()) return {};
  return HandoverItemsJson(std::move(parsed.as_array()), locale);
}

json::array HandoverItemsJson(json::array stored, i18n::Locale locale) {
  json::array out;
  for (auto& v : stored) {
    if (!v.is_object()) continue;
    json::object item = std::move(v.as_object());
    const std::string kind = StringOf(item, "kind");
    const std::string owner_name = StringOf(item, "owner_name");
    const auto* is_desk = item.if_contains("owner_is_desk");
    const std::string owner = is_desk != nullptr && is_desk->is_bool() && is_desk->as_bool()
                                  ? i18n::Render(locale, "duty.desk_name", {{"region", owner_name}})
                                  : owner_name;
    item["kind_label"] = i18n::Render(locale, "duty.handover_item." + kind + "." + StringOf(item, "state"));
    if (kind == "consultation") {
      item["label"] = StringOf(item, "text");
    } else if (kind == "escalation") {
      // The alerted party's name, or its kind when the roster named nobody.
      std::string alerted = StringOf(item, "text");
      if (alerted == "desk" || alerted == "leader") {
        std::string key = "duty.handover_item.alerted_";
        key += alerted;
        alerted = i18n::Render(locale, key);
      }
      item["label"] =
          i18n::Render(locale, "duty.handover_item.escalation_label", {{"alerted", alerted}, {"owner", owner}});
    } else {
      item["label"] = owner;
    }
    out.push_back(std::move(item));
  }
  return out;
}

json::object HandoverJson(const Handover& h, i18n::Locale locale, const std::string& from_name,
                          const std::string& acknowledged_name) {
  const bool acknowledged = h.acknowledged_at.has_value();
  return {{"id", h.id},
          {"desk", h.desk_region},
          {"from_account", h.from_account},
          {"from_name", from_name},
          {"note", h.note},
          {"open_items", HandoverItemsJson(h.open_items, locale)},
          {"at", FormatShanghai(h.at)},
          {"acknowledged_by", acknowledged ? json::value(h.acknowledged_by) : json::value(nullptr)},
          {"acknowledged_name", acknowledged ? json::value(acknowledged_name) : json::value(nullptr)},
          {"acknowledged_at", acknowledged ? json::value(FormatShanghai(*h.acknowledged_at)) : json::value(nullptr)}};
}

}  // namespace shaobing::views
