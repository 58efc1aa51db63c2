#pragma once
// What every fuzz target shares: the project's gazetteer, loaded once, and the checks that any
// error a parser returns for outside input is a client error (never kInternal, never a crash)
// that renders into a well-formed JSON error body in both languages, as the HTTP server sends it.
#include <boost/json/parse.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "api/errors.h"
#include "core/error.h"
#include "core/region.h"
#include "core/utf8.h"
#include "loaders/data_files.h"

namespace shaobing::fuzz {

// Aborts (a crash libFuzzer reports with the input) when a property does not hold.
#define FUZZ_CHECK(condition, what)                                                                           \
  do {                                                                                                        \
    if (!(condition)) {                                                                                       \
      std::fprintf(stderr, "property violated at %s:%d: %s\n  (%s)\n", __FILE__, __LINE__, what, #condition); \
      std::abort();                                                                                           \
    }                                                                                                         \
  } while (0)

// The input as text. libFuzzer hands out arbitrary bytes, NULs included.
inline std::string_view Text(const uint8_t* data, size_t size) { return {reinterpret_cast<const char*>(data), size}; }

// data/regions/ningxia.yaml as a tree; aborts when the committed gazetteer does not load.
inline const RegionTree& Gazetteer() {
  static const RegionTree* tree = [] {
    const std::string file = std::string(SHAOBING_SOURCE_DIR) + "/data/regions/ningxia.yaml";
    auto text = ReadTextFile(file);
    FUZZ_CHECK(text.has_value(), "data/regions/ningxia.yaml is readable");
    auto regions = ParseRegionsYaml(*text, file);
    FUZZ_CHECK(regions.has_value(), "data/regions/ningxia.yaml parses");
    auto built = RegionTree::Build(std::move(*regions));
    FUZZ_CHECK(built.has_value(), "data/regions/ningxia.yaml is a valid tree");
    return new RegionTree(std::move(*built));
  }();
  return *tree;
}

// A parser's answer to bad outside input: a client error (400 or 413) whose response body, in
// either language, is one JSON object {"error": {...}}.
inline void CheckInputError(const Error& error) {
  FUZZ_CHECK(error.code == ErrorCode::kInvalidArgument || error.code == ErrorCode::kTooLarge,
             "bad input is a client error, not an internal one");
  FUZZ_CHECK(!error.reason.empty(), "an error has a reason");
  for (auto locale : {i18n::Locale::kZhCn, i18n::Locale::kEn}) {
    const auto response = api::ErrorResponse(error, locale);
    boost::system::error_code ec;
    const auto body = boost::json::parse(response.body, ec);
    FUZZ_CHECK(!ec && body.is_object() && body.as_object().contains("error"), "the error body is JSON");
  }
}

}  // namespace shaobing::fuzz
