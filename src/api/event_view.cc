#include "api/event_view.h"

#include <boost/json.hpp>

#include "api/fusion_json.h"
#include "api/judgement_json.h"
#include "api/views.h"
#include "services/event_fusion.h"

namespace shaobing::api {
namespace json = boost::json;

Result<json::object> EventView(Store& store, const StandardsService& standards, const DirectorySnapshot& dir,
                               const EventRow& root, const std::vector<Report>& reports, TimePoint now,
                               i18n::Locale locale) {
  auto records = store.EvaluationsOfEvent(root.id);
  if (!records) return Fail(records.error());
  auto adjustments = store.SensitiveAdjustmentsOfEvent(root.id);
  if (!adjustments) return Fail(adjustments.error());
  auto resolutions = store.ResolutionsOfEvent(root.id);
  if (!resolutions) return Fail(resolutions.error());
  auto links = store.LinksOfEvent(root.id);
  if (!links) return Fail(links.error());
  auto operations = store.OperationsOfEvent(root.id);
  if (!operations) return Fail(operations.error());
  auto view = EventJson(root, reports, dir, locale);
  AddJudgement(view, JudgeEvent(root, reports, *records, *adjustments, standards, dir, *resolutions), reports, dir, now,
               locale);
  AddFusion(view, root, reports, dir, *resolutions, *links, *operations, now);
  json::array adjusted;
  for (const auto& a : *adjustments) {
    adjusted.push_back(json::object{{"id", a.id}, {"at", FormatShanghai(a.at)}, {"actor", a.actor},
                                    {"action", a.action}, {"kind", a.kind}, {"code", a.code}, {"reason", a.reason}});
  }
  view["sensitive_adjustments"] = std::move(adjusted);
  auto requests = store.RequestsOfEvent(root.id);
  if (!requests) return Fail(requests.error());
  json::array asked;
  for (const auto& r : *requests) asked.push_back(RequestJson(r, dir));
  view["requests"] = std::move(asked);
  view["restricted"] = false;
  return view;
}

json::object RequestJson(const ReportRequest& r, const DirectorySnapshot& dir) {
  const Unit* unit = dir.FindUnit(r.unit);
  return {{"id", r.id},           {"event_id", r.event_id}, {"unit", r.unit},
          {"unit_name", unit ? unit->name : r.unit}, {"message", r.message}, {"requested_by", r.requested_by},
          {"at", FormatShanghai(r.at)}};
}

namespace {

json::object SharedEventView(const Principal& who, const EventRow& root, const std::vector<Report>& reports,
                             const std::vector<ReportRequest>& requests, const DirectorySnapshot& dir,
                             i18n::Locale locale) {
  std::vector<Report> own;
  for (const auto& r : reports) {
    if (r.draft.unit == who.unit) own.push_back(r);
  }
  json::object view = EventJson(root, own, dir, locale);
  for (const char* key : {"figures", "report_count", "catalogue_version", "copied_to"}) view.erase(key);
  view["restricted"] = true;
  json::array asks;
  for (const auto& r : requests) {
    if (r.unit != who.unit) continue;
    json::object ask = RequestJson(r, dir);
    ask["kind"] = "request";
    asks.push_back(std::move(ask));
  }
  if (const Unit* unit = dir.FindUnit(who.unit)) {
    for (const auto& p : PerspectivesFor(*unit, root, reports, dir)) {
      if (!p.missing()) continue;
      asks.push_back(json::object{{"kind", "perspective"}, {"code", p.code}, {"name", p.name_zh}});
    }
  }
  view["asks"] = std::move(asks);
  return view;
}

Error UnknownEvent(EventId id) {
  return Error::Make(ErrorCode::kNotFound, "unknown_event", "id", {{"value", std::to_string(id)}});
}

}  // namespace

Result<json::object> EventViewFor(const Principal& who, Store& store, const StandardsService& standards,
                                  const DirectorySnapshot& dir, EventId requested_id, TimePoint now,
                                  i18n::Locale locale) {
  auto event = store.GetEvent(requested_id);
  if (!event) return Fail(event.error());
  // An event merged into another is shown as the event it is part of now.
  if (*event && (*event)->merged_into) event = store.GetEvent(*(*event)->merged_into);
  if (!event) return Fail(event.error());
  if (!*event) return Fail(UnknownEvent(requested_id));
  const EventRow& root = **event;
  auto reports = store.ReportsOfEvent(root.id);
  if (!reports) return Fail(reports.error());
  auto requests = store.RequestsOfEvent(root.id);
  if (!requests) return Fail(requests.error());
  std::vector<std::string> involved;
  for (const auto& r : *reports) involved.push_back(r.draft.unit);
  for (const auto& r : *requests) involved.push_back(r.unit);
  Result<json::object> view;
  switch (AccessToEvent(who, root, involved, dir.regions)) {
    case EventAccess::kNone:
      return Fail(Error::Denied(UnknownEvent(requested_id)));
    case EventAccess::kShared:
      view = SharedEventView(who, root, *reports, *requests, dir, locale);
      break;
    case EventAccess::kFull:
      view = EventView(store, standards, dir, root, *reports, now, locale);
      break;
  }
  if (view && root.id != requested_id) (*view)["requested_id"] = requested_id;
  return view;
}

}  // namespace shaobing::api
