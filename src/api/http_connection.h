#pragma once
// Inside the HTTP server (http_server.h): the server's shared state and one connection. Not
// for use outside src/api/http_server.cc and http_connection.cc.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api/http_server.h"
#include "api/request_id.h"
#include "core/thread_annotations.h"

namespace shaobing::api {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

class Connection;

struct HttpServer::Impl {
  Impl(HttpServerOptions o, Handler h);

  const HttpServerOptions options;
  const Handler handler;
  net::io_context ioc;
  net::strand<net::io_context::executor_type> accept_strand;
  tcp::acceptor acceptor;                       // runs on accept_strand
  net::steady_timer accept_timer;               // runs on accept_strand
  std::chrono::milliseconds accept_backoff{0};  // on accept_strand; zero: not backing off
  std::vector<std::thread> threads;
  std::atomic<bool> stopping{false};
  std::atomic<bool> stopped{false};
  std::atomic<int> refusing{0};  // connections being answered 503

  Mutex mu;
  std::condition_variable idle_cv;
  int in_flight GUARDED_BY(mu) = 0;
  std::set<std::shared_ptr<Connection>> live GUARDED_BY(mu);  // every open connection
  size_t admitted GUARDED_BY(mu) = 0;                         // live ones within the limits
  std::map<std::string, size_t> admitted_by_address GUARDED_BY(mu);
  RequestIds request_ids;  // one per request read or refused, before any routing

  void Accept();
  void OnAcceptError(const beast::error_code& ec);
  // Admits the connection within the limits, else refuses it.
  void Admit(tcp::socket socket);
  // A connection has closed: forget it and give its place back.
  void Release(const std::shared_ptr<Connection>& connection);
  void Begin();  // a request is in flight
  void End();    // it is answered
};

// What the access log and the response need to know of the request being answered.
struct Exchange {
  unsigned version = 11;
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  std::string method = "-", target = "-";  // "-": not read (a refused connection, a malformed request)
  std::string request_id;                  // in X-Request-Id, the error body and the log line
};

// One accepted connection: reads requests one after another (keep-alive), hands each to the
// handler and writes its response; or, once a route starts a stream, carries that stream until
// either side closes it. Its I/O runs on its own strand; the public members may be called from
// any thread.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, HttpServer::Impl& server);

  const std::string& address() const { return address_; }  // the peer's address, without port
  bool admitted() const { return admitted_; }
  void set_admitted() { admitted_ = true; }

  void Run();  // reads the first request
  // Answers once without reading the request, then closes.
  void Refuse(HttpResponse response, std::string request_id);
  void Close();  // from any thread; open() is false from the call on

  // The response to the request being handled.
  void Send(HttpResponse r, bool keep_alive, Exchange exchange);
  // Turns the connection into a stream: sends the head of `head`; Push adds to the body.
  void StartStream(const HttpResponse& head);
  // Queues bytes of an open stream; false when it is closed, or is closed now because the
  // reader fell max_stream_buffer_bytes behind.
  bool Push(std::string chunk);
  bool open() const { return !closing_; }
  void OnClose(std::function<void()> f);

 private:
  void Read();
  void OnRead(beast::error_code ec);
  // The header is read: the body limit of its path (an upload's), then the body.
  void OnHeader(beast::error_code ec);
  size_t body_limit_ = 0;  // the limit of the request being read
  void Write(HttpResponse r, bool keep_alive, const Exchange& exchange, bool unread_input);
  void Flush();
  void WatchStreamPeer();
  void StreamTooSlow();
  void Linger(std::chrono::steady_clock::time_point deadline, size_t discarded);
  void Finish();

  beast::tcp_stream stream_;
  HttpServer::Impl& server_;
  std::string address_;
  std::string remote_;  // address:port, for the access log
  bool admitted_ = false;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::deque<std::string> outbox_;       // a stream's chunks not yet written; on the strand
  std::atomic<size_t> queued_bytes_{0};  // bytes pushed and not yet written
  std::atomic<bool> closing_{false};
  std::atomic<bool> slow_{false};
  bool finished_ = false;  // on the strand
  Mutex close_mu_;
  bool closed_ GUARDED_BY(close_mu_) = false;
  std::vector<std::function<void()>> on_close_ GUARDED_BY(close_mu_);
};

}  // namespace shaobing::api
