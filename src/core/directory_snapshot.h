#pragma once
// The region tree and the unit registry as one immutable value: what validation, permission
// checks and fusion read (services/directory.h holds the current one and replaces it whole).
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/region.h"
#include "core/unit.h"

namespace shaobing {

struct DirectorySnapshot {
  RegionTree regions;
  std::vector<Unit> units;
  std::map<std::string, size_t, std::less<>> unit_index;  // id -> position in units

  const Unit* FindUnit(std::string_view id) const {
    auto it = unit_index.find(id);
    return it == unit_index.end() ? nullptr : &units[it->second];
  }
  // "640000/640100/640104": root-first lineage of a region code.
  std::string RegionPath(std::string_view code) const;
};

}  // namespace shaobing
