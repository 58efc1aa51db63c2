#include "testing/test_data.h"

#include <boost/json/parse.hpp>
#include <cstdlib>

namespace shaobing::testing {

RegionTree SmallRegionTree() {
  std::vector<Region> regions{
      {"640000", "宁夏回族自治区", Level::kRegion, "", {"宁夏"}, 38.47, 106.26},
      {"640100", "银川市", Level::kCity, "640000", {"银川"}, 38.49, 106.23},
      {"640104", "兴庆区", Level::kCounty, "640100", {"兴庆"}, 38.47, 106.29},
      {"640181", "灵武市", Level::kCounty, "640100", {"灵武"}, 38.10, 106.34},
      {"640200", "石嘴山市", Level::kCity, "640000", {"石嘴山"}, 38.98, 106.38},
      {"640205", "惠农区", Level::kCounty, "640200", {"惠农"}, 39.24, 106.78},
  };
  return RegionTree::Build(std::move(regions)).value();
}

std::string FirstReportJson() {
  return R"({
    "kind": "first", "event_id": null, "unit": "640104-dw", "channel": "written",
    "reported_at": null, "category": "fire", "title": "兴庆区一居民楼发生火灾",
    "occurred_at": "2026-11-29T14:05:00+08:00",
    "location": {"region": "640104", "address": "解放东街某小区", "lat": 38.4681, "lon": 106.2731},
    "parties": "小区居民；物业公司", "description": "14时05分许，一居民楼3层起火。",
    "cause": null, "measures": "消防救援支队已到场处置",
    "figures": {"deaths": 1, "missing": 0, "serious_injuries": 2, "injuries": 5, "trapped": 0,
                "poisoned": 0, "evacuated": 120, "affected": 0, "economic_loss_yuan": 0,
                "participants": 0, "onlookers": 0, "magnitude": null, "duration_hours": null},
    "sensitive": {"persons": [], "places": [], "behaviours": [], "times": []}
  })";
}

std::string SmokeReportJson(const std::string& unit, const std::string& description) {
  return R"({
    "kind": "first", "unit": ")" +
         unit + R"(", "channel": "phone", "category": "fire",
    "title": "兴庆区一住宅楼冒烟", "occurred_at": "2026-11-22T15:30:00+08:00",
    "location": {"region": "640104", "address": ""}, "parties": "住户",
    "description": ")" +
         description + R"(", "measures": "已派员核实", "figures": {},
    "sensitive": {"persons": [], "places": [], "behaviours": [], "times": []}
  })";
}

boost::json::object FireReport(const std::string& occurred_at, int deaths, int serious_injuries) {
  boost::json::object r = boost::json::parse(FirstReportJson()).as_object();
  r["occurred_at"] = occurred_at;
  boost::json::object figures{{"deaths", deaths}};
  if (serious_injuries > 0) figures["serious_injuries"] = serious_injuries;
  r["figures"] = std::move(figures);
  return r;
}

std::string SourceDir() {
  if (const char* env = std::getenv("SHAOBING_SOURCE_DIR")) return env;
  return SHAOBING_SOURCE_DIR;
}

}  // namespace shaobing::testing
