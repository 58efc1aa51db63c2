#include "api/http_server.h"

#include <pthread.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cerrno>
#include <cstdio>

#include "api/errors.h"
#include "api/http_connection.h"
#include "log/json_log.h"

namespace shaobing::api {

namespace {

constexpr std::chrono::milliseconds kFirstAcceptBackoff{50};
constexpr std::chrono::milliseconds kLastAcceptBackoff{1000};
// Refused connections being answered at once; beyond this a refused connection is closed
// without an answer, so that refusing cannot itself hold many descriptors.
constexpr int kMaxRefusing = 64;

// Accept failed for want of descriptors or memory: retrying at once would only spin.
bool OutOfResources(const beast::error_code& ec) {
  if (ec.category() != boost::system::system_category()) return false;
  switch (ec.value()) {
    case EMFILE:
    case ENFILE:
    case ENOBUFS:
    case ENOMEM:
      return true;
    default:
      return false;
  }
}

void LogAcceptBackoff(const beast::error_code& ec, size_t open_connections) {
  log::Write("accept_backoff", {{"error", ec.message()},
                                {"errno", ec.value()},
                                {"open_connections", open_connections},
                                {"first_wait_ms", kFirstAcceptBackoff.count()},
                                {"max_wait_ms", kLastAcceptBackoff.count()}});
}

HttpResponse TooManyConnections(const std::string& request_id) {
  auto r =
      ErrorResponse(Error::Make(ErrorCode::kUnavailable, "too_many_connections", ""), i18n::Locale::kZhCn, request_id);
  r.headers.emplace_back("Retry-After", "1");
  return r;
}

}  // namespace

HttpServer::Impl::Impl(HttpServerOptions o, Handler h)
    : options(std::move(o)),
      handler(std::move(h)),
      ioc(options.threads),
      accept_strand(net::make_strand(ioc)),
      acceptor(accept_strand),
      accept_timer(accept_strand) {}

void HttpServer::Impl::Begin() {
  MutexLock lock(mu);
  ++in_flight;
}

void HttpServer::Impl::End() {
  MutexLock lock(mu);
  if (--in_flight == 0) idle_cv.notify_all();
}

void HttpServer::Impl::Accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (stopping) return;
    if (ec) return OnAcceptError(ec);
    accept_backoff = std::chrono::milliseconds::zero();
    Admit(std::move(socket));
    Accept();
  });
}

void HttpServer::Impl::OnAcceptError(const beast::error_code& ec) {
  if (ec == net::error::operation_aborted) return;  // the acceptor closed: Stop()
  if (!OutOfResources(ec)) return Accept();         // e.g. the peer gave up before the accept
  if (accept_backoff == std::chrono::milliseconds::zero()) {
    accept_backoff = kFirstAcceptBackoff;
    MutexLock lock(mu);
    LogAcceptBackoff(ec, live.size());
  } else {
    accept_backoff = std::min(accept_backoff * 2, kLastAcceptBackoff);
  }
  accept_timer.expires_after(accept_backoff);
  accept_timer.async_wait([this](beast::error_code wait_ec) {
    if (wait_ec || stopping) return;
    Accept();
  });
}

void HttpServer::Impl::Admit(tcp::socket socket) {
  auto connection = std::make_shared<Connection>(std::move(socket), *this);
  bool within = false;
  {
    MutexLock lock(mu);
    live.insert(connection);
    const auto it = admitted_by_address.find(connection->address());
    const size_t from_address = it == admitted_by_address.end() ? 0 : it->second;
    within = admitted < options.max_connections &&
             (options.max_connections_per_address == 0 || from_address < options.max_connections_per_address);
    if (within) {
      ++admitted;
      ++admitted_by_address[connection->address()];
      connection->set_admitted();
    } else {
      ++refusing;
    }
  }
  if (within) return connection->Run();
  if (options.on_connection_refused) options.on_connection_refused();
  if (refusing > kMaxRefusing) return connection->Close();
  const std::string request_id = request_ids.Next();
  connection->Refuse(TooManyConnections(request_id), request_id);
}

void HttpServer::Impl::Release(const std::shared_ptr<Connection>& connection) {
  MutexLock lock(mu);
  live.erase(connection);
  if (!connection->admitted()) {
    --refusing;
    return;
  }
  --admitted;
  if (auto it = admitted_by_address.find(connection->address()); it != admitted_by_address.end()) {
    if (--it->second == 0) admitted_by_address.erase(it);
  }
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
  net::dispatch(impl_->accept_strand, [impl = impl_.get()] { impl->Accept(); });
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
  net::post(impl_->accept_strand, [this] {
    beast::error_code ec;
    impl_->acceptor.close(ec);
    impl_->accept_timer.cancel();
  });
  {
    MutexLock lock(impl_->mu);
    lock.WaitFor(impl_->idle_cv, std::chrono::seconds(grace_seconds),
                 [this]() REQUIRES(impl_->mu) { return impl_->in_flight == 0; });
    for (const auto& c : impl_->live) c->Close();
  }
  // Let the closes run, then stop.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (std::chrono::steady_clock::now() < deadline) {
    {
      MutexLock lock(impl_->mu);
      if (impl_->live.empty()) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  impl_->ioc.stop();
  for (auto& t : impl_->threads) {
    if (t.joinable()) t.join();
  }
  MutexLock lock(impl_->mu);
  impl_->live.clear();
}

std::uint16_t HttpServer::port() const {
  beast::error_code ec;
  auto ep = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : ep.port();
}

}  // namespace shaobing::api
