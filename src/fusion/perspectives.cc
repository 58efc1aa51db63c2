#include "fusion/perspectives.h"

#include <algorithm>

#include "core/taxonomy.h"
#include "core/unit.h"

namespace shaobing::fusion {
namespace {

struct Keywords {
  std::string_view perspective;
  std::vector<std::string_view> words;
};

const std::vector<Keywords>& AllKeywords() {
  static const std::vector<Keywords> kKeywords = {
      {"technical_cause",
       {"原因", "起因", "调查认定", "初步分析", "操作不当", "违规", "隐患", "安全生产", "泄漏点", "爆炸点", "工艺"}},
      {"environmental_harm",
       {"监测", "浓度", "水质", "大气", "污染", "超标", "环境", "下游", "水体", "特征污染物", "围堵"}},
      {"casualties_treatment", {"救治", "收治", "伤员", "医院", "抢救", "重症", "生命体征", "医疗", "出院", "中毒"}},
      {"aftermath_stability", {"善后", "家属", "安置", "情绪", "稳定", "舆情", "赔偿", "慰问", "群众情绪", "回迁"}},
      {"law_order", {"警戒", "交通管制", "控制", "立案", "嫌疑人", "刑事", "拘留", "治安", "秩序", "分流"}},
  };
  return kKeywords;
}

std::string_view KindPerspective(std::string_view kind) {
  if (kind == "emergency_management" || kind == "fire_rescue" || kind == "housing_construction" ||
      kind == "market_regulation" || kind == "natural_resources" || kind == "water_resources") {
    return "technical_cause";
  }
  if (kind == "ecology_environment") return "environmental_harm";
  if (kind == "health") return "casualties_treatment";
  if (kind == "party_office" || kind == "government_office" || kind == "ethnic_religious") return "aftermath_stability";
  if (kind == "public_security" || kind == "transport") return "law_order";
  return "";
}

}  // namespace

const std::vector<std::string_view>& PerspectiveKeywords(std::string_view perspective) {
  static const std::vector<std::string_view> kNone;
  for (const Keywords& k : AllKeywords()) {
    if (k.perspective == perspective) return k.words;
  }
  return kNone;
}

std::vector<std::string_view> ExpectedKinds(std::string_view perspective) {
  if (perspective == "technical_cause") return {"emergency_management", "fire_rescue"};
  if (perspective == "environmental_harm") return {"ecology_environment"};
  if (perspective == "casualties_treatment") return {"health"};
  if (perspective == "aftermath_stability") return {"party_office", "government_office"};
  if (perspective == "law_order") return {"public_security"};
  return {};
}

std::vector<std::string> TagPerspectives(const ReportDraft& r, std::string_view unit_kind) {
  const std::string text = r.title + r.description + r.measures.value_or("") + r.cause.value_or("");
  std::vector<std::string> out;
  for (const PerspectiveInfo& p : AllPerspectives()) {
    bool on = KindPerspective(unit_kind) == p.code;
    if (p.code == "technical_cause" && r.cause) on = true;
    for (const Keywords& k : AllKeywords()) {
      if (on || k.perspective != p.code) continue;
      int hits = 0;
      for (std::string_view w : k.words) hits += text.find(w) != std::string::npos ? 1 : 0;
      on = hits >= 2;
    }
    if (on) out.emplace_back(p.code);
  }
  return out;
}

std::vector<PerspectiveStatus> EventPerspectives(std::string_view category, const std::vector<SourcedReport>& reports) {
  const Category* cat = FindCategory(category);
  const EventClass cls = cat ? cat->event_class : EventClass::kAccident;
  bool casualties = false, evacuation = false;
  for (const SourcedReport& r : reports) {
    for (Figure f :
         {Figure::kDeaths, Figure::kMissing, Figure::kSeriousInjuries, Figure::kInjuries, Figure::kPoisoned}) {
      casualties |= r.draft.figures.Get(f).value_or(0) > 0;
    }
    evacuation |= r.draft.figures.Get(Figure::kEvacuated).value_or(0) > 0 ||
                  r.draft.figures.Get(Figure::kPoisoned).value_or(0) > 0;
  }
  std::vector<const SourcedReport*> ordered;
  ordered.reserve(reports.size());
  for (const SourcedReport& r : reports) ordered.push_back(&r);
  std::stable_sort(ordered.begin(), ordered.end(), [](auto* a, auto* b) { return a->at < b->at; });

  std::vector<PerspectiveStatus> out;
  for (const PerspectiveInfo& p : AllPerspectives()) {
    PerspectiveStatus s;
    s.code = p.code;
    s.name_zh = p.name_zh;
    for (std::string_view k : ExpectedKinds(p.code)) s.expected_kinds.emplace_back(k);
    if (p.code == "aftermath_stability") s.expected = true;
    if (p.code == "technical_cause") s.expected = cls == EventClass::kAccident;
    if (p.code == "environmental_harm") {
      s.expected = category == "hazardous_chemicals" || category == "environmental" ||
                   ((category == "fire" || category == "production_safety") && evacuation);
    }
    if (p.code == "casualties_treatment") s.expected = casualties || cls == EventClass::kPublicHealth;
    if (p.code == "law_order") s.expected = category == "road_traffic" || cls == EventClass::kSocialSecurity;
    for (const SourcedReport* r : ordered) {
      const auto tags = TagPerspectives(r->draft, r->unit_kind);
      if (std::find(tags.begin(), tags.end(), p.code) == tags.end()) continue;
      if (std::find(s.covered_by.begin(), s.covered_by.end(), r->unit) == s.covered_by.end())
        s.covered_by.push_back(r->unit);
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace shaobing::fusion
