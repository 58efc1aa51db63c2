#pragma once
// Event taxonomy of the national plan (DOMAIN.md §2): four classes, codes are the contract.
#include <span>
#include <string_view>

namespace shaobing {

enum class EventClass { kNatural, kAccident, kPublicHealth, kSocialSecurity };

struct Category {
  std::string_view code;     // "fire"
  std::string_view name_zh;  // "火灾"
  std::string_view name_en;  // "Fire"
  EventClass event_class;
};

std::span<const Category> AllCategories();
const Category* FindCategory(std::string_view code);  // nullptr when unknown
std::string_view EventClassCode(EventClass c);        // "natural", "accident", ...
std::string_view EventClassNameZh(EventClass c);      // "自然灾害", ...

}  // namespace shaobing
