#pragma once
// Reporting units (直报点 and others) and the perspectives they report from.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/region.h"

namespace shaobing {

// Unit kinds of CONTRACTS.md §1, with Chinese names.
struct UnitKindInfo {
  std::string_view code;     // "emergency_management"
  std::string_view name_zh;  // "应急管理部门"
};
std::span<const UnitKindInfo> AllUnitKinds();
const UnitKindInfo* FindUnitKind(std::string_view code);

// Perspectives of multi-source reporting (DOMAIN.md §5).
struct PerspectiveInfo {
  std::string_view code;     // "casualties_treatment"
  std::string_view name_zh;  // "伤亡与救治"
};
std::span<const PerspectiveInfo> AllPerspectives();
const PerspectiveInfo* FindPerspective(std::string_view code);

struct Unit {
  std::string id;      // "640104-dw"
  std::string name;    // "中共银川市兴庆区委办公室"
  std::string kind;    // a UnitKindInfo code
  std::string region;  // GB/T 2260 code of the region it serves
  Level level = Level::kCounty;
  bool direct = false;  // a direct reporting point (直报点): reports straight to the region
  std::vector<std::string> perspectives;
  std::string contact_name, contact_phone;
};

// Checks one unit against the region tree and the closed code lists; every problem is named.
std::vector<FieldError> ValidateUnit(const Unit& unit, const RegionTree& regions);

}  // namespace shaobing
