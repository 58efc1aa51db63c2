#include "api/request_id.h"

#include <sodium.h>

namespace shaobing::api {

RequestIds::RequestIds() {
  unsigned char raw[4];
  randombytes_buf(raw, sizeof raw);
  char hex[sizeof raw * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  prefix_ = hex;
}

std::string RequestIds::Next() { return prefix_ + "-" + std::to_string(++count_); }

}  // namespace shaobing::api
