// Feeds: raw bytes as one HTTP/1.1 request to Beast's request_parser with the server's limits
// (HttpServerOptions: header 16 KiB, body 1 MiB), then, as the server does
// (src/api/http_connection.cc), the fields into an api::HttpRequest from a loopback peer, the
// target through api::DecodeTarget and the request through Router::Dispatch. The router has
// the real route table (methods, patterns, roles, taken from App::router()) with a fake handler
// that reads what the real ones read — the {id} parameter (ParseNumericId), the JSON body
// (JsonBody, RejectUnknown, each field with its route's type; ParseReport for reports), the
// events query (limit, cursor) — and a fake authenticator (tokens "admin", "desk", "leader",
// "reporter", and "fresh", which must change its password); the router trusts X-Forwarded-For
// and checks state-changing requests (JSON, same origin); the static fallback resolves files in
// the web root of web_root.h.
// Asserts: no crash, leak, exception or undefined behaviour; an unreadable request gets a
// client error (400, 413 or 431); Dispatch answers every request exactly once, with a status
// the API uses, never a server error, and a JSON body (static files aside); a denial recorded
// is a 403; a static file served lies inside the web root.
#include <boost/asio/buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <cstdint>
#include <filesystem>
#include <set>

#include "api/api.h"
#include "api/errors.h"
#include "api/http_server.h"
#include "api/request_target.h"
#include "api/router.h"
#include "app/app.h"
#include "core/report_json.h"
#include "fuzz_support.h"
#include "web_root.h"

namespace shaobing::fuzz {
namespace {
namespace http = boost::beast::http;

const api::HttpServerOptions kServer;  // the server's default limits

// A stream that drops what it is sent; closes only when asked.
class NullSink final : public api::StreamSink {
 public:
  bool Send(std::string) override { return !closed_; }
  bool open() const override { return !closed_; }
  void Close() override {
    if (closed_) return;
    closed_ = true;
    if (on_close_) on_close_();
  }
  void OnClose(std::function<void()> f) override {
    if (closed_) return f();
    on_close_ = std::move(f);
  }

 private:
  bool closed_ = false;
  std::function<void()> on_close_;
};

// Counts the answers of one request.
class CountingResponder final : public api::Responder {
 public:
  void Respond(api::HttpResponse response) override {
    ++answers;
    last = std::move(response);
  }
  std::shared_ptr<api::StreamSink> StartStream(api::HttpResponse head) override {
    ++answers;
    last = std::move(head);
    streamed = true;
    return std::make_shared<NullSink>();
  }
  int answers = 0;
  bool streamed = false;
  api::HttpResponse last;
};

// Reads one body field with the type the routes give it: a number ("value"), a boolean
// ("direct", "must_change_password"), an array of strings ("units", "perspectives"), an object
// of strings ("contact"), else a string.
void ReadField(const boost::json::object& body, std::string_view key, std::vector<FieldError>& problems) {
  const auto& v = body.at(key);
  auto wrong = [&](const char* expected) {
    problems.push_back({"wrong_type", std::string(key), {{"expected", expected}}});
  };
  if (key == "value") {
    if (!v.is_number()) wrong("number");
  } else if (key == "direct" || key == "must_change_password") {
    if (!v.is_bool() && !v.is_null()) wrong("boolean");
  } else if (key == "units" || key == "perspectives") {
    if (!v.is_array() && !v.is_null()) return wrong("array");
    if (v.is_array()) {
      for (const auto& item : v.get_array()) {
        if (!item.is_string()) wrong("array of strings");
      }
    }
  } else if (key == "contact") {
    if (v.is_object()) {
      for (const char* part : {"name", "phone"}) api::StringField(v.get_object(), part, problems);
    }
  } else {
    api::StringField(body, key, problems);
  }
}

// What a real handler reads before it reaches a service.
void FakeHandler(api::Context& ctx) {
  std::vector<FieldError> problems;
  if (ctx.request.params.contains("id") && !api::ParseNumericId(ctx.Param("id"))) {
    return ctx.ReplyError(Error::Make(ErrorCode::kNotFound, "unknown_event", "id", {{"value", ctx.Param("id")}}));
  }
  if (ctx.request.path == "/api/v1/stream") {
    ctx.responder->StartStream({.content_type = "text/event-stream"});
    return;
  }
  if (ctx.request.path == "/api/v1/events") {
    for (const char* key : {"limit", "cursor"}) {
      if (auto it = ctx.request.query.find(key); it != ctx.request.query.end() && !api::ParseNumericId(it->second)) {
        problems.push_back({"invalid_query", key, {{"value", it->second}}});
      }
    }
  }
  if (ctx.request.method == "POST" || ctx.request.method == "PUT") {
    if (ctx.request.path == "/api/v1/reports" || ctx.request.path == "/api/v1/standards/evaluate") {
      auto draft =
          ParseReport(ctx.request.body, Gazetteer(), {.require_fields = ctx.request.path == "/api/v1/reports"});
      if (!draft) return ctx.ReplyError(draft.error());
    } else {
      auto body = api::JsonBody(ctx.request);
      if (!body) return ctx.ReplyError(body.error());
      // Every key some route reads (RejectUnknown in src/api/routes_*.cc).
      api::RejectUnknown(*body,
                         {"name",         "password",     "action", "kind",         "code",    "reason",
                          "yaml",         "units",        "from",   "figure",       "value",   "id",
                          "region",       "level",        "direct", "perspectives", "contact", "current_password",
                          "new_password", "display_name", "role",   "unit",         "message", "must_change_password"},
                         problems);
      for (const auto& kv : *body) ReadField(*body, kv.key(), problems);
    }
  }
  if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
  ctx.Reply(200, boost::json::object{{"ok", true}, {"route", ctx.route}});
}

Result<Principal> FakeAuthenticate(std::string_view token) {
  static const std::map<std::string, Principal, std::less<>> kPrincipals{
      {"admin", {1, "admin", Role::kAdmin, "", "", ""}},
      {"desk", {2, "desk", Role::kDesk, "", "", "640000"}},
      {"leader", {3, "leader", Role::kLeader, "", "", "640000"}},
      {"reporter", {4, "yjt", Role::kReporter, "640000-yjt", "emergency_management", "640000"}},
      {"fresh", {5, "fresh", Role::kDesk, "", "", "640100", true}},  // must change its password
  };
  auto it = kPrincipals.find(token);
  if (it == kPrincipals.end()) return Fail(Error::Make(ErrorCode::kUnauthenticated, "unauthenticated"));
  return it->second;
}

// The real route table — methods, patterns and roles, read from an App built once over a
// temporary data folder — with FakeHandler behind every route: routes added to the API are
// fuzzed without a change here.
const api::Router& FakeRouter() {
  namespace fs = std::filesystem;
  static const api::Router* router = [] {
    std::string dir = (fs::temp_directory_path() / "shaobing-fuzz-app-XXXXXX").string();
    FUZZ_CHECK(mkdtemp(dir.data()) != nullptr, "a temporary folder");
    // X-Forwarded-For trusted (requests come from a loopback peer), so that it is parsed too.
    auto* r = new api::Router(FakeAuthenticate, {.trust_forwarded_for = true},
                              [](const api::RequestInfo&, const Error& error) {
                                FUZZ_CHECK(error.code == ErrorCode::kPermissionDenied, "a denial is a 403");
                              });
    {
      auto app = App::Build({.data_dir = dir});
      FUZZ_CHECK(app.has_value(), "the application builds over an empty data folder");
      for (const auto& route : (*app)->router().routes())
        r->Add(route.method, route.pattern, route.access, FakeHandler);
    }
    std::error_code ec;
    fs::remove_all(dir, ec);
    FUZZ_CHECK(r->routes().size() >= 20, "the API has its routes");
    r->SetFallback([](api::Context& ctx) {
      if (!CheckStaticPath(ctx.request.segments)) {
        return ctx.ReplyError(Error::Make(ErrorCode::kNotFound, "not_found", "", {{"path", ctx.request.path}}));
      }
      ctx.ReplyRaw({.status = 200, .content_type = "text/html", .body = "file"});
    });
    return r;
  }();
  return *router;
}

// The statuses src/api answers (api::ErrorResponse, the handlers, the connection), 500 aside.
const std::set<int> kApiStatuses{200, 201, 400, 401, 403, 404, 405, 409, 413, 415, 429, 431, 503};

void CheckAnswer(const CountingResponder& out) {
  FUZZ_CHECK(out.answers == 1, "Dispatch answers exactly once");
  FUZZ_CHECK(kApiStatuses.contains(out.last.status), "an answer has a status the API uses");
  // Behind the fake handler nothing is busy, throttled or conflicting: what the router and the
  // request readers answer is a success or a client error.
  FUZZ_CHECK(out.last.status < 500 && out.last.status != 409 && out.last.status != 429,
             "the router and the request readers answer no server error");
  if (out.streamed || out.last.content_type != "application/json; charset=utf-8") return;
  boost::system::error_code ec;
  boost::json::parse(out.last.body, ec);
  FUZZ_CHECK(!ec, "an API answer is JSON");
}

}  // namespace
}  // namespace shaobing::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  shaobing::fuzz::Gazetteer();
  shaobing::fuzz::TestWebRoot();
  shaobing::fuzz::FakeRouter();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace shaobing;
  namespace http = boost::beast::http;
  http::request_parser<http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(fuzz::kServer.max_header_bytes));
  parser.body_limit(fuzz::kServer.max_body_bytes);
  boost::beast::error_code ec;
  boost::asio::const_buffer input(data, size);
  while (!parser.is_done()) {
    const size_t used = parser.put(input, ec);
    input += used;
    if (ec == http::error::need_more && used > 0) ec = {};  // more of what is there may complete it
    if (ec || used == 0) break;
  }
  if (ec == http::error::need_more) {  // the client closed the connection: the bytes are all there is
    ec = {};
    parser.put_eof(ec);
  }
  if (ec || !parser.is_done()) {
    // As the server: the fields read so far choose the language of the answer.
    const auto locale = i18n::FromAcceptLanguage(std::string(parser.get()[http::field::accept_language]));
    Error error;
    int status = 400;
    if (ec == http::error::header_limit) {
      error = Error::Make(ErrorCode::kTooLarge, "header_too_large", "",
                          {{"max", std::to_string(fuzz::kServer.max_header_bytes)}});
      status = 431;
    } else if (ec == http::error::body_limit) {
      error = Error::Make(ErrorCode::kTooLarge, "body_too_large", "",
                          {{"max", std::to_string(fuzz::kServer.max_body_bytes)}});
      status = 413;
    } else {
      error = Error::Make(ErrorCode::kInvalidArgument, "bad_request", "", {{"detail", ec.message()}});
    }
    fuzz::CheckInputError(error);
    FUZZ_CHECK(api::ErrorResponse(error, locale).status == status, "an unreadable request gets 400, 413 or 431");
    return 0;
  }
  auto message = parser.release();
  api::HttpRequest request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  request.body = std::move(message.body());
  request.authorization = std::string(message[http::field::authorization]);
  request.cookie = std::string(message[http::field::cookie]);
  request.accept_language = std::string(message[http::field::accept_language]);
  request.content_type = std::string(message[http::field::content_type]);
  request.origin = std::string(message[http::field::origin]);
  request.host = std::string(message[http::field::host]);
  request.sec_fetch_site = std::string(message["Sec-Fetch-Site"]);
  request.forwarded_for = std::string(message["X-Forwarded-For"]);
  request.remote = "127.0.0.1:40000";
  auto decoded = api::DecodeTarget(request.target);
  if (!decoded) {
    fuzz::CheckInputError(decoded.error());
    return 0;
  }
  request.path = std::move(decoded->path);
  request.segments = std::move(decoded->segments);
  request.query = std::move(decoded->query);
  auto responder = std::make_shared<fuzz::CountingResponder>();
  fuzz::FakeRouter().Dispatch(request, responder);
  fuzz::CheckAnswer(*responder);
  return 0;
}
