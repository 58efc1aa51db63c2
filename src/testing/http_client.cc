#include "testing/http_client.h"

#include <fcntl.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <cstdlib>

namespace shaobing::testing {
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

namespace {
constexpr size_t kMaxRecordedBody = 4 << 20;  // larger bodies are recorded without their text
}  // namespace

struct HttpClient::Impl {
  std::string host;
  std::uint16_t port;
  net::io_context ioc;
  beast::tcp_stream stream{ioc};
  bool connected = false;
  beast::flat_buffer buffer;

  void Connect() {
    net::ip::tcp::resolver resolver(ioc);
    stream.connect(resolver.resolve(host, std::to_string(port)));
    connected = true;
  }
};

boost::json::value HttpResult::Json() const {
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  return ec ? boost::json::value(nullptr) : v;
}

HttpClient::HttpClient(std::string host, std::uint16_t port) : impl_(std::make_unique<Impl>()) {
  impl_->host = std::move(host);
  impl_->port = port;
}

HttpClient::~HttpClient() {
  beast::error_code ec;
  impl_->stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
}

// With SHAOBING_API_RECORD=FILE, every answer is appended to FILE as one JSON line
// {"method","target","status","content_type","body"} (one write per line, O_APPEND: the test
// processes ctest runs side by side share the file). web/scripts/check-api-responses.mjs then
// checks each against docs/api/openapi.yaml.
static void RecordExchange(const std::string& method, const std::string& target, const HttpResult& r) {
  const char* file = std::getenv("SHAOBING_API_RECORD");
  if (!file || !*file) return;
  const auto type = r.headers.find("content-type");
  boost::json::object line{{"method", method},
                           {"target", target},
                           {"status", r.status},
                           {"content_type", type == r.headers.end() ? "" : type->second},
                           {"body", r.body.size() <= kMaxRecordedBody ? r.body : std::string()},
                           {"body_omitted", r.body.size() > kMaxRecordedBody}};
  const std::string text = boost::json::serialize(line) + "\n";
  const int fd = ::open(file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return;
  (void)!::write(fd, text.data(), text.size());
  ::close(fd);
}

HttpResult HttpClient::Request(const std::string& method, const std::string& target, const std::string& body,
                               const std::map<std::string, std::string>& headers) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      if (!impl_->connected) impl_->Connect();
      http::request<http::string_body> req(http::string_to_verb(method), target, 11);
      req.set(http::field::host, impl_->host);
      req.keep_alive(true);
      if (!token_.empty()) req.set(http::field::authorization, "Bearer " + token_);
      // As the web app does: every state-changing request declares JSON, with a body or not.
      if (!body.empty() || (method != "GET" && method != "HEAD"))
        req.set(http::field::content_type, "application/json");
      for (const auto& [k, v] : headers) req.set(k, v);
      req.body() = body;
      req.prepare_payload();
      http::write(impl_->stream, req);
      http::response_parser<http::string_body> parser;
      parser.body_limit(std::uint64_t{64} * 1024 * 1024);
      http::read(impl_->stream, impl_->buffer, parser);
      auto res = parser.release();
      HttpResult out;
      out.status = static_cast<int>(res.result_int());
      out.body = std::move(res.body());
      for (const auto& f : res) {
        std::string name(f.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        out.headers[name] = std::string(f.value());
      }
      if (!res.keep_alive()) {
        beast::error_code ec;
        impl_->stream.socket().close(ec);
        impl_->connected = false;
        impl_->buffer.clear();
      }
      RecordExchange(method, target, out);
      return out;
    } catch (const std::exception&) {
      // A closed keep-alive connection: reconnect once.
      beast::error_code ec;
      impl_->stream.socket().close(ec);
      impl_->connected = false;
      impl_->buffer.clear();
      if (attempt == 1) throw;
    }
  }
  return {};
}

HttpResult HttpClient::PostJson(const std::string& target, const boost::json::value& body) {
  return Request("POST", target, boost::json::serialize(body));
}

HttpResult HttpClient::Login(const std::string& name, const std::string& password) {
  auto r = PostJson("/api/v1/auth/login", boost::json::object{{"name", name}, {"password", password}});
  if (r.status == 200) token_ = std::string(r.Json().at("token").as_string());
  return r;
}

}  // namespace shaobing::testing
