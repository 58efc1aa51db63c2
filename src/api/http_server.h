#pragma once
// The HTTP/1.1 server (Boost.Beast): keep-alive, a request size limit, timeouts, JSON access
// logs, and a graceful stop that lets requests in flight finish.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "api/http_types.h"
#include "api/security_headers.h"
#include "core/error.h"

namespace shaobing::api {

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;     // 0 picks a free port (tests)
  int threads = 2;               // I/O threads
  size_t max_body_bytes = 1 << 20;
  int read_timeout_seconds = 30;  // idle keep-alive connections are closed after this
  bool access_log = true;         // one JSON line per request on stderr
  RequestObserver observe;        // optional
  // Added to every response, streams and errors included (security_headers.h).
  std::vector<std::pair<std::string, std::string>> headers = DefaultSecurityHeaders();
};

class HttpServer {
 public:
  // Binds and listens; requests go to `handler` once Start() runs.
  static Result<std::unique_ptr<HttpServer>> Create(const HttpServerOptions& options, Handler handler);
  ~HttpServer();

  void Start();
  // Stops accepting, waits (up to `grace_seconds`) for requests in flight, closes streams and
  // idle connections, joins the threads. Idempotent.
  void Stop(int grace_seconds = 10);
  std::uint16_t port() const;

  struct Impl;

 private:
  explicit HttpServer(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<Impl> impl_;  // shared_ptr: the destructor needs no complete type here
};

}  // namespace shaobing::api
