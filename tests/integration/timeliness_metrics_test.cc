// The timeliness figures (GET /api/v1/metrics/timeliness) over HTTP, from the clocks the timer
// stored: a unit's first report filed 5 hours after the occurrence shows the unit late by 4
// hours; a desk's report upward on time counts on time; from, to and unit filter; the scope
// follows the caller (a unit out of it answers like an unknown one); bad parameters get a
// precise 400.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "testing/test_data.h"
#include "testing/test_server.h"

namespace shaobing {
namespace {
namespace json = boost::json;

constexpr char kDay[] = "/api/v1/metrics/timeliness?from=2026-11-29T00:00:00%2B08:00&to=2026-11-30T00:00:00%2B08:00";

// A fire with 3 deaths in 兴庆区 (reportable to the region) 5 hours before the server's clock
// (14:10), reported by phone for 银川市交通运输局 (a city unit that owes the city desk within
// an hour of the occurrence).
json::object LateUnitReport() {
  json::object r = json::parse(testing::FirstReportJson()).as_object();
  r["unit"] = "640100-jtj";
  r["channel"] = "phone";
  r["occurred_at"] = "2026-11-29T09:10:00+08:00";
  r["figures"] = json::object{{"deaths", 3}, {"serious_injuries", 2}};
  return r;
}

// A first report of 大武口区委办 in its own district (石嘴山市, outside 银川's subtree).
json::object DawukouReport() {
  json::object r = json::parse(testing::FirstReportJson()).as_object();
  r["unit"] = "640202-dw";
  r["title"] = "大武口区一仓库起火";
  r["location"] = json::object{{"region", "640202"}, {"address", "某仓库"}};
  return r;
}

const json::object* Row(const json::value& answer, const char* list, const char* key, const std::string& value) {
  for (const auto& r : answer.at(list).as_array()) {
    if (r.at(key).as_string() == value) return &r.as_object();
  }
  return nullptr;
}

class TimelinessMetricsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto first = server_.ClientAs("desk")->PostJson("/api/v1/reports", LateUnitReport());
    ASSERT_EQ(first.status, 201) << first.body;
    event_ = std::to_string(first.Json().at("event_id").as_int64());
    auto other = server_.ClientAs("dawukou")->PostJson("/api/v1/reports", DawukouReport());
    ASSERT_EQ(other.status, 201) << other.body;
    // 银川's desk tells the region at 14:15, by phone and in writing: on time.
    auto city = server_.ClientAs("desk-yinchuan");
    server_.clock().Advance(std::chrono::minutes(10));  // 14:20
    for (const char* channel : {"phone", "written"}) {
      auto r = city->PostJson("/api/v1/events/" + event_ + "/desk-reports",
                              json::object{{"to", "region"},
                                           {"channel", channel},
                                           {"told", "自治区党委办公厅值班室 李某"},
                                           {"text", "兴庆区一居民楼发生火灾，死亡3人。"},
                                           {"at", "2026-11-29T14:15:00+08:00"}});
      ASSERT_EQ(r.status, 201) << r.body;
    }
    ASSERT_TRUE(server_.app().clock_timer().Tick());
  }
  json::value Get(const std::string& account, const std::string& target) {
    auto r = server_.ClientAs(account)->Get(target);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.Json();
  }

  testing::TestServer server_;
  std::string event_;
};

TEST_F(TimelinessMetricsTest, AUnitsFirstReportFiveHoursAfterTheOccurrenceIsLateByFourHours) {
  const auto answer = Get("desk", kDay);
  EXPECT_EQ(answer.at("from"), "2026-11-29T00:00:00+08:00");
  EXPECT_EQ(answer.at("to"), "2026-11-30T00:00:00+08:00");
  EXPECT_EQ(answer.at("events").as_int64(), 2);
  EXPECT_EQ(answer.at("truncated"), false);
  const auto* unit = Row(answer, "units", "unit", "640100-jtj");
  ASSERT_NE(unit, nullptr) << json::serialize(answer);
  EXPECT_EQ(unit->at("name"), "银川市交通运输局");
  EXPECT_EQ(unit->at("clocks").as_int64(), 1);
  EXPECT_EQ(unit->at("late").as_int64(), 1);
  EXPECT_EQ(unit->at("late_minutes").at("max").as_int64(), 240);
  EXPECT_EQ(unit->at("late_minutes").at("median").as_int64(), 240);
  EXPECT_EQ(unit->at("elapsed_minutes").at("median").as_int64(), 300);  // occurrence → report
  EXPECT_EQ(unit->at("share_on_time").as_double(), 0.0);
  EXPECT_EQ(&answer.at("units").as_array().front().as_object(), unit);  // late units first

  // 银川's two reports to the region, 5 minutes after the receipt: on time.
  const auto* city = Row(answer, "levels", "level", "city");
  ASSERT_NE(city, nullptr);
  EXPECT_EQ(city->at("on_time").as_int64(), 2) << json::serialize(*city);
  EXPECT_EQ(city->at("late").as_int64(), 0);
  EXPECT_EQ(city->at("share_on_time").as_double(), 1.0);
  EXPECT_EQ(city->at("elapsed_minutes").at("median").as_int64(), 5);
  EXPECT_EQ(answer.at("levels").as_array().size(), 3u);
}

TEST_F(TimelinessMetricsTest, FromToAndUnitFilter) {
  // An occurrence before the window's start is left out.
  auto later =
      Get("desk", "/api/v1/metrics/timeliness?from=2026-11-29T10:00:00%2B08:00&to=2026-11-30T00:00:00%2B08:00");
  EXPECT_EQ(later.at("events").as_int64(), 1);  // 大武口's (occurred 14:05)
  EXPECT_EQ(Row(later, "units", "unit", "640100-jtj"), nullptr);
  auto before =
      Get("desk", "/api/v1/metrics/timeliness?from=2026-11-28T00:00:00%2B08:00&to=2026-11-29T09:10:00%2B08:00");
  EXPECT_EQ(before.at("events").as_int64(), 0);
  EXPECT_TRUE(before.at("units").as_array().empty());
  // One unit: its events, its row only.
  auto one = Get("desk", std::string(kDay) + "&unit=640100-jtj");
  EXPECT_EQ(one.at("unit"), "640100-jtj");
  EXPECT_EQ(one.at("events").as_int64(), 1);
  ASSERT_EQ(one.at("units").as_array().size(), 1u);
  EXPECT_EQ(one.at("units").at(0).at("late_minutes").at("max").as_int64(), 240);
  // The default window: the last 30 days up to now.
  auto recent = Get("desk", "/api/v1/metrics/timeliness");
  EXPECT_EQ(recent.at("to"), "2026-11-29T14:20:00+08:00");
  EXPECT_EQ(recent.at("from"), "2026-10-30T14:20:00+08:00");
  EXPECT_EQ(recent.at("events").as_int64(), 2);
}

TEST_F(TimelinessMetricsTest, TheScopeFollowsTheCaller) {
  // 银川's desk sees its own subtree's event only; 大武口 is no unit of its.
  auto city = Get("desk-yinchuan", kDay);
  EXPECT_EQ(city.at("events").as_int64(), 1);
  EXPECT_NE(Row(city, "units", "unit", "640100-jtj"), nullptr);
  auto outside = server_.ClientAs("desk-yinchuan")->Get(std::string(kDay) + "&unit=640202-dw");
  auto unknown = server_.ClientAs("desk-yinchuan")->Get(std::string(kDay) + "&unit=no-such-unit");
  EXPECT_EQ(outside.status, 404);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(outside.Json().at("error").at("code"), "unknown_unit");
  EXPECT_EQ(unknown.Json().at("error").at("code"), "unknown_unit");
  EXPECT_EQ(outside.Json().at("error").at("field"), "unit");
  // The admin sees everything; a reporter its own unit only, without the desks' levels.
  EXPECT_EQ(Get("admin", kDay).at("events").as_int64(), 2);
  auto own = Get("dawukou", kDay);
  EXPECT_EQ(own.at("unit"), "640202-dw");
  EXPECT_TRUE(own.at("levels").as_array().empty());
  EXPECT_EQ(Row(own, "units", "unit", "640100-jtj"), nullptr);
  EXPECT_EQ(server_.ClientAs("dawukou")->Get(std::string(kDay) + "&unit=640100-jtj").status, 404);
  EXPECT_EQ(server_.Anonymous()->Get(kDay).status, 401);
}

TEST_F(TimelinessMetricsTest, BadParametersArePreciseErrors) {
  auto desk = server_.ClientAs("desk");
  const auto audit = server_.AuditCount();
  auto bad = desk->Get("/api/v1/metrics/timeliness?from=yesterday");
  ASSERT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json().at("error").at("code"), "invalid_window_time");
  EXPECT_EQ(bad.Json().at("error").at("field"), "from");
  EXPECT_NE(bad.Json().at("error").at("message").as_string().find("统计区间"), json::string::npos) << bad.body;
  auto reversed =
      desk->Get("/api/v1/metrics/timeliness?from=2026-11-29T00:00:00%2B08:00&to=2026-11-28T00:00:00%2B08:00");
  ASSERT_EQ(reversed.status, 400);
  EXPECT_EQ(reversed.Json().at("error").at("code"), "window_reversed");
  EXPECT_EQ(reversed.Json().at("error").at("field"), "from");
  auto longer = desk->Request("GET", "/api/v1/metrics/timeliness?from=2025-01-01T00:00:00%2B08:00", "",
                              {{"Accept-Language", "en"}});
  ASSERT_EQ(longer.status, 400);
  EXPECT_EQ(longer.Json().at("error").at("code"), "window_too_long");
  EXPECT_EQ(longer.Json().at("error").at("field"), "to");
  EXPECT_NE(longer.Json().at("error").at("message").as_string().find("366 days"), json::string::npos) << longer.body;
  EXPECT_EQ(server_.AuditCount(), audit);
}

}  // namespace
}  // namespace shaobing
