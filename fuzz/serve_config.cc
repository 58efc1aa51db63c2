// Feeds: a configuration file as YAML text to ApplyServeConfig — what `shaobing serve
// --config FILE` and `shaobing config check FILE` read.
// Asserts: no crash, leak, hang or undefined behaviour; a refusal is a client error whose
// message renders and changes nothing; an accepted file is UTF-8 and its listen address parses.
#include "app/serve_config.h"

#include <cstdint>

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace shaobing;
  ServeSettings settings;
  const ServeSettings before = settings;
  const auto applied = ApplyServeConfig(std::string(fuzz::Text(data, size)), "shaobing.yaml", settings);
  if (!applied) {
    fuzz::CheckInputError(applied.error());
    FUZZ_CHECK(settings.listen == before.listen && settings.app.data_dir == before.app.data_dir &&
                   settings.app.http.max_body_bytes == before.app.http.max_body_bytes,
               "a refused file changes nothing");
    return 0;
  }
  FUZZ_CHECK(IsValidUtf8(fuzz::Text(data, size)), "an accepted file is UTF-8");
  api::HttpServerOptions http;
  FUZZ_CHECK(ParseListen(settings.listen, http), "an accepted listen address parses");
  return 0;
}
