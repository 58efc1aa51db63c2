#include "app/data_layout.h"

#include "app/data_files.h"

namespace shaobing {

Result<std::vector<Region>> LoadGazetteerRegions(const std::string& files_dir) {
  const std::string file = DataPath(files_dir, kGazetteerFile);
  auto text = ReadTextFile(file);
  if (!text) return Fail(text.error());
  return ParseRegionsYaml(*text, file);
}

Result<RegionTree> LoadGazetteer(const std::string& files_dir) {
  auto regions = LoadGazetteerRegions(files_dir);
  if (!regions) return Fail(regions.error());
  return RegionTree::Build(std::move(*regions));
}

Result<std::vector<Unit>> LoadRegistryUnits(const std::string& files_dir, const RegionTree& regions) {
  return LoadUnitsFile(DataPath(files_dir, kUnitsFile), regions);
}

Result<std::string> LoadDefaultCatalogueText(const std::string& files_dir) {
  return ReadTextFile(DataPath(files_dir, kDefaultCatalogueFile));
}

}  // namespace shaobing
