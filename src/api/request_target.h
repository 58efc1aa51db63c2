#pragma once
// Decoding of an HTTP request target (origin form, RFC 9112 §3.2.1) into what the router and
// the static files see. Pure; the HTTP server and the fuzz target share it.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace shaobing::api {

struct DecodedTarget {
  std::string path;                          // percent-decoded path, "/api/v1/events/12"
  std::vector<std::string> segments;         // each segment decoded on its own ("//a" gives "", "a")
  std::map<std::string, std::string> query;  // decoded parameters; a repeated key keeps its last value
};

// kInvalidArgument "bad_request" for anything but a well-formed origin-form target of at most
// `max_length` bytes, and for a decoded path, segment, key or value that holds a NUL or
// another control character (they never name anything a client may ask for).
Result<DecodedTarget> DecodeTarget(std::string_view target, size_t max_length = 8192);

}  // namespace shaobing::api
