// Consultations (会商, A4) over HTTP: a city desk opens one on an event, inviting the region's
// expert and an expert unit; they answer once each (late when after the deadline); the desk
// decides "do not report" with a reason, and its overdue obligations to the region become
// waived (经会商决定不报送), not red, in the view and on the timer's stored clocks. An expert of
// another county sees the consultation it is invited to and the event's facts, not the event.
// Bad input is refused naming the field and changes nothing; others get 404 like unknown ids.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "testing/test_data.h"
#include "testing/test_server.h"

namespace shaobing {
namespace {
namespace json = boost::json;

// A first report of 灵武市委办 on a fire in its own county.
json::object LingwuReport() {
  json::object r = json::parse(testing::FirstReportJson()).as_object();
  r["unit"] = "640181-dw";
  r["title"] = "灵武市一化工厂泄漏";
  r["location"] = json::object{{"region", "640181"}, {"address", "某化工厂"}};
  r["figures"] = json::object{{"deaths", 3}};
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

class ConsultationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto first = server_.ClientAs("lingwu")->PostJson("/api/v1/reports", LingwuReport());
    ASSERT_EQ(first.status, 201) << first.body;
    event_ = std::to_string(first.Json().at("event_id").as_int64());
    // An expert of 兴庆区 (below the city desk, beside 灵武市) and one of 石嘴山市 (beside it).
    ASSERT_TRUE(
        server_.app().auth().AddUser({"expert-xq", "兴庆区专家", testing::kPassword, "expert", "", "640104"}, "test"));
    ASSERT_TRUE(
        server_.app().auth().AddUser({"expert-szs", "石嘴山专家", testing::kPassword, "expert", "", "640200"}, "test"));
  }
  std::string Deadline(int minutes) { return FormatShanghai(server_.clock().Now() + std::chrono::minutes(minutes)); }
  json::value View(const std::string& account) {
    return server_.ClientAs(account)->Get("/api/v1/events/" + event_).Json();
  }
  // The city desk opens a consultation inviting the region's expert, 兴庆区's and 应急管理厅.
  std::string Open() {
    json::object body{{"question", "泄漏物质是否有扩散风险，是否需向自治区报送？"},
                      {"deadline", Deadline(60)},
                      {"invitees", json::array{json::object{{"kind", "user"}, {"id", "expert"}},
                                               json::object{{"kind", "user"}, {"id", "expert-xq"}},
                                               json::object{{"kind", "unit"}, {"id", "640000-yjt"}}}}};
    auto r = server_.ClientAs("desk-yinchuan")->PostJson("/api/v1/events/" + event_ + "/consultations", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return std::to_string(r.Json().at("id").as_int64());
  }
  int Tick() {
    auto r = server_.app().clock_timer().Tick();
    EXPECT_TRUE(r) << (r ? "" : r.error().reason);
    return r ? r->transitions : 0;
  }

  testing::TestServer server_;
  std::string event_;
};

TEST_F(ConsultationsTest, TheDeskSeesWhomItMayInvite) {
  auto r = server_.ClientAs("desk-yinchuan")->Get("/api/v1/consultation-candidates");
  ASSERT_EQ(r.status, 200) << r.body;
  std::set<std::string> ids;
  const auto answer = r.Json();
  for (const auto& c : answer.at("candidates").as_array()) {
    ids.insert(std::string(c.at("kind").as_string()) + ":" + std::string(c.at("id").as_string()));
  }
  EXPECT_TRUE(ids.contains("user:expert"));
  EXPECT_TRUE(ids.contains("user:expert-xq"));
  EXPECT_TRUE(ids.contains("unit:640000-yjt"));
  EXPECT_FALSE(ids.contains("user:expert-szs"));  // a sibling city's expert
  EXPECT_FALSE(ids.contains("unit:640104-dw"));   // a Party office is not an expert unit
  EXPECT_EQ(server_.ClientAs("expert")->Get("/api/v1/consultation-candidates").status, 403);
}

TEST_F(ConsultationsTest, TheStandardSuggestsAConsultationAndTheViewCarriesIt) {
  EXPECT_TRUE(View("desk-yinchuan").at("consultations").as_array().empty());
  const std::string id = Open();
  const auto view = View("desk-yinchuan");
  ASSERT_EQ(view.at("consultations").as_array().size(), 1u);
  const auto& c = view.at("consultations").as_array().at(0);
  EXPECT_EQ(c.at("state"), "open");
  EXPECT_EQ(c.at("invitees").as_array().size(), 3u);
  EXPECT_EQ(c.at("invitees").as_array().at(0).at("clock").at("state"), "pending");
  EXPECT_EQ(c.at("decision_clock").at("state"), "pending");
  EXPECT_FALSE(view.at("consultation_suggested").as_bool());
  // The region desk sees it on the event too; a reporter of another county does not see the event.
  EXPECT_EQ(View("desk").at("consultations").as_array().size(), 1u);
  EXPECT_EQ(server_.ClientAs("dawukou")->Get("/api/v1/consultations/" + id).status, 404);
}

TEST_F(ConsultationsTest, InviteesAnswerOnceLateIsLateAndDoNotReportWaivesTheOverdueObligations) {
  const std::string id = Open();
  // 兴庆区's expert does not see the event in 灵武市, but sees what it is invited to answer.
  auto xq = server_.ClientAs("expert-xq");
  EXPECT_EQ(xq->Get("/api/v1/events/" + event_).status, 404);
  auto invited = xq->Get("/api/v1/consultations");
  ASSERT_EQ(invited.status, 200) << invited.body;
  const auto invitations = invited.Json();
  ASSERT_EQ(invitations.at("consultations").as_array().size(), 1u);
  const auto& mine = invitations.at("consultations").as_array().at(0);
  EXPECT_EQ(mine.at("event").at("title"), "灵武市一化工厂泄漏");
  EXPECT_TRUE(mine.at("may_answer").as_bool());
  EXPECT_FALSE(mine.at("may_decide").as_bool());
  auto answer = xq->PostJson(
      "/api/v1/consultations/" + id + "/answers",
      json::object{
          {"risk_level", "high"}, {"assessment", "泄漏物为液氨，下风向有居民区"}, {"recommendation", "report"}});
  ASSERT_EQ(answer.status, 201) << answer.body;
  EXPECT_FALSE(answer.Json().at("may_answer").as_bool());
  auto again = xq->PostJson("/api/v1/consultations/" + id + "/answers",
                            json::object{{"assessment", "补充"}, {"recommendation", "watch"}});
  EXPECT_EQ(again.status, 409) << again.body;
  // Past the deadline and past the city desk's deadlines to the region: overdue, red.
  server_.clock().Advance(std::chrono::minutes(90));  // Millis from minutes
  Tick();
  auto yjt = server_.ClientAs("yjt")->PostJson(
      "/api/v1/consultations/" + id + "/answers",
      json::object{{"assessment", "已处置完毕，无扩散风险"}, {"recommendation", "do_not_report"}});
  ASSERT_EQ(yjt.status, 201) << yjt.body;
  const auto yjt_view = yjt.Json();
  const auto& answers = yjt_view.at("answers").as_array();
  ASSERT_EQ(answers.size(), 2u);
  EXPECT_FALSE(answers.at(0).at("late").as_bool());
  EXPECT_TRUE(answers.at(1).at("late").as_bool());
  auto before = View("desk-yinchuan");
  const auto* phone = FindObligation(before, "640100", "region", "phone");
  ASSERT_NE(phone, nullptr) << json::serialize(before.at("obligations"));
  EXPECT_EQ(phone->at("status"), "overdue");
  auto list = server_.ClientAs("desk-yinchuan")->Get("/api/v1/events").Json();
  EXPECT_GT(list.at("events").as_array().at(0).at("clocks").at("overdue").as_int64(), 0);

  // The region desk sees the consultation but did not open it: it may not decide.
  EXPECT_EQ(server_.ClientAs("desk")
                ->PostJson("/api/v1/consultations/" + id + "/decision",
                           json::object{{"decision", "do_not_report"}, {"reason", "不报"}})
                .status,
            403);
  const std::string reason = "经会商，泄漏已控制，无扩散风险，决定不向自治区报送";
  auto decided = server_.ClientAs("desk-yinchuan")
                     ->PostJson("/api/v1/consultations/" + id + "/decision",
                                json::object{{"decision", "do_not_report"}, {"reason", reason}});
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(decided.Json().at("decision").at("decision"), "do_not_report");
  EXPECT_TRUE(decided.Json().at("decision").at("waives").as_bool());
  EXPECT_EQ(server_.ClientAs("desk-yinchuan")
                ->PostJson("/api/v1/consultations/" + id + "/decision",
                           json::object{{"decision", "report"}, {"reason", "改为报送"}})
                .status,
            409);

  const auto after = View("desk-yinchuan");
  for (const char* channel : {"phone", "written"}) {
    const auto* o = FindObligation(after, "640100", "region", channel);
    ASSERT_NE(o, nullptr);
    EXPECT_EQ(o->at("status"), "waived") << channel;
    EXPECT_EQ(o->at("waived_label"), "经会商决定不报送");
    EXPECT_EQ(o->at("waived_reason").as_string(), reason);
  }
  // The county desk's obligation to the city was met by its office's report before: still met.
  EXPECT_EQ(FindObligation(after, "640181", "city", "written")->at("status"), "met");
  // The timer moves the stored clocks: nothing red any more on the list.
  EXPECT_GT(Tick(), 0);
  list = server_.ClientAs("desk-yinchuan")->Get("/api/v1/events").Json();
  EXPECT_EQ(list.at("events").as_array().at(0).at("clocks").at("overdue").as_int64(), 0)
      << json::serialize(list.at("events").as_array().at(0));
  // Audited: open, two answers, decision.
  int audited = 0;
  for (const auto& a : server_.AuditRecords()) {
    if (a.action.starts_with("consultation.")) ++audited;
  }
  EXPECT_EQ(audited, 4);
}

TEST_F(ConsultationsTest, BadInputIsRefusedNamingTheFieldAndChangesNothing) {
  auto desk = server_.ClientAs("desk-yinchuan");
  const auto audit = server_.AuditCount();
  const std::string path = "/api/v1/events/" + event_ + "/consultations";
  auto r =
      desk->PostJson(path, json::object{{"question", ""},
                                        {"deadline", Deadline(-10)},
                                        {"invitees", json::array{json::object{{"kind", "user"}, {"id", "expert-szs"}},
                                                                 json::object{{"kind", "user"}, {"id", "expert"}},
                                                                 json::object{{"kind", "user"}, {"id", "expert"}}}}});
  ASSERT_EQ(r.status, 400) << r.body;
  std::set<std::string> fields;
  const auto refused = r.Json();
  for (const auto& e : refused.at("error").at("details").as_array())
    fields.insert(std::string(e.at("field").as_string()));
  EXPECT_TRUE(fields.contains("question")) << r.body;
  EXPECT_TRUE(fields.contains("invitees[0]")) << r.body;  // not one this desk may invite
  EXPECT_TRUE(fields.contains("invitees[2]")) << r.body;  // listed twice
  EXPECT_NE(r.body.find("会商"), std::string::npos) << r.body;
  r = desk->PostJson(path, json::object{{"question", "是否报送？"},
                                        {"deadline", Deadline(-10)},
                                        {"invitees", json::array{json::object{{"kind", "user"}, {"id", "expert"}}}}});
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.body.find("deadline"), std::string::npos) << r.body;
  r = desk->PostJson(path, json::object{{"question", "是否报送？"},
                                        {"deadline", Deadline(60 * 24 * 30)},
                                        {"invitees", json::array{json::object{{"kind", "user"}, {"id", "expert"}}}}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(server_.AuditCount(), audit);
  EXPECT_TRUE(View("desk-yinchuan").at("consultations").as_array().empty());

  const std::string id = Open();
  auto bad = server_.ClientAs("expert")->PostJson("/api/v1/consultations/" + id + "/answers",
                                                  json::object{{"risk_level", "extreme"},
                                                               {"assessment", ""},
                                                               {"recommendation", "maybe"},
                                                               {"attachments", json::array{"ab"}}});
  ASSERT_EQ(bad.status, 400) << bad.body;
  for (const char* f : {"risk_level", "assessment", "recommendation", "attachments"}) {
    EXPECT_NE(bad.body.find(std::string("\"") + f + "\""), std::string::npos) << f << bad.body;
  }
  // An uninvited expert: like an unknown consultation.
  auto szs = server_.ClientAs("expert-szs");
  EXPECT_EQ(szs->Get("/api/v1/consultations/" + id).status, 404);
  EXPECT_EQ(szs->PostJson("/api/v1/consultations/" + id + "/answers",
                          json::object{{"assessment", "x"}, {"recommendation", "watch"}})
                .status,
            404);
  EXPECT_EQ(server_.ClientAs("expert")->Get("/api/v1/consultations/999999").status, 404);
  auto nodecision = desk->PostJson("/api/v1/consultations/" + id + "/decision", json::object{{"decision", "report"}});
  EXPECT_EQ(nodecision.status, 400) << nodecision.body;
  EXPECT_NE(nodecision.body.find("reason"), std::string::npos);
}

}  // namespace
}  // namespace shaobing

namespace shaobing {
namespace {

// An invitee answers with a document it uploaded: the answer carries it wherever the
// consultation is shown, those who see the consultation download it, nobody else does, and
// a content the answerer did not upload is refused with nothing written.
TEST_F(ConsultationsTest, AnAnswerCarriesTheAttachmentsItsAuthorUploaded) {
  const std::string id = Open();
  auto xq = server_.ClientAs("expert-xq");
  const std::map<std::string, std::string> file{{"Content-Type", "application/octet-stream"}};
  auto uploaded = xq->Request("POST", "/api/v1/attachments?name=%E7%A0%94%E5%88%A4.txt",
                              "液氨泄漏扩散模拟：下风向 800 米内需疏散。\n", file);
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;
  const std::string sha(uploaded.Json().at("sha256").as_string());
  auto other = server_.ClientAs("expert")->Request("POST", "/api/v1/attachments?name=x.txt", "另一份材料\n", file);
  ASSERT_EQ(other.status, 201) << other.body;
  const std::string other_sha(other.Json().at("sha256").as_string());

  // Another account's upload: refused, and the answer is not written.
  const json::object answer{{"assessment", "泄漏物为液氨，下风向有居民区"}, {"recommendation", "report"}};
  json::object stolen = answer;
  stolen["attachments"] = json::array{json::value(other_sha)};
  EXPECT_EQ(xq->PostJson("/api/v1/consultations/" + id + "/answers", stolen).status, 404);
  EXPECT_TRUE(View("desk-yinchuan").at("consultations").at(0).at("answers").as_array().empty());

  json::object with = answer;
  with["attachments"] = json::array{json::value(sha)};
  auto answered = xq->PostJson("/api/v1/consultations/" + id + "/answers", with);
  ASSERT_EQ(answered.status, 201) << answered.body;
  const auto own = answered.Json();
  ASSERT_EQ(own.at("answers").at(0).at("attachments").as_array().size(), 1u);
  EXPECT_EQ(own.at("answers").at(0).at("attachments").at(0).at("name"), "研判.txt");

  // The desks see it on the event and on the consultation, and download it.
  const auto view = View("desk-yinchuan");
  const auto& listed = view.at("consultations").at(0).at("answers").at(0).at("attachments").as_array();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].at("sha256").as_string(), sha);
  auto desk = server_.ClientAs("desk");
  EXPECT_EQ(desk->Get("/api/v1/consultations/" + id).Json().at("answers").at(0).at("attachments").as_array().size(),
            1u);
  auto got = desk->Get("/api/v1/attachments/" + sha);
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.body, "液氨泄漏扩散模拟：下风向 800 米内需疏散。\n");
  EXPECT_EQ(got.headers["x-content-type-options"], "nosniff");
  // An expert of another city, not invited, and a reporter of another county: as unknown.
  EXPECT_EQ(server_.ClientAs("expert-szs")->Get("/api/v1/attachments/" + sha).status, 404);
  EXPECT_EQ(server_.ClientAs("dawukou")->Get("/api/v1/attachments/" + sha).status, 404);
}

}  // namespace
}  // namespace shaobing
