#include "simulate/regions_yaml.h"

#include <yaml-cpp/yaml.h>

namespace shaobing::simulate {

Result<RegionTree> LoadRegionTree(const std::string& path) {
  try {
    const YAML::Node root = YAML::LoadFile(path);
    std::vector<Region> regions;
    for (const YAML::Node& n : root["regions"]) {
      Region r;
      r.code = n["code"].as<std::string>();
      r.name = n["name"].as<std::string>();
      const auto level = ParseLevel(n["level"].as<std::string>());
      if (!level) return Fail(Error::Make(ErrorCode::kInvalidArgument, "invalid_value", "level", {{"path", path}}));
      r.level = *level;
      if (n["parent"]) r.parent = n["parent"].as<std::string>();
      if (n["aliases"]) r.aliases = n["aliases"].as<std::vector<std::string>>();
      if (n["lat"]) r.lat = n["lat"].as<double>();
      if (n["lon"]) r.lon = n["lon"].as<double>();
      regions.push_back(std::move(r));
    }
    return RegionTree::Build(std::move(regions));
  } catch (const std::exception& e) {
    return Fail(Error::Make(ErrorCode::kInvalidArgument, "invalid_file", "", {{"path", path}, {"detail", e.what()}}));
  }
}

}  // namespace shaobing::simulate
