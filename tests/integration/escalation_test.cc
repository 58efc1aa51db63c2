// The escalation of an overdue clock on a manual clock, over a real server and store: each
// step at its minute (the owing party, the upper desk's officer on duty, its leader on duty),
// recorded once, audited, pushed live, on the event's timeline and queued to the alerted desk;
// an acknowledgement by the alerted party holds the chain, which then goes on; fulfilment
// stops it; a restart in the middle neither loses nor repeats a step.
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

// The city desk (640100) owes the region a call by 14:40 (clock_timer_test.cc).
const std::string kCityPhone = "first|desk:640100|region|phone";

// The region desk's roster for the day: its officer "desk" and the leader "leader" on duty.
const char kRosterCsv[] =
    "starts_at,ends_at,officer,officer_phone,leader,leader_phone\n"
    "2026-11-29 08:00,2026-11-30 08:00,desk,13800000001,leader,13800000002\n";

void Configure(AppConfig& c) {
  c.escalation = {{0, 30, 60}, 40};
  c.notify.smtp = {.url = "smtp://127.0.0.1:9", .from = "shaobing@example.org"};
  c.notify.email["640000"] = {"duty@example.org"};
  c.notify.email["640100"] = {"yinchuan@example.org"};
}

class EscalationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    bus_id_ = server_.app().bus().Subscribe([this](const Notice& n) {
      if (n.type == "escalation") ++pushed_;
      return true;
    });
    auto roster =
        server_.ClientAs("desk")->PostJson("/api/v1/duty/roster?desk=640000", json::object{{"csv", kRosterCsv}});
    ASSERT_EQ(roster.status, 201) << roster.body;
    auto first =
        server_.ClientAs("xingqing")->PostJson("/api/v1/reports", testing::FireReport("2026-11-29T14:00:00+08:00", 3));
    ASSERT_EQ(first.status, 201) << first.body;
    event_ = first.Json().at("event_id").as_int64();
  }
  void TearDown() override { server_.app().bus().Unsubscribe(bus_id_); }

  int Tick() {
    auto r = server_.app().clock_timer().Tick();
    EXPECT_TRUE(r) << (r ? "" : r.error().reason);
    return r ? r->escalations : -1;
  }
  // The steps taken on the city desk's call, from the event view.
  std::vector<json::object> Steps() {
    auto view = server_.ClientAs("desk")->Get("/api/v1/events/" + std::to_string(event_)).Json();
    std::vector<json::object> out;
    for (const auto& s : view.at("overdue_escalations").as_array()) {
      if (s.at("clock").as_string() == kCityPhone) out.push_back(s.as_object());
    }
    return out;
  }
  std::string Path(std::int64_t step) { return "/api/v1/escalations/" + std::to_string(step) + "/acknowledgement"; }

  testing::TestServer server_{Configure};
  std::uint64_t bus_id_ = 0;
  std::atomic<int> pushed_{0};
  EventId event_ = 0;
};

TEST_F(EscalationTest, EachStepAtItsMinuteAndAnAcknowledgementHoldsTheChain) {
  Tick();
  server_.clock().Advance(minutes(29));  // 14:39: not yet due
  Tick();
  EXPECT_TRUE(Steps().empty());

  server_.clock().Advance(minutes(2));  // 14:41: overdue since 14:40, step 1 alerts the city desk itself
  EXPECT_GE(Tick(), 1);
  auto steps = Steps();
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].at("step").as_int64(), 1);
  EXPECT_EQ(steps[0].at("alerted_kind").as_string(), "desk");
  EXPECT_EQ(steps[0].at("alerted").as_string(), "640100");
  EXPECT_EQ(steps[0].at("at").as_string(), "2026-11-29T14:40:00+08:00");
  const auto jobs = server_.app().store().Stats().jobs;
  EXPECT_EQ(Tick(), 0);  // taken once; a pass with nothing due writes nothing
  EXPECT_EQ(server_.app().store().Stats().jobs, jobs);

  server_.clock().Advance(minutes(30));  // 15:11: step 2 (15:10), the region desk's officer on duty
  Tick();
  steps = Steps();
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[1].at("step").as_int64(), 2);
  EXPECT_EQ(steps[1].at("alerted").as_string(), "640000");
  EXPECT_EQ(steps[1].at("alerted_name").as_string(), "desk");
  EXPECT_EQ(steps[1].at("alerted_phone").as_string(), "13800000001");
  const std::int64_t second = steps[1].at("id").as_int64();

  // Only the alerted party acknowledges: the city desk sees the event but was not alerted by
  // step 2; a unit that does not see it is told there is no such escalation.
  auto city = server_.ClientAs("desk-yinchuan");
  auto lingwu = server_.ClientAs("lingwu");
  auto region = server_.ClientAs("desk");
  const auto audit_before = server_.AuditCount();  // after the sign-ins, which are audited
  EXPECT_EQ(city->PostJson(Path(second), json::object{}).status, 403);
  EXPECT_EQ(lingwu->PostJson(Path(second), json::object{}).status, 404);
  EXPECT_EQ(region->PostJson(Path(999999), json::object{}).status, 404);
  EXPECT_EQ(region->PostJson(Path(second), json::object{{"note", std::string(501, 'x')}}).status, 400);
  EXPECT_EQ(server_.AuditCount(), audit_before);

  server_.clock().Advance(minutes(5));  // 15:16: 已知悉，正在处理 — held until 15:56
  auto ack = server_.ClientAs("desk")->PostJson(Path(second), json::object{{"note", "已电话督促银川市"}});
  ASSERT_EQ(ack.status, 201) << ack.body;
  EXPECT_EQ(ack.Json().at("held_until").as_string(), "2026-11-29T15:56:00+08:00");
  server_.clock().Advance(minutes(25));  // 15:41: past step 3's own minute (15:40), but held
  Tick();
  EXPECT_EQ(Steps().size(), 2u);
  server_.clock().Advance(minutes(15));  // 15:56: the hold ends, the chain goes on
  Tick();
  steps = Steps();
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[2].at("step").as_int64(), 3);
  EXPECT_EQ(steps[2].at("alerted_kind").as_string(), "leader");
  EXPECT_EQ(steps[2].at("alerted_name").as_string(), "leader");
  EXPECT_EQ(steps[2].at("at").as_string(), "2026-11-29T15:56:00+08:00");
  EXPECT_EQ(steps[1].at("acknowledgements").as_array().size(), 1u);
  // The leader alerted acknowledges too; the chain is complete, nothing more is taken.
  auto by_leader =
      server_.ClientAs("leader")->PostJson(Path(steps[2].at("id").as_int64()), json::object{{"note", "已知悉"}});
  EXPECT_EQ(by_leader.status, 201) << by_leader.body;
  server_.clock().Advance(hours(3));
  Tick();
  EXPECT_EQ(Steps().size(), 3u);

  // On the timeline, audited, pushed live, queued to the alerted desks.
  auto view = server_.ClientAs("desk")->Get("/api/v1/events/" + std::to_string(event_)).Json();
  int on_timeline = 0, acks_on_timeline = 0;
  for (const auto& t : view.at("timeline").as_array()) {
    if (t.at("type").as_string() == "overdue_escalation" && t.at("clock").as_string() == kCityPhone) ++on_timeline;
    if (t.at("type").as_string() == "escalation_ack") ++acks_on_timeline;
  }
  EXPECT_EQ(on_timeline, 3);
  EXPECT_EQ(acks_on_timeline, 2);
  int audited = 0;
  for (const auto& a : server_.AuditRecords()) {
    if (a.action == "escalation.step" && a.detail.find(kCityPhone) != std::string::npos) ++audited;
  }
  EXPECT_EQ(audited, 3);
  EXPECT_GE(pushed_.load(), 5);  // three steps and two acknowledgements (others' clocks too)
  auto outbox = server_.app().store().ListNotifications({.limit = 1000}).value();
  int to_city = 0, to_region = 0;
  for (const auto& n : outbox) {
    if (n.kind != "clock.escalation") continue;
    if (n.region == "640100") ++to_city;
    if (n.region == "640000") ++to_region;
  }
  EXPECT_GE(to_city, 1);
  EXPECT_GE(to_region, 2);
}

TEST_F(EscalationTest, FulfilmentStopsTheChain) {
  Tick();
  server_.clock().Advance(minutes(31));  // 14:41: step 1
  Tick();
  ASSERT_EQ(Steps().size(), 1u);
  server_.clock().Advance(minutes(5));  // 14:45: the city desk calls the region
  auto call = server_.ClientAs("desk-yinchuan")
                  ->PostJson("/api/v1/events/" + std::to_string(event_) + "/desk-reports",
                             json::object{{"to", "region"}, {"channel", "phone"}, {"told", "自治区党委办公厅值班室"}});
  ASSERT_EQ(call.status, 201) << call.body;
  Tick();
  server_.clock().Advance(hours(2));  // past every step's minute
  Tick();
  EXPECT_EQ(Steps().size(), 1u);
}

// A restart between passes: the steps that fell due while the server was down are taken once
// each, with the time they fell due, and never again.
TEST(EscalationRestartTest, StepsMissedWhileDownAreTakenOnce) {
  const testing::ScratchDir scratch("escalation");
  ManualClock clock(*ParseIsoTime("2026-11-29T14:10:00+08:00"));
  auto build = [&] {
    AppConfig config;
    config.data_dir = scratch.path().string();
    config.files_dir = testing::SourceDir() + "/data";
    config.clock = &clock;
    config.clock_timer.period = std::chrono::milliseconds(0);
    config.escalation = {{0, 30, 60}, 30};
    auto app = App::Build(config);
    if (!app) throw std::runtime_error(app.error().reason);
    return std::move(*app);
  };
  auto city_steps = [](App& app, EventId event) {
    std::vector<EscalationStep> out;
    const auto all = app.store().EscalationStepsOfEvent(event);
    if (!all) return out;
    for (const auto& s : *all) {
      if (s.clock_key == kCityPhone) out.push_back(s);
    }
    return out;
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
    clock.Advance(minutes(31));  // 14:41: step 1
    ASSERT_TRUE(app->clock_timer().Tick());
    ASSERT_EQ(city_steps(*app, event).size(), 1u);
    app->Stop();
  }
  clock.Advance(minutes(65));  // 15:46: steps 2 (15:10) and 3 (15:40) fell due while down
  {
    auto app = build();
    auto pass = app->clock_timer().Tick();
    ASSERT_TRUE(pass);
    auto steps = city_steps(*app, event);
    ASSERT_EQ(steps.size(), 3u);
    EXPECT_EQ(steps[1].step, 2);
    EXPECT_EQ(steps[1].at, *ParseIsoTime("2026-11-29T15:10:00+08:00"));
    EXPECT_EQ(steps[2].step, 3);
    EXPECT_EQ(steps[2].at, *ParseIsoTime("2026-11-29T15:40:00+08:00"));
    EXPECT_EQ(steps[2].recorded_at, *ParseIsoTime("2026-11-29T15:46:00+08:00"));
    app->Stop();
  }
  {
    auto app = build();  // and once more: nothing is taken twice
    ASSERT_TRUE(app->clock_timer().Tick());
    EXPECT_EQ(city_steps(*app, event).size(), 3u);
  }
}

}  // namespace
}  // namespace shaobing
