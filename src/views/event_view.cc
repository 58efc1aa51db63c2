#include "views/event_view.h"

#include <boost/json.hpp>

#include "views/consultation_json.h"
#include "views/fusion_json.h"
#include "views/judgement_json.h"
#include "views/views.h"

namespace shaobing::views {
namespace json = boost::json;

json::object RequestJson(const ReportRequest& r, const DirectorySnapshot& dir) {
  const Unit* unit = dir.FindUnit(r.unit);
  return {{"id", r.id},
          {"event_id", r.event_id},
          {"unit", r.unit},
          {"unit_name", unit ? unit->name : r.unit},
          {"message", r.message},
          {"requested_by", r.requested_by},
          {"at", FormatShanghai(r.at)}};
}

namespace {

json::object WholeEventView(const EventDetail& d, i18n::Locale locale) {
  const DirectorySnapshot& dir = *d.dir;
  auto view = EventJson(d.root, d.reports, dir, locale);
  AddJudgement(view, d, locale);
  AddFusion(view, d.fusion, d.reports, dir, d.resolutions, d.links, d.operations, d.now);
  json::array adjusted;
  for (const auto& a : d.adjustments) {
    adjusted.push_back(json::object{{"id", a.id},
                                    {"at", FormatShanghai(a.at)},
                                    {"actor", a.actor},
                                    {"action", a.action},
                                    {"kind", a.kind},
                                    {"code", a.code},
                                    {"reason", a.reason}});
  }
  view["sensitive_adjustments"] = std::move(adjusted);
  json::array asked;
  for (const auto& r : d.requests) asked.push_back(RequestJson(r, dir));
  view["requests"] = std::move(asked);
  // 会商: the event's consultations, and the standard's suggestion to open one.
  json::array consultations;
  for (const auto& c : d.consultations)
    consultations.push_back(ConsultationJson(c, d.consultation_clocks, dir, locale));
  view["consultations"] = std::move(consultations);
  view["consultation_suggested"] = d.judgement.latest && d.judgement.latest->consultation && d.consultations.empty();
  view["restricted"] = false;
  return view;
}

json::object SharedEventView(const EventDetail& d, i18n::Locale locale) {
  const DirectorySnapshot& dir = *d.dir;
  json::object view = EventJson(d.root, d.reports, dir, locale);
  for (const char* key : {"figures", "report_count", "catalogue_version", "copied_to"}) view.erase(key);
  view["restricted"] = true;
  json::array asks;
  for (const auto& r : d.requests) {
    json::object ask = RequestJson(r, dir);
    ask["kind"] = "request";
    asks.push_back(std::move(ask));
  }
  for (const auto& p : d.missing_perspectives) {
    asks.push_back(json::object{{"kind", "perspective"}, {"code", p.code}, {"name", p.name_zh}});
  }
  view["asks"] = std::move(asks);
  return view;
}

}  // namespace

json::object EventViewJson(const EventDetail& detail, i18n::Locale locale) {
  json::object view =
      detail.access == EventAccess::kShared ? SharedEventView(detail, locale) : WholeEventView(detail, locale);
  if (detail.root.id != detail.requested_id) view["requested_id"] = detail.requested_id;
  return view;
}

}  // namespace shaobing::views
