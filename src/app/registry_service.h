#pragma once
// The region tree and the unit registry: imports (audited, all-or-nothing) and the
// first-start bootstrap from the data files shipped with the server.
#include <string>
#include <vector>

#include "app/directory.h"
#include "core/region.h"
#include "core/unit.h"
#include "store/store.h"

namespace shaobing {

class RegistryService {
 public:
  RegistryService(Store& store, Directory& directory) : store_(store), directory_(directory) {}

  // Validates the whole tree, writes it in one transaction, reloads the directory.
  Status ImportRegions(std::vector<Region> regions, std::string_view actor);
  // Inserts or updates units (by id) in one transaction, reloads the directory.
  Status ImportUnits(const std::vector<Unit>& units, std::string_view actor);
  // On an empty store: the gazetteer and the unit registry from `data_dir` (data/regions/*.yaml
  // and data/units/*.yaml of the installed data). Does nothing when regions exist.
  Status Bootstrap(const std::string& data_dir);

 private:
  Store& store_;
  Directory& directory_;
};

}  // namespace shaobing
