#pragma once
// Plain request/response values between the HTTP server and the routes, so that routes
// know nothing of Beast.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace shaobing::api {

struct HttpRequest {
  std::string method;                        // "GET"
  std::string target;                        // "/api/v1/events?limit=5"
  std::string path;                          // "/api/v1/events" (decoded)
  std::vector<std::string> segments;         // the path's segments, each decoded on its own
  std::map<std::string, std::string> query;  // decoded parameters
  std::string body;
  std::string authorization;
  std::string cookie;
  std::string accept_language;
  std::string content_type;
  std::string origin;                         // Origin header
  std::string host;                           // Host header
  std::string sec_fetch_site;                 // Sec-Fetch-Site header
  std::string forwarded_for;                  // X-Forwarded-For header (believed only from a trusted proxy)
  std::string last_event_id;                  // Last-Event-ID header (an SSE client resuming)
  std::string remote;                         // peer address and port, "127.0.0.1:51234"
  std::string client_address;                 // the client's IP address, set by the router
  std::string request_id;                     // set by the connection; in X-Request-Id and error bodies
  std::map<std::string, std::string> params;  // path parameters, filled by the router
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string route;  // the route pattern that answered (for metrics; not sent)
};

// Called once per finished request (metrics). `route` is empty for requests that never
// reached a route (unreadable, too large).
using RequestObserver =
    std::function<void(const std::string& method, const std::string& route, int status, double seconds)>;

// A response that stays open (Server-Sent Events). The route keeps the sink and writes
// events to it. Thread-safe.
class StreamSink {
 public:
  virtual ~StreamSink() = default;
  // Queues `chunk`; false once the stream is closed. The server bounds what one stream may have
  // queued (HttpServerOptions::max_stream_buffer_bytes): a chunk that would pass the bound
  // closes the stream instead, and Send returns false.
  virtual bool Send(std::string chunk) = 0;
  virtual bool open() const = 0;
  // Closes the connection; open() is false from the call on.
  virtual void Close() = 0;
  // Calls `f` once when the connection has closed, whoever closed it; at once when it already
  // has. `f` runs on a server thread and must not block.
  virtual void OnClose(std::function<void()> f) = 0;
};

// How a route answers: once, with a response, or by taking over the connection as a stream.
class Responder {
 public:
  virtual ~Responder() = default;
  virtual void Respond(HttpResponse response) = 0;
  // Sends the headers of `head` and returns the sink for the body; the connection then
  // belongs to the stream until the client or the server closes it.
  virtual std::shared_ptr<StreamSink> StartStream(HttpResponse head) = 0;
};

using Handler = std::function<void(HttpRequest&, std::shared_ptr<Responder>)>;

}  // namespace shaobing::api
