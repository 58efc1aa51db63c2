#include "views/consultation_json.h"

#include <boost/json.hpp>

#include "views/views.h"

namespace shaobing::views {
namespace json = boost::json;

namespace {

std::string InviteeKey(const Invitee& i) { return std::string(InviteeKindCode(i.kind)) + ":" + i.id; }

std::string InviteeName(const Invitee& i, const DirectorySnapshot& dir) {
  if (i.kind == InviteeKind::kUnit) {
    if (const Unit* u = dir.FindUnit(i.id)) return u->name;
  }
  return i.id;
}

json::value ClockJson(const std::string& key, const std::vector<ConsultationClock>& clocks, i18n::Locale locale) {
  for (const auto& k : clocks) {
    if (k.key != key) continue;
    return json::object{{"key", k.key},
                        {"state", ClockStateCode(k.state)},
                        {"state_name", i18n::Render(locale, std::string("clock.state.") + ClockStateCode(k.state))},
                        {"due_at", FormatShanghai(k.due_at)},
                        {"since", FormatShanghai(k.since)}};
  }
  return nullptr;
}

std::string RecommendationName(Recommendation r, i18n::Locale locale) {
  return i18n::Render(locale, std::string("consultation.recommendation.") + RecommendationCode(r));
}

}  // namespace

json::object ConsultationJson(const Consultation& c, const std::vector<ConsultationClock>& clocks,
                              const DirectorySnapshot& dir, i18n::Locale locale) {
  const std::string prefix = "consultation|" + std::to_string(c.id) + "|";
  json::array invitees;
  for (const Invitee& i : c.invitees) {
    invitees.push_back(json::object{{"kind", InviteeKindCode(i.kind)},
                                    {"id", i.id},
                                    {"name", InviteeName(i, dir)},
                                    {"clock", ClockJson(prefix + "answer|" + InviteeKey(i), clocks, locale)}});
  }
  json::array answers;
  for (const auto& a : c.answers) {
    answers.push_back(json::object{
        {"id", a.id},
        {"invitee",
         json::object{
             {"kind", InviteeKindCode(a.invitee.kind)}, {"id", a.invitee.id}, {"name", InviteeName(a.invitee, dir)}}},
        {"risk_level", a.risk_level.empty() ? json::value(nullptr) : json::value(a.risk_level)},
        {"assessment", a.assessment},
        {"recommendation", RecommendationCode(a.recommendation)},
        {"recommendation_name", RecommendationName(a.recommendation, locale)},
        {"answered_by", a.answered_by},
        {"answered_at", FormatShanghai(a.answered_at)},
        {"late", a.late},
        {"attachments", json::array()},  // filled by the routes (views::AddOwnedAttachments)
    });
  }
  json::value decision = nullptr;
  if (c.decision) {
    decision = json::object{{"decision", RecommendationCode(c.decision->decision)},
                            {"decision_name", RecommendationName(c.decision->decision, locale)},
                            {"reason", c.decision->reason},
                            {"decided_by", c.decision->decided_by},
                            {"decided_at", FormatShanghai(c.decision->at)},
                            {"waives", c.decision->decision == Recommendation::kDoNotReport}};
  }
  const Region* desk = dir.regions.Find(c.opened_region);
  return {{"id", c.id},
          {"event_id", c.event_id},
          {"question", c.question},
          {"deadline", FormatShanghai(c.deadline)},
          {"opened_by", c.opened_by},
          {"opened_region", c.opened_region},
          {"opened_region_name", desk != nullptr ? desk->name : c.opened_region},
          {"opened_at", FormatShanghai(c.opened_at)},
          {"state", c.decision ? "decided" : "open"},
          {"invitees", std::move(invitees)},
          {"answers", std::move(answers)},
          {"decision", std::move(decision)},
          {"decision_clock", ClockJson(prefix + "decision", clocks, locale)}};
}

json::object ConsultationViewJson(const ConsultationView& v, TimePoint now, const DirectorySnapshot& dir,
                                  i18n::Locale locale) {
  json::object o = ConsultationJson(v.consultation, ConsultationClocksOf(v.consultation, now), dir, locale);
  json::object event = EventSummaryJson(v.event, dir);
  o["event"] = std::move(event);
  bool answered = false;
  if (v.answering_as) {
    for (const auto& a : v.consultation.answers) answered = answered || a.invitee == *v.answering_as;
  }
  o["answering_as"] = v.answering_as ? json::value(json::object{{"kind", InviteeKindCode(v.answering_as->kind)},
                                                                {"id", v.answering_as->id},
                                                                {"name", InviteeName(*v.answering_as, dir)}})
                                     : json::value(nullptr);
  o["may_answer"] = v.answering_as.has_value() && !answered;
  o["may_decide"] = v.may_decide;
  return o;
}

}  // namespace shaobing::views
