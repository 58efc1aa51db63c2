#pragma once
// The region tree and the unit registry, held in memory for validation and permission
// checks on the hot path, loaded from the store and replaced whole after an import.
// Readers take a snapshot (shared_ptr) and never see a half-updated directory.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/region.h"
#include "core/thread_annotations.h"
#include "core/unit.h"
#include "store/store.h"

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

class Directory {
 public:
  // Reloads from the store; keeps the previous snapshot when the store's data is invalid.
  Status Reload(Store& store);
  std::shared_ptr<const DirectorySnapshot> Get() const;

 private:
  mutable Mutex mu_;
  std::shared_ptr<const DirectorySnapshot> current_ GUARDED_BY(mu_) = std::make_shared<DirectorySnapshot>();
};

}  // namespace shaobing
