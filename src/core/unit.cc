#include "core/unit.h"

#include <array>

namespace shaobing {
namespace {
constexpr std::array<UnitKindInfo, 19> kKinds{{
    {"party_office", "党委办公室"},
    {"government_office", "政府办公室"},
    {"emergency_management", "应急管理部门"},
    {"ecology_environment", "生态环境部门"},
    {"health", "卫生健康部门"},
    {"public_security", "公安机关"},
    {"fire_rescue", "消防救援机构"},
    {"transport", "交通运输部门"},
    {"housing_construction", "住房城乡建设部门"},
    {"education", "教育部门"},
    {"market_regulation", "市场监管部门"},
    {"natural_resources", "自然资源部门"},
    {"water_resources", "水利部门"},
    {"ethnic_religious", "民族宗教部门"},
    {"media", "新闻媒体"},
    {"university", "高等院校"},
    {"research_institute", "科研院所"},
    {"enterprise", "重点企业"},
    {"other", "其他"},
}};
constexpr std::array<PerspectiveInfo, 5> kPerspectives{{
    {"technical_cause", "技术原因"},
    {"environmental_harm", "环境危害"},
    {"casualties_treatment", "伤亡与救治"},
    {"aftermath_stability", "善后与稳定"},
    {"law_order", "治安与秩序"},
}};
}  // namespace

std::span<const UnitKindInfo> AllUnitKinds() { return kKinds; }
const UnitKindInfo* FindUnitKind(std::string_view code) {
  for (const auto& k : kKinds) {
    if (k.code == code) return &k;
  }
  return nullptr;
}
std::span<const PerspectiveInfo> AllPerspectives() { return kPerspectives; }
const PerspectiveInfo* FindPerspective(std::string_view code) {
  for (const auto& p : kPerspectives) {
    if (p.code == code) return &p;
  }
  return nullptr;
}

std::vector<FieldError> ValidateUnit(const Unit& u, const RegionTree& regions) {
  std::vector<FieldError> out;
  auto bad = [&](std::string reason, std::string field, std::string value = {}) {
    out.push_back({std::move(reason), std::move(field), {{"value", std::move(value)}}});
  };
  if (u.id.empty() || u.id.size() > 64 ||
      u.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_.") != std::string::npos) {
    bad(u.id.empty() ? "missing_field" : "invalid_unit_id", "id", u.id);
  }
  if (u.name.empty()) bad("missing_field", "name");
  if (!FindUnitKind(u.kind)) bad("unknown_unit_kind", "kind", u.kind);
  if (!regions.Find(u.region)) bad("unknown_region", "region", u.region);
  for (size_t i = 0; i < u.perspectives.size(); ++i) {
    if (!FindPerspective(u.perspectives[i])) {
      bad("unknown_perspective", "perspectives[" + std::to_string(i) + "]", u.perspectives[i]);
    }
  }
  return out;
}

}  // namespace shaobing
