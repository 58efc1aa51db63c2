#include "views/views.h"

#include <boost/json.hpp>

#include "core/access.h"
#include "core/report_json.h"
#include "core/taxonomy.h"

namespace shaobing::views {
namespace json = boost::json;

namespace {
json::value OptTime(const std::optional<TimePoint>& t) {
  return t ? json::value(FormatShanghai(*t)) : json::value(nullptr);
}

std::string RegionName(const DirectorySnapshot& dir, const std::string& code) {
  const Region* r = dir.regions.Find(code);
  return r ? r->name : "";
}

std::string UnitName(const DirectorySnapshot& dir, const std::string& id) {
  const Unit* u = dir.FindUnit(id);
  return u ? u->name : id;
}

std::string Label(i18n::Locale locale, ReportKind kind, int sequence) {
  return i18n::Render(locale, std::string("series.") + ReportKindCode(kind), {{"n", std::to_string(sequence)}});
}

json::value Number(std::optional<double> v, bool integral) {
  if (!v) return nullptr;
  return integral ? json::value(static_cast<std::int64_t>(*v)) : json::value(*v);
}
}  // namespace

json::object UnitJson(const Unit& u, const DirectorySnapshot& dir) {
  json::array perspectives;
  for (const auto& p : u.perspectives) perspectives.emplace_back(p);
  const UnitKindInfo* kind = FindUnitKind(u.kind);
  return {{"id", u.id},
          {"name", u.name},
          {"kind", u.kind},
          {"kind_name", kind ? std::string(kind->name_zh) : u.kind},
          {"region", u.region},
          {"region_name", RegionName(dir, u.region)},
          {"level", LevelCode(u.level)},
          {"direct", u.direct},
          {"perspectives", std::move(perspectives)},
          {"contact", {{"name", u.contact_name}, {"phone", u.contact_phone}}}};
}

json::object RegionJson(const Region& r) {
  json::array aliases;
  for (const auto& a : r.aliases) aliases.emplace_back(a);
  json::object o{{"code", r.code},
                 {"name", r.name},
                 {"level", LevelCode(r.level)},
                 {"parent", r.parent.empty() ? json::value(nullptr) : json::value(r.parent)},
                 {"aliases", std::move(aliases)}};
  o["lat"] = r.lat ? json::value(*r.lat) : json::value(nullptr);
  o["lon"] = r.lon ? json::value(*r.lon) : json::value(nullptr);
  return o;
}

json::object UserJson(const User& u) {
  return {{"id", u.id},
          {"name", u.name},
          {"display_name", u.display_name},
          {"role", RoleCode(u.role)},
          {"unit", u.unit.empty() ? json::value(nullptr) : json::value(u.unit)},
          {"region", u.region.empty() ? json::value(nullptr) : json::value(u.region)},
          {"created_at", FormatShanghai(u.created_at)},
          {"disabled", u.disabled},
          {"must_change_password", u.must_change_password},
          {"demo", u.origin == "demo"}};
}

json::object EventSummaryJson(const EventRow& e, const DirectorySnapshot& dir) {
  const Category* c = FindCategory(e.category);
  return {{"id", e.id},
          {"title", e.title},
          {"category", e.category},
          {"category_name", c ? std::string(c->name_zh) : e.category},
          {"region", e.region},
          {"region_name", RegionName(dir, e.region)},
          {"occurred_at", OptTime(e.occurred_at)},
          {"opened_at", FormatShanghai(e.opened_at)},
          {"updated_at", FormatShanghai(e.updated_at)},
          {"status", e.closed ? "closed" : "open"},
          {"report_count", e.report_count},
          {"grade", e.grade.empty() ? json::value(nullptr) : json::value(e.grade)},
          {"report_to", e.report_to.empty() ? json::value(nullptr) : json::value(e.report_to)},
          {"catalogue_version", e.catalogue_version.empty() ? json::value(nullptr) : json::value(e.catalogue_version)},
          {"figures", FiguresToJson(e.figures)}};
}

json::object ReportJson(const Report& r, const DirectorySnapshot& dir, i18n::Locale locale) {
  json::object o = DraftToJson(r.draft);
  o["id"] = r.id;
  o["event_id"] = r.event_id;
  o["sequence"] = r.sequence;
  o["label"] = Label(locale, r.draft.kind, r.sequence);
  o["unit_name"] = UnitName(dir, r.draft.unit);
  o["logged_by"] = r.logged_by;
  o["received_at"] = FormatShanghai(r.received_at);
  o["reported_at"] = FormatShanghai(r.received_at);
  return o;
}

json::object EventJson(const EventRow& e, const std::vector<Report>& reports, const DirectorySnapshot& dir,
                       i18n::Locale locale) {
  json::object o = EventSummaryJson(e, dir);
  json::array items;
  for (const auto& entry : BuildSeries(reports)) {
    json::object item = ReportJson(*entry.report, dir, locale);
    json::array figures;
    for (const auto& c : entry.figure_changes) {
      const auto& info = Info(c.figure);
      figures.push_back(json::object{{"figure", info.code},
                                     {"name", info.name_zh},
                                     {"unit", info.unit_zh},
                                     {"before", Number(c.before, info.integral)},
                                     {"after", Number(c.after, info.integral)}});
    }
    json::array fields;
    for (const auto& f : entry.changed_fields) fields.emplace_back(f);
    item["changes"] = json::object{{"figures", std::move(figures)}, {"fields", std::move(fields)}};
    item["superseded_by"] = entry.superseded_by ? json::value(*entry.superseded_by) : json::value(nullptr);
    items.push_back(std::move(item));
  }
  o["reports"] = std::move(items);
  // Each unit's series: how many reports, whether it sent its final.
  json::array units;
  std::vector<std::string> seen;
  for (const auto& r : reports) {
    if (std::find(seen.begin(), seen.end(), r.draft.unit) != seen.end()) continue;
    seen.push_back(r.draft.unit);
    int count = 0;
    bool final_sent = false;
    for (const auto& x : reports) {
      if (x.draft.unit != r.draft.unit) continue;
      ++count;
      final_sent = final_sent || x.draft.kind == ReportKind::kFinal;
    }
    const Unit* u = dir.FindUnit(r.draft.unit);
    units.push_back(json::object{{"unit", r.draft.unit},
                                 {"name", UnitName(dir, r.draft.unit)},
                                 {"kind", u ? json::value(u->kind) : json::value(nullptr)},
                                 {"direct", u && u->direct},
                                 {"reports", count},
                                 {"closed", final_sent}});
  }
  o["units"] = std::move(units);
  json::array copied;
  for (const Unit* u : CopiedOffices(e.region, dir.units, dir.regions)) {
    copied.push_back(json::object{{"unit", u->id}, {"name", u->name}, {"region", u->region}});
  }
  o["copied_to"] = std::move(copied);
  const Region* region = dir.regions.Find(e.region);
  o["location"] = json::object{{"lat", region && region->lat ? json::value(*region->lat) : json::value(nullptr)},
                               {"lon", region && region->lon ? json::value(*region->lon) : json::value(nullptr)}};
  for (auto it = reports.rbegin(); it != reports.rend(); ++it) {
    if (it->draft.location.lat && it->draft.location.lon) {
      o["location"] = json::object{{"lat", *it->draft.location.lat}, {"lon", *it->draft.location.lon}};
      break;
    }
  }
  return o;
}

json::object TaxonomyJson() {
  json::array categories;
  for (const auto& c : AllCategories()) {
    categories.push_back(json::object{{"code", c.code},
                                      {"name", c.name_zh},
                                      {"name_en", c.name_en},
                                      {"class", EventClassCode(c.event_class)},
                                      {"class_name", EventClassNameZh(c.event_class)}});
  }
  json::array figures;
  for (const auto& f : AllFigures()) {
    figures.push_back(
        json::object{{"code", f.code}, {"name", f.name_zh}, {"unit", f.unit_zh}, {"integral", f.integral}});
  }
  json::array kinds;
  for (const auto& k : AllUnitKinds()) kinds.push_back(json::object{{"code", k.code}, {"name", k.name_zh}});
  json::array perspectives;
  for (const auto& p : AllPerspectives()) perspectives.push_back(json::object{{"code", p.code}, {"name", p.name_zh}});
  return {{"categories", std::move(categories)},
          {"figures", std::move(figures)},
          {"unit_kinds", std::move(kinds)},
          {"perspectives", std::move(perspectives)}};
}

json::object AuditJson(const AuditRecord& a) {
  boost::system::error_code ec;
  auto detail = json::parse(a.detail, ec);
  return {{"seq", a.seq},       {"at", FormatShanghai(a.at)}, {"actor", a.actor},
          {"action", a.action}, {"target", a.target},         {"detail", ec ? json::value(a.detail) : detail},
          {"hash", a.hash}};
}

}  // namespace shaobing::views
