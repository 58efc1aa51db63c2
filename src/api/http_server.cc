#include "api/http_server.h"

#include <pthread.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <set>

#include "api/errors.h"
#include "api/request_target.h"
#include "core/time.h"

namespace shaobing::api {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace {

class Session;

void AccessLog(const std::string& remote, const std::string& method, const std::string& target, int status,
               double ms, size_t bytes) {
  boost::json::object line{{"ts", FormatShanghai(SystemClock().Now())}, {"type", "access"}, {"remote", remote},
                           {"method", method}, {"target", target}, {"status", status},
                           {"ms", std::round(ms * 100) / 100}, {"bytes", bytes}};
  const std::string text = boost::json::serialize(line) + "\n";
  std::fwrite(text.data(), 1, text.size(), stderr);
}

}  // namespace

struct HttpServer::Impl {
  HttpServerOptions options;
  Handler handler;
  net::io_context ioc;
  tcp::acceptor acceptor;
  std::vector<std::thread> threads;
  std::atomic<bool> stopping{false};
  std::atomic<bool> stopped{false};

  std::mutex mu;
  std::condition_variable idle_cv;
  int in_flight = 0;                         // GUARDED_BY(mu)
  std::set<std::shared_ptr<Session>> live;   // GUARDED_BY(mu): every open connection

  Impl(HttpServerOptions o, Handler h) : options(std::move(o)), handler(std::move(h)), ioc(options.threads), acceptor(ioc) {}
  void Accept();
  void Begin() {
    std::lock_guard lock(mu);
    ++in_flight;
  }
  void End() {
    std::lock_guard lock(mu);
    if (--in_flight == 0) idle_cv.notify_all();
  }
};

namespace {

class SessionResponder;

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, HttpServer::Impl& server) : stream_(std::move(socket)), server_(server) {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = ep.address().to_string() + ":" + std::to_string(ep.port());
  }

  void Run() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); });
  }

  // Closes the connection from any thread (server stop).
  void Close() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      beast::error_code ec;
      self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
      self->stream_.close();
    });
  }

  void Send(HttpResponse r, bool keep_alive, unsigned version, std::chrono::steady_clock::time_point start,
            std::string method, std::string target) {
    net::post(stream_.get_executor(), [self = shared_from_this(), r = std::move(r), keep_alive, version, start,
                                       method = std::move(method), target = std::move(target)]() mutable {
      self->Write(std::move(r), keep_alive, version, start, method, target);
    });
  }

  void StartStream(HttpResponse head) {
    std::string raw = "HTTP/1.1 " + std::to_string(head.status) + " OK\r\nContent-Type: " + head.content_type +
                      "\r\nCache-Control: no-cache\r\nConnection: close\r\nX-Accel-Buffering: no\r\n";
    for (const auto& [k, v] : head.headers) raw += k + ": " + v + "\r\n";
    for (const auto& [k, v] : server_.options.headers) raw += k + ": " + v + "\r\n";
    raw += "\r\n";
    net::post(stream_.get_executor(), [self = shared_from_this(), raw = std::move(raw)]() mutable {
      self->stream_.expires_never();
      self->server_.End();  // a stream is not a request in flight: Stop() closes it
      // Queued here, not through Push: a Push posted by the handler right after StartStream
      // would otherwise run first and put body bytes before the status line.
      self->outbox_.push_back(std::move(raw));
      if (self->outbox_.size() == 1) self->Flush();
    });
  }

  // Queues bytes of an open stream; false when the connection is gone.
  bool Push(std::string chunk) {
    if (closed_) return false;
    net::post(stream_.get_executor(), [self = shared_from_this(), chunk = std::move(chunk)]() mutable {
      self->outbox_.push_back(std::move(chunk));
      if (self->outbox_.size() == 1) self->Flush();
    });
    return true;
  }
  bool closed() const { return closed_; }

 private:
  void Flush() {
    net::async_write(stream_.socket(), net::buffer(outbox_.front()),
                     [self = shared_from_this()](beast::error_code ec, size_t) {
                       if (ec) return self->Finish();
                       self->outbox_.pop_front();
                       if (!self->outbox_.empty()) self->Flush();
                     });
  }

  void Read() {
    if (server_.stopping) return Finish();
    parser_.emplace();
    parser_->body_limit(server_.options.max_body_bytes);
    parser_->header_limit(16 * 1024);
    stream_.expires_after(std::chrono::seconds(server_.options.read_timeout_seconds));
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec);

  void Write(HttpResponse r, bool keep_alive, unsigned version, std::chrono::steady_clock::time_point start,
             const std::string& method, const std::string& target) {
    auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(r.status), version);
    res->set(http::field::server, "shaobing");
    res->set(http::field::content_type, r.content_type);
    for (const auto& [k, v] : r.headers) res->insert(k, v);
    for (const auto& [k, v] : server_.options.headers) res->set(k, v);
    // API answers hold what only the caller may see: never kept by a cache. Static files set their own.
    if (res->find(http::field::cache_control) == res->end()) res->set(http::field::cache_control, "no-store");
    res->keep_alive(keep_alive && !server_.stopping);
    res->body() = std::move(r.body);
    res->prepare_payload();
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (server_.options.access_log) AccessLog(remote_, method, target, r.status, ms, res->body().size());
    if (server_.options.observe) server_.options.observe(method, r.route, r.status, ms / 1000.0);
    stream_.expires_after(std::chrono::seconds(30));
    http::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec, size_t) {
      self->server_.End();
      if (ec || !res->keep_alive()) return self->Finish();
      self->Read();
    });
  }

  void Finish() {
    if (closed_) return;
    closed_ = true;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.close();
    std::lock_guard lock(server_.mu);
    server_.live.erase(shared_from_this());
  }

  beast::tcp_stream stream_;
  HttpServer::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::deque<std::string> outbox_;
  std::string remote_;
  std::atomic<bool> closed_{false};
};

class SessionResponder final : public Responder, public StreamSink, public std::enable_shared_from_this<SessionResponder> {
 public:
  SessionResponder(std::shared_ptr<Session> s, bool keep_alive, unsigned version, std::string method, std::string target)
      : session_(std::move(s)), keep_alive_(keep_alive), version_(version), method_(std::move(method)),
        target_(std::move(target)), start_(std::chrono::steady_clock::now()) {}
  ~SessionResponder() override {
    if (!answered_.exchange(true)) {
      session_->Send(ErrorResponse(Error::Internal("no response"), i18n::Locale::kZhCn),
                     false, version_, start_, method_, target_);
    }
  }
  void Respond(HttpResponse r) override {
    if (answered_.exchange(true)) return;
    session_->Send(std::move(r), keep_alive_, version_, start_, method_, target_);
  }
  std::shared_ptr<StreamSink> StartStream(HttpResponse head) override;
  bool Send(std::string chunk) override { return session_->Push(std::move(chunk)); }
  bool open() const override { return !session_->closed(); }

  std::shared_ptr<Session> session_;
  bool keep_alive_;
  unsigned version_;
  std::string method_, target_;
  std::chrono::steady_clock::time_point start_;
  std::atomic<bool> answered_{false};
};

// A stream's sink; ends the request's in-flight count when the stream starts.
std::shared_ptr<StreamSink> SessionResponder::StartStream(HttpResponse head) {
  if (answered_.exchange(true)) return nullptr;
  session_->StartStream(std::move(head));
  return shared_from_this();
}

void Session::OnRead(beast::error_code ec) {
  if (ec == http::error::end_of_stream || ec == net::error::operation_aborted || ec == beast::error::timeout ||
      ec == net::error::connection_reset || ec == net::error::eof) {
    return Finish();
  }
  const auto start = std::chrono::steady_clock::now();
  if (ec) {
    // Unreadable or oversized request: answer once, in the language the request asks for, and
    // close.
    const bool too_large = ec == http::error::body_limit || ec == http::error::header_limit;
    // The fields read so far are in the message, even when the limit stopped the header.
    const auto locale = i18n::FromAcceptLanguage(std::string(parser_->get()[http::field::accept_language]));
    HttpResponse response;
    if (too_large) {
      response = ErrorResponse(Error::Make(ErrorCode::kTooLarge, "body_too_large", "",
                                           {{"max", std::to_string(server_.options.max_body_bytes)}}),
                               locale);
    } else {
      response = ErrorResponse(Error::Make(ErrorCode::kInvalidArgument, "bad_request", "", {{"detail", ec.message()}}),
                               locale);
    }
    server_.Begin();
    return Write(std::move(response), false, 11, start, "?", "?");
  }
  auto msg = parser_->release();
  HttpRequest req;
  req.method = std::string(msg.method_string());
  req.target = std::string(msg.target());
  req.body = std::move(msg.body());
  req.authorization = std::string(msg[http::field::authorization]);
  req.cookie = std::string(msg[http::field::cookie]);
  req.accept_language = std::string(msg[http::field::accept_language]);
  req.content_type = std::string(msg[http::field::content_type]);
  req.origin = std::string(msg[http::field::origin]);
  req.host = std::string(msg[http::field::host]);
  req.sec_fetch_site = std::string(msg["Sec-Fetch-Site"]);
  req.forwarded_for = std::string(msg["X-Forwarded-For"]);
  req.remote = remote_;
  server_.Begin();
  auto decoded = DecodeTarget(req.target);
  if (!decoded) {
    const auto locale = i18n::FromAcceptLanguage(req.accept_language);
    return Write(ErrorResponse(decoded.error(), locale), false, msg.version(), start, req.method, "?");
  }
  req.path = std::move(decoded->path);
  req.segments = std::move(decoded->segments);
  req.query = std::move(decoded->query);
  auto responder = std::make_shared<SessionResponder>(shared_from_this(), msg.keep_alive(), msg.version(), req.method,
                                                      req.target);
  try {
    server_.handler(req, responder);
  } catch (const std::exception& e) {
    responder->Respond(ErrorResponse(Error::Internal(e.what()), i18n::Locale::kZhCn));
  }
}

}  // namespace

void HttpServer::Impl::Accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (stopping) return;
    if (!ec) {
      auto s = std::make_shared<Session>(std::move(socket), *this);
      {
        std::lock_guard lock(mu);
        live.insert(s);
      }
      s->Run();
    }
    Accept();
  });
}

Result<std::unique_ptr<HttpServer>> HttpServer::Create(const HttpServerOptions& options, Handler handler) {
  auto impl = std::make_shared<Impl>(options, std::move(handler));
  beast::error_code ec;
  auto address = net::ip::make_address(options.host, ec);
  if (ec) return Fail(Error::Make(ErrorCode::kInvalidArgument, "invalid_value", "listen", {{"value", options.host}}));
  tcp::endpoint ep(address, options.port);
  impl->acceptor.open(ep.protocol(), ec);
  if (!ec) impl->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(ep, ec);
  if (!ec) impl->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Fail(Error::Make(ErrorCode::kUnavailable, "unavailable", "listen",
                            {{"detail", options.host + ":" + std::to_string(options.port) + ": " + ec.message()}}));
  }
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

HttpServer::~HttpServer() { Stop(0); }

void HttpServer::Start() {
  impl_->Accept();
  for (int i = 0; i < std::max(1, impl_->options.threads); ++i) {
    impl_->threads.emplace_back([this] {
      pthread_setname_np(pthread_self(), "sb-http");
      impl_->ioc.run();
    });
  }
}

void HttpServer::Stop(int grace_seconds) {
  if (impl_->stopped.exchange(true)) return;
  impl_->stopping = true;
  net::post(impl_->ioc, [this] {
    beast::error_code ec;
    impl_->acceptor.close(ec);
  });
  {
    std::unique_lock lock(impl_->mu);
    impl_->idle_cv.wait_for(lock, std::chrono::seconds(grace_seconds), [&] { return impl_->in_flight == 0; });
    for (const auto& s : impl_->live) s->Close();
  }
  // Let the closes run, then stop.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (std::chrono::steady_clock::now() < deadline) {
    {
      std::lock_guard lock(impl_->mu);
      if (impl_->live.empty()) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  impl_->ioc.stop();
  for (auto& t : impl_->threads) {
    if (t.joinable()) t.join();
  }
  std::lock_guard lock(impl_->mu);
  impl_->live.clear();
}

std::uint16_t HttpServer::port() const {
  beast::error_code ec;
  auto ep = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : ep.port();
}

}  // namespace shaobing::api
