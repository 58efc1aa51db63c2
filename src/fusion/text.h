#pragma once
// Chinese text features for linking: character n-gram shingles (hashed) and named entities
// (places from the gazetteer, roads, enterprises, schools, communities). Pure functions.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/region.h"

namespace shaobing::fusion {

// Code points of `text` that carry meaning: CJK ideographs, letters and digits (ASCII
// letters lower-cased). Punctuation, spaces and invalid UTF-8 bytes are dropped.
std::u32string Normalize(std::string_view text);

// Sorted, unique 32-bit hashes of the character bigrams of the normalized text, at most
// `max_grams` of them (the first ones in text order are kept: put the telling fields first).
std::vector<std::uint32_t> Shingles(std::string_view text, size_t max_grams);

// A 32-bit hash of a string (FNV-1a), used for entities and unit ids.
std::uint32_t Hash32(std::string_view s);

// Named entities found in text, as normalized keys: "640104" (a region), "g6" (a road),
// "瑞泰:org" (the two characters before the suffix and the suffix's class), "k12:km".
struct Entity {
  enum class Kind { kRegion, kRoad, kOrganisation, kPlace };
  Kind kind;
  std::string text;  // region: its code; others: the normalized name
};

// Finds entities. Regions are matched by name and alias from `regions` (longest first);
// roads by code ("G6", "S101") or by the names of the region's highways (京藏, 青银 ...);
// organisations and places by suffix (公司, 厂, 煤矿, 学校, 中学, 小学, 小区, 村, 镇, 街道, 市场 ...; hospitals are
// skipped: one hospital treats the casualties of many events) with the
// two to six characters before the suffix, region names stripped from the front.
class EntityExtractor {
 public:
  explicit EntityExtractor(const RegionTree& regions);
  std::vector<Entity> Extract(std::string_view text) const;
  // The codes of the regions named in `text` (by name or alias), in order of appearance.
  std::vector<std::string> Regions(std::string_view text) const;

 private:
  struct Name {
    std::u32string text;
    std::string code;
  };
  std::vector<Name> names_;  // longest first
};

}  // namespace shaobing::fusion
