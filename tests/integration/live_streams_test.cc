// Live streams (GET /api/v1/stream) over real sockets: the cap per user (429), closing a
// session's streams (through the registry and by logout), the heartbeat that ends a stream
// whose session expired, and a reader too slow for what is published.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <thread>

#include "store/audit_chain.h"
#include "testing/raw_connection.h"
#include "testing/test_server.h"

namespace shaobing {
namespace {
using namespace std::chrono_literals;
using testing::RawConnection;
using testing::TestServer;

std::string TokenOf(TestServer& server, const std::string& account) {
  auto r = server.Anonymous()->Login(account, testing::kPassword);
  if (r.status != 200) throw std::runtime_error("login failed: " + r.body);
  return std::string(r.Json().at("token").as_string());
}

struct Opened {
  int status = 0;                         // of the response head
  std::unique_ptr<RawConnection> stream;  // once ": connected" has arrived
};

Opened OpenStream(TestServer& server, const std::string& token, int receive_buffer = 0) {
  Opened out;
  auto c = std::make_unique<RawConnection>(server.port(), "", receive_buffer);
  if (!c->SendGet("/api/v1/stream", token)) return out;
  const std::string head = c->ReadUntil("\r\n");
  if (head.size() < 12) return out;
  out.status = std::stoi(head.substr(9, 3));
  if (out.status == 200 && !c->ReadUntil(": connected\n\n").empty()) out.stream = std::move(c);
  return out;
}

// A report notice in 兴庆区 (inside the desk's region 640000).
Notice ReportNotice(std::int64_t id, const std::string& unit = "640104-dw") {
  return Notice{
      .seq = id, .type = "report", .event_id = id, .report_id = id, .kind = "first", .unit = unit, .region = "640104"};
}

std::string ReportIdMark(std::int64_t id) { return "\"report_id\":" + std::to_string(id) + ","; }

TEST(LiveStreamLimits, OneStreamPastTheUsersCapIs429) {
  TestServer server;
  const std::string token = TokenOf(server, "desk");
  std::vector<std::unique_ptr<RawConnection>> streams;
  for (int i = 0; i < api::LiveStreamsOptions{}.max_per_user; ++i) {
    auto opened = OpenStream(server, token);
    ASSERT_NE(opened.stream, nullptr) << "stream " << i << ": " << opened.status;
    streams.push_back(std::move(opened.stream));
  }
  RawConnection over(server.port());
  ASSERT_TRUE(over.SendGet("/api/v1/stream", token));
  const auto r = over.ReadResponse();
  EXPECT_EQ(r.status, 429) << r.body;
  const auto error = r.Json();
  ASSERT_TRUE(error.is_object() && error.as_object().contains("error")) << r.body;
  EXPECT_EQ(error.at("error").at("code").as_string(), "too_many_streams") << r.body;

  // The cap is per user.
  EXPECT_NE(OpenStream(server, TokenOf(server, "leader")).stream, nullptr);
  // A stream whose client hangs up gives its place back (as soon as the server sees it).
  streams.pop_back();
  Opened again;
  for (const auto deadline = std::chrono::steady_clock::now() + 10s;
       !again.stream && std::chrono::steady_clock::now() < deadline; std::this_thread::sleep_for(20ms)) {
    again = OpenStream(server, token);
  }
  EXPECT_NE(again.stream, nullptr);
}

TEST(LiveStreamLimits, CloseSessionClosesExactlyThatSessionsStreams) {
  TestServer server;
  const std::string a = TokenOf(server, "desk"), b = TokenOf(server, "desk");
  auto a1 = OpenStream(server, a).stream, a2 = OpenStream(server, a).stream, b1 = OpenStream(server, b).stream;
  ASSERT_TRUE(a1 && a2 && b1);
  EXPECT_EQ(server.app().live_streams().open(), 3u);

  server.app().live_streams().CloseSession(Blake2bHex(a));
  EXPECT_TRUE(a1->WaitClosed());
  EXPECT_TRUE(a2->WaitClosed());
  server.app().bus().Publish(ReportNotice(41));
  EXPECT_NE(b1->ReadUntil(ReportIdMark(41)), "") << "the other session's stream was closed too";
  EXPECT_EQ(server.app().live_streams().open(), 1u);
}

TEST(LiveStreamLimits, LogoutClosesTheStreamsOfThatSession) {
  TestServer server;
  const std::string a = TokenOf(server, "desk"), b = TokenOf(server, "desk");
  auto a1 = OpenStream(server, a).stream, b1 = OpenStream(server, b).stream;
  ASSERT_TRUE(a1 && b1);
  auto client = server.Anonymous();
  client->SetToken(a);
  ASSERT_EQ(client->PostJson("/api/v1/auth/logout", boost::json::object{}).status, 200);
  EXPECT_TRUE(a1->WaitClosed());
  server.app().bus().Publish(ReportNotice(42));
  EXPECT_NE(b1->ReadUntil(ReportIdMark(42)), "");
}

TEST(LiveStreamLimits, AStreamWhoseSessionExpiredIsClosedAtTheNextHeartbeat) {
  TestServer server([](AppConfig& c) { c.live_streams.heartbeat = 100ms; });
  const std::string token = TokenOf(server, "desk");
  auto stream = OpenStream(server, token).stream;
  ASSERT_NE(stream, nullptr);
  EXPECT_NE(stream->ReadUntil(": ping\n\n"), "") << "no heartbeat";
  EXPECT_NE(stream->ReadUntil(": ping\n\n"), "") << "the stream ended while its session stands";
  server.clock().Advance(std::chrono::hours(12) + std::chrono::minutes(1));  // past the session lifetime
  EXPECT_TRUE(stream->WaitClosed(5s));
}

TEST(LiveStreamLimits, AReaderTooSlowIsClosedAndOthersAreNot) {
  TestServer server([](AppConfig& c) {
    c.http.max_stream_buffer_bytes = 64 * 1024;
    c.http.write_timeout_seconds = 600;  // only the bound on queued bytes may close it here
  });
  const std::string token = TokenOf(server, "desk");
  auto slow = OpenStream(server, token, /*receive_buffer=*/4096).stream;  // reads nothing from now on
  auto steady = OpenStream(server, token).stream;
  ASSERT_TRUE(slow && steady);

  // Rounds of about 16 KB of notices; the steady reader takes each round whole before the
  // next, so only the slow one falls behind.
  const std::string unit(2000, 'u');
  std::int64_t published = 0;
  bool slow_closed = false;
  for (int round = 0; round < 2000 && !slow_closed; ++round) {
    for (int i = 0; i < 8; ++i) server.app().bus().Publish(ReportNotice(++published, unit));
    ASSERT_NE(steady->ReadUntil(ReportIdMark(published)), "") << "the steady reader lost its stream, round " << round;
    slow_closed = server.app().live_streams().open() == 1;
  }
  ASSERT_TRUE(slow_closed) << published << " notices published, the slow stream is still open";
  EXPECT_TRUE(slow->WaitClosed());

  server.app().bus().Publish(ReportNotice(++published));
  EXPECT_NE(steady->ReadUntil(ReportIdMark(published)), "");
  const auto metrics = server.Anonymous()->Get("/metrics");
  EXPECT_NE(metrics.body.find("\nshaobing_live_streams_closed_slow_total 1\n"), std::string::npos) << metrics.body;
  EXPECT_NE(metrics.body.find("\nshaobing_live_streams_open 1\n"), std::string::npos);
}

}  // namespace
}  // namespace shaobing
