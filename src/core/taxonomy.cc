#include "core/taxonomy.h"

#include <array>

namespace shaobing {
namespace {
using enum EventClass;
constexpr std::array<Category, 26> kCategories{{
    {"flood_drought", "水旱灾害", "Flood and drought", kNatural},
    {"meteorological", "气象灾害", "Meteorological disaster", kNatural},
    {"earthquake", "地震灾害", "Earthquake", kNatural},
    {"geological", "地质灾害", "Geological disaster", kNatural},
    {"forest_grassland_fire", "森林草原火灾", "Forest and grassland fire", kNatural},
    {"road_traffic", "道路交通事故", "Road traffic accident", kAccident},
    {"production_safety", "工矿商贸生产安全事故", "Production safety accident", kAccident},
    {"fire", "火灾", "Fire", kAccident},
    {"hazardous_chemicals", "危险化学品事故", "Hazardous chemicals accident", kAccident},
    {"special_equipment", "特种设备事故", "Special equipment accident", kAccident},
    {"construction", "建筑施工事故", "Construction accident", kAccident},
    {"environmental", "突发环境事件", "Environmental emergency", kAccident},
    {"public_facilities", "水电气热等公共设施事故", "Public utilities accident", kAccident},
    {"infectious_disease", "传染病疫情", "Infectious disease outbreak", kPublicHealth},
    {"food_safety", "食品安全事故/食物中毒", "Food safety / food poisoning", kPublicHealth},
    {"occupational_poisoning", "职业中毒", "Occupational poisoning", kPublicHealth},
    {"unknown_disease", "群体性不明原因疾病", "Unexplained cluster of illness", kPublicHealth},
    {"animal_epidemic", "动物疫情", "Animal epidemic", kPublicHealth},
    {"mass_incident", "群体性事件", "Mass incident", kSocialSecurity},
    {"criminal_case", "重大刑事案件", "Major criminal case", kSocialSecurity},
    {"terrorism", "恐怖袭击事件", "Terrorist attack", kSocialSecurity},
    {"extreme_behaviour", "个人极端事件", "Individual extreme act", kSocialSecurity},
    {"foreign_related", "涉外突发事件", "Foreign-related emergency", kSocialSecurity},
    {"ethnic_religious", "民族宗教事件", "Ethnic or religious incident", kSocialSecurity},
    {"online_opinion", "网络舆情事件", "Online public opinion", kSocialSecurity},
    {"school_safety", "校园安全事件", "School safety incident", kSocialSecurity},
}};
}  // namespace

std::span<const Category> AllCategories() { return kCategories; }

const Category* FindCategory(std::string_view code) {
  for (const auto& c : kCategories) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

std::string_view EventClassCode(EventClass c) {
  switch (c) {
    case kNatural:
      return "natural";
    case kAccident:
      return "accident";
    case kPublicHealth:
      return "public_health";
    case kSocialSecurity:
      return "social_security";
  }
  return "";
}

std::string_view EventClassNameZh(EventClass c) {
  switch (c) {
    case kNatural:
      return "自然灾害";
    case kAccident:
      return "事故灾难";
    case kPublicHealth:
      return "公共卫生事件";
    case kSocialSecurity:
      return "社会安全事件";
  }
  return "";
}

}  // namespace shaobing
