// Feeds: a unit registry as YAML text to ParseUnitsYaml, checked against the gazetteer
// data/regions/ningxia.yaml — what `shaobing import units FILE.yaml` and the server's bootstrap
// (data/units/*.yaml) read.
// Asserts: no crash, leak or undefined behaviour; a refusal is a client error naming the file
// and line that renders; an accepted registry is UTF-8 and every unit in it passes ValidateUnit.
#include <cstdint>

#include "fuzz_support.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  shaobing::fuzz::Gazetteer();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace shaobing;
  auto units = ParseUnitsYaml(std::string(fuzz::Text(data, size)), "units.yaml", fuzz::Gazetteer());
  if (!units) {
    fuzz::CheckInputError(units.error());
    return 0;
  }
  FUZZ_CHECK(IsValidUtf8(fuzz::Text(data, size)), "an accepted registry is UTF-8 (it is served as JSON)");
  for (const auto& unit : *units)
    FUZZ_CHECK(ValidateUnit(unit, fuzz::Gazetteer()).empty(), "an accepted unit is valid");
  return 0;
}
