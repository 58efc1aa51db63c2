#include "simulate/simulator.h"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

#include "core/report_json.h"
#include "simulate/facts.h"
#include "simulate/templates.h"

namespace shaobing::simulate {
namespace {

Facts MakeFacts(const std::vector<const Region*>& counties, const RegionTree& tree, const SimulatorOptions& o,
                Rng& rng) {
  static const std::vector<int> kWeights = [] {
    std::vector<int> w;
    for (const Template& t : Templates()) w.push_back(t.weight);
    return w;
  }();
  std::discrete_distribution<size_t> pick_template(kWeights.begin(), kWeights.end());
  std::mt19937 local(static_cast<std::uint32_t>(rng.Int(0, 1 << 30)));
  Facts f;
  f.t = &Templates()[pick_template(local)];
  f.county = rng.Pick(counties);
  f.city = tree.Find(f.county->parent);
  const std::string brand = rng.Pick(Brands());
  switch (f.t->site) {
    case Site::kEnterprise: {
      const std::string ind = rng.Pick(Industries());
      f.site = "宁夏" + brand + ind + "有限公司";
      f.site_short = brand + ind + "公司";
      f.spot = std::to_string(rng.Int(1, 9)) + "号车间";
      break;
    }
    case Site::kCommunity:
      f.site = brand + (rng.Chance(0.5) ? "花园" : "家园") + "小区";
      f.site_short = f.site;
      f.spot = std::to_string(rng.Int(1, 30)) + "号楼";
      break;
    case Site::kRoad:
      f.site = rng.Pick(Roads());
      f.site_short = f.site;
      f.spot = "K" + std::to_string(rng.Int(10, 1500)) + "处";
      break;
    case Site::kMine:
      f.site = "宁夏" + brand + "煤业有限公司" + brand + "煤矿";
      f.site_short = brand + "煤矿";
      f.spot = std::to_string(rng.Int(1, 12)) + "号工作面";
      break;
    case Site::kVillage:
      f.site = brand + "村";
      f.site_short = f.site;
      f.spot = std::to_string(rng.Int(1, 8)) + "组";
      break;
    case Site::kSchool:
      f.site = brand + (rng.Chance(0.5) ? "中学" : "小学");
      f.site_short = f.site;
      f.spot = "学生食堂";
      break;
    case Site::kMarket:
      f.site = brand + "农贸市场";
      f.site_short = f.site;
      f.spot = "一餐馆";
      break;
    case Site::kSite:
      f.site = brand + "建设工程有限公司";
      f.site_short = brand + "建设公司";
      f.spot = brand + "佳苑项目工地";
      break;
  }
  f.what = rng.Say(f.t->what, o.wording_mix);
  f.short_what = rng.Pick(f.t->short_what);
  f.cause = rng.Pick(f.t->causes);
  f.hospital = f.county->name + rng.Pick(Hospitals());
  f.occurred_ms = ToUnixMillis(o.start) + static_cast<std::int64_t>(rng.Int(0, o.days * 24 * 60)) * kMinute;
  f.deaths = f.t->max_deaths ? rng.Int(0, f.t->max_deaths) : 0;
  f.serious = f.t->max_injuries ? rng.Int(0, f.t->max_injuries / 3) : 0;
  f.injuries = f.t->max_injuries ? rng.Int(0, f.t->max_injuries) : 0;
  if (f.t->category == "food_safety") f.injuries = rng.Int(8, 60);
  f.evacuated = f.t->max_evacuated ? rng.Int(f.t->max_evacuated / 10, f.t->max_evacuated) : 0;
  f.lat = f.county->lat.value_or(38.4) + rng.Int(-300, 300) / 10000.0;
  f.lon = f.county->lon.value_or(106.2) + rng.Int(-300, 300) / 10000.0;
  return f;
}

}  // namespace

std::vector<SimulatedReport> Simulate(const RegionTree& regions, const SimulatorOptions& o) {
  Rng rng(o.seed);
  std::vector<const Region*> counties;
  for (const Region* r : regions.All()) {
    if (r->level == Level::kCounty) counties.push_back(r);
  }
  std::sort(counties.begin(), counties.end(), [](auto* a, auto* b) { return a->code < b->code; });
  std::vector<SimulatedReport> out;
  if (counties.empty()) return out;
  for (int e = 0; e < o.events; ++e) {
    const Facts f = MakeFacts(counties, regions, o, rng);
    char key[32];
    std::snprintf(key, sizeof key, "e%04d", e + 1);
    for (size_t k = 0; k < f.t->kinds.size(); ++k) {
      const std::string& kind = f.t->kinds[k];
      if (k > 0 && rng.Chance(o.missing_rate)) continue;
      const int stages = rng.Int(1, kind == "party_office" ? 3 : 2);
      std::int64_t at = f.occurred_ms + (k == 0 ? rng.Int(20, 90) : rng.Int(40, 360)) * kMinute;
      if (k > 0 && rng.Chance(o.late_rate)) at += rng.Int(12, 48) * kHour;
      const double vague = o.vague_place_rate * (o.wording_mix ? 1.5 : 1.0);
      for (int s = 0; s < stages; ++s) {
        SimulatedReport r;
        r.event = key;
        r.draft = WriteReport(f, kind, s, stages, rng.Chance(o.alias_rate), rng.Chance(vague), rng.Chance(o.typo_rate),
                              o, rng);
        r.draft.reported_at = FromUnixMillis(at);
        out.push_back(std::move(r));
        at += rng.Int(2, 20) * kHour;
      }
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const SimulatedReport& a, const SimulatedReport& b) {
    return *a.draft.reported_at < *b.draft.reported_at;
  });
  for (size_t i = 0; i < out.size(); ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "r%06zu", i + 1);
    out[i].draft.external_id = id;
  }
  return out;
}

std::string ReportsNdjson(const std::vector<SimulatedReport>& reports) {
  std::string out;
  for (const SimulatedReport& r : reports) {
    boost::json::object o = DraftToJson(r.draft);
    o["id"] = r.draft.external_id;
    o["unit_kind"] = r.draft.unit_kind;
    out += boost::json::serialize(o);
    out += '\n';
  }
  return out;
}

std::string TruthNdjson(const std::vector<SimulatedReport>& reports) {
  std::string out;
  for (const SimulatedReport& r : reports) {
    out += boost::json::serialize(boost::json::object{{"id", r.draft.external_id}, {"event", r.event}});
    out += '\n';
  }
  return out;
}

Status WriteSimulation(const std::vector<SimulatedReport>& reports, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    return Fail(
        Error::Make(ErrorCode::kInvalidArgument, "file_unwritable", "out", {{"file", dir}, {"detail", ec.message()}}));
  for (const auto& [name, text] : {std::pair{std::string("reports.ndjson"), ReportsNdjson(reports)},
                                   std::pair{std::string("truth.ndjson"), TruthNdjson(reports)}}) {
    std::string path = dir;
    path += '/';
    path += name;
    std::ofstream file(path, std::ios::binary);
    file << text;
    if (!file) {
      return Fail(Error::Make(ErrorCode::kInvalidArgument, "file_unwritable", "out",
                              {{"file", path}, {"detail", std::strerror(errno)}}));
    }
  }
  return {};
}

}  // namespace shaobing::simulate
