// First reports, follow-ups, finals, corrections and the event view over real HTTP.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "testing/test_data.h"
#include "testing/test_server.h"

namespace shaobing {
namespace {
namespace json = boost::json;

json::object FirstReport() { return json::parse(testing::FirstReportJson()).as_object(); }

json::object Followup(std::int64_t event_id, const char* kind, json::object figures, const char* text) {
  return {{"kind", kind},
          {"event_id", event_id},
          {"unit", "640104-dw"},
          {"description", text},
          {"figures", std::move(figures)}};
}

class ReportsApiTest : public ::testing::Test {
 protected:
  testing::TestServer server_;
};

TEST_F(ReportsApiTest, FirstReportOpensAnEventAndFollowUpsFormASeries) {
  auto xq = server_.ClientAs("xingqing");
  auto r = xq->PostJson("/api/v1/reports", FirstReport());
  ASSERT_EQ(r.status, 201) << r.body;
  const auto first = r.Json().as_object();
  EXPECT_EQ(first.at("sequence").as_int64(), 0);
  const std::int64_t event_id = first.at("event_id").as_int64();

  server_.clock().Advance(std::chrono::minutes(20));
  r = xq->PostJson("/api/v1/reports",
                   Followup(event_id, "followup", {{"deaths", 3}, {"injuries", 6}}, "死亡人数升至3人。"));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.Json().at("sequence").as_int64(), 1);
  r = xq->PostJson("/api/v1/reports", Followup(event_id, "followup", {{"deaths", 3}}, "现场清理完毕。"));
  EXPECT_EQ(r.Json().at("sequence").as_int64(), 2);
  r = xq->PostJson("/api/v1/reports", Followup(event_id, "final", {{"deaths", 3}}, "终报：起火原因为电动自行车充电。"));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.Json().at("sequence").as_int64(), 3);

  // After the final only a correction may follow.
  r = xq->PostJson("/api/v1/reports", Followup(event_id, "followup", {}, "再报"));
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.Json().at("error").at("code").as_string(), "series_closed");

  auto desk = server_.ClientAs("desk");
  auto ev = desk->Get("/api/v1/events/" + std::to_string(event_id));
  ASSERT_EQ(ev.status, 200) << ev.body;
  const auto view = ev.Json().as_object();
  EXPECT_EQ(view.at("status").as_string(), "closed");
  EXPECT_EQ(view.at("figures").at("deaths").as_int64(), 3);
  const auto& reports = view.at("reports").as_array();
  ASSERT_EQ(reports.size(), 4u);
  EXPECT_EQ(reports[0].at("label").as_string(), "首报");
  EXPECT_EQ(reports[1].at("label").as_string(), "续报1");
  EXPECT_EQ(reports[3].at("label").as_string(), "终报");
  const auto& change = reports[1].at("changes").at("figures").as_array()[0];
  EXPECT_EQ(change.at("figure").as_string(), "deaths");
  EXPECT_EQ(change.at("before").as_int64(), 1);
  EXPECT_EQ(change.at("after").as_int64(), 3);
  EXPECT_EQ(reports[1].at("received_at").as_string(), "2026-11-29T14:30:00+08:00");
  // The local Party offices are copied, not asked.
  const auto& copied = view.at("copied_to").as_array();
  ASSERT_EQ(copied.size(), 2u);
  EXPECT_EQ(copied[0].at("unit").as_string(), "640104-dw");
  EXPECT_EQ(copied[1].at("unit").as_string(), "640100-dw");
}

TEST_F(ReportsApiTest, CorrectionSupersedesAndTheEventFollowsIt) {
  auto xq = server_.ClientAs("xingqing");
  auto first = xq->PostJson("/api/v1/reports", FirstReport()).Json();
  const auto event_id = first.at("event_id").as_int64();
  auto wrong = xq->PostJson("/api/v1/reports", Followup(event_id, "followup", {{"deaths", 5}}, "死亡5人")).Json();
  json::object fix = Followup(event_id, "correction", {{"deaths", 2}}, "更正：死亡2人，此前误报为5人。");
  fix["supersedes"] = wrong.at("id");
  auto r = xq->PostJson("/api/v1/reports", fix);
  ASSERT_EQ(r.status, 201) << r.body;
  auto view = xq->Get("/api/v1/events/" + std::to_string(event_id)).Json();
  EXPECT_EQ(view.at("figures").at("deaths").as_int64(), 2);
  EXPECT_EQ(view.at("reports").as_array()[1].at("superseded_by").as_int64(), r.Json().at("id").as_int64());
  // A report is corrected once.
  r = xq->PostJson("/api/v1/reports", fix);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.Json().at("error").at("code").as_string(), "already_superseded");
}

TEST_F(ReportsApiTest, DirectReportReachesTheRegionDeskAtOnceWithoutApproval) {
  auto yjt = server_.ClientAs("yjt");
  json::object report = FirstReport();
  report["unit"] = "640000-yjt";
  report["location"].as_object()["region"] = "640181";
  auto r = yjt->PostJson("/api/v1/reports", report);
  ASSERT_EQ(r.status, 201) << r.body;
  const auto id = r.Json().at("event_id").as_int64();
  auto desk = server_.ClientAs("desk");
  auto list = desk->Get("/api/v1/events?limit=5").Json();
  ASSERT_FALSE(list.at("events").as_array().empty());
  EXPECT_EQ(list.at("events").as_array()[0].at("id").as_int64(), id);
  // Copied to 灵武市委办 (it can read it) — and to nobody it must wait for.
  auto lingwu = server_.ClientAs("lingwu");
  EXPECT_EQ(lingwu->Get("/api/v1/events/" + std::to_string(id)).status, 200);
  auto dawukou = server_.ClientAs("dawukou");
  EXPECT_EQ(dawukou->Get("/api/v1/events/" + std::to_string(id)).status, 404);
}

TEST_F(ReportsApiTest, AnotherUnitJoinsAnEventWithItsOwnSeries) {
  auto xq = server_.ClientAs("xingqing");
  const auto event_id = xq->PostJson("/api/v1/reports", FirstReport()).Json().at("event_id").as_int64();
  auto yjt = server_.ClientAs("yjt");
  json::object angle = FirstReport();
  angle["unit"] = "640000-yjt";
  angle["event_id"] = event_id;
  angle["description"] = "应急管理厅工作组已赶赴现场，初步判断为电气线路故障引发。";
  auto r = yjt->PostJson("/api/v1/reports", angle);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.Json().at("event_id").as_int64(), event_id);
  EXPECT_EQ(r.Json().at("sequence").as_int64(), 0);
  r = yjt->PostJson("/api/v1/reports", angle);
  EXPECT_EQ(r.status, 409);
  auto view = xq->Get("/api/v1/events/" + std::to_string(event_id)).Json();
  EXPECT_EQ(view.at("units").as_array().size(), 2u);
  EXPECT_EQ(view.at("title").as_string(), "兴庆区一居民楼发生火灾");
}

TEST_F(ReportsApiTest, DeskLogsAPhoneReportOnBehalfOfAUnit) {
  auto desk = server_.ClientAs("desk");
  json::object report = FirstReport();
  report["channel"] = "phone";
  report["unit"] = "640202-dw";
  report["location"].as_object()["region"] = "640202";
  auto r = desk->PostJson("/api/v1/reports", report);
  ASSERT_EQ(r.status, 201) << r.body;
  auto got = desk->Get("/api/v1/reports/" + std::to_string(r.Json().at("id").as_int64())).Json();
  EXPECT_EQ(got.at("channel").as_string(), "phone");
  EXPECT_EQ(got.at("logged_by").as_string(), "desk");
  EXPECT_EQ(got.at("unit").as_string(), "640202-dw");
  // The unit's own reporter sees it and continues the series in writing.
  auto dawukou = server_.ClientAs("dawukou");
  auto f = Followup(r.Json().at("event_id").as_int64(), "followup", {{"injuries", 2}}, "续报");
  f["unit"] = "640202-dw";
  EXPECT_EQ(dawukou->PostJson("/api/v1/reports", f).status, 201);
}

TEST_F(ReportsApiTest, EventListIsPagedNewestFirst) {
  auto xq = server_.ClientAs("xingqing");
  for (int i = 0; i < 5; ++i) ASSERT_EQ(xq->PostJson("/api/v1/reports", FirstReport()).status, 201);
  auto page = xq->Get("/api/v1/events?limit=2").Json();
  ASSERT_EQ(page.at("events").as_array().size(), 2u);
  const std::string next(page.at("next").as_string());
  auto rest = xq->Get("/api/v1/events?limit=10&cursor=" + next).Json();
  EXPECT_EQ(rest.at("events").as_array().size(), 3u);
  EXPECT_TRUE(rest.at("next").is_null());
}

TEST_F(ReportsApiTest, EveryWriteIsAuditedAndTheChainVerifies) {
  auto xq = server_.ClientAs("xingqing");
  const auto before = server_.AuditCount();
  ASSERT_EQ(xq->PostJson("/api/v1/reports", FirstReport()).status, 201);
  EXPECT_EQ(server_.AuditCount(), before + 1);
  auto admin = server_.ClientAs("admin");
  auto v = admin->Get("/api/v1/audit/verify").Json();
  EXPECT_TRUE(v.at("ok").as_bool());
  EXPECT_GE(v.at("records").as_int64(), before + 2);
  auto records = admin->Get("/api/v1/audit?after=0&limit=1000").Json().at("records").as_array();
  EXPECT_EQ(records.back().at("action").as_string(), "auth.login");
}

TEST_F(ReportsApiTest, LogoutEndsTheSessionAndExpiryToo) {
  auto xq = server_.ClientAs("xingqing");
  EXPECT_EQ(xq->Get("/api/v1/auth/me").status, 200);
  EXPECT_EQ(xq->Post("/api/v1/auth/logout", "").status, 200);
  EXPECT_EQ(xq->Get("/api/v1/auth/me").status, 401);
  auto desk = server_.ClientAs("desk");
  server_.clock().Advance(std::chrono::hours(13));
  auto r = desk->Get("/api/v1/auth/me");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.Json().at("error").at("code").as_string(), "session_expired");
}

TEST_F(ReportsApiTest, SessionCookieIsHttpOnlyAndWorks) {
  auto anon = server_.Anonymous();
  auto r = anon->PostJson("/api/v1/auth/login", json::object{{"name", "leader"}, {"password", testing::kPassword}});
  ASSERT_EQ(r.status, 200);
  const auto cookie = r.headers.at("set-cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  const auto token = cookie.substr(cookie.find('=') + 1, cookie.find(';') - cookie.find('=') - 1);
  auto me = anon->Request("GET", "/api/v1/auth/me", "", {{"Cookie", "shaobing_session=" + token}});
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(me.Json().at("user").at("role").as_string(), "leader");
}

TEST_F(ReportsApiTest, HealthAndMetricsNeedNoLogin) {
  auto anon = server_.Anonymous();
  EXPECT_EQ(anon->Get("/healthz").status, 200);
  auto xq = server_.ClientAs("xingqing");
  ASSERT_EQ(xq->PostJson("/api/v1/reports", FirstReport()).status, 201);
  auto bad = FirstReport();
  bad.erase("parties");
  ASSERT_EQ(xq->PostJson("/api/v1/reports", bad).status, 400);
  auto m = anon->Get("/metrics");
  ASSERT_EQ(m.status, 200);
  EXPECT_NE(m.body.find("shaobing_reports_accepted_total 1"), std::string::npos) << m.body;
  EXPECT_NE(m.body.find("shaobing_reports_rejected_total 1"), std::string::npos);
  EXPECT_NE(m.body.find("shaobing_http_request_duration_seconds_bucket{method=\"POST\",route=\"/api/v1/reports\""),
            std::string::npos);
}

}  // namespace
}  // namespace shaobing

namespace shaobing {
namespace {

TEST_F(ReportsApiTest, AUnitJoinsOnlyEventsOfItsOwnRegion) {
  auto xq = server_.ClientAs("xingqing");
  const auto event_id = xq->PostJson("/api/v1/reports", FirstReport()).Json().at("event_id").as_int64();
  // 大武口区委办 (640202) may not join an event in 兴庆区 and so read it.
  auto dawukou = server_.ClientAs("dawukou");
  json::object angle = FirstReport();
  angle["unit"] = "640202-dw";
  angle["event_id"] = event_id;
  auto r = dawukou->PostJson("/api/v1/reports", angle);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.Json().at("error").at("code").as_string(), "unknown_event");
  EXPECT_EQ(dawukou->Get("/api/v1/events/" + std::to_string(event_id)).status, 404);
}

}  // namespace
}  // namespace shaobing
