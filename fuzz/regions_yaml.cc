// Feeds: a gazetteer as YAML text to ParseRegionsYaml and the regions to RegionTree::Build —
// what the server and every command read from FILES/regions/*.yaml (`--files`).
// Asserts: no crash, leak, hang or undefined behaviour; a refusal is a client error that
// renders; an accepted gazetteer is UTF-8; in a tree that builds, every region is found by its
// code, its lineage ends at the root without repeating a region, and the root contains it.
#include <cstdint>
#include <set>

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace shaobing;
  auto regions = ParseRegionsYaml(std::string(fuzz::Text(data, size)), "regions.yaml");
  if (!regions) {
    fuzz::CheckInputError(regions.error());
    return 0;
  }
  FUZZ_CHECK(IsValidUtf8(fuzz::Text(data, size)), "an accepted gazetteer is UTF-8 (it is served as JSON)");
  auto tree = RegionTree::Build(std::move(*regions));
  if (!tree) {
    fuzz::CheckInputError(tree.error());
    return 0;
  }
  const std::string root = tree->Root().code;
  for (const Region* region : tree->All()) {
    FUZZ_CHECK(tree->Find(region->code) == region, "a region is found by its code");
    const auto lineage = tree->LineageCodes(region->code);
    FUZZ_CHECK(!lineage.empty() && lineage.front() == region->code && lineage.back() == root,
               "a lineage runs from the region to the root");
    FUZZ_CHECK(std::set<std::string>(lineage.begin(), lineage.end()).size() == lineage.size(),
               "a lineage repeats no region");
    FUZZ_CHECK(tree->Contains(root, region->code), "the root contains every region");
  }
  return 0;
}
