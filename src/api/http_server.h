#pragma once
// The HTTP/1.1 server (Boost.Beast): keep-alive, limits on what a client can make it hold,
// timeouts, JSON access logs, and a graceful stop that lets requests in flight finish.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "api/http_types.h"
#include "api/security_headers.h"
#include "core/error.h"

namespace shaobing::api {

// Every limit says what happens when a client reaches it.
struct HttpServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port (tests)
  int threads = 2;            // I/O threads
  // Open connections, streams included. One more is answered once with 503
  // "too_many_connections" (Retry-After) without reading its request, then closed. Keep it
  // below the process's descriptor limit (`shaobing serve` raises the soft limit to the hard
  // one): past that, the accept back-off below takes over.
  size_t max_connections = 1024;
  // The same per peer address; 0: no such limit. Behind a reverse proxy every connection
  // comes from the proxy's address: raise it or set 0 there, and cap per client at the proxy.
  size_t max_connections_per_address = 64;
  // Request line and header fields; over it: 431 "header_too_large", connection closed.
  size_t max_header_bytes = size_t{16} * 1024;
  // Request body; over it (declared or sent): 413 "body_too_large", connection closed.
  size_t max_body_bytes = 1 << 20;
  // The one body with a limit of its own: a POST to `upload_path` exactly (the attachments'
  // upload: the limit is the file's) may send max_upload_body_bytes; "" or 0: no such path.
  // The limit is set once the request's header is read, before any of its body is.
  std::string upload_path;
  size_t max_upload_body_bytes = 0;
  // Bytes queued for one stream and not yet taken by its reader. A stream whose reader falls
  // that far behind is closed (the client reconnects and refetches) and counted.
  size_t max_stream_buffer_bytes = 1 << 20;
  int read_timeout_seconds = 30;  // idle keep-alive connections are closed after this
  // A response or stream chunk the client has not taken within this closes the connection (a
  // stream's close counts as slow, like an overflow).
  int write_timeout_seconds = 30;
  // Accepting is never retried in a busy loop: when the process is out of descriptors or
  // memory (EMFILE, ENFILE, ENOBUFS, ENOMEM) the server waits 50 ms, doubling to 1 s, until an
  // accept succeeds again, and logs one line (log/json_log.h) per such episode.
  bool access_log = true;                       // one log line per request (log/json_log.h)
  RequestObserver observe;                      // optional
  std::function<void()> on_connection_refused;  // optional: a connection refused at a limit
  std::function<void()> on_stream_closed_slow;  // optional: a stream closed for a slow reader
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
