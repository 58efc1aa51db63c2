#include "core/region.h"

#include <algorithm>

namespace shaobing {

const char* LevelCode(Level level) {
  switch (level) {
    case Level::kCounty:
      return "county";
    case Level::kCity:
      return "city";
    case Level::kRegion:
      return "region";
    case Level::kCentre:
      return "centre";
  }
  return "county";
}

std::optional<Level> ParseLevel(std::string_view code) {
  for (Level l : {Level::kCounty, Level::kCity, Level::kRegion, Level::kCentre}) {
    if (code == LevelCode(l)) return l;
  }
  return std::nullopt;
}

bool IsSixDigits(std::string_view s) {
  return s.size() == 6 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

namespace {
Error Bad(std::string reason, std::string code, std::string detail = {}) {
  return Error::Make(ErrorCode::kInvalidArgument, std::move(reason), "region",
                     {{"code", std::move(code)}, {"detail", std::move(detail)}});
}
}  // namespace

Result<RegionTree> RegionTree::Build(std::vector<Region> regions) {
  RegionTree tree;
  for (auto& r : regions) {
    if (!IsSixDigits(r.code)) return Fail(Bad("region_bad_code", r.code));
    if (r.name.empty()) return Fail(Bad("region_missing_name", r.code));
    if (r.parent.empty()) {
      if (!tree.root_.empty()) return Fail(Bad("region_two_roots", r.code, tree.root_));
      tree.root_ = r.code;
    }
    std::string code = r.code;
    if (!tree.regions_.emplace(code, std::move(r)).second) return Fail(Bad("region_duplicate", code));
  }
  if (tree.root_.empty()) return Fail(Bad("region_no_root", ""));
  for (const auto& [code, r] : tree.regions_) {
    if (!r.parent.empty()) {
      auto p = tree.regions_.find(r.parent);
      if (p == tree.regions_.end()) return Fail(Bad("region_unknown_parent", code, r.parent));
      if (static_cast<int>(p->second.level) <= static_cast<int>(r.level)) {
        return Fail(Bad("region_bad_level", code, r.parent));
      }
    }
    std::vector<std::string> names = r.aliases;
    names.push_back(r.name);
    for (const auto& n : names) {
      auto [it, fresh] = tree.names_.emplace(n, code);
      if (!fresh && it->second != code) it->second.clear();  // ambiguous: resolve to nothing
    }
  }
  return tree;
}

const Region* RegionTree::Find(std::string_view code) const {
  auto it = regions_.find(code);
  return it == regions_.end() ? nullptr : &it->second;
}

const Region* RegionTree::Resolve(std::string_view name) const {
  auto it = names_.find(name);
  if (it == names_.end() || it->second.empty()) return Find(name);
  return Find(it->second);
}

bool RegionTree::Contains(std::string_view ancestor, std::string_view code) const {
  for (const Region* r = Find(code); r != nullptr; r = r->parent.empty() ? nullptr : Find(r->parent)) {
    if (r->code == ancestor) return true;
  }
  return false;
}

std::vector<std::string> RegionTree::LineageCodes(std::string_view code) const {
  std::vector<std::string> out;
  for (const Region* r : Lineage(code)) out.push_back(r->code);
  return out;
}

std::vector<const Region*> RegionTree::Lineage(std::string_view code) const {
  std::vector<const Region*> out;
  for (const Region* r = Find(code); r != nullptr; r = r->parent.empty() ? nullptr : Find(r->parent)) {
    out.push_back(r);
  }
  return out;
}

const Region* RegionTree::AncestorAt(std::string_view code, Level level) const {
  for (const Region* r = Find(code); r != nullptr; r = r->parent.empty() ? nullptr : Find(r->parent)) {
    if (r->level == level) return r;
  }
  return nullptr;
}

std::vector<const Region*> RegionTree::Children(std::string_view code) const {
  std::vector<const Region*> out;
  for (const auto& [c, r] : regions_) {
    if (r.parent == code) out.push_back(&r);
  }
  return out;
}

std::vector<const Region*> RegionTree::All() const {
  std::vector<const Region*> out;
  out.reserve(regions_.size());
  for (const auto& [c, r] : regions_) out.push_back(&r);
  return out;
}

}  // namespace shaobing
