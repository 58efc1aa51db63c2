#pragma once
// The layout of the data folder (data/ of the source tree, the one shipped with the program, or
// the folder `--files DIR` names) and the reading of its files into the values the services
// take. The one place that names those files: no service reads a file.
#include <string>
#include <vector>

#include "core/error.h"
#include "core/region.h"
#include "core/unit.h"

namespace shaobing {

// Locates a file of the data folder: `files_dir` when given, else the one shipped with the
// program (install_paths.h).
std::string DataPath(const std::string& files_dir, const std::string& relative);

// Paths inside the data folder.
inline constexpr char kGazetteerFile[] = "regions/ningxia.yaml";
inline constexpr char kUnitsFile[] = "units/ningxia-units.yaml";
inline constexpr char kDefaultCatalogueFile[] = "standards/default.yaml";
inline constexpr char kDemoAccountsFile[] = "demo/accounts.yaml";
inline constexpr char kDemoScenarioFile[] = "demo/scenario.yaml";

// The gazetteer of `files_dir` ("" = the shipped data folder, DataPath), strictly parsed.
Result<std::vector<Region>> LoadGazetteerRegions(const std::string& files_dir);
// The same as a validated tree.
Result<RegionTree> LoadGazetteer(const std::string& files_dir);
// The unit registry of `files_dir`, checked against `regions`.
Result<std::vector<Unit>> LoadRegistryUnits(const std::string& files_dir, const RegionTree& regions);
// The text of the default reporting catalogue of `files_dir` (published on a first start).
Result<std::string> LoadDefaultCatalogueText(const std::string& files_dir);

}  // namespace shaobing
