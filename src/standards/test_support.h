#pragma once
// Helpers for the standards tests: the default catalogue and fixtures from testdata/standards.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "standards/catalogue_loader.h"
#include "standards/load_error.h"
#include "testing/test_data.h"

namespace shaobing::standards_test {

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string Fixture(const std::string& name) {
  return ReadFile(testing::SourceDir() + "/testdata/standards/" + name);
}

// data/standards/default.yaml, loaded once.
inline const Catalogue& DefaultCatalogue() {
  static const Catalogue kCatalogue = [] {
    auto c = LoadCatalogue(ReadFile(testing::SourceDir() + "/data/standards/default.yaml"), "default.yaml");
    if (!c) {
      ADD_FAILURE() << FormatLoadError(c.error());
      std::abort();
    }
    return *std::move(c);
  }();
  return kCatalogue;
}

}  // namespace shaobing::standards_test
