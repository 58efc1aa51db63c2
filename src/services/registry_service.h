#pragma once
// The region tree and the unit registry: imports (audited, all-or-nothing) and the
// first-start bootstrap from values the composition root read from the data files.
#include <string>
#include <vector>

#include "core/region.h"
#include "core/unit.h"
#include "services/directory.h"
#include "store/store.h"

namespace shaobing {

class RegistryService {
 public:
  RegistryService(Store& store, Directory& directory) : store_(store), directory_(directory) {}

  // Validates the whole tree, writes it in one transaction, reloads the directory.
  Status ImportRegions(std::vector<Region> regions, std::string_view actor);
  // Inserts or updates units (by id) in one transaction, reloads the directory.
  Status ImportUnits(const std::vector<Unit>& units, std::string_view actor);
  // Loads the directory from the store. Returns true when the store holds no region yet (a
  // first start, which Bootstrap completes).
  Result<bool> Load();
  // On a first start: imports `regions` then `units` (actor "system"). The caller parsed them
  // (units checked against a tree of `regions`); nothing here reads a file.
  Status Bootstrap(std::vector<Region> regions, const std::vector<Unit>& units);

 private:
  Store& store_;
  Directory& directory_;
};

}  // namespace shaobing
