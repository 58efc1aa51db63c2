// What a reporting unit sees of an event it is involved in, and how it may become involved:
// joining a named event, being linked to one, being asked by a desk. Other units' reports are
// never shown to it; ids it may not see answer like unknown ones and are audited.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "testing/test_data.h"
#include "testing/test_server.h"

namespace shaobing {
namespace {
namespace json = boost::json;
using testing::HttpClient;
using testing::HttpResult;
using testing::TestServer;

json::object Report() { return json::parse(testing::FirstReportJson()).as_object(); }

// The report of `unit`, in words of its own (so that nothing of another unit's report is in it).
json::object By(const std::string& unit, json::object r = Report()) {
  r["unit"] = unit;
  r["parties"] = "居民";
  return r;
}

class Visibility : public ::testing::Test {
 protected:
  void SetUp() override {
    xq_ = server_.ClientAs("xingqing");
    auto r = xq_->PostJson("/api/v1/reports", Report());
    ASSERT_EQ(r.status, 201) << r.body;
    event_ = r.Json().at("event_id").as_int64();
    xq_report_ = r.Json().at("id").as_int64();
    // A reporter of a newspaper (no perspective of its own) and one of the health commission.
    ASSERT_TRUE(server_.app().auth().AddUser({"nxrb", "", testing::kPassword, "reporter", "640000-nxrb", ""}, "test"));
    ASSERT_TRUE(
        server_.app().auth().AddUser({"wsjkw", "", testing::kPassword, "reporter", "640000-wsjkw", ""}, "test"));
  }
  std::string EventPath() const { return "/api/v1/events/" + std::to_string(event_); }

  TestServer server_;
  std::unique_ptr<HttpClient> xq_;
  std::int64_t event_ = 0, xq_report_ = 0;
};

TEST_F(Visibility, JoiningANamedEventSharesItWithoutOtherUnitsReports) {
  auto yjt = server_.ClientAs("yjt");
  const auto denials = server_.SecurityEventCount("access.denied");
  auto before = yjt->Get(EventPath());
  EXPECT_EQ(before.status, 404);
  EXPECT_EQ(before.Json().at("error").at("code").as_string(), "unknown_event");
  EXPECT_EQ(server_.SecurityEventCount("access.denied"), denials + 1);
  // The regional emergency department reports the technical cause of a fire in its region.
  json::object angle = By("640000-yjt");
  angle["event_id"] = event_;
  angle["figures"] = json::object{{"deaths", 2}};
  auto joined = yjt->PostJson("/api/v1/reports", angle);
  ASSERT_EQ(joined.status, 201) << joined.body;
  auto view = yjt->Get(EventPath());
  ASSERT_EQ(view.status, 200) << view.body;
  const auto v = view.Json().as_object();
  EXPECT_TRUE(v.at("restricted").as_bool());
  EXPECT_EQ(v.at("title").as_string(), "兴庆区一居民楼发生火灾");
  ASSERT_EQ(v.at("reports").as_array().size(), 1u);
  EXPECT_EQ(v.at("reports").as_array()[0].at("unit").as_string(), "640000-yjt");
  ASSERT_EQ(v.at("units").as_array().size(), 1u);
  for (const char* hidden : {"figures", "fusion", "summary", "figure_table", "conflicts", "sources", "copied_to"}) {
    EXPECT_FALSE(v.contains(hidden)) << hidden;
  }
  EXPECT_EQ(view.body.find("640104-dw"), std::string::npos) << "another unit shows through: " << view.body;
  EXPECT_EQ(view.body.find("物业公司"), std::string::npos) << "another unit's report shows through";
  EXPECT_EQ(yjt->Get("/api/v1/reports/" + std::to_string(xq_report_)).status, 404);
  EXPECT_EQ(yjt->Get("/api/v1/reports/" + std::to_string(joined.Json().at("id").as_int64())).status, 200);
  // In its list the event has no figures either.
  auto list = yjt->Get("/api/v1/events").Json();
  ASSERT_EQ(list.at("events").as_array().size(), 1u);
  EXPECT_FALSE(list.at("events").as_array()[0].as_object().contains("figures"));
  // The county's Party office and the desk still see everything.
  EXPECT_FALSE(xq_->Get(EventPath()).Json().at("restricted").as_bool());
  EXPECT_EQ(server_.ClientAs("desk")->Get(EventPath()).Json().at("reports").as_array().size(), 2u);
}

TEST_F(Visibility, AUnitWithNoPerspectiveOnTheEventJoinsOnlyWhenADeskAsks) {
  auto nxrb = server_.ClientAs("nxrb");
  json::object angle = By("640000-nxrb");
  angle["event_id"] = event_;
  auto refused = nxrb->PostJson("/api/v1/reports", angle);
  EXPECT_EQ(refused.status, 404) << refused.body;
  EXPECT_EQ(refused.Json().at("error").at("code").as_string(), "unknown_event");
  EXPECT_TRUE(nxrb->Get("/api/v1/events").Json().at("events").as_array().empty());
  // A city desk may not ask a regional unit, nor about an event of another city.
  auto yc = server_.ClientAs("desk-yinchuan");
  auto outside = yc->PostJson(EventPath() + "/requests", json::object{{"unit", "640000-nxrb"}, {"message", "请报送"}});
  EXPECT_EQ(outside.status, 400);
  EXPECT_EQ(outside.Json().at("error").at("code").as_string(), "unit_outside_region");
  auto desk = server_.ClientAs("desk");
  auto blank = desk->PostJson(EventPath() + "/requests", json::object{{"unit", "640000-nxrb"}, {"message", "  "}});
  EXPECT_EQ(blank.status, 400);
  auto asked = desk->PostJson(EventPath() + "/requests",
                              json::object{{"unit", "640000-nxrb"}, {"message", "请报送现场舆情与媒体报道情况"}});
  ASSERT_EQ(asked.status, 201) << asked.body;
  // The unit now finds the event, with what is asked of it, and may join.
  auto list = nxrb->Get("/api/v1/events").Json().at("events").as_array();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].at("id").as_int64(), event_);
  auto view = nxrb->Get(EventPath()).Json();
  EXPECT_TRUE(view.at("restricted").as_bool());
  EXPECT_TRUE(view.at("reports").as_array().empty());
  ASSERT_FALSE(view.at("asks").as_array().empty());
  EXPECT_EQ(view.at("asks").as_array()[0].at("kind").as_string(), "request");
  EXPECT_EQ(view.at("asks").as_array()[0].at("message").as_string(), "请报送现场舆情与媒体报道情况");
  EXPECT_EQ(nxrb->PostJson("/api/v1/reports", angle).status, 201);
  // The desk's view lists the request; the request was audited.
  auto full = desk->Get(EventPath()).Json();
  ASSERT_EQ(full.at("requests").as_array().size(), 1u);
  EXPECT_EQ(full.at("requests").as_array()[0].at("unit").as_string(), "640000-nxrb");
  int audited = 0;
  for (const auto& r : server_.AuditRecords()) audited += r.action == "event.request_report";
  EXPECT_EQ(audited, 1);
}

TEST_F(Visibility, BeingLinkedByTheSystemSharesNoMoreThanJoining) {
  auto wsjkw = server_.ClientAs("wsjkw");
  json::object same = By("640000-wsjkw");
  same["description"] = "14时05分许，兴庆区一居民楼3层起火，伤员已送医救治。";
  auto r = wsjkw->PostJson("/api/v1/reports", same);
  ASSERT_EQ(r.status, 201) << r.body;
  ASSERT_EQ(r.Json().at("event_id").as_int64(), event_) << "the linker should join the same fire: " << r.body;
  auto view = wsjkw->Get(EventPath());
  ASSERT_EQ(view.status, 200);
  EXPECT_TRUE(view.Json().at("restricted").as_bool());
  EXPECT_EQ(view.body.find("物业公司"), std::string::npos);
  EXPECT_EQ(wsjkw->Get("/api/v1/reports/" + std::to_string(xq_report_)).status, 404);
}

TEST_F(Visibility, ADeskOfAnotherRegionFindsNothingToActOn) {
  // An event in 惠农区, out of 银川's reach: every desk action answers like an unknown event.
  auto desk = server_.ClientAs("desk");
  json::object phone = By("640205-dw");
  phone["channel"] = "phone";
  phone["location"] = json::object{{"region", "640205"}, {"address", "河滨工业园"}};
  phone["title"] = "惠农区一厂房发生火灾";
  phone["occurred_at"] = "2026-11-28T06:10:00+08:00";
  auto r = desk->PostJson("/api/v1/reports", phone);
  ASSERT_EQ(r.status, 201) << r.body;
  const auto foreign = "/api/v1/events/" + std::to_string(r.Json().at("event_id").as_int64());
  const auto unknown = std::string("/api/v1/events/987654");
  auto yc = server_.ClientAs("desk-yinchuan");
  const auto denials = server_.SecurityEventCount("access.denied");
  const std::vector<std::pair<std::string, json::object>> actions{
      {"/sensitive", {{"action", "confirm"}, {"kind", "persons"}, {"code", "student"}, {"reason", "核实"}}},
      {"/resolutions", {{"figure", "deaths"}, {"value", 1}, {"reason", "核实"}}},
      {"/requests", {{"unit", "640104-dw"}, {"message", "请报送"}}},
      {"/split", {{"units", json::array{"640205-dw"}}, {"reason", "核实"}}},
  };
  for (const auto& [tail, body] : actions) {
    auto a = yc->PostJson(foreign + tail, body);
    auto b = yc->PostJson(unknown + tail, body);
    EXPECT_EQ(a.status, 404) << tail << ": " << a.body;
    EXPECT_EQ(a.status, b.status) << tail;
    EXPECT_EQ(a.Json().at("error").at("code"), b.Json().at("error").at("code")) << tail;
  }
  EXPECT_EQ(yc->Get(foreign).status, 404);
  EXPECT_EQ(server_.SecurityEventCount("access.denied"), denials + 5);
}

TEST(ReportLimits, AUnitsFollowUpsOnOneEventAreLimitedPerHourAndLoginsStillPass) {
  TestServer server([](AppConfig& c) { c.report_limits.per_unit_event_hour = 3; });
  auto xq = server.ClientAs("xingqing");
  auto first = xq->PostJson("/api/v1/reports", Report());
  ASSERT_EQ(first.status, 201);
  json::object follow = Report();
  follow["kind"] = "followup";
  follow["event_id"] = first.Json().at("event_id").as_int64();
  for (int i = 0; i < 3; ++i) ASSERT_EQ(xq->PostJson("/api/v1/reports", follow).status, 201) << i;
  const auto audit = server.AuditCount();
  int refused = 0;
  for (int i = 0; i < 200; ++i) {
    auto r = xq->PostJson("/api/v1/reports", follow);
    if (r.status == 429) {
      ++refused;
      EXPECT_EQ(r.Json().at("error").at("code").as_string(), "too_many_reports");
      EXPECT_FALSE(r.headers["retry-after"].empty());
    }
  }
  EXPECT_EQ(refused, 200);
  EXPECT_EQ(server.AuditCount(), audit);  // nothing of the flood was written
  EXPECT_EQ(server.ClientAs("desk")->Get("/api/v1/auth/me").status, 200);
  server.clock().Advance(std::chrono::minutes(61));
  EXPECT_EQ(xq->PostJson("/api/v1/reports", follow).status, 201);
}

}  // namespace
}  // namespace shaobing
