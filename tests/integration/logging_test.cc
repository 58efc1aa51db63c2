// The server's log on the real binary: stdout carries one line per event and nothing else
// (JSON by default, text on request), and the request id a client sees — X-Request-Id and
// "request_id" in every error body, whether the router, the connection or the server's limit
// answered — is on that request's access line, so that what a user reports is found in the log.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "testing/http_client.h"
#include "testing/process.h"
#include "testing/raw_connection.h"
#include "testing/scratch_dir.h"

namespace shaobing {
namespace {
namespace json = boost::json;
using namespace std::chrono_literals;

class LoggingTest : public ::testing::Test {
 protected:
  std::string Log() const { return testing::ReadWholeFile(dir_ / "stdout.log"); }
  std::vector<std::string> Lines() const {
    std::vector<std::string> out;
    std::istringstream in(Log());
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }
  // Waits until a line holding `text` is logged (the access line follows the answer).
  bool WaitFor(const std::string& text) const {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
      if (Log().find(text) != std::string::npos) return true;
      std::this_thread::sleep_for(20ms);
    }
    return false;
  }
  testing::ServerProcessOptions Options() const { return {.stdout_path = (dir_ / "stdout.log").string()}; }

  testing::ScratchDir scratch_{"log"};
  const std::filesystem::path& dir_ = scratch_.path();
};

// The error body's request_id, which must equal X-Request-Id.
std::string IdOf(const testing::HttpResult& r) {
  const auto body = r.Json();
  EXPECT_TRUE(body.is_object()) << r.body;
  if (!body.is_object()) return "";
  const auto* id = body.at("error").as_object().if_contains("request_id");
  EXPECT_NE(id, nullptr) << "no request_id in " << r.body;
  if (!id) return "";
  const auto header = r.headers.find("x-request-id");
  EXPECT_NE(header, r.headers.end()) << "no X-Request-Id";
  if (header != r.headers.end()) {
    EXPECT_EQ(header->second, id->as_string());
  }
  return std::string(id->as_string());
}

json::object AccessLineOf(const std::vector<std::string>& lines, const std::string& id) {
  for (const auto& l : lines) {
    const auto v = json::parse(l).as_object();
    if (v.at("type") == "access" && v.at("request_id") == json::value(id)) return v;
  }
  ADD_FAILURE() << "no access line with request_id " << id;
  return {};
}

TEST_F(LoggingTest, EveryErrorNamesTheRequestIdItsAccessLineCarries) {
  std::vector<std::string> ids;
  std::vector<int> statuses;
  {
    testing::ServerProcess server(SHAOBING_BINARY, (dir_ / "data").string(), {}, Options());
    const auto port = static_cast<std::uint16_t>(server.port());
    testing::HttpClient client("127.0.0.1", port);
    auto unknown = client.Get("/api/v1/no-such-thing");  // the router
    EXPECT_EQ(unknown.status, 404);
    ids.push_back(IdOf(unknown));
    statuses.push_back(404);
    auto login = client.Request("POST", "/api/v1/auth/login", R"({"name":"admin","password":"wrong"})",
                                {{"Content-Type", "application/json"}});  // a route
    EXPECT_EQ(login.status, 401);
    ids.push_back(IdOf(login));
    statuses.push_back(401);
    testing::RawConnection raw(port);  // the connection: a target the decoder refuses
    ASSERT_TRUE(raw.Send("GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto bad = raw.ReadResponse();
    EXPECT_EQ(bad.status, 400);
    ids.push_back(IdOf(bad));
    statuses.push_back(400);
    auto ok = client.Get("/healthz");
    EXPECT_EQ(ok.status, 200);
    ASSERT_TRUE(ok.headers.contains("x-request-id"));
    ids.push_back(ok.headers.at("x-request-id"));
    statuses.push_back(200);
    for (const auto& id : ids) ASSERT_TRUE(WaitFor(id)) << id << "\n" << Log();
    server.Kill(SIGTERM);
    EXPECT_EQ(server.exit_status(), 0);
  }
  const auto lines = Lines();
  ASSERT_FALSE(lines.empty());
  for (const auto& l : lines) {
    json::value v;
    ASSERT_NO_THROW(v = json::parse(l)) << "not JSON on stdout: " << l;
    ASSERT_TRUE(v.is_object()) << l;
    EXPECT_TRUE(v.as_object().contains("ts")) << l;
    EXPECT_TRUE(v.as_object().contains("type")) << l;
  }
  EXPECT_EQ(json::parse(lines.front()).at("type"), "listening");
  EXPECT_EQ(json::parse(lines.back()).at("type"), "stopped");
  for (size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(AccessLineOf(lines, ids[i]).at("status").as_int64(), statuses[i]) << ids[i];
  }
  std::set<std::string> distinct(ids.begin(), ids.end());
  EXPECT_EQ(distinct.size(), ids.size()) << "one id per request";
}

TEST_F(LoggingTest, TextFormatFromTheConfigurationFileAndTheCommandLineWins) {
  const auto config = (dir_ / "shaobing.yaml").string();
  std::ofstream(config) << "log_format: text\n";
  {
    testing::ServerProcess server(SHAOBING_BINARY, (dir_ / "data").string(), {"--config", config}, Options());
    testing::HttpClient client("127.0.0.1", static_cast<std::uint16_t>(server.port()));
    auto r = client.Get("/api/v1/missing");
    const std::string id = IdOf(r);
    ASSERT_TRUE(WaitFor("request_id=" + id)) << Log();
    const auto lines = Lines();
    const auto access = std::find_if(lines.begin(), lines.end(), [&](const std::string& l) {
      return l.find("request_id=" + id) != std::string::npos;
    });
    ASSERT_NE(access, lines.end());
    EXPECT_NE(access->find(" access "), std::string::npos) << *access;
    EXPECT_NE(access->find(" status=404"), std::string::npos) << *access;
    EXPECT_NE(access->find(" target=/api/v1/missing"), std::string::npos) << *access;
    EXPECT_NE(lines.front().find(" listening url=http://127.0.0.1:"), std::string::npos) << lines.front();
  }
  std::filesystem::remove(dir_ / "stdout.log");
  {
    testing::ServerProcess server(SHAOBING_BINARY, (dir_ / "data").string(),
                                  {"--config", config, "--log-format", "json"}, Options());
    testing::HttpClient client("127.0.0.1", static_cast<std::uint16_t>(server.port()));
    const std::string id = IdOf(client.Get("/api/v1/missing"));
    ASSERT_TRUE(WaitFor(id)) << Log();
    EXPECT_EQ(AccessLineOf(Lines(), id).at("status").as_int64(), 404);
  }
  auto refused = testing::RunProcess(
      {SHAOBING_BINARY, "serve", "--listen", "127.0.0.1:0", "--data", (dir_ / "d2").string(), "--log-format", "xml"});
  EXPECT_EQ(refused.status, 2) << refused.err;
  EXPECT_NE(refused.err.find("--log-format"), std::string::npos) << refused.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "d2"));
}

}  // namespace
}  // namespace shaobing
