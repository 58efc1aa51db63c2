// Reading the catalogue's `follow_ups` section (FollowUpPolicy). Optional: without it, the
// national defaults stand.
//
//   follow_ups:
//     per_day: {I: 2, II: 2, III: 1, IV: 1}        # follow-ups a day while the event is open
//     after_change: 60                             # minutes, after the figures changed
//     supplementary_days: 30                       # casualty changes within: 补报
//     supplementary_days_by_category: {road_traffic: 7, fire: 7}
//     due_soon: 15                                 # minutes before a deadline
//     overrides:                                   # per jurisdiction and grade, in order
//       - {regions: ["640100"], grades: [I, II], per_day: 3, after_change: 30}
#include "standards/yaml_reader.h"

namespace shaobing::standards_internal {
namespace {

bool Has(const YAML::Node& map, const char* key) { return map[key].IsDefined(); }

bool ReadGrades(YamlReader& r, const YAML::Node& n, const std::string& where, std::vector<Grade>* out) {
  if (!r.Seq(n, where, "grades")) return false;
  for (const auto& g : n) {
    out->emplace_back();
    if (!r.GradeOf(g, where, &out->back())) return false;
  }
  return true;
}

bool ReadOverride(YamlReader& r, const YAML::Node& item, const std::string& where, FollowUpOverride* o) {
  o->line = YamlReader::Line(item);
  if (!r.Map(item, where, "overrides", {"regions", "grades", "per_day", "after_change"})) return false;
  if (Has(item, "regions") && !r.Strs(item["regions"], where, "regions", &o->regions)) return false;
  if (Has(item, "grades") && !ReadGrades(r, item["grades"], where, &o->grades)) return false;
  if (Has(item, "per_day")) {
    int v = 0;
    if (!r.Int(item["per_day"], where, "per_day", &v)) return false;
    o->per_day = v;
  }
  if (Has(item, "after_change")) {
    int v = 0;
    if (!r.Int(item["after_change"], where, "after_change", &v)) return false;
    o->after_change_minutes = v;
  }
  return true;
}

}  // namespace

bool ReadFollowUps(YamlReader& r, const YAML::Node& n, FollowUpPolicy* out) {
  const std::string where = "续报 follow_ups";
  out->line = YamlReader::Line(n);
  if (!r.Map(n, where, "follow_ups",
             {"per_day", "after_change", "supplementary_days", "supplementary_days_by_category", "due_soon",
              "overrides"})) {
    return false;
  }
  if (Has(n, "per_day")) {
    const YAML::Node grades = n["per_day"];
    if (!r.Map(grades, where, "per_day", {"I", "II", "III", "IV"}, {"I", "II", "III", "IV"})) return false;
    for (Grade g : {Grade::kI, Grade::kII, Grade::kIII, Grade::kIV}) {
      if (!r.Int(grades[GradeCode(g)], where, GradeCode(g), &out->per_day[static_cast<size_t>(g) - 1])) return false;
    }
  }
  if (Has(n, "after_change") && !r.Int(n["after_change"], where, "after_change", &out->after_change_minutes)) {
    return false;
  }
  if (Has(n, "supplementary_days") &&
      !r.Int(n["supplementary_days"], where, "supplementary_days", &out->supplementary_days)) {
    return false;
  }
  if (Has(n, "supplementary_days_by_category")) {
    const YAML::Node map = n["supplementary_days_by_category"];
    // Keys are category codes (checked against the taxonomy with the rest of the catalogue).
    if (!map.IsMap()) {
      return r.Fail(YamlReader::Line(map, out->line), "catalogue_wrong_type", where, YamlReader::Describe(map),
                    {{"key", "supplementary_days_by_category"}, {"expected", "映射"}});
    }
    out->supplementary_by_category.clear();
    for (const auto& entry : map) {
      std::string category;
      int days = 0;
      if (!r.Str(entry.first, where, "supplementary_days_by_category", &category) ||
          !r.Int(entry.second, where, category, &days)) {
        return false;
      }
      for (const auto& [seen, unused] : out->supplementary_by_category) {
        if (seen == category) {
          return r.Fail(YamlReader::Line(entry.first, out->line), "catalogue_duplicate_key", where, category);
        }
      }
      out->supplementary_by_category.emplace_back(std::move(category), days);
    }
  }
  if (Has(n, "due_soon") && !r.Int(n["due_soon"], where, "due_soon", &out->due_soon_minutes)) return false;
  if (!Has(n, "overrides")) return true;
  const YAML::Node list = n["overrides"];
  if (!r.Seq(list, where, "overrides", true)) return false;
  for (size_t i = 0; i < list.size(); ++i) {
    out->overrides.emplace_back();
    const std::string item_where = where + ".overrides 第 " + std::to_string(i + 1) + " 项";
    if (!ReadOverride(r, list[i], item_where, &out->overrides.back())) return false;
  }
  return true;
}

}  // namespace shaobing::standards_internal
