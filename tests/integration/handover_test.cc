// The handover between shifts (交接班) over a real server and store: the open items a desk hands
// over (its subtree's overdue clocks, its undecided consultations, the escalations alerting it
// that nobody holds), the handover written with them, audited and in the duty log, and
// acknowledged once by another officer of the desk; other desks and roles are refused.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "testing/test_data.h"
#include "testing/test_server.h"

namespace shaobing {
namespace {
namespace json = boost::json;
using std::chrono::minutes;

void Configure(AppConfig& c) { c.escalation = {{0, 30, 60}, 40}; }

class HandoverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto first =
        server_.ClientAs("xingqing")->PostJson("/api/v1/reports", testing::FireReport("2026-11-29T14:00:00+08:00", 3));
    ASSERT_EQ(first.status, 201) << first.body;
    event_ = first.Json().at("event_id").as_int64();
    ASSERT_TRUE(server_.app().clock_timer().Tick());
    server_.clock().Advance(minutes(70));  // the city desk's call to the region (14:40) is overdue
    ASSERT_TRUE(server_.app().clock_timer().Tick());
  }
  json::array Items(const std::string& account, const std::string& query = "") {
    auto r = server_.ClientAs(account)->Get("/api/v1/duty/handover-items" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.Json().at("items").as_array() : json::array{};
  }
  static const json::object* Find(const json::array& items, std::string_view kind, std::string_view owner) {
    for (const auto& i : items) {
      if (i.at("kind").as_string() == kind && i.at("owner").as_string() == owner) return &i.as_object();
    }
    return nullptr;
  }

  testing::TestServer server_{Configure};
  EventId event_ = 0;
};

TEST_F(HandoverTest, TheDeskSeesItsOpenItemsAndNotThoseOfTheDesksAboveIt) {
  // The city desk opens a consultation: an open item of the city desk, not of the region's.
  json::object body{{"question", "是否需向自治区报送？"},
                    {"deadline", FormatShanghai(server_.clock().Now() + minutes(60))},
                    {"invitees", json::array{json::object{{"kind", "user"}, {"id", "expert"}}}}};
  auto opened =
      server_.ClientAs("desk-yinchuan")->PostJson("/api/v1/events/" + std::to_string(event_) + "/consultations", body);
  ASSERT_EQ(opened.status, 201) << opened.body;

  const json::array region = Items("desk");
  const json::object* call = Find(region, "clock", "desk:640100");
  ASSERT_NE(call, nullptr) << json::serialize(region);
  EXPECT_EQ(call->at("state"), "overdue");
  EXPECT_EQ(call->at("event_id").as_int64(), event_);
  EXPECT_EQ(call->at("kind_label"), "超时未报");
  EXPECT_EQ(call->at("label"), "银川市值班台");
  // Step 2 of the escalation alerted the region desk (15:10) and nobody acknowledged it.
  const json::object* alert = Find(region, "escalation", "desk:640100");
  ASSERT_NE(alert, nullptr) << json::serialize(region);
  EXPECT_EQ(alert->at("state"), "unacknowledged");
  EXPECT_EQ(Find(region, "consultation", ""), nullptr);  // the city desk's, not the region's

  const json::array city = Items("desk-yinchuan");
  EXPECT_NE(Find(city, "clock", "desk:640100"), nullptr);
  const json::object* consultation = Find(city, "consultation", "");
  ASSERT_NE(consultation, nullptr) << json::serialize(city);
  EXPECT_EQ(consultation->at("state"), "open");
  EXPECT_EQ(consultation->at("label"), "是否需向自治区报送？");
  for (const auto& i : city) EXPECT_NE(i.at("owner").as_string(), "desk:640000") << json::serialize(i);

  // The leader reads the region desk's; the city desk may not read the region's; a reporter no one's.
  EXPECT_EQ(Items("leader").size(), region.size());
  EXPECT_EQ(server_.ClientAs("desk-yinchuan")->Get("/api/v1/duty/handover-items?desk=640000").status, 404);
  EXPECT_EQ(server_.ClientAs("xingqing")->Get("/api/v1/duty/handover-items").status, 403);

  // Once the region desk's officer acknowledges the escalation, it is no longer an open item.
  auto view = server_.ClientAs("desk")->Get("/api/v1/events/" + std::to_string(event_)).Json();
  std::int64_t step = 0;
  for (const auto& s : view.at("overdue_escalations").as_array()) {
    if (s.at("alerted").as_string() == "640000") step = s.at("id").as_int64();
  }
  ASSERT_GT(step, 0);
  auto ack = server_.ClientAs("desk")->PostJson("/api/v1/escalations/" + std::to_string(step) + "/acknowledgement",
                                                json::object{});
  ASSERT_EQ(ack.status, 201) << ack.body;
  EXPECT_EQ(Find(Items("desk"), "escalation", "desk:640100"), nullptr);
}

TEST_F(HandoverTest, HandedOverWithItsItemsAndAcknowledgedOnceByTheNextOfficer) {
  auto desk = server_.ClientAs("desk");
  auto next = server_.ClientAs("desk-b");
  auto city = server_.ClientAs("desk-yinchuan");
  auto leader = server_.ClientAs("leader");
  const size_t open_now = Items("desk").size();
  const auto audit_before = server_.AuditCount();
  // Refused, and nothing written: a blank or too long note, an unknown field, a leader.
  EXPECT_EQ(desk->PostJson("/api/v1/duty/handovers", json::object{{"note", "  "}}).status, 400);
  EXPECT_EQ(desk->PostJson("/api/v1/duty/handovers", json::object{{"note", std::string(4001, 'x')}}).status, 400);
  EXPECT_EQ(desk->PostJson("/api/v1/duty/handovers", json::object{{"note", "x"}, {"to", "desk-b"}}).status, 400);
  EXPECT_EQ(leader->PostJson("/api/v1/duty/handovers", json::object{{"note", "x"}}).status, 403);
  EXPECT_EQ(server_.AuditCount(), audit_before);

  const std::string note = "银川市委办电话报告未到，已催报两次；夜班继续跟进。";
  auto made = desk->PostJson("/api/v1/duty/handovers", json::object{{"note", note}});
  ASSERT_EQ(made.status, 201) << made.body;
  const json::object h = made.Json().as_object();
  const std::string path = "/api/v1/duty/handovers/" + std::to_string(h.at("id").as_int64()) + "/acknowledgement";
  EXPECT_EQ(h.at("note").as_string(), note);
  EXPECT_EQ(h.at("from_account"), "desk");
  EXPECT_TRUE(h.at("acknowledged_at").is_null());
  ASSERT_NE(Find(h.at("open_items").as_array(), "clock", "desk:640100"), nullptr) << made.body;
  EXPECT_EQ(h.at("open_items").as_array().size(), open_now);
  EXPECT_EQ(server_.AuditCount(), audit_before + 1);

  // The author, another desk and a leader cannot acknowledge it; an unknown id is unknown.
  auto own = desk->PostJson(path, json::object{});
  EXPECT_EQ(own.status, 409);
  EXPECT_EQ(own.Json().at("error").at("code"), "own_handover") << own.body;
  EXPECT_EQ(city->PostJson(path, json::object{}).status, 404);
  EXPECT_EQ(leader->PostJson(path, json::object{}).status, 403);
  EXPECT_EQ(next->PostJson("/api/v1/duty/handovers/999999/acknowledgement", json::object{}).status, 404);
  EXPECT_EQ(server_.AuditCount(), audit_before + 1);

  server_.clock().Advance(minutes(5));
  auto taken = next->PostJson(path, json::object{});
  ASSERT_EQ(taken.status, 200) << taken.body;
  EXPECT_EQ(taken.Json().at("acknowledged_by"), "desk-b");
  EXPECT_FALSE(taken.Json().at("acknowledged_at").is_null());
  auto again = next->PostJson(path, json::object{});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.Json().at("error").at("code"), "handover_acknowledged") << again.body;
  EXPECT_EQ(server_.AuditCount(), audit_before + 2);

  // The leader reads it as acknowledged, with the items as handed over; the city desk may not.
  auto list = leader->Get("/api/v1/duty/handovers");
  ASSERT_EQ(list.status, 200) << list.body;
  const json::value listed = list.Json();
  const auto& all = listed.at("handovers").as_array();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].at("acknowledged_by"), "desk-b");
  EXPECT_EQ(all[0].at("open_items").as_array().size(), h.at("open_items").as_array().size());
  EXPECT_EQ(city->Get("/api/v1/duty/handovers?desk=640000").status, 404);
  EXPECT_TRUE(city->Get("/api/v1/duty/handovers").Json().at("handovers").as_array().empty());

  // Both are in the region desk's duty log.
  auto log = leader->Get("/api/v1/duty/log?from=2026-11-29%2000:00&to=2026-11-30%2000:00");
  ASSERT_EQ(log.status, 200) << log.body;
  int handover = 0, ack = 0;
  const json::value entries = log.Json();
  for (const auto& e : entries.at("entries").as_array()) {
    if (e.at("kind") == "handover" && e.at("text").as_string() == note) ++handover;
    if (e.at("kind") == "handover_ack" && e.at("recorded_by") == "desk-b") ++ack;
  }
  EXPECT_EQ(handover, 1);
  EXPECT_EQ(ack, 1);
}

}  // namespace
}  // namespace shaobing
