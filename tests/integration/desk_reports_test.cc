// The desks' own reports upward (上报) over HTTP, and clocks that start when the unit knew:
// a first report filed 5 hours after the occurrence is late by 4; a city desk records its phone
// call and its written report to the region, which meet its obligations and which the region
// desk sees on the event; bad records are refused naming the field and change nothing.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "testing/test_data.h"
#include "testing/test_server.h"

namespace shaobing {
namespace {
namespace json = boost::json;

// A fire with 3 deaths in 兴庆区 (reportable to the region), 5 hours before the server's clock.
// A first report of 大武口区委办 on an event in its own district (石嘴山市).
json::object DawukouReport() {
  json::object r = json::parse(testing::FirstReportJson()).as_object();
  r["unit"] = "640202-dw";
  r["title"] = "大武口区一仓库起火";
  r["location"] = json::object{{"region", "640202"}, {"address", "某仓库"}};
  return r;
}

const json::object* FindObligation(const json::value& view, const std::string& from_region, const std::string& to,
                                   const std::string& channel) {
  for (const auto& o : view.at("obligations").as_array()) {
    const auto& from = o.at("from").as_object();
    if (from.at("kind") == "desk" && from.contains("region") && from.at("region").as_string() == from_region &&
        o.at("to").at("level").as_string() == to && o.at("channel").as_string() == channel) {
      return &o.as_object();
    }
  }
  return nullptr;
}

class DeskReportsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto first = server_.ClientAs("xingqing")
                     ->PostJson("/api/v1/reports", testing::FireReport("2026-11-29T09:10:00+08:00", 3, 2));
    ASSERT_EQ(first.status, 201) << first.body;
    event_ = std::to_string(first.Json().at("event_id").as_int64());
  }
  json::value View(const std::string& account) {
    return server_.ClientAs(account)->Get("/api/v1/events/" + event_).Json();
  }

  testing::TestServer server_;
  std::string event_;
};

// 兴庆区委办 is the county's own office: its desk knew from the occurrence, so its report to the
// city, made by filing on the platform at 14:10, is late by 4 hours (due 10:10).
TEST_F(DeskReportsTest, AFirstReportFiveHoursAfterTheOccurrenceIsLateByFourHours) {
  const auto view = View("desk");
  const auto* county = FindObligation(view, "640104", "city", "written");
  ASSERT_NE(county, nullptr) << json::serialize(view.at("obligations"));
  EXPECT_EQ(county->at("starts_at"), "2026-11-29T09:10:00+08:00");
  EXPECT_EQ(county->at("due_at"), "2026-11-29T10:10:00+08:00");
  EXPECT_EQ(county->at("status"), "late");
  EXPECT_EQ(county->at("fulfilled_at"), "2026-11-29T14:10:00+08:00");
  EXPECT_EQ(county->at("late_minutes").as_int64(), 240);
  // The city desk heard at the receipt: its clock starts then, and it is open, not red.
  const auto* city = FindObligation(view, "640100", "region", "phone");
  ASSERT_NE(city, nullptr);
  EXPECT_EQ(city->at("starts_at"), "2026-11-29T14:10:00+08:00");
  EXPECT_EQ(city->at("status"), "open");
  EXPECT_EQ(city->at("late_minutes").as_int64(), 0);
}

TEST_F(DeskReportsTest, TheCityDesksPhoneCallAndWrittenReportMeetItsObligations) {
  auto city = server_.ClientAs("desk-yinchuan");
  server_.clock().Advance(std::chrono::minutes(20));  // 14:30
  const auto before = server_.AuditCount();
  auto call =
      city->PostJson("/api/v1/events/" + event_ + "/desk-reports", json::object{{"to", "region"},
                                                                                {"channel", "phone"},
                                                                                {"told", "自治区党委办公厅值班室 李某"},
                                                                                {"at", "2026-11-29T14:25:00+08:00"}});
  ASSERT_EQ(call.status, 201) << call.body;
  EXPECT_EQ(server_.AuditCount(), before + 1);
  const auto recorded = call.Json();
  EXPECT_EQ(recorded.at("from").at("region"), "640100");
  EXPECT_EQ(recorded.at("to"), "region");
  EXPECT_EQ(recorded.at("at"), "2026-11-29T14:25:00+08:00");
  EXPECT_EQ(recorded.at("recorded_at"), "2026-11-29T14:30:00+08:00");
  EXPECT_EQ(recorded.at("recorded_by"), "desk-yinchuan");

  // The written report, from the draft generated out of the event's composite summary.
  auto draft = city->Get("/api/v1/events/" + event_ + "/desk-report-draft");
  ASSERT_EQ(draft.status, 200) << draft.body;
  const std::string text(draft.Json().at("text").as_string());
  EXPECT_NE(text.find("兴庆区一居民楼发生火灾"), std::string::npos) << text;
  EXPECT_NE(text.find("银川市党委值班台"), std::string::npos) << text;
  server_.clock().Advance(std::chrono::minutes(60));  // 15:30: 20 minutes past the 15:10 deadline
  auto written = city->PostJson("/api/v1/events/" + event_ + "/desk-reports",
                                json::object{{"to", "region"}, {"channel", "written"}, {"text", text + "\n（已核）"}});
  ASSERT_EQ(written.status, 201) << written.body;

  // The region desk sees both on the event, and the city's clocks are settled.
  const auto view = View("desk");
  const auto& reports = view.at("desk_reports").as_array();
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0].at("told"), "自治区党委办公厅值班室 李某");
  EXPECT_EQ(reports[1].at("text").as_string().ends_with("（已核）"), true);
  EXPECT_EQ(FindObligation(view, "640100", "region", "phone")->at("status"), "met");
  const auto* w = FindObligation(view, "640100", "region", "written");
  EXPECT_EQ(w->at("status"), "late");
  EXPECT_EQ(w->at("late_minutes").as_int64(), 20);
  int in_timeline = 0;
  for (const auto& item : view.at("timeline").as_array()) in_timeline += item.at("type") == "desk_report" ? 1 : 0;
  EXPECT_EQ(in_timeline, 2);
}

TEST_F(DeskReportsTest, BadRecordsAreRefusedNamingTheFieldAndChangeNothing) {
  auto city = server_.ClientAs("desk-yinchuan");
  const std::string target = "/api/v1/events/" + event_ + "/desk-reports";
  const auto before = server_.AuditCount();
  struct Case {
    json::object body;
    std::string reason, field;
  };
  const std::vector<Case> cases{
      {{{"to", "county"}, {"channel", "phone"}, {"told", "x"}}, "invalid_value", "to"},
      {{{"to", "city"}, {"channel", "phone"}, {"told", "x"}}, "level_not_above", "to"},
      {{{"to", "region"}, {"channel", "fax"}, {"told", "x"}}, "invalid_value", "channel"},
      {{{"to", "region"}, {"channel", "phone"}}, "missing_field", "told"},
      {{{"to", "region"}, {"channel", "written"}, {"text", "  \n"}}, "missing_field", "text"},
      {{{"to", "region"}, {"channel", "phone"}, {"told", "x"}, {"at", "2026-11-29T15:00:00+08:00"}},
       "time_in_future",
       "at"},
      {{{"to", "region"}, {"channel", "phone"}, {"told", "x"}, {"at", "2026-11-29T09:00:00+08:00"}},
       "before_occurrence",
       "at"},
      {{{"to", "region"}, {"channel", "phone"}, {"told", "x"}, {"at", "yesterday"}}, "invalid_time", "at"},
      {{{"to", "region"}, {"channel", "phone"}, {"told", std::string(201, 'x')}}, "text_too_long", "told"},
      {{{"to", "region"}, {"channel", "phone"}, {"told", "x"}, {"via", "fax"}}, "unknown_field", "via"},
  };
  for (const auto& c : cases) {
    auto r = city->PostJson(target, c.body);
    ASSERT_EQ(r.status, 400) << json::serialize(c.body) << " → " << r.body;
    const auto answer = r.Json();
    bool named = false;
    for (const auto& d : answer.at("error").at("details").as_array())
      named |= d.at("code").as_string() == c.reason && d.at("field").as_string() == c.field;
    EXPECT_TRUE(named) << c.reason << " " << c.field << ": " << r.body;
  }
  EXPECT_EQ(server_.AuditCount(), before);
  EXPECT_TRUE(View("desk").at("desk_reports").as_array().empty());
}

// A desk of another city, a reporter, and an unknown event: answered like an unknown id or
// refused by role; nothing recorded.
TEST_F(DeskReportsTest, OnlyADeskThatSeesTheEventRecordsOnIt) {
  auto other = server_.ClientAs("dawukou")->PostJson("/api/v1/reports", DawukouReport());
  ASSERT_EQ(other.status, 201) << other.body;
  const std::string elsewhere = std::to_string(other.Json().at("event_id").as_int64());
  auto city = server_.ClientAs("desk-yinchuan");
  const json::object call{{"to", "region"}, {"channel", "phone"}, {"told", "x"}};
  for (const std::string& id : {elsewhere, std::string("999999")}) {
    auto r = city->PostJson("/api/v1/events/" + id + "/desk-reports", call);
    EXPECT_EQ(r.status, 404) << r.body;
    EXPECT_EQ(r.Json().at("error").at("code"), "unknown_event");
    EXPECT_EQ(city->Get("/api/v1/events/" + id + "/desk-report-draft").status, 404);
  }
  EXPECT_EQ(server_.ClientAs("xingqing")->PostJson("/api/v1/events/" + event_ + "/desk-reports", call).status, 403);
  EXPECT_EQ(server_.ClientAs("leader")->Get("/api/v1/events/" + event_ + "/desk-report-draft").status, 403);
  EXPECT_TRUE(View("desk").at("desk_reports").as_array().empty());
}

}  // namespace
}  // namespace shaobing
