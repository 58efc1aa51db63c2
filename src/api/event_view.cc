#include "api/event_view.h"

#include <boost/json.hpp>

#include "api/fusion_json.h"
#include "api/judgement_json.h"
#include "api/views.h"

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
  return view;
}

}  // namespace shaobing::api
