#include "app/data_layout.h"

#include "app/install_paths.h"
#include "loaders/data_files.h"

namespace shaobing {

std::string DataPath(const std::string& files_dir, const std::string& relative) {
  return (files_dir.empty() ? ShippedDataDir() : files_dir) + "/" + relative;
}

Result<std::vector<Region>> LoadGazetteerRegions(const std::string& files_dir) {
  const std::string file = DataPath(files_dir, kGazetteerFile);
  auto text = ReadTextFile(file);
  if (!text) return Fail(text.error());
  return ParseRegionsYaml(*text, file);
}

Result<RegionTree> LoadGazetteer(const std::string& files_dir) {
  return LoadGazetteerFile(DataPath(files_dir, kGazetteerFile));
}

Result<std::vector<Unit>> LoadRegistryUnits(const std::string& files_dir, const RegionTree& regions) {
  return LoadUnitsFile(DataPath(files_dir, kUnitsFile), regions);
}

Result<std::string> LoadDefaultCatalogueText(const std::string& files_dir) {
  return ReadTextFile(DataPath(files_dir, kDefaultCatalogueFile));
}

}  // namespace shaobing
