#pragma once
// Request ids: "<8 hex digits of this process>-<sequence>", unique within the process and,
// with overwhelming likelihood, across restarts. The id is in every answer (X-Request-Id),
// in every error body ("request_id") and on the request's log lines, so that what a user
// reports can be found in the log.
#include <atomic>
#include <cstdint>
#include <string>

namespace shaobing::api {

class RequestIds {
 public:
  RequestIds();
  std::string Next();  // thread-safe

 private:
  std::string prefix_;
  std::atomic<std::uint64_t> count_{0};
};

}  // namespace shaobing::api
