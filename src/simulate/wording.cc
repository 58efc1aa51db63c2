#include <cmath>

#include "simulate/facts.h"

namespace shaobing::simulate {

std::string ClockZh(std::int64_t ms) {
  const std::string s = FormatShanghai(FromUnixMillis(ms));  // 2026-11-29T14:05:00+08:00
  const int month = std::stoi(s.substr(5, 2)), day = std::stoi(s.substr(8, 2));
  const int hour = std::stoi(s.substr(11, 2)), minute = std::stoi(s.substr(14, 2));
  return std::to_string(month) + "月" + std::to_string(day) + "日" + std::to_string(hour) + "时" +
         (minute ? std::to_string(minute) + "分" : "") + "许";
}

// Splits UTF-8 into characters.
std::vector<std::string> Chars(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : 4;
    out.push_back(s.substr(i, len));
    i += len;
  }
  return out;
}

std::string Typo(const std::string& s, Rng& rng) {
  std::vector<std::string> c = Chars(s);
  for (int attempt = 0; attempt < 4 && !c.empty(); ++attempt) {
    const size_t i = static_cast<size_t>(rng.Int(0, static_cast<int>(c.size()) - 1));
    const std::string r = Confuse(c[i], static_cast<unsigned>(rng.Int(0, 7)));
    if (r != c[i]) {
      c[i] = r;
      break;
    }
  }
  std::string out;
  for (const std::string& x : c) out += x;
  return out;
}

namespace {

std::string UnitSuffix(const std::string& kind) {
  static const std::vector<std::pair<std::string, std::string>> kSuffixes = {
      {"emergency_management", "yjj"}, {"ecology_environment", "sthjj"}, {"health", "wjw"},
      {"public_security", "gaj"},      {"fire_rescue", "xfjy"},          {"transport", "jtj"},
      {"market_regulation", "scjgj"},  {"housing_construction", "zjj"},  {"water_resources", "slj"},
      {"natural_resources", "zrzyj"},  {"government_office", "zfb"}};
  for (const auto& [k, v] : kSuffixes) {
    if (k == kind) return v;
  }
  return "qt";
}

int Grow(int truth, int stage, int stages) {
  if (truth <= 0) return 0;
  return static_cast<int>(std::lround(truth * (0.5 + 0.5 * (stage + 1) / stages)));
}

std::string Casualties(int d, int s, int j) {
  std::string out;
  auto add = [&out](int n, const char* what) {
    if (n > 0) out += (out.empty() ? "" : "、") + std::to_string(n) + what;
  };
  add(d, "人死亡");
  add(s, "人重伤");
  add(j, "人轻伤");
  return out.empty() ? "暂无人员伤亡报告" : "目前已造成" + out;
}

}  // namespace

ReportDraft WriteReport(const Facts& f, const std::string& kind, int stage, int stages, bool alias, bool vague,
                        bool typo, const SimulatorOptions& o, Rng& rng) {
  const int mix = o.wording_mix;
  ReportDraft r;
  r.unit_kind = kind;
  // The unit: the county's Party office, else a department at region, city or county level.
  const auto pick = static_cast<int>((f.occurred_ms / kMinute + static_cast<std::int64_t>(kind.size()) * 7) % 10);
  const std::string level_code = pick < 5 ? "640000" : pick < 8 ? f.city->code : f.county->code;
  r.unit = kind == "party_office" ? f.county->code + "-dw" : level_code + "-" + UnitSuffix(kind);
  r.kind = stage == 0                                                       ? ReportKind::kFirst
           : (stage == stages - 1 && kind == "party_office" && stages == 3) ? ReportKind::kFinal
                                                                            : ReportKind::kFollowup;
  // Place wording.
  std::string place = alias && !f.county->aliases.empty() ? rng.Pick(f.county->aliases) : f.county->name;
  std::string region = f.county->code;
  std::string address_place = place;
  if (vague) {
    region = rng.Chance(0.5) ? f.city->code : "640000";
    address_place = f.city->name + (rng.Chance(0.5) ? "市区" : "境内");
    if (rng.Chance(0.4)) place = address_place;  // the county is not named at all
  }
  const std::string site =
      typo ? Typo(kind == "party_office" ? f.site : f.site_short, rng) : (rng.Chance(0.5) ? f.site : f.site_short);
  const std::string t = ClockZh(f.occurred_ms);
  const int d = Grow(f.deaths, stage, stages), s = Grow(f.serious, stage, stages), j = Grow(f.injuries, stage, stages);
  const int e = Grow(f.evacuated, stage, stages);
  const std::string figs = Casualties(d, s, j) + "。";
  std::string text, title;
  if (kind == "party_office") {
    static const std::vector<std::string> kMeasures = {
        "区县主要负责同志已赶赴现场组织处置，相关部门正在全力开展救援。",
        "已启动应急预案，成立现场指挥部统筹救援处置工作。",
        "县委、县政府主要负责同志第一时间赶赴现场，组织做好群众安抚和善后工作。",
        "党政主要领导已到场指挥，善后工作组正在安抚家属情绪。"};
    title = place + site + f.short_what;
    text = stage == 0 ? t + "，" + place + site + f.spot + f.what + "。" + figs + rng.Say(kMeasures, mix)
                      : "续报：" + site + f.short_what + "处置情况。" + figs + "已疏散转移群众" + std::to_string(e) +
                            "人，善后工作组逐户对接受影响群众，家属情绪基本稳定。";
    r.figures.Set(Figure::kDeaths, d);
    r.figures.Set(Figure::kInjuries, j);
    if (s) r.figures.Set(Figure::kSeriousInjuries, s);
    if (e) r.figures.Set(Figure::kEvacuated, e);
  } else if (kind == "emergency_management") {
    title = place + site + f.short_what + "情况";
    static const std::vector<std::string> kIntros = {"接", "据", "经", "收到"};
    text = stage == 0 ? rng.Say(kIntros, mix) + place + "应急管理局报告，" + t + "，" + place + site + f.what +
                            "。初步分析，事故原因系" + f.cause + "。" + figs + "已派出工作组赶赴现场指导救援处置。"
                      : "续报：经现场勘查，" + site + f.short_what + "原因初步查明，系" + f.cause + "。" + figs;
    r.cause = f.cause;
    r.figures.Set(Figure::kDeaths, d);
    r.figures.Set(Figure::kInjuries, j);
  } else if (kind == "ecology_environment") {
    static const std::vector<std::string> kEnvironment = {"特征污染物浓度呈下降趋势", "周边大气中特征污染物浓度未超标",
                                                          "下游水质监测未见异常", "部分点位特征污染物超标"};
    title = site + f.short_what + "环境应急监测情况";
    text = (stage ? "续报：" : "") + place + site + f.short_what + "发生后，" + f.city->name +
           "生态环境局立即开展应急监测，在事发地周边布设监测点位" + std::to_string(rng.Int(3, 12)) + "个，" +
           rng.Say(kEnvironment, mix) + "。已疏散周边群众" + std::to_string(e) + "人。";
    r.figures.Set(Figure::kEvacuated, e);
  } else if (kind == "health") {
    title = place + site + f.short_what + "伤员救治情况";
    text = (stage ? "续报：" : "") + place + site + f.short_what + "发生后，" + f.hospital + "等医院共收治伤员" +
           std::to_string(s + j + (f.t->category == "food_safety" ? 0 : d)) + "人。" + figs +
           "已调派专家指导救治，开通急诊绿色通道。";
    r.figures.Set(Figure::kDeaths, d);
    r.figures.Set(Figure::kSeriousInjuries, s);
    r.figures.Set(Figure::kInjuries, j);
    if (f.t->category == "food_safety") r.figures.Set(Figure::kPoisoned, j);
  } else if (kind == "public_security") {
    static const std::vector<std::string> kOrder = {"对事发路段实行交通管制", "疏导过往车辆绕行", "维护现场秩序",
                                                    "设置警戒区域"};
    title = place + site + f.short_what + "现场处置情况";
    text = (stage ? "续报：" : t + "，") + place + site + f.what + "。公安机关接警后立即出警，已对现场实施警戒，" +
           rng.Say(kOrder, mix) + "，并对相关责任人员依法予以控制。" + figs;
    r.figures.Set(Figure::kDeaths, d);
  } else if (kind == "fire_rescue") {
    title = place + site + f.short_what + "灭火救援情况";
    text = (stage ? "续报：" : t + "，") + place + "消防救援大队接到报警：" + place + site + f.what + "。已调派" +
           std::to_string(rng.Int(2, 8)) + "个消防救援站" + std::to_string(rng.Int(6, 30)) + "辆消防车赶赴现场处置，" +
           "疏散被困群众" + std::to_string(e) + "人。";
    if (e) r.figures.Set(Figure::kEvacuated, e);
  } else {
    title = place + site + f.short_what + "有关情况";
    text = (stage ? "续报：" : t + "，") + place + site + f.what + "。我单位已派员赶赴现场，配合做好" +
           (kind == "transport" ? "道路抢通和运输保障" : "现场处置和隐患排查") + "工作。";
  }
  r.description = text;
  if (stage == 0 || rng.Chance(0.5)) {
    r.category = f.t->category;
    r.location.region = region;
    r.location.address = address_place + site + f.spot;
    if (!vague && rng.Chance(0.3)) {
      r.location.lat = f.lat + rng.Int(-20, 20) / 10000.0;
      r.location.lon = f.lon + rng.Int(-20, 20) / 10000.0;
    }
  }
  if (stage == 0) {
    r.title = title;
    r.occurred_at = FromUnixMillis(
        f.occurred_ms + (kind == "party_office" ? 0 : static_cast<std::int64_t>(rng.Int(-3, 3)) * 10 * kMinute));
    r.parties = site + "；相关人员";
  }
  return r;
}

}  // namespace shaobing::simulate
