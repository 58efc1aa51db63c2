#pragma once
// Reads a gazetteer file (data/regions/*.yaml: regions with code, name, level, parent,
// aliases, lat, lon) into a RegionTree, for the simulator's command line and tests.
// The server reads the same files through src/app/data_files.h.
#include <string>

#include "core/error.h"
#include "core/region.h"

namespace shaobing::simulate {

Result<RegionTree> LoadRegionTree(const std::string& path);

}  // namespace shaobing::simulate
