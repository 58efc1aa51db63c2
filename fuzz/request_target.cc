// Feeds: an HTTP request target (the text after the method in the request line) to
// api::DecodeTarget, and the decoded segments to api::ResolveStaticPath over a small web root
// with traps (web_root.h).
// Asserts: no crash, leak or undefined behaviour; a refusal is a client error; a decoded path,
// segment, query key or value holds no control character; and a resolved file is a regular
// file whose real path lies inside the root's real path (never the secret beside it, never a
// FIFO, never a file a symlink leads out to).
#include "api/request_target.h"

#include <cstdint>

#include "fuzz_support.h"
#include "web_root.h"

namespace {

bool HasControl(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  shaobing::fuzz::TestWebRoot();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace shaobing;
  auto decoded = api::DecodeTarget(fuzz::Text(data, size));
  if (!decoded) {
    fuzz::CheckInputError(decoded.error());
    return 0;
  }
  FUZZ_CHECK(!HasControl(decoded->path), "no control character in the decoded path");
  for (const auto& segment : decoded->segments) FUZZ_CHECK(!HasControl(segment), "no control character in a segment");
  for (const auto& [key, value] : decoded->query) {
    FUZZ_CHECK(!HasControl(key) && !HasControl(value), "no control character in the query");
  }
  fuzz::CheckStaticPath(decoded->segments);
  return 0;
}
