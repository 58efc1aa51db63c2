// The reporting standard over HTTP and the command line: judgement on every report,
// escalation with its own clock, catalogue versions, dry runs, `classify`.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "testing/process.h"
#include "testing/test_data.h"
#include "testing/test_server.h"

namespace shaobing {
namespace {
namespace json = boost::json;

json::object TrafficReport(int deaths) {
  json::object r = json::parse(testing::FirstReportJson()).as_object();
  r["category"] = "road_traffic";
  r["title"] = "兴庆区一路口两车相撞";
  r["description"] = "一辆小型客车与一辆货车相撞。";
  r["figures"] = json::object{{"deaths", deaths}, {"serious_injuries", 1}};
  return r;
}

std::string DefaultCatalogue() {
  std::ifstream in(testing::SourceDir() + "/data/standards/default.yaml");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class StandardsApiTest : public ::testing::Test {
 protected:
  testing::TestServer server_;
};

TEST_F(StandardsApiTest, GrowingFiguresEscalateWithANewClock) {
  auto xq = server_.ClientAs("xingqing");
  auto first = xq->PostJson("/api/v1/reports", TrafficReport(2));
  ASSERT_EQ(first.status, 201) << first.body;
  const auto event_id = first.Json().at("event_id").as_int64();
  auto desk = server_.ClientAs("desk");
  auto view = desk->Get("/api/v1/events/" + std::to_string(event_id)).Json();
  EXPECT_EQ(view.at("grade").as_string(), "IV");
  EXPECT_EQ(view.at("report_to").as_string(), "city");
  EXPECT_EQ(view.at("catalogue_version").as_string(), "2026.1");
  EXPECT_TRUE(view.at("escalations").as_array().empty());

  server_.clock().Advance(std::chrono::minutes(40));
  auto follow = xq->PostJson("/api/v1/reports", json::object{{"kind", "followup"},
                                                             {"event_id", event_id},
                                                             {"unit", "640104-dw"},
                                                             {"description", "又有1人经抢救无效死亡。"},
                                                             {"figures", {{"deaths", 3}}}});
  ASSERT_EQ(follow.status, 201) << follow.body;
  view = desk->Get("/api/v1/events/" + std::to_string(event_id)).Json();
  EXPECT_EQ(view.at("grade").as_string(), "III");
  EXPECT_EQ(view.at("report_to").as_string(), "region");
  const auto& evaluation = view.at("evaluation").as_object();
  bool matched_value = false;
  for (const auto& tag : evaluation.at("tags").as_array()) {
    for (const auto& m : tag.at("matched").as_array())
      matched_value |= m.as_string().find("死亡 3 人") != json::string::npos;
  }
  EXPECT_TRUE(matched_value) << json::serialize(evaluation);
  const auto& escalations = view.at("escalations").as_array();
  ASSERT_EQ(escalations.size(), 1u) << json::serialize(view.at("escalations"));
  EXPECT_EQ(escalations[0].at("from_level").as_string(), "city");
  EXPECT_EQ(escalations[0].at("to_level").as_string(), "region");
  EXPECT_EQ(escalations[0].at("at").as_string(), "2026-11-29T14:50:00+08:00");
  // The region is owed a phone report within 30 minutes of the escalation, by its own clock.
  bool region_phone = false;
  for (const auto& o : view.at("obligations").as_array()) {
    if (o.at("to").at("level") == "region" && o.at("channel") == "phone" && !o.at("escalation").is_null()) {
      region_phone = true;
      EXPECT_EQ(o.at("due_at").as_string(), "2026-11-29T15:20:00+08:00");
      EXPECT_EQ(o.at("status").as_string(), "open");
    }
  }
  EXPECT_TRUE(region_phone) << json::serialize(view.at("obligations"));
  server_.clock().Advance(std::chrono::minutes(31));
  view = desk->Get("/api/v1/events/" + std::to_string(event_id)).Json();
  bool overdue = false;
  for (const auto& o : view.at("obligations").as_array()) overdue |= o.at("status") == "overdue";
  EXPECT_TRUE(overdue);
  bool in_timeline = false;
  for (const auto& item : view.at("timeline").as_array()) in_timeline |= item.at("type") == "escalation";
  EXPECT_TRUE(in_timeline);
  auto list = desk->Get("/api/v1/events?limit=1").Json();
  EXPECT_EQ(list.at("events").as_array()[0].at("grade").as_string(), "III");
}

TEST_F(StandardsApiTest, CatalogueIsBrowsableWithSourcesAndHistory) {
  auto leader = server_.ClientAs("leader");
  auto r = leader->Get("/api/v1/standards");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = r.Json();
  EXPECT_EQ(body.at("current").at("version").as_string(), "2026.1");
  const auto& rules = body.at("current").at("rules").as_array();
  EXPECT_GE(rules.size(), 30u);
  for (const auto& rule : rules) {
    EXPECT_TRUE(!rule.at("source").at("regulation").as_string().empty() || rule.at("local_default").as_bool())
        << rule.at("id").as_string();
  }
  EXPECT_EQ(body.at("history").as_array().size(), 1u);
}

TEST_F(StandardsApiTest, PublishingANewVersionKeepsOldJudgementsWithTheirVersion) {
  auto xq = server_.ClientAs("xingqing");
  const auto old_event = xq->PostJson("/api/v1/reports", TrafficReport(3)).Json().at("event_id").as_int64();
  auto admin = server_.ClientAs("admin");
  std::string yaml = DefaultCatalogue();
  const auto at = yaml.find("2026.1");
  ASSERT_NE(at, std::string::npos);
  yaml.replace(at, 6, "2026.2");
  auto r = admin->PostJson("/api/v1/standards", json::object{{"yaml", yaml}});
  EXPECT_EQ(r.status, 405);  // publishing is a PUT
  r = admin->Request("PUT", "/api/v1/standards", json::serialize(json::object{{"yaml", yaml}}));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.Json().at("version").as_string(), "2026.2");
  r = admin->Request("PUT", "/api/v1/standards", json::serialize(json::object{{"yaml", yaml}}));
  EXPECT_EQ(r.status, 409);
  const auto new_event = xq->PostJson("/api/v1/reports", TrafficReport(3)).Json().at("event_id").as_int64();
  EXPECT_EQ(xq->Get("/api/v1/events/" + std::to_string(old_event)).Json().at("catalogue_version"), "2026.1");
  EXPECT_EQ(xq->Get("/api/v1/events/" + std::to_string(new_event)).Json().at("catalogue_version"), "2026.2");
  auto history = admin->Get("/api/v1/standards").Json().at("history").as_array();
  EXPECT_EQ(history.size(), 2u);
}

TEST_F(StandardsApiTest, ABadCatalogueIsRefusedWithFileLineAndValueAndChangesNothing) {
  auto admin = server_.ClientAs("admin");
  const auto audit = server_.AuditCount();
  std::string yaml = DefaultCatalogue();
  const auto at = yaml.find("road_traffic");
  ASSERT_NE(at, std::string::npos);
  yaml.replace(at, 12, "road_trafic");
  auto r = admin->Request("PUT", "/api/v1/standards", json::serialize(json::object{{"yaml", yaml}}));
  ASSERT_EQ(r.status, 400);
  const auto error = r.Json().at("error");
  EXPECT_EQ(error.at("code").as_string(), "catalogue_invalid");
  EXPECT_NE(error.at("message").as_string().find("road_trafic"), json::string::npos) << r.body;
  EXPECT_NE(error.at("message").as_string().find("catalogue.yaml:"), json::string::npos) << r.body;
  EXPECT_EQ(server_.AuditCount(), audit);
  auto desk = server_.ClientAs("desk");
  EXPECT_EQ(desk->Request("PUT", "/api/v1/standards", json::serialize(json::object{{"yaml", yaml}})).status, 403);
}

TEST_F(StandardsApiTest, DryRunJudgesWithoutStoring) {
  auto desk = server_.ClientAs("desk");
  const auto events = server_.EventCount();
  json::object report{{"category", "mass_incident"},
                      {"location", {{"region", "640106"}}},
                      {"description", "约80名工人在工地门口聚集讨要工资，围观约200人。"}};
  auto r = desk->PostJson("/api/v1/standards/evaluate", report);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json().at("report_to").as_string(), "region");
  EXPECT_FALSE(r.Json().at("sensitive").as_array().empty());
  EXPECT_EQ(server_.EventCount(), events);
  report["figures"] = json::object{{"deaths", -1}};
  EXPECT_EQ(desk->PostJson("/api/v1/standards/evaluate", report).status, 400);
}

TEST(ClassifyCliTest, PrintsTheContractShape) {
  const std::string report = json::serialize(TrafficReport(3));
  auto r = testing::RunProcess({SHAOBING_BINARY, "classify"}, report);
  ASSERT_EQ(r.status, 0) << r.err;
  auto out = json::parse(r.out).as_object();
  for (const char* key : {"grade", "report_to", "deadlines", "tags", "sensitive", "consultation"}) {
    EXPECT_TRUE(out.contains(key)) << key;
  }
  EXPECT_EQ(out.at("grade").as_string(), "III");
  EXPECT_EQ(out.at("report_to").as_string(), "region");
  const auto& d = out.at("deadlines").as_array()[0].as_object();
  EXPECT_TRUE(d.contains("level") && d.contains("channel") && d.contains("minutes"));
  const auto& tag = out.at("tags").as_array()[0].as_object();
  EXPECT_TRUE(tag.contains("rule") && tag.contains("label") && tag.contains("matched"));

  r = testing::RunProcess({SHAOBING_BINARY, "classify"}, "{\"figures\": {\"deaths\": \"many\"}}");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("figures.deaths"), std::string::npos) << r.err;
  r = testing::RunProcess(
      {SHAOBING_BINARY, "classify", "--catalogue", testing::SourceDir() + "/testdata/standards/bad_geofence.yaml"},
      report);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("bad_geofence.yaml:"), std::string::npos) << r.err;
  r = testing::RunProcess(
      {SHAOBING_BINARY, "standards", "check", testing::SourceDir() + "/data/standards/default.yaml"});
  EXPECT_EQ(r.status, 0) << r.err;
}

}  // namespace
}  // namespace shaobing

namespace shaobing {
namespace {

TEST_F(StandardsApiTest, TheDeskConfirmsAndDismissesSensitiveFactors) {
  auto xq = server_.ClientAs("xingqing");
  json::object report = TrafficReport(0);
  report["description"] = "一辆小型客车与一辆货车相撞，车上有学生。";
  report["figures"] = json::object{{"injuries", 2}};
  const auto event_id = xq->PostJson("/api/v1/reports", report).Json().at("event_id").as_int64();
  auto desk = server_.ClientAs("desk");
  const std::string path = "/api/v1/events/" + std::to_string(event_id);
  auto view = desk->Get(path).Json();
  EXPECT_EQ(view.at("report_to").as_string(), "region");  // 学生 detected in the text
  const auto audit = server_.AuditCount();

  // Dismissal needs a reason; nothing is written without one.
  auto r = desk->PostJson(path + "/sensitive",
                          json::object{{"action", "dismiss"}, {"kind", "persons"}, {"code", "student"}});
  ASSERT_EQ(r.status, 400);
  EXPECT_EQ(r.Json().at("error").at("field").as_string(), "reason");
  EXPECT_EQ(server_.AuditCount(), audit);
  r = desk->PostJson(
      path + "/sensitive",
      json::object{
          {"action", "dismiss"}, {"kind", "persons"}, {"code", "student"}, {"reason", "经核实为驾校学员，非在校学生"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_NE(r.Json().at("report_to"), "region");
  EXPECT_EQ(server_.AuditCount(), audit + 1);
  view = desk->Get(path).Json();
  for (const auto& s : view.at("evaluation").at("sensitive").as_array()) EXPECT_NE(s.at("code"), "student");
  ASSERT_EQ(view.at("sensitive_adjustments").as_array().size(), 1u);
  EXPECT_EQ(view.at("sensitive_adjustments").as_array()[0].at("actor").as_string(), "desk");

  // Confirming a factor by hand makes it count, and the event is judged again at once.
  r = desk->PostJson(
      path + "/sensitive",
      json::object{{"action", "confirm"}, {"kind", "places"}, {"code", "school"}, {"reason", "事发地为校门口"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.Json().at("report_to").as_string(), "region");
  bool school = false;
  const auto judged = desk->Get(path).Json();  // kept alive: a range-for would drop the temporary
  for (const auto& s : judged.at("evaluation").at("sensitive").as_array()) school |= s.at("code") == "school";
  EXPECT_TRUE(school);
  r = desk->PostJson(path + "/sensitive",
                     json::object{{"action", "confirm"}, {"kind", "places"}, {"code", "palace"}, {"reason", "x"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.Json().at("error").at("code").as_string(), "unknown_sensitive_code");
  // Reporters and leaders may not; a desk outside the region may not.
  EXPECT_EQ(xq->PostJson(path + "/sensitive",
                         json::object{{"action", "confirm"}, {"kind", "places"}, {"code", "school"}, {"reason", "x"}})
                .status,
            403);
}

}  // namespace
}  // namespace shaobing
