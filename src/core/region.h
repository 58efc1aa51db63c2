#pragma once
// The region tree (GB/T 2260 six-digit codes). It is data: nothing assumes a province.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace shaobing {

// Reporting levels, lowest first. A region's own level is one of county/city/region.
enum class Level { kCounty = 0, kCity = 1, kRegion = 2, kCentre = 3 };

const char* LevelCode(Level level);  // "county", "city", "region", "centre"
std::optional<Level> ParseLevel(std::string_view code);

struct Region {
  std::string code;  // "640104"
  std::string name;  // "兴庆区"
  Level level = Level::kCounty;
  std::string parent;                // "" for the root
  std::vector<std::string> aliases;  // "兴庆", ...
  std::optional<double> lat, lon;    // centroid (WGS-84)
};

// Whether `code` has the form of a GB/T 2260 code: six digits (whether it exists is the
// tree's business).
bool IsSixDigits(std::string_view code);

class RegionTree {
 public:
  RegionTree() = default;
  // Validates: unique six-digit codes, exactly one root, parents exist and are one level up,
  // unique names/aliases. Errors name the offending code.
  static Result<RegionTree> Build(std::vector<Region> regions);

  const Region* Find(std::string_view code) const;
  // By exact name or alias ("银川", "银川市"); nullptr when unknown or ambiguous.
  const Region* Resolve(std::string_view name) const;
  const Region& Root() const { return regions_.at(root_); }
  // True when `code` is `ancestor` or lies below it.
  bool Contains(std::string_view ancestor, std::string_view code) const;
  // The region itself and its ancestors, nearest first.
  std::vector<const Region*> Lineage(std::string_view code) const;
  // The region of `level` in Lineage(code) (`code` itself included); nullptr when there is
  // none (an unknown code, a level below the code's own, the centre).
  const Region* AncestorAt(std::string_view code, Level level) const;
  // The codes of Lineage(code), nearest first.
  std::vector<std::string> LineageCodes(std::string_view code) const;
  std::vector<const Region*> Children(std::string_view code) const;
  std::vector<const Region*> All() const;
  size_t size() const { return regions_.size(); }
  bool empty() const { return regions_.empty(); }

 private:
  std::map<std::string, Region, std::less<>> regions_;
  std::map<std::string, std::string, std::less<>> names_;  // name/alias -> code
  std::string root_;
};

}  // namespace shaobing
