// The timer service of the reporting clocks on a manual clock, over a real server and store:
// every transition (pending → due_soon → overdue → late, on_time, follow-ups after a day),
// each recorded once with the time it happened, pushed live and audited; the event list is red
// only while a clock is really overdue; a restart in the middle neither loses nor repeats a
// transition; the desk's 处置完毕 closes the follow-ups.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>

#include "core/report_json.h"
#include "testing/scratch_dir.h"
#include "testing/test_data.h"
#include "testing/test_server.h"

namespace shaobing {
namespace {
namespace json = boost::json;
using std::chrono::hours;
using std::chrono::minutes;

const std::string kCityPhone = "first|desk:640100|region|phone";

// A fire with 3 deaths in 兴庆区 that happened 10 minutes before the server's clock (14:10):
// reportable to the region, so the city desk owes the region a call within 30 minutes and a
// written report within 60 of hearing (14:10).
class ClockTimerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    bus_id_ = server_.app().bus().Subscribe([this](const Notice& n) {
      if (n.type == "clock") ++pushed_;
      return true;
    });
    auto first =
        server_.ClientAs("xingqing")->PostJson("/api/v1/reports", testing::FireReport("2026-11-29T14:00:00+08:00", 3));
    ASSERT_EQ(first.status, 201) << first.body;
    event_ = first.Json().at("event_id").as_int64();
  }
  void TearDown() override { server_.app().bus().Unsubscribe(bus_id_); }

  int Tick() {
    auto r = server_.app().clock_timer().Tick();
    EXPECT_TRUE(r) << (r ? "" : r.error().reason);
    return r ? r->transitions : -1;
  }
  std::string State(const std::string& key) {
    auto view = server_.ClientAs("desk")->Get("/api/v1/events/" + std::to_string(event_)).Json();
    for (const auto& c : view.at("clocks").as_array()) {
      if (c.at("key").as_string() == key) return std::string(c.at("state").as_string());
    }
    return "";
  }
  // The event's row in the desk's list: its stored clocks in short.
  json::object Listed() {
    auto list = server_.ClientAs("desk")->Get("/api/v1/events").Json();
    for (const auto& e : list.at("events").as_array()) {
      if (e.at("id").as_int64() == event_) return e.at("clocks").as_object();
    }
    ADD_FAILURE() << "event not listed";
    return {};
  }
  std::vector<ClockTransition> Transitions(const std::string& key) {
    auto all = server_.app().store().ClockTransitionsOfEvent(event_);
    EXPECT_TRUE(all);
    std::vector<ClockTransition> out;
    for (auto& t : *all) {
      if (t.key == key) out.push_back(t);
    }
    return out;
  }

  testing::TestServer server_;  // its clock timer runs only when Tick() is called
  std::uint64_t bus_id_ = 0;
  std::atomic<int> pushed_{0};
  EventId event_ = 0;
};

TEST_F(ClockTimerTest, EveryTransitionIsRecordedOnceWithItsTimeAndPushed) {
  const int created = Tick();
  EXPECT_GT(created, 0);
  const auto jobs = server_.app().store().Stats().jobs;
  EXPECT_EQ(Tick(), 0);                                 // nothing moved: nothing recorded again,
  EXPECT_EQ(server_.app().store().Stats().jobs, jobs);  // and no write job queued to find that out
  EXPECT_EQ(State(kCityPhone), "pending");
  EXPECT_EQ(Listed().at("overdue").as_int64(), 0);

  server_.clock().Advance(minutes(20));  // 14:30: the call is due at 14:40
  EXPECT_EQ(Tick(), 1);
  EXPECT_EQ(State(kCityPhone), "due_soon");

  server_.clock().Advance(minutes(15));  // 14:45
  EXPECT_GE(Tick(), 1);
  EXPECT_EQ(State(kCityPhone), "overdue");
  EXPECT_EQ(Listed().at("overdue").as_int64(), 1);
  const auto before_call = server_.AuditCount();

  auto call = server_.ClientAs("desk-yinchuan")
                  ->PostJson("/api/v1/events/" + std::to_string(event_) + "/desk-reports",
                             json::object{{"to", "region"}, {"channel", "phone"}, {"told", "自治区党委办公厅值班室"}});
  ASSERT_EQ(call.status, 201) << call.body;
  EXPECT_GE(Tick(), 1);
  EXPECT_EQ(State(kCityPhone), "late");
  EXPECT_EQ(Listed().at("overdue").as_int64(), 0);   // red clears with the call
  EXPECT_GT(server_.AuditCount(), before_call + 1);  // the call and the transition

  const auto steps = Transitions(kCityPhone);
  ASSERT_EQ(steps.size(), 4u);
  EXPECT_EQ(steps[0].from_state, "");
  EXPECT_EQ(steps[0].to_state, "pending");
  EXPECT_EQ(steps[0].at, *ParseIsoTime("2026-11-29T14:10:00+08:00"));
  EXPECT_EQ(steps[1].to_state, "due_soon");
  EXPECT_EQ(steps[1].at, *ParseIsoTime("2026-11-29T14:25:00+08:00"));
  EXPECT_EQ(steps[2].to_state, "overdue");
  EXPECT_EQ(steps[2].at, *ParseIsoTime("2026-11-29T14:40:00+08:00"));
  EXPECT_EQ(steps[3].to_state, "late");
  EXPECT_EQ(steps[3].at, *ParseIsoTime("2026-11-29T14:45:00+08:00"));
  EXPECT_GE(pushed_.load(), created + 3);
}

// The unit's own first report met its clock (10 minutes after the occurrence); a day later it
// owes a follow-up (grade IV-III: once a day), overdue when none came.
TEST_F(ClockTimerTest, TheUnitOwesADailyFollowUp) {
  Tick();
  EXPECT_EQ(State("first|unit:640104-dw|county|written"), "");  // the county's own office: a desk
  server_.clock().Advance(hours(25));
  Tick();
  EXPECT_EQ(State("follow_up|desk:640104|city|1"), "overdue");
  auto followup = json::parse(testing::FirstReportJson()).as_object();
  followup["kind"] = "followup";
  followup["event_id"] = event_;
  followup["figures"] = json::object{{"deaths", 3}};
  auto sent = server_.ClientAs("xingqing")->PostJson("/api/v1/reports", followup);
  ASSERT_EQ(sent.status, 201) << sent.body;
  Tick();
  EXPECT_EQ(State("follow_up|desk:640104|city|1"), "late");
  EXPECT_EQ(State("follow_up|desk:640104|city|2"), "pending");
}

// 处置完毕 closes the follow-ups (their clocks are dropped, audited); closing twice is refused.
TEST_F(ClockTimerTest, TheDesksClosureClosesFollowUps) {
  Tick();
  EXPECT_EQ(State("follow_up|desk:640104|city|1"), "pending");
  auto desk = server_.ClientAs("desk-yinchuan");
  const std::string path = "/api/v1/events/" + std::to_string(event_) + "/closure";
  EXPECT_EQ(desk->PostJson(path, json::object{{"reason", " "}}).status, 400);
  auto closed = desk->PostJson(path, json::object{{"reason", "火已扑灭，善后完毕"}});
  ASSERT_EQ(closed.status, 201) << closed.body;
  Tick();
  EXPECT_EQ(State("follow_up|desk:640104|city|1"), "");
  EXPECT_EQ(desk->PostJson(path, json::object{{"reason", "again"}}).status, 409);
  auto view = desk->Get("/api/v1/events/" + std::to_string(event_)).Json();
  EXPECT_EQ(view.at("closures").as_array().size(), 1u);
  EXPECT_EQ(server_.ClientAs("xingqing")->PostJson(path, json::object{{"reason", "x"}}).status, 403);
}

// A restart between two passes: the transition that happened while the server was down is
// recorded once, with the time it happened, and never again.
TEST(ClockTimerRestartTest, ATransitionMissedWhileDownIsRecordedOnce) {
  const testing::ScratchDir scratch("clocks");
  const auto& dir = scratch.path();
  ManualClock clock(*ParseIsoTime("2026-11-29T14:10:00+08:00"));
  auto build = [&] {
    AppConfig config;
    config.data_dir = dir.string();
    config.files_dir = testing::SourceDir() + "/data";
    config.clock = &clock;
    config.clock_timer.period = std::chrono::milliseconds(0);
    auto app = App::Build(config);
    if (!app) throw std::runtime_error(app.error().reason);
    return std::move(*app);
  };
  EventId event = 0;
  {
    auto app = build();
    auto draft = ParseReport(json::serialize(testing::FireReport("2026-11-29T14:00:00+08:00", 3)),
                             app->directory().Get()->regions);
    ASSERT_TRUE(draft) << draft.error().reason;
    const Principal xingqing{1, "xingqing", Role::kReporter, "640104-dw", "party_office", "640104"};
    auto accepted = app->reports().SubmitAndWait(xingqing, *draft);
    ASSERT_TRUE(accepted) << accepted.error().reason;
    event = accepted->event_id;
    ASSERT_TRUE(app->clock_timer().Tick());
    app->Stop();
  }
  clock.Advance(hours(2));  // 16:10: the city desk's call (due 14:40) went overdue while down
  auto count = [&](App& app) {
    auto all = app.store().ClockTransitionsOfEvent(event);
    return all ? all->size() : 0;
  };
  size_t after_restart = 0;
  {
    auto app = build();
    const size_t before = count(*app);
    auto pass = app->clock_timer().Tick();
    ASSERT_TRUE(pass);
    EXPECT_GT(pass->transitions, 0);
    after_restart = count(*app);
    EXPECT_GT(after_restart, before);
    auto all = app->store().ClockTransitionsOfEvent(event);
    bool found = false;
    for (const auto& t : *all) {
      if (t.key == kCityPhone && t.to_state == "overdue") {
        EXPECT_EQ(t.at, *ParseIsoTime("2026-11-29T14:40:00+08:00"));
        EXPECT_EQ(t.recorded_at, *ParseIsoTime("2026-11-29T16:10:00+08:00"));
        found = true;
      }
    }
    EXPECT_TRUE(found);
    app->Stop();
  }
  {
    auto app = build();
    auto pass = app->clock_timer().Tick();
    ASSERT_TRUE(pass);
    EXPECT_EQ(pass->transitions, 0);
    EXPECT_EQ(count(*app), after_restart);
  }
}

}  // namespace
}  // namespace shaobing
