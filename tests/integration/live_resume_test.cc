// Live push that resumes (GET /api/v1/stream with Last-Event-ID) over real sockets: the
// missed changes exactly once and in order, then live ones; replay limited to what the
// caller may see; a refused write announces nothing; `reset` when the log cannot replay.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <limits>
#include <optional>

#include "testing/raw_connection.h"
#include "testing/test_data.h"
#include "testing/test_server.h"

namespace shaobing {
namespace {
namespace json = boost::json;
using namespace std::chrono_literals;
using testing::RawConnection;
using testing::TestServer;

struct SseEvent {
  std::int64_t id = -1;  // -1: none
  std::string type;
  json::value data;
};

// One SSE stream of a user, read event by event (comments skipped).
class Stream {
 public:
  Stream(TestServer& server, const std::string& account, std::optional<std::string> last_event_id = {},
         bool in_query = false) {
    auto r = server.Anonymous()->Login(account, testing::kPassword);
    if (r.status != 200) throw std::runtime_error("login failed: " + r.body);
    const std::string token(r.Json().at("token").as_string());
    conn_ = std::make_unique<RawConnection>(server.port());
    std::string target = "/api/v1/stream";
    std::string request;
    if (last_event_id && in_query) target += "?last_event_id=" + *last_event_id;
    request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n";
    if (last_event_id && !in_query) request += "Last-Event-ID: " + *last_event_id + "\r\n";
    if (!conn_->Send(request + "\r\n")) throw std::runtime_error("cannot send");
    if (conn_->ReadUntil(": connected\n\n").find(" 200 ") == std::string::npos) throw std::runtime_error("no stream");
    if (!last_event_id) start = Next();  // a new stream names where it begins
  }
  std::optional<SseEvent> start;
  // The next event within `timeout`; nullopt when none came.
  std::optional<SseEvent> Next(std::chrono::milliseconds timeout = 10s) {
    for (;;) {
      const std::string block = conn_->ReadUntil("\n\n", timeout);
      if (block.empty()) return std::nullopt;
      SseEvent e;
      size_t at = 0;
      while (at < block.size()) {
        const size_t end = block.find('\n', at);
        const std::string line = block.substr(at, end - at);
        at = end + 1;
        if (line.starts_with("id: ")) e.id = std::stoll(line.substr(4));
        if (line.starts_with("event: ")) e.type = line.substr(7);
        if (line.starts_with("data: ")) e.data = json::parse(line.substr(6));
      }
      if (!e.type.empty()) return e;  // else a comment (": ping")
    }
  }
  // The next `n` events (fewer when they stop coming).
  std::vector<SseEvent> Take(size_t n) {
    std::vector<SseEvent> out;
    while (out.size() < n) {
      auto e = Next();
      if (!e) break;
      out.push_back(std::move(*e));
    }
    return out;
  }

 private:
  std::unique_ptr<RawConnection> conn_;
};

void Unlimited(AppConfig& c) {
  c.report_limits.per_unit_hour = std::numeric_limits<int>::max();
  c.report_limits.per_unit_event_hour = std::numeric_limits<int>::max();
}

// A first report by `account`'s unit, distinct enough from the others to open its own event;
// returns its id.
std::int64_t Report(TestServer& server, const std::string& account = "xingqing", const std::string& unit = "640104-dw",
                    const std::string& region = "640104") {
  static int n = 0;
  ++n;
  json::object r = json::parse(testing::FirstReportJson()).as_object();
  r["unit"] = unit;
  r["title"] = "续传测试事件 " + std::to_string(n);
  r["category"] = n % 2 ? "fire" : "mass_incident";
  const int day = 1 + n % 28;
  r["occurred_at"] = "2026-10-" + std::string(day < 10 ? "0" : "") + std::to_string(day) + "T0" +
                     std::to_string(n % 10) + ":00:00+08:00";
  r["location"] = json::object{{"region", region}, {"address", "测试路" + std::to_string(n * 97) + "号"}};
  auto res = server.ClientAs(account)->PostJson("/api/v1/reports", r);
  if (res.status != 201) throw std::runtime_error("report refused: " + res.body);
  return res.Json().at("id").as_int64();
}

std::vector<std::int64_t> ReportIds(const std::vector<SseEvent>& events) {
  std::vector<std::int64_t> out;
  for (const auto& e : events) out.push_back(e.type == "report" ? e.data.at("report_id").as_int64() : -1);
  return out;
}

TEST(LiveResume, AReconnectGetsExactlyTheMissedChangesInOrderThenLiveOnes) {
  TestServer server(Unlimited);
  std::int64_t last_id = 0;
  std::vector<std::int64_t> seen;
  {
    Stream first(server, "desk");
    ASSERT_TRUE(first.start);
    EXPECT_EQ(first.start->type, "start");
    EXPECT_EQ(first.start->id, 0) << "nothing committed yet";
    for (int i = 0; i < 3; ++i) seen.push_back(Report(server));
    auto events = first.Take(3);
    ASSERT_EQ(ReportIds(events), seen);
    for (size_t i = 1; i < events.size(); ++i) EXPECT_GT(events[i].id, events[i - 1].id);
    last_id = events.back().id;
  }  // the client hangs up
  std::vector<std::int64_t> missed;
  for (int i = 0; i < 4; ++i) missed.push_back(Report(server));

  Stream again(server, "desk", std::to_string(last_id));
  auto replayed = again.Take(4);
  EXPECT_EQ(ReportIds(replayed), missed);
  std::int64_t expected_id = last_id;
  for (const auto& e : replayed) EXPECT_EQ(e.id, ++expected_id) << "a gap or a repeat in the ids";
  const auto live = Report(server);
  auto next = again.Next();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->data.at("report_id").as_int64(), live);
  EXPECT_EQ(next->id, expected_id + 1);
  EXPECT_FALSE(again.Next(300ms)) << "an event more than the ones committed";
}

TEST(LiveResume, ANewStreamNamesWhereItBeginsAndResumesFromThere) {
  TestServer server(Unlimited);
  Report(server);
  Report(server);
  std::int64_t began = -1;
  {
    Stream s(server, "desk");
    ASSERT_TRUE(s.start);
    began = s.start->id;
  }  // hangs up before any change came
  EXPECT_EQ(began, 2);
  const auto missed = Report(server);
  Stream again(server, "desk", std::to_string(began));
  EXPECT_EQ(ReportIds(again.Take(1)), (std::vector<std::int64_t>{missed}));
}

TEST(LiveResume, TheQueryParameterResumesLikeTheHeader) {
  TestServer server(Unlimited);
  const auto a = Report(server), b = Report(server);
  Stream s(server, "desk", "1", /*in_query=*/true);
  (void)a;
  auto events = s.Take(1);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data.at("report_id").as_int64(), b);
}

TEST(LiveResume, AReplayHoldsOnlyWhatTheCallerMaySee) {
  TestServer server(Unlimited);
  const auto shizuishan = Report(server, "dawukou", "640202-dw", "640202");
  const auto yinchuan = Report(server);
  Stream city(server, "desk-yinchuan", "0");  // 银川市: not 石嘴山
  Stream province(server, "desk", "0");
  EXPECT_EQ(ReportIds(province.Take(2)), (std::vector<std::int64_t>{shizuishan, yinchuan}));
  auto seen = city.Take(1);
  EXPECT_EQ(ReportIds(seen), (std::vector<std::int64_t>{yinchuan}));
  EXPECT_FALSE(city.Next(300ms)) << "the city desk was sent another region's change";
}

TEST(LiveResume, ARefusedWriteAnnouncesNothing) {
  TestServer server(Unlimited);
  Stream s(server, "desk");
  auto refused = server.app().store().Write([](Transaction& tx) -> Status {
    if (auto p = tx.Publish(Notice{.type = "report", .event_id = 1, .report_id = 999, .region = "640104"}); !p) {
      return p;
    }
    return Fail(Error::Make(ErrorCode::kConflict, "refused", ""));
  });
  ASSERT_FALSE(refused);
  const auto id = Report(server);
  auto e = s.Next();
  ASSERT_TRUE(e);
  EXPECT_EQ(e->data.at("report_id").as_int64(), id) << "the refused job's change was pushed";
  EXPECT_EQ(e->id, 1) << "the refused job's seq was kept";
  EXPECT_EQ(server.app().store().ChangesAfter(0, 10)->changes.size(), 1u);
}

TEST(LiveResume, AClientTooFarBehindOrWithAnUnknownIdGetsReset) {
  TestServer server([](AppConfig& c) {
    Unlimited(c);
    c.live_streams.max_replay = 2;
  });
  for (int i = 0; i < 3; ++i) Report(server);
  {
    Stream s(server, "desk", "0");
    auto e = s.Next();
    ASSERT_TRUE(e);
    EXPECT_EQ(e->type, "reset");
    EXPECT_EQ(e->id, 3) << "the reset names where to resume from";
    EXPECT_EQ(e->data.at("reason").as_string(), "too_far_behind");
    const auto live = Report(server);
    auto next = s.Next();
    ASSERT_TRUE(next);
    EXPECT_EQ(next->data.at("report_id").as_int64(), live);
    EXPECT_EQ(next->id, 4);
  }
  for (const std::string id : {"99", "abc"}) {
    Stream s(server, "desk", id);
    auto e = s.Next();
    ASSERT_TRUE(e);
    EXPECT_EQ(e->type, "reset") << id;
    EXPECT_EQ(e->data.at("reason").as_string(), "unknown_id") << id;
  }
  {
    Stream s(server, "desk", "2");  // within the limit: replayed
    EXPECT_EQ(s.Take(2).size(), 2u);
  }
  // Past the retention the housekeeping purges the log: an id before it is too old.
  server.clock().Advance(AppConfig{}.change_log_retention + std::chrono::hours(1));
  server.app().Housekeeping();
  EXPECT_TRUE(server.app().store().ChangesAfter(0, 10)->changes.empty());
  Stream s(server, "desk", "3");
  auto e = s.Next();
  ASSERT_TRUE(e);
  EXPECT_EQ(e->type, "reset");
  EXPECT_EQ(e->data.at("reason").as_string(), "too_old");
  Stream current(server, "desk", "4");  // nothing missed, nothing left: nothing to say
  EXPECT_FALSE(current.Next(300ms));
}

}  // namespace
}  // namespace shaobing
