// The desks' rosters and duty logs over real HTTP: a CSV import (strict, line and column named,
// zh-CN first), what it replaces, shifts added, changed and removed, who may read and write
// which desk's roster and log, and the log's entries.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "testing/test_data.h"
#include "testing/test_server.h"

namespace shaobing {
namespace {
namespace json = boost::json;

const std::string kHeader = "starts_at,ends_at,officer,officer_phone,leader,leader_phone\n";

class DutyTest : public ::testing::Test {
 protected:
  testing::HttpResult Import(const std::string& account, const std::string& csv, const std::string& desk = "640000") {
    return server_.ClientAs(account)->PostJson("/api/v1/duty/roster?desk=" + desk, json::object{{"csv", csv}});
  }
  json::array Shifts(const std::string& account, const std::string& query) {
    auto r = server_.ClientAs(account)->Get("/api/v1/duty/roster?" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.Json().at("shifts").as_array() : json::array{};
  }
  testing::TestServer server_;  // its clock: 2026-11-29 14:10 (Beijing)
};

TEST_F(DutyTest, ARosterImportReplacesTheDaysItCoversAndTellsWhoIsOnDuty) {
  auto first = Import("desk", "\xEF\xBB\xBF" + kHeader +
                                  "2026-11-29 08:00,2026-11-29 20:00,desk,13800000001,leader,13800000002\n"
                                  "2026-11-29 20:00,2026-11-30 08:00,王五,13800000003,\"赵六, 副秘书长\",\n");
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.Json().at("imported").as_int64(), 2);
  auto roster = server_.ClientAs("leader")->Get("/api/v1/duty/roster?desk=640000").Json();
  ASSERT_TRUE(roster.at("on_duty").is_object());
  EXPECT_EQ(roster.at("on_duty").at("officer").at("account").as_string(), "desk");  // an account of the desk
  EXPECT_EQ(roster.at("on_duty").at("leader").at("account").as_string(), "leader");
  EXPECT_EQ(roster.at("shifts").as_array().size(), 2u);
  EXPECT_TRUE(roster.at("shifts").at(1).at("officer").at("account").is_null());  // a name only
  EXPECT_EQ(roster.at("shifts").at(1).at("leader").at("name").as_string(), "赵六, 副秘书长");

  // The Chinese header; the second import covers the night only: the day shift stays.
  auto second = Import("desk",
                       "开始时间,结束时间,值班员,值班员电话,带班领导,带班领导电话\n"
                       "2026-11-29T20:00:00+08:00,2026-11-30T08:00:00+08:00,孙七,,周八,\n");
  ASSERT_EQ(second.status, 201) << second.body;
  auto both = Shifts("desk", "desk=640000");
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both.at(0).at("officer").at("name").as_string(), "desk");
  EXPECT_EQ(both.at(1).at("officer").at("name").as_string(), "孙七");
  int imports = 0;
  for (const auto& a : server_.AuditRecords()) imports += a.action == "duty.roster_import" ? 1 : 0;
  EXPECT_EQ(imports, 2);
}

TEST_F(DutyTest, ABadRosterIsRefusedNamingLineAndColumnAndChangesNothing) {
  auto desk = server_.ClientAs("desk");
  auto import = [&](const std::string& csv) {
    return desk->PostJson("/api/v1/duty/roster?desk=640000", json::object{{"csv", csv}});
  };
  const auto before = server_.AuditCount();
  auto r = import(kHeader + "2026-11-29 08:00,2026-11-29 20:00,张三,,李四,\n" +
                  "2026-11-29 25:00,2026-11-30 08:00,张三,,李四,\n" + "2026-11-30 08:00,2026-11-30 20:00,,,李四,\n");
  ASSERT_EQ(r.status, 400) << r.body;
  const auto body = r.Json();
  EXPECT_EQ(body.at("error").at("code").as_string(), "roster_time");
  const std::string message(body.at("error").at("message").as_string());
  EXPECT_NE(message.find("第 3 行第 1 列"), std::string::npos) << message;
  EXPECT_NE(r.body.find("第 4 行第 3 列（值班员"), std::string::npos) << r.body;  // in the details
  auto en = desk->Request("POST", "/api/v1/duty/roster?desk=640000",
                          json::serialize(json::object{{"csv", kHeader + "2026-11-29 08:00,2026-11-29 07:00,a,,b,\n"}}),
                          {{"Accept-Language", "en"}});
  ASSERT_EQ(en.status, 400);
  EXPECT_NE(std::string(en.Json().at("error").at("message").as_string()).find("line 2"), std::string::npos) << en.body;
  EXPECT_EQ(import("a,b,c\n").status, 400);
  EXPECT_EQ(import(kHeader).status, 400);  // no shifts
  EXPECT_EQ(
      import(kHeader + "2026-11-29 08:00,2026-11-29 20:00,a,,b,\n2026-11-29 19:00,2026-11-29 21:00,a,,b,\n").status,
      400);  // overlapping
  EXPECT_EQ(server_.AuditCount(), before);
  EXPECT_TRUE(Shifts("desk", "desk=640000").empty());
}

TEST_F(DutyTest, ADeskEditsItsOwnRosterOnlyAndReadsItsSubtree) {
  const std::string csv = kHeader + "2026-11-29 08:00,2026-11-30 08:00,张三,,李四,\n";
  EXPECT_EQ(Import("desk-yinchuan", csv, "640000").status, 404);  // another desk's roster
  EXPECT_EQ(Import("desk-yinchuan", csv, "640100").status, 201);
  EXPECT_EQ(Shifts("desk", "desk=640100").size(), 1u);  // the region desk reads the city's
  EXPECT_EQ(server_.ClientAs("desk-yinchuan")->Get("/api/v1/duty/roster?desk=640000").status, 404);
  EXPECT_EQ(server_.ClientAs("desk")->Get("/api/v1/duty/roster?desk=999999").status, 404);
  EXPECT_EQ(server_.ClientAs("desk")->Get("/api/v1/duty/roster?from=2026-11-01%2000:00&to=2027-11-01%2000:00").status,
            400);  // too long a range
  EXPECT_EQ(server_.ClientAs("desk")->Get("/api/v1/duty/roster?from=yesterday").status, 400);

  auto desk = server_.ClientAs("desk");
  json::object shift{{"starts_at", "2026-11-29T08:00:00+08:00"},
                     {"ends_at", "2026-11-29T20:00:00+08:00"},
                     {"officer", "desk"},
                     {"leader", "李四"}};
  auto added = desk->PostJson("/api/v1/duty/shifts", shift);
  ASSERT_EQ(added.status, 201) << added.body;
  const std::string path = "/api/v1/duty/shifts/" + std::to_string(added.Json().at("id").as_int64());
  EXPECT_EQ(desk->PostJson("/api/v1/duty/shifts", shift).status, 409);  // overlaps
  shift["leader"] = "周八";
  auto changed = desk->Request("PUT", path, json::serialize(shift));
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.Json().at("leader").at("name").as_string(), "周八");
  EXPECT_EQ(server_.ClientAs("desk-yinchuan")->Request("PUT", path, json::serialize(shift)).status, 404);
  EXPECT_EQ(server_.ClientAs("desk-yinchuan")->Request("DELETE", path).status, 404);
  shift["ends_at"] = "2026-11-29T07:00:00+08:00";
  EXPECT_EQ(desk->Request("PUT", path, json::serialize(shift)).status, 400);
  EXPECT_EQ(desk->Request("DELETE", path).status, 200);
  EXPECT_TRUE(Shifts("desk", "desk=640000").empty());
}

TEST_F(DutyTest, TheDutyLogKeepsTheOfficersEntries) {
  auto report = server_.ClientAs("xingqing")->PostJson("/api/v1/reports", json::parse(testing::FirstReportJson()));
  ASSERT_EQ(report.status, 201) << report.body;
  const auto event = report.Json().at("event_id").as_int64();
  auto desk = server_.ClientAs("desk");
  auto entry = desk->PostJson("/api/v1/duty/log",
                              json::object{{"kind", "call"}, {"text", "兴庆区来电报告火情"}, {"event_id", event}});
  ASSERT_EQ(entry.status, 201) << entry.body;
  EXPECT_EQ(entry.Json().at("kind_label").as_string(), "来电");
  EXPECT_EQ(desk->PostJson("/api/v1/duty/log", json::object{{"kind", "gossip"}, {"text", "x"}}).status, 400);
  EXPECT_EQ(desk->PostJson("/api/v1/duty/log", json::object{{"kind", "note"}, {"text", " "}}).status, 400);
  EXPECT_EQ(
      desk->PostJson("/api/v1/duty/log", json::object{{"kind", "note"}, {"text", "x"}, {"event_id", 999999}}).status,
      404);
  EXPECT_EQ(desk->PostJson("/api/v1/duty/log",
                           json::object{{"kind", "note"}, {"text", "x"}, {"at", "2026-11-30T10:00:00+08:00"}})
                .status,
            400);  // in the future
  // The shift's own actions are logged as they happen: a report upward, a closure.
  auto up = desk->PostJson("/api/v1/events/" + std::to_string(event) + "/desk-reports",
                           json::object{{"to", "centre"}, {"channel", "phone"}, {"told", "中央值班室"}});
  ASSERT_EQ(up.status, 201) << up.body;
  auto closed =
      desk->PostJson("/api/v1/events/" + std::to_string(event) + "/closure", json::object{{"reason", "火已扑灭"}});
  ASSERT_EQ(closed.status, 201) << closed.body;
  auto log = server_.ClientAs("leader")->Get("/api/v1/duty/log?desk=640000").Json();
  const auto& entries = log.at("entries").as_array();
  ASSERT_EQ(entries.size(), 3u) << json::serialize(log);
  EXPECT_EQ(entries.at(0).at("event_id").as_int64(), event);
  EXPECT_EQ(entries.at(1).at("kind").as_string(), "desk_report");
  EXPECT_NE(std::string(entries.at(1).at("text").as_string()).find("中央值班室"), std::string::npos);
  EXPECT_EQ(entries.at(2).at("kind").as_string(), "closure");
  EXPECT_EQ(entries.at(2).at("text").as_string(), "火已扑灭");
  EXPECT_TRUE(server_.ClientAs("desk-yinchuan")->Get("/api/v1/duty/log").Json().at("entries").as_array().empty());
}

// A phone report the officer takes down is a call of the shift, in its desk's log as it
// happens; a unit's own written report is not.
TEST_F(DutyTest, APhoneReportTakenDownByTheOfficerIsACallInTheLog) {
  json::object phone = json::parse(testing::FirstReportJson()).as_object();
  phone["channel"] = "phone";
  auto taken = server_.ClientAs("desk")->PostJson("/api/v1/reports", phone);
  ASSERT_EQ(taken.status, 201) << taken.body;
  json::object written = json::parse(testing::SmokeReportJson("640181-dw", "灵武市一民房冒烟")).as_object();
  written["channel"] = "written";
  written["title"] = "灵武市一民房冒烟";
  written["location"] = json::object{{"region", "640181"}, {"address", ""}};
  auto own = server_.ClientAs("lingwu")->PostJson("/api/v1/reports", written);
  ASSERT_EQ(own.status, 201) << own.body;
  const json::value log = server_.ClientAs("leader")->Get("/api/v1/duty/log?desk=640000").Json();
  const auto& entries = log.at("entries").as_array();
  ASSERT_EQ(entries.size(), 1u) << json::serialize(log);
  EXPECT_EQ(entries[0].at("kind"), "call");
  EXPECT_EQ(entries[0].at("recorded_by"), "desk");
  EXPECT_EQ(entries[0].at("event_id").as_int64(), taken.Json().at("event_id").as_int64());
  const std::string text(entries[0].at("text").as_string());
  EXPECT_NE(text.find("兴庆区委办公室电话首报："), std::string::npos) << text;
}

}  // namespace
}  // namespace shaobing
