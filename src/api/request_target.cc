#include "api/request_target.h"

#include <boost/url/parse.hpp>

namespace shaobing::api {

namespace {

bool HasControl(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

Error Bad(std::string detail) {
  return Error::Make(ErrorCode::kInvalidArgument, "bad_request", "", {{"detail", std::move(detail)}});
}

}  // namespace

Result<DecodedTarget> DecodeTarget(std::string_view target, size_t max_length) {
  if (target.size() > max_length) return Fail(Bad("request target too long"));
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return Fail(Bad("request target is not in origin form"));
  DecodedTarget out;
  out.path = std::string(url->path());
  if (HasControl(out.path)) return Fail(Bad("control character in path"));
  for (auto segment : url->segments()) out.segments.push_back(std::string(segment));
  for (auto p : url->params()) {
    std::string key(p.key), value(p.value);
    if (HasControl(key) || HasControl(value)) return Fail(Bad("control character in query"));
    out.query[std::move(key)] = std::move(value);
  }
  return out;
}

}  // namespace shaobing::api
