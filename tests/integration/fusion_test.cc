// Multi-source reporting over HTTP (B3): linking reports of several departments into one
// event, consensus and conflicts, missing perspectives, the summary, the desk's rulings,
// merge / split / undo, the confirm-link queue, and the linker's index across a restart.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>

#include "testing/process.h"
#include "testing/test_data.h"
#include "testing/test_server.h"

namespace shaobing {
namespace {
namespace json = boost::json;

// The chemical plant explosion of 兴庆区, as one department tells it.
json::object Explosion(const std::string& unit, const std::string& channel, const std::string& title,
                       const std::string& description, int deaths) {
  json::object r = json::parse(testing::FirstReportJson()).as_object();
  r["unit"] = unit;
  r["channel"] = channel;
  r["category"] = "hazardous_chemicals";
  r["title"] = title;
  r["occurred_at"] = "2026-11-29T13:40:00+08:00";
  r["location"] = json::object{{"region", "640104"}, {"address", "兴庆区瑞泰化工有限公司"}};
  r["description"] = description;
  r["figures"] = json::object{{"deaths", deaths}, {"injuries", 4}};
  return r;
}

json::object PartyOfficeReport() {
  return Explosion("640104-dw", "written", "兴庆区瑞泰化工有限公司发生爆炸",
                   "13时40分许，兴庆区瑞泰化工有限公司3号车间发生爆炸，造成1人死亡、4人受伤，周边群众情绪稳定。", 1);
}
json::object HealthReport() {
  return Explosion("640000-wsjkw", "phone", "瑞泰化工公司爆炸事故伤员救治情况",
                   "兴庆区瑞泰化工公司爆炸事故伤员已送医院救治，医院共收治伤员7人，其中3人经抢救无效死亡，4人受伤。",
                   3);
}

const json::object* Find(const json::array& items, const char* key, std::string_view value) {
  for (const auto& v : items) {
    if (v.at(key).as_string() == value) return &v.as_object();
  }
  return nullptr;
}

class FusionTest : public ::testing::Test {
 protected:
  json::object Event(std::int64_t id) {
    auto r = desk_->Get("/api/v1/events/" + std::to_string(id));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.Json().as_object();
  }
  std::int64_t Post(testing::HttpClient& c, const json::object& report, const char* link = nullptr) {
    auto r = c.PostJson("/api/v1/reports", report);
    EXPECT_EQ(r.status, 201) << r.body;
    if (link) {
      EXPECT_EQ(r.Json().at("link").at("action").as_string(), link) << r.body;
    }
    return r.Json().at("event_id").as_int64();
  }
  testing::TestServer server_;
  std::unique_ptr<testing::HttpClient> desk_ = server_.ClientAs("desk");
};

TEST_F(FusionTest, DepartmentsReportingOneExplosionMakeOneEventGradedOnTheConsensus) {
  auto xq = server_.ClientAs("xingqing");
  const auto event = Post(*xq, PartyOfficeReport(), "new_event");
  EXPECT_EQ(Event(event).at("grade").as_string(), "IV");  // 1 death
  const auto linked = Post(*desk_, HealthReport(), "linked");
  ASSERT_EQ(linked, event);

  const auto view = Event(event);
  EXPECT_EQ(view.at("report_count").as_int64(), 2);
  EXPECT_EQ(view.at("sources").as_array().size(), 2u);
  // Deaths: the health commission is authoritative (3); the Party office's 1 conflicts.
  const auto* deaths = Find(view.at("figure_table").as_array(), "figure", "deaths");
  ASSERT_NE(deaths, nullptr);
  EXPECT_EQ(deaths->at("value").as_int64(), 3);
  EXPECT_EQ(deaths->at("rule").as_string(), "authority");
  EXPECT_EQ(deaths->at("unit").as_string(), "640000-wsjkw");
  EXPECT_TRUE(deaths->at("conflict").as_bool());
  EXPECT_EQ(deaths->at("history").as_array().size(), 2u);
  const auto* conflict = Find(view.at("conflicts").as_array(), "figure", "deaths");
  ASSERT_NE(conflict, nullptr);
  EXPECT_EQ(conflict->at("other").at("unit").as_string(), "640104-dw");
  EXPECT_EQ(conflict->at("other").at("value").as_int64(), 1);
  // Grade and routing follow the consensus: 3 deaths is a 较大 (III) accident.
  EXPECT_EQ(view.at("grade").as_string(), "III");
  EXPECT_EQ(view.at("figures").at("deaths").as_int64(), 3);
  // The evidence of the link is kept.
  const auto* link = Find(view.at("links").as_array(), "action", "linked");
  ASSERT_NE(link, nullptr);
  EXPECT_GE(link->at("total").to_number<double>(), 0.55);
  EXPECT_GT(link->at("parts").at("text").to_number<double>(), 0);
  // Perspectives: environmental harm is expected of a chemical explosion and nobody gave it.
  const auto* env = Find(view.at("perspectives").as_array(), "code", "environmental_harm");
  ASSERT_NE(env, nullptr);
  EXPECT_TRUE(env->at("missing").as_bool());
  ASSERT_FALSE(env->at("expected_units").as_array().empty());
  EXPECT_EQ(env->at("expected_kinds").as_array().front().as_string(), "ecology_environment");
  const auto* casualties = Find(view.at("perspectives").as_array(), "code", "casualties_treatment");
  ASSERT_NE(casualties, nullptr);
  EXPECT_FALSE(casualties->at("missing").as_bool());
  EXPECT_EQ(casualties->at("covered_by").as_array().front().at("unit").as_string(), "640000-wsjkw");
  // The summary cites its sources and names what is missing.
  const std::string summary(view.at("summary").at("text").as_string());
  EXPECT_NE(summary.find("死亡3人"), std::string::npos) << summary;
  EXPECT_NE(summary.find("据自治区卫生健康委"), std::string::npos) << summary;
  EXPECT_NE(summary.find("环境危害"), std::string::npos) << summary;
}

TEST_F(FusionTest, TheDeskRulesOnAConflictWithAReasonAndTheEventIsJudgedAgain) {
  auto xq = server_.ClientAs("xingqing");
  const auto event = Post(*xq, PartyOfficeReport());
  ASSERT_EQ(Post(*desk_, HealthReport()), event);
  const auto target = "/api/v1/events/" + std::to_string(event) + "/resolutions";
  const auto audit = server_.AuditCount();
  auto bad = desk_->PostJson(target, json::object{{"figure", "deaths"}, {"value", 2}, {"reason", "  "}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json().at("error").at("field").as_string(), "reason");
  bad = desk_->PostJson(target, json::object{{"figure", "dead"}, {"value", 2.5}, {"reason", "x"}});
  EXPECT_EQ(bad.status, 400);
  // Out of range, never converted: 1e300 (a double) and 1e400 (beyond a double) are 4xx.
  for (const std::string value : {"1e300", "1e400", "-1", "1e15.5"}) {
    bad = desk_->Post(target, R"({"figure":"economic_loss_yuan","value":)" + value + R"(,"reason":"x"})");
    EXPECT_EQ(bad.status, 400) << value << ": " << bad.body;
  }
  bad = desk_->PostJson(target, json::object{{"figure", "deaths"}, {"value", 1e300}, {"reason", "x"}});
  EXPECT_EQ(bad.Json().at("error").at("code").as_string(), "out_of_range") << bad.body;
  EXPECT_EQ(bad.Json().at("error").at("field").as_string(), "value");
  EXPECT_EQ(server_.AuditCount(), audit);  // refused: nothing written
  EXPECT_EQ(xq->PostJson(target, json::object{{"figure", "deaths"}, {"value", 2}, {"reason", "x"}}).status, 403);

  auto r =
      desk_->PostJson(target, json::object{{"figure", "deaths"}, {"value", 2}, {"reason", "经医院与区委办共同核实"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.Json().at("grade").as_string(), "IV");
  EXPECT_EQ(server_.AuditCount(), audit + 1);
  const auto view = Event(event);
  EXPECT_EQ(Find(view.at("conflicts").as_array(), "figure", "deaths"), nullptr);
  const auto* deaths = Find(view.at("figure_table").as_array(), "figure", "deaths");
  ASSERT_NE(deaths, nullptr);
  EXPECT_EQ(deaths->at("rule").as_string(), "desk");
  EXPECT_EQ(deaths->at("value").as_int64(), 2);
  EXPECT_EQ(deaths->at("resolution").at("reason").as_string(), "经医院与区委办共同核实");
  EXPECT_EQ(view.at("grade").as_string(), "IV");
  const std::string summary(view.at("summary").at("text").as_string());
  EXPECT_NE(summary.find("死亡2人"), std::string::npos) << summary;
  EXPECT_NE(summary.find("裁定）"), std::string::npos) << summary;  // cites the desk's ruling
  EXPECT_EQ(summary.find("【数字待核】死亡"), std::string::npos) << summary;
  // A later figure from a source supersedes the ruling.
  server_.clock().Advance(Millis(20 * 60'000));
  json::object follow = HealthReport();
  follow["kind"] = "followup";
  follow["event_id"] = event;
  follow["figures"] = json::object{{"deaths", 4}};
  ASSERT_EQ(Post(*desk_, follow), event);
  const auto after = Event(event);
  deaths = Find(after.at("figure_table").as_array(), "figure", "deaths");
  EXPECT_EQ(deaths->at("value").as_int64(), 4);
  EXPECT_EQ(deaths->at("rule").as_string(), "authority");
  EXPECT_EQ(after.at("grade").as_string(), "III");
}

TEST_F(FusionTest, MergeAndSplitAreAuditedAndUndone) {
  auto xq = server_.ClientAs("xingqing");
  const auto a = Post(*xq, PartyOfficeReport(), "new_event");
  // The same explosion told so differently (another day given by mistake) that it opens its own.
  json::object odd = HealthReport();
  odd["occurred_at"] = "2026-11-25T08:00:00+08:00";
  odd["title"] = "医院收治一批烧伤患者";
  odd["description"] = "今日医院收治烧伤患者数名，正在救治。";
  const auto b = Post(*desk_, odd, "new_event");
  ASSERT_NE(a, b);
  const auto audit = server_.AuditCount();
  auto r = desk_->PostJson("/api/v1/events/" + std::to_string(a) + "/merge", json::object{{"from", b}, {"reason", ""}});
  EXPECT_EQ(r.status, 400);
  r = desk_->PostJson("/api/v1/events/" + std::to_string(a) + "/merge", json::object{{"from", a}, {"reason", "同一"}});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(server_.AuditCount(), audit);
  r = desk_->PostJson("/api/v1/events/" + std::to_string(a) + "/merge",
                      json::object{{"from", b}, {"reason", "医院收治的即瑞泰化工爆炸伤员"}});
  ASSERT_EQ(r.status, 201) << r.body;
  const auto merge = r.Json().at("operation_id").as_int64();
  EXPECT_EQ(server_.AuditCount(), audit + 1);
  // The merged event shows as the event it joined, and leaves the list.
  auto view = Event(b);
  EXPECT_EQ(view.at("id").as_int64(), a);
  EXPECT_EQ(view.at("requested_id").as_int64(), b);
  EXPECT_EQ(view.at("report_count").as_int64(), 2);
  EXPECT_EQ(view.at("operations").as_array().size(), 1u);
  auto list = desk_->Get("/api/v1/events").Json().at("events").as_array();
  EXPECT_EQ(list.size(), 1u);
  // A follow-up naming the merged event goes to the event it joined.
  json::object follow = HealthReport();
  follow["kind"] = "followup";
  follow["event_id"] = b;
  EXPECT_EQ(Post(*desk_, follow), a);
  // Split the health commission off again, then undo the split.
  r = desk_->PostJson("/api/v1/events/" + std::to_string(a) + "/split",
                      json::object{{"units", json::array{"640000-wsjkw"}}, {"reason", "核实后为另一事件"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.Json().at("event_id").as_int64(), b);
  const auto split = r.Json().at("operation_id").as_int64();
  EXPECT_EQ(Event(a).at("report_count").as_int64(), 1);
  EXPECT_EQ(Event(b).at("report_count").as_int64(), 2);
  // The merge cannot be undone while the split stands on it.
  r = desk_->PostJson("/api/v1/operations/" + std::to_string(merge) + "/undo", json::object{{"reason", "撤销"}});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.Json().at("error").at("code").as_string(), "operation_superseded");
  r = desk_->PostJson("/api/v1/operations/" + std::to_string(split) + "/undo", json::object{{"reason", "拆错了"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Event(a).at("report_count").as_int64(), 3);
  r = desk_->PostJson("/api/v1/operations/" + std::to_string(split) + "/undo", json::object{{"reason", "再撤"}});
  EXPECT_EQ(r.status, 409);
  r = desk_->PostJson("/api/v1/operations/" + std::to_string(merge) + "/undo", json::object{{"reason", "合并有误"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Event(a).at("report_count").as_int64(), 1);
  EXPECT_EQ(Event(b).at("report_count").as_int64(), 2);
  // Every step is in the audit chain, which still verifies.
  auto admin = server_.ClientAs("admin");
  EXPECT_TRUE(admin->Get("/api/v1/audit/verify").Json().at("ok").as_bool());
}

TEST_F(FusionTest, AnUncertainLinkWaitsForTheDeskWhoMayRejectIt) {
  auto smoke = [](const std::string& unit, const std::string& description) {
    return json::parse(testing::SmokeReportJson(unit, description)).as_object();
  };
  const auto event =
      Post(*desk_, smoke("640100-gaj", "接群众电话反映，兴庆区一处住宅楼冒烟，具体情况正在核实。"), "new_event");
  auto r = desk_->PostJson("/api/v1/reports", smoke("640100-xfzd", "兴庆区一住户家中失火，已有人员被送医。"));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.Json().at("link").at("action").as_string(), "provisional") << Event(event).at("links").as_array().back();
  EXPECT_TRUE(r.Json().at("link").at("confirm_task").as_bool());
  EXPECT_EQ(r.Json().at("event_id").as_int64(), event);
  const auto report = r.Json().at("id").as_int64();
  auto tasks = desk_->Get("/api/v1/link-tasks").Json().at("tasks").as_array();
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].at("id").as_int64(), report);
  EXPECT_EQ(tasks[0].at("event_id").as_int64(), event);
  EXPECT_EQ(tasks[0].at("unit").as_string(), "640100-xfzd");
  EXPECT_LT(tasks[0].at("total").to_number<double>(), 0.55);
  // The desk of the city the event lies in sees it as well.
  EXPECT_TRUE(server_.ClientAs("desk-yinchuan")->Get("/api/v1/link-tasks").Json().at("tasks").as_array().size() == 1u);

  r = desk_->PostJson("/api/v1/link-tasks/" + std::to_string(report),
                      json::object{{"action", "reject"}, {"reason", "不是同一处"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.Json().at("status").as_string(), "rejected");
  const auto own = r.Json().at("event_id").as_int64();
  EXPECT_NE(own, event);
  EXPECT_EQ(Event(event).at("report_count").as_int64(), 1);
  EXPECT_EQ(Event(own).at("report_count").as_int64(), 1);
  EXPECT_TRUE(desk_->Get("/api/v1/link-tasks").Json().at("tasks").as_array().empty());
  r = desk_->PostJson("/api/v1/link-tasks/" + std::to_string(report),
                      json::object{{"action", "confirm"}, {"reason", "x"}});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.Json().at("error").at("code").as_string(), "task_closed");
  // The rejection is an undoable split: undone, the report is back and waits for the desk again.
  const json::value rejection = Event(own).at("operations").as_array().at(0);
  EXPECT_EQ(rejection.at("units").as_array(), (json::array{"640100-xfzd"}));
  const auto operation = rejection.at("id").as_int64();
  r = desk_->PostJson("/api/v1/operations/" + std::to_string(operation) + "/undo",
                      json::object{{"reason", "拒绝有误"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Event(event).at("report_count").as_int64(), 2);
  tasks = desk_->Get("/api/v1/link-tasks").Json().at("tasks").as_array();
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].at("status").as_string(), "pending");
  r = desk_->PostJson("/api/v1/link-tasks/" + std::to_string(report),
                      json::object{{"action", "confirm"}, {"reason", "同一住宅楼"}});
  EXPECT_EQ(r.status, 201) << r.body;
  EXPECT_TRUE(desk_->Get("/api/v1/link-tasks").Json().at("tasks").as_array().empty());
}

// The linker's index is rebuilt from the store: after a restart a report still joins the
// event it describes.
TEST(FusionRestart, TheIndexIsRebuiltFromTheStore) {
  const auto dir = std::filesystem::temp_directory_path() / ("shaobing-fusion-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  auto add = testing::RunProcess({SHAOBING_BINARY, "user", "add", "--data", dir.string(), "--name", "xingqing",
                                  "--role", "reporter", "--unit", "640104-dw"},
                                 "a-long-enough-password\n");
  ASSERT_EQ(add.status, 0) << add.err;
  add = testing::RunProcess({SHAOBING_BINARY, "user", "add", "--data", dir.string(), "--name", "desk", "--role", "desk",
                             "--region", "640000"},
                            "a-long-enough-password\n");
  ASSERT_EQ(add.status, 0) << add.err;
  // Reports dated today: the index holds the last 14 days by receipt.
  auto today = [](json::object r) {
    const std::string day = FormatShanghai(SystemClock().Now()).substr(0, 10);
    r["occurred_at"] = day + "T00:10:00+08:00";
    return r;
  };
  std::int64_t event = 0;
  {
    testing::ServerProcess server(SHAOBING_BINARY, dir.string());
    testing::HttpClient c("127.0.0.1", static_cast<std::uint16_t>(server.port()));
    ASSERT_EQ(c.Login("xingqing", "a-long-enough-password").status, 200);
    auto r = c.PostJson("/api/v1/reports", today(PartyOfficeReport()));
    ASSERT_EQ(r.status, 201) << r.body;
    event = r.Json().at("event_id").as_int64();
    server.Kill(SIGTERM);
  }
  testing::ServerProcess server(SHAOBING_BINARY, dir.string());
  testing::HttpClient c("127.0.0.1", static_cast<std::uint16_t>(server.port()));
  ASSERT_EQ(c.Login("desk", "a-long-enough-password").status, 200);
  auto r = c.PostJson("/api/v1/reports", today(HealthReport()));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.Json().at("event_id").as_int64(), event);
  EXPECT_EQ(r.Json().at("link").at("action").as_string(), "linked");
  server.Kill(SIGTERM);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace shaobing
