#include "api/http_connection.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <cstdio>

#include "api/errors.h"
#include "api/request_target.h"
#include "log/json_log.h"

namespace shaobing::api {

namespace {

// After an answer sent before the request was read whole (a refusal, a request over a limit),
// the rest of the request is read and dropped for up to this long (and this much) before the
// socket closes: closing with unread input resets the connection, and the client may then
// lose the answer.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr size_t kLingerBytes = 1 << 20;
constexpr size_t kDiscardChunk = 4096;

void AccessLog(const std::string& remote, const Exchange& exchange, int status, double ms, size_t bytes) {
  log::Write("access", {{"request_id", exchange.request_id},
                        {"remote", remote},
                        {"method", exchange.method},
                        {"target", exchange.target},
                        {"status", status},
                        {"ms", std::round(ms * 100) / 100},
                        {"bytes", bytes}});
}

// How a route answers a request of this connection: once, or by starting a stream.
class ConnectionResponder final : public Responder,
                                  public StreamSink,
                                  public std::enable_shared_from_this<ConnectionResponder> {
 public:
  ConnectionResponder(std::shared_ptr<Connection> c, bool keep_alive, Exchange exchange)
      : connection_(std::move(c)), keep_alive_(keep_alive), exchange_(std::move(exchange)) {}
  ~ConnectionResponder() override {
    if (!answered_.exchange(true)) {
      connection_->Send(ErrorResponse(Error::Internal("no response"), i18n::Locale::kZhCn, exchange_.request_id), false,
                        exchange_);
    }
  }
  void Respond(HttpResponse r) override {
    if (answered_.exchange(true)) return;
    connection_->Send(std::move(r), keep_alive_, exchange_);
  }
  std::shared_ptr<StreamSink> StartStream(HttpResponse head) override {
    if (answered_.exchange(true)) return nullptr;
    head.headers.emplace_back("X-Request-Id", exchange_.request_id);
    connection_->StartStream(head);
    return shared_from_this();
  }
  bool Send(std::string chunk) override { return connection_->Push(std::move(chunk)); }
  bool open() const override { return connection_->open(); }
  void Close() override { connection_->Close(); }
  void OnClose(std::function<void()> f) override { connection_->OnClose(std::move(f)); }

 private:
  std::shared_ptr<Connection> connection_;
  bool keep_alive_;
  Exchange exchange_;
  std::atomic<bool> answered_{false};
};

}  // namespace

Connection::Connection(tcp::socket socket, HttpServer::Impl& server) : stream_(std::move(socket)), server_(server) {
  beast::error_code ec;
  auto ep = stream_.socket().remote_endpoint(ec);
  if (!ec) {
    address_ = ep.address().to_string();
    remote_ = address_ + ":" + std::to_string(ep.port());
  }
}

void Connection::Run() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); });
}

void Connection::Refuse(HttpResponse response, std::string request_id) {
  net::dispatch(stream_.get_executor(), [self = shared_from_this(), response = std::move(response),
                                         request_id = std::move(request_id)]() mutable {
    self->server_.Begin();
    self->Write(std::move(response), false, Exchange{.request_id = std::move(request_id)}, true);
  });
}

void Connection::Close() {
  closing_ = true;
  net::post(stream_.get_executor(), [self = shared_from_this()] { self->Finish(); });
}

void Connection::OnClose(std::function<void()> f) {
  {
    MutexLock lock(close_mu_);
    if (!closed_) {
      on_close_.push_back(std::move(f));
      return;
    }
  }
  f();
}

void Connection::Send(HttpResponse r, bool keep_alive, Exchange exchange) {
  net::post(stream_.get_executor(),
            [self = shared_from_this(), r = std::move(r), keep_alive, exchange = std::move(exchange)]() mutable {
              self->Write(std::move(r), keep_alive, exchange, false);
            });
}

void Connection::StartStream(const HttpResponse& head) {
  std::string raw = "HTTP/1.1 " + std::to_string(head.status) + " OK\r\nContent-Type: " + head.content_type +
                    "\r\nCache-Control: no-cache\r\nConnection: close\r\nX-Accel-Buffering: no\r\n";
  for (const auto* headers : {&head.headers, &server_.options.headers}) {
    for (const auto& [k, v] : *headers) {
      raw += k;
      raw += ": ";
      raw += v;
      raw += "\r\n";
    }
  }
  raw += "\r\n";
  queued_bytes_ += raw.size();
  net::post(stream_.get_executor(), [self = shared_from_this(), raw = std::move(raw)]() mutable {
    self->server_.End();  // a stream is not a request in flight: Stop() closes it
    if (self->finished_) return;
    // Queued here, not through Push: a Push posted by the handler right after StartStream
    // would otherwise run first and put body bytes before the status line.
    self->outbox_.push_back(std::move(raw));
    if (self->outbox_.size() == 1) self->Flush();
    self->WatchStreamPeer();
  });
}

bool Connection::Push(std::string chunk) {
  if (closing_) return false;
  const size_t n = chunk.size();
  if (queued_bytes_.fetch_add(n) + n > server_.options.max_stream_buffer_bytes) {
    StreamTooSlow();
    return false;
  }
  net::post(stream_.get_executor(), [self = shared_from_this(), chunk = std::move(chunk)]() mutable {
    if (self->finished_) return;
    self->outbox_.push_back(std::move(chunk));
    if (self->outbox_.size() == 1) self->Flush();
  });
  return true;
}

void Connection::StreamTooSlow() {
  if (slow_.exchange(true)) return;
  if (server_.options.on_stream_closed_slow) server_.options.on_stream_closed_slow();
  Close();
}

void Connection::Flush() {
  stream_.expires_after(std::chrono::seconds(server_.options.write_timeout_seconds));
  net::async_write(stream_, net::buffer(outbox_.front()), [self = shared_from_this()](beast::error_code ec, size_t) {
    if (ec == beast::error::timeout) self->StreamTooSlow();
    if (ec || self->finished_) return self->Finish();
    self->queued_bytes_ -= self->outbox_.front().size();
    self->outbox_.pop_front();
    if (!self->outbox_.empty()) self->Flush();
  });
}

// A stream's client sends nothing more; reading still tells at once when it hangs up, so that
// its place (and its user's stream) is given back without waiting for a write to fail. What it
// sends is dropped.
void Connection::WatchStreamPeer() {
  stream_.socket().async_read_some(buffer_.prepare(kDiscardChunk),
                                   [self = shared_from_this()](beast::error_code ec, size_t) {
                                     if (ec) return self->Finish();
                                     self->WatchStreamPeer();
                                   });
}

void Connection::Read() {
  if (server_.stopping || closing_) return Finish();
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(server_.options.max_header_bytes));
  // Until the request line is known, the larger of the limits (Beast checks a declared length
  // against it as the header ends); OnHeader sets the request's own.
  body_limit_ = std::max(server_.options.max_body_bytes,
                         server_.options.upload_path.empty() ? 0 : server_.options.max_upload_body_bytes);
  parser_->body_limit(body_limit_);
  stream_.expires_after(std::chrono::seconds(server_.options.read_timeout_seconds));
  http::async_read_header(stream_, buffer_, *parser_,
                          [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
}

void Connection::OnHeader(beast::error_code ec) {
  if (ec) return OnRead(ec);
  const auto& o = server_.options;
  const auto& head = parser_->get();
  const std::string_view target = head.target();
  const bool upload = !o.upload_path.empty() && head.method() == http::verb::post &&
                      target.substr(0, target.find('?')) == o.upload_path;
  body_limit_ = upload && o.max_upload_body_bytes > 0 ? o.max_upload_body_bytes : o.max_body_bytes;
  if (!parser_->is_done()) parser_->body_limit(body_limit_);
  // A declared length over the request's own limit is refused before its body is read.
  if (const auto length = parser_->content_length(); length && *length > body_limit_) {
    return OnRead(http::error::body_limit);
  }
  if (parser_->is_done()) return OnRead(ec);
  http::async_read(stream_, buffer_, *parser_,
                   [self = shared_from_this()](beast::error_code e, size_t) { self->OnRead(e); });
}

void Connection::OnRead(beast::error_code ec) {
  if (ec == http::error::end_of_stream || ec == net::error::operation_aborted || ec == beast::error::timeout ||
      ec == net::error::connection_reset || ec == net::error::eof) {
    return Finish();
  }
  const auto start = std::chrono::steady_clock::now();
  if (ec) {
    // Unreadable or oversized request: answer once, in the language the request asks for (the
    // fields read so far are in the message, even when the limit stopped the header), and close.
    const auto locale = i18n::FromAcceptLanguage(std::string(parser_->get()[http::field::accept_language]));
    Error error;
    if (ec == http::error::header_limit) {
      error = Error::Make(ErrorCode::kTooLarge, "header_too_large", "",
                          {{"max", std::to_string(server_.options.max_header_bytes)}});
    } else if (ec == http::error::body_limit) {
      error = Error::Make(ErrorCode::kTooLarge, "body_too_large", "", {{"max", std::to_string(body_limit_)}});
    } else {
      error = Error::Make(ErrorCode::kInvalidArgument, "bad_request", "", {{"detail", ec.message()}});
    }
    server_.Begin();
    const Exchange exchange{.start = start, .request_id = server_.request_ids.Next()};
    return Write(ErrorResponse(error, locale, exchange.request_id), false, exchange, true);
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
  req.last_event_id = std::string(msg["Last-Event-ID"]);
  req.remote = remote_;
  req.request_id = server_.request_ids.Next();
  server_.Begin();
  auto decoded = DecodeTarget(req.target);
  if (!decoded) {
    const auto locale = i18n::FromAcceptLanguage(req.accept_language);
    const Exchange exchange{
        .version = msg.version(), .start = start, .method = req.method, .request_id = req.request_id};
    return Write(ErrorResponse(decoded.error(), locale, req.request_id), false, exchange, false);
  }
  req.path = std::move(decoded->path);
  req.segments = std::move(decoded->segments);
  req.query = std::move(decoded->query);
  auto responder = std::make_shared<ConnectionResponder>(shared_from_this(), msg.keep_alive(),
                                                         Exchange{.version = msg.version(),
                                                                  .start = start,
                                                                  .method = req.method,
                                                                  .target = req.target,
                                                                  .request_id = req.request_id});
  try {
    server_.handler(req, responder);
  } catch (const std::exception& e) {
    responder->Respond(ErrorResponse(Error::Internal(e.what()), i18n::Locale::kZhCn, req.request_id));
  }
}

void Connection::Write(HttpResponse r, bool keep_alive, const Exchange& exchange, bool unread_input) {
  auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(r.status), exchange.version);
  res->set(http::field::server, "shaobing");
  res->set(http::field::content_type, r.content_type);
  for (const auto& [k, v] : r.headers) res->insert(k, v);
  for (const auto& [k, v] : server_.options.headers) res->set(k, v);
  if (!exchange.request_id.empty()) res->set("X-Request-Id", exchange.request_id);
  // API answers hold what only the caller may see: never kept by a cache. Static files set their own.
  if (res->find(http::field::cache_control) == res->end()) res->set(http::field::cache_control, "no-store");
  res->keep_alive(keep_alive && !unread_input && !server_.stopping && !closing_);
  res->body() = std::move(r.body);
  res->prepare_payload();
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - exchange.start).count();
  if (server_.options.access_log) AccessLog(remote_, exchange, r.status, ms, res->body().size());
  if (server_.options.observe) server_.options.observe(exchange.method, r.route, r.status, ms / 1000.0);
  stream_.expires_after(std::chrono::seconds(server_.options.write_timeout_seconds));
  http::async_write(stream_, *res, [self = shared_from_this(), res, unread_input](beast::error_code ec, size_t) {
    self->server_.End();
    if (!ec && unread_input) return self->Linger(std::chrono::steady_clock::now() + kLingerTime, 0);
    if (ec || !res->keep_alive()) return self->Finish();
    self->Read();
  });
}

void Connection::Linger(std::chrono::steady_clock::time_point deadline, size_t discarded) {
  if (discarded == 0) {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }
  stream_.expires_at(deadline);
  stream_.async_read_some(buffer_.prepare(kDiscardChunk),
                          [self = shared_from_this(), deadline, discarded](beast::error_code ec, size_t n) {
                            if (ec || n == 0 || discarded + n > kLingerBytes) return self->Finish();
                            self->Linger(deadline, discarded + n);
                          });
}

void Connection::Finish() {
  if (finished_) return;
  finished_ = true;
  closing_ = true;
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream_.close();
  outbox_.clear();
  server_.Release(shared_from_this());
  std::vector<std::function<void()>> callbacks;
  {
    MutexLock lock(close_mu_);
    closed_ = true;
    callbacks.swap(on_close_);
  }
  for (auto& f : callbacks) f();
}

}  // namespace shaobing::api
