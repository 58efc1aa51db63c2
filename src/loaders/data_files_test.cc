// The data files administrators keep must be UTF-8: a registry or gazetteer saved as GBK by a
// spreadsheet program was imported byte for byte, and every JSON answer naming its units then
// carried bytes no client can read. Found fuzzing these parsers (fuzz/units_csv, units_yaml,
// regions_yaml): their errors quoted such bytes, and nothing kept them out of the store.
#include "loaders/data_files.h"

#include <gtest/gtest.h>

#include "testing/test_data.h"

namespace shaobing {
namespace {

// 银川 in GBK.
constexpr const char* kGbkYinchuan = "\xD2\xF8\xB4\xA8";

RegionTree Ningxia() {
  const std::string file = testing::SourceDir() + "/data/regions/ningxia.yaml";
  auto text = ReadTextFile(file);
  EXPECT_TRUE(text.has_value());
  auto regions = ParseRegionsYaml(text.value_or(""), file);
  EXPECT_TRUE(regions.has_value());
  auto tree = RegionTree::Build(regions.value_or(std::vector<Region>{}));
  return tree ? std::move(*tree) : RegionTree{};
}

std::string ArgOf(const Error& error, const std::string& name) {
  for (const auto& a : error.args) {
    if (a.name == name) return a.value;
  }
  return "";
}

void ExpectNotUtf8(const Result<std::vector<Unit>>& units, const std::string& line) {
  ASSERT_FALSE(units.has_value());
  EXPECT_EQ(units.error().reason, "file_syntax");
  EXPECT_EQ(ArgOf(units.error(), "line"), line);
  EXPECT_NE(ArgOf(units.error(), "detail").find("not UTF-8"), std::string::npos) << ArgOf(units.error(), "detail");
}

TEST(DataFiles, UnitsCsvInUtf8Imports) {
  const std::string csv =
      "id,name,kind,region,level,direct,perspectives,contact_name,contact_phone\n"
      "640100-x,银川市某单位,health,640100,city,false,,王某,0951\n";
  auto units = ParseUnitsCsv(csv, "units.csv", Ningxia());
  ASSERT_TRUE(units.has_value()) << units.error().reason;
  EXPECT_EQ(units->at(0).name, "银川市某单位");
}

TEST(DataFiles, UnitsCsvNotInUtf8IsRefusedAtItsLine) {
  const std::string csv =
      "id,name,kind,region,level,direct,perspectives,contact_name,contact_phone\n"
      "640100-x," +
      std::string(kGbkYinchuan) + "市某单位,health,640100,city,false,,,\n";
  ExpectNotUtf8(ParseUnitsCsv(csv, "units.csv", Ningxia()), "2");
}

TEST(DataFiles, UnitsYamlNotInUtf8IsRefusedAtItsLine) {
  const std::string yaml = "units:\n  - id: 640100-x\n    name: " + std::string(kGbkYinchuan) +
                           "\n    kind: health\n    region: \"640100\"\n    level: city\n";
  ExpectNotUtf8(ParseUnitsYaml(yaml, "units.yaml", Ningxia()), "3");
}

TEST(DataFiles, RegionsYamlNotInUtf8IsRefusedAtItsLine) {
  const std::string yaml =
      "regions:\n  - code: \"640000\"\n    name: " + std::string(kGbkYinchuan) + "\n    level: region\n";
  auto regions = ParseRegionsYaml(yaml, "regions.yaml");
  ASSERT_FALSE(regions.has_value());
  EXPECT_EQ(regions.error().reason, "file_syntax");
  EXPECT_EQ(ArgOf(regions.error(), "line"), "3");
}

}  // namespace
}  // namespace shaobing
