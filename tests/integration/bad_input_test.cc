// Bad input over real HTTP: every kind of bad request gets a 4xx with
// {"error": {"code", "message", "field"?}}, writes nothing (no audit record, no event), and the
// server keeps serving. Ends with a deterministic fuzz of a valid report.
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <boost/json.hpp>
#include <optional>
#include <random>

#include "testing/test_data.h"
#include "testing/test_server.h"

namespace shaobing {
namespace {
namespace json = boost::json;
using testing::HttpClient;
using testing::HttpResult;

json::object FirstReport() { return json::parse(testing::FirstReportJson()).as_object(); }

json::object FollowupBy(const std::string& unit, std::int64_t event_id, const std::string& kind = "followup") {
  return {{"kind", kind}, {"event_id", event_id}, {"unit", unit}, {"description", "现场情况续报。"}};
}

// The error object of a response, or a null value when the shape is wrong.
json::value ErrorOf(const HttpResult& r) {
  const auto v = r.Json();
  if (!v.is_object() || v.as_object().size() != 1 || !v.as_object().contains("error")) return nullptr;
  return v.at("error");
}

// The `details` entry naming `field`, or null.
json::value DetailFor(const HttpResult& r, const std::string& field) {
  const auto e = ErrorOf(r);
  if (!e.is_object() || !e.as_object().contains("details")) return nullptr;
  for (const auto& d : e.at("details").as_array()) {
    if (d.as_object().contains("field") && d.at("field").as_string() == field) return d;
  }
  return nullptr;
}

class BadInput : public ::testing::Test {
 protected:
  // Log in before counting: a login writes an audit record.
  void SetUp() override {
    xq_ = server_.ClientAs("xingqing");
    admin_ = server_.ClientAs("admin");
    Recount();
  }

  void Recount() {
    audit_ = server_.AuditCount();
    events_ = server_.EventCount();
  }

  // The response is a refusal with `status` and `code`; `field` (when given) is the error's
  // field ("" = no field); and nothing was written since the last count.
  void ExpectRefused(const HttpResult& r, int status, const std::string& code,
                     std::optional<std::string> field = std::nullopt) {
    EXPECT_EQ(r.status, status) << r.body;
    const auto e = ErrorOf(r);
    ASSERT_TRUE(e.is_object()) << "not {\"error\": {...}}: " << r.body;
    ASSERT_TRUE(e.as_object().contains("code") && e.at("code").is_string()) << r.body;
    EXPECT_EQ(e.at("code").as_string(), code) << r.body;
    ASSERT_TRUE(e.as_object().contains("message") && e.at("message").is_string()) << r.body;
    EXPECT_FALSE(e.at("message").as_string().empty());
    if (field) {
      if (field->empty()) {
        EXPECT_FALSE(e.as_object().contains("field")) << r.body;
      } else {
        ASSERT_TRUE(e.as_object().contains("field")) << r.body;
        EXPECT_EQ(e.at("field").as_string(), *field) << r.body;
      }
    }
    EXPECT_EQ(server_.AuditCount(), audit_) << "a refused request wrote to the audit log";
    EXPECT_EQ(server_.EventCount(), events_) << "a refused request opened an event";
  }

  HttpResult PostReport(const json::object& report, HttpClient* as = nullptr) {
    return (as ? as : xq_.get())->PostJson("/api/v1/reports", report);
  }
  HttpResult PostReportText(const std::string& body) { return xq_->Post("/api/v1/reports", body); }

  // The event a first report of `account` (for its unit, in `region`) opened.
  std::int64_t OpenEvent(const std::string& account, const std::string& unit, const std::string& region,
                         std::int64_t* report_id = nullptr) {
    json::object r = FirstReport();
    r["unit"] = unit;
    r["location"].as_object()["region"] = region;
    auto res = server_.ClientAs(account)->PostJson("/api/v1/reports", r);
    EXPECT_EQ(res.status, 201) << res.body;
    if (report_id) *report_id = res.Json().at("id").as_int64();
    return res.Json().at("event_id").as_int64();
  }

  testing::TestServer server_;
  std::unique_ptr<HttpClient> xq_, admin_;
  std::int64_t audit_ = 0, events_ = 0;
};

// --- Body syntax -------------------------------------------------------------------------------

TEST_F(BadInput, MalformedJsonIsInvalidJson) {
  const std::string valid = testing::FirstReportJson();
  for (const std::string& body : {std::string("{"), std::string("{\"kind\": }"), std::string(""), std::string("nul"),
                                  valid.substr(0, valid.size() / 2), valid + "}", std::string("{'kind': 'first'}"),
                                  std::string("{\"kind\": \"first\",}")}) {
    SCOPED_TRACE(body.substr(0, 60));
    ExpectRefused(PostReportText(body), 400, "invalid_json", "");
  }
  ExpectRefused(server_.Anonymous()->Post("/api/v1/auth/login", "{name: admin}"), 400, "invalid_json");
  ExpectRefused(admin_->Post("/api/v1/users", "{"), 400, "invalid_json");
  ExpectRefused(admin_->Post("/api/v1/units", "{\"id\""), 400, "invalid_json");
}

TEST_F(BadInput, ArrayOrScalarBodyIsNotAnObject) {
  const std::string array = "[" + testing::FirstReportJson() + "]";
  ExpectRefused(PostReportText(array), 400, "not_an_object", "");
  ExpectRefused(PostReportText("null"), 400, "not_an_object");
  ExpectRefused(PostReportText("\"first\""), 400, "not_an_object");
  ExpectRefused(PostReportText("42"), 400, "not_an_object");
  ExpectRefused(server_.Anonymous()->Post("/api/v1/auth/login", "[\"admin\"]"), 400, "not_an_object");
  ExpectRefused(admin_->Post("/api/v1/users", "[]"), 400, "not_an_object");
  ExpectRefused(admin_->Post("/api/v1/units", "[]"), 400, "not_an_object");
}

TEST_F(BadInput, WrongTypesAreNamed) {
  struct Case {
    std::function<void(json::object&)> mutate;
    std::string field;
    std::string code;
  };
  const std::vector<Case> cases{
      {[](json::object& r) { r["figures"].as_object()["deaths"] = "1"; }, "figures.deaths", "wrong_type"},
      {[](json::object& r) { r["figures"].as_object()["evacuated"] = true; }, "figures.evacuated", "wrong_type"},
      {[](json::object& r) { r["title"] = 42; }, "title", "wrong_type"},
      {[](json::object& r) { r["parties"] = json::array{"居民"}; }, "parties", "wrong_type"},
      {[](json::object& r) { r["kind"] = 0; }, "kind", "wrong_type"},
      {[](json::object& r) { r["location"] = "640104"; }, "location", "wrong_type"},
      {[](json::object& r) { r["location"].as_object()["region"] = 640104; }, "location.region", "wrong_type"},
      {[](json::object& r) { r["location"].as_object()["lat"] = "38.4"; }, "location.lat", "wrong_type"},
      {[](json::object& r) {
         r["figures"] = json::array{1, 2};
       },
       "figures", "wrong_type"},
      {[](json::object& r) { r["sensitive"].as_object()["persons"] = "minor"; }, "sensitive.persons", "wrong_type"},
      {[](json::object& r) { r["sensitive"].as_object()["places"] = json::array{7}; }, "sensitive.places[0]",
       "wrong_type"},
      {[](json::object& r) { r["occurred_at"] = 1764396300; }, "occurred_at", "wrong_type"},
      {[](json::object& r) { r["event_id"] = true; }, "event_id", "invalid_id"},
      {[](json::object& r) { r["event_id"] = "12a"; }, "event_id", "invalid_id"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.field);
    json::object r = FirstReport();
    c.mutate(r);
    ExpectRefused(PostReport(r), 400, c.code, c.field);
  }
  ExpectRefused(server_.Anonymous()->PostJson("/api/v1/auth/login", json::object{{"name", 1}, {"password", "x"}}), 400,
                "wrong_type", "name");
}

TEST_F(BadInput, UnknownTopLevelAndNestedFieldsAreRejected) {
  struct Case {
    std::function<void(json::object&)> mutate;
    std::string field;
  };
  const std::vector<Case> cases{
      {[](json::object& r) { r["severity"] = "high"; }, "severity"},
      {[](json::object& r) { r["Title"] = "大小写不同"; }, "Title"},
      {[](json::object& r) { r["location"].as_object()["street"] = "解放东街"; }, "location.street"},
      {[](json::object& r) { r["figures"].as_object()["cats"] = 3; }, "figures.cats"},
      {[](json::object& r) { r["sensitive"].as_object()["moods"] = json::array{}; }, "sensitive.moods"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.field);
    json::object r = FirstReport();
    c.mutate(r);
    auto res = PostReport(r);
    ExpectRefused(res, 400, "unknown_field", c.field);
  }
  // Every unknown field is named, not only the first.
  json::object r = FirstReport();
  r["severity"] = 1;
  r["location"].as_object()["street"] = "x";
  auto res = PostReport(r);
  ExpectRefused(res, 400, "unknown_field");
  EXPECT_FALSE(DetailFor(res, "severity").is_null()) << res.body;
  EXPECT_FALSE(DetailFor(res, "location.street").is_null()) << res.body;
  // Other bodies too.
  ExpectRefused(
      server_.Anonymous()->PostJson(
          "/api/v1/auth/login", json::object{{"name", "admin"}, {"password", testing::kPassword}, {"remember", true}}),
      400, "unknown_field", "remember");
  ExpectRefused(admin_->PostJson("/api/v1/users", json::object{{"name", "u1"},
                                                               {"password", "a-long-enough-password"},
                                                               {"role", "leader"},
                                                               {"region", "640000"},
                                                               {"is_admin", true}}),
                400, "unknown_field", "is_admin");
}

TEST_F(BadInput, OversizedBodyIs413AndTheServerCarriesOn) {
  json::object r = FirstReport();
  r["description"] = std::string(300 * 1024, 'x');  // over the 256 KiB limit of the test server
  ExpectRefused(PostReport(r), 413, "body_too_large");
  // The client reconnects; the server serves on.
  EXPECT_EQ(xq_->Get("/api/v1/auth/me").status, 200);
  // Under the request limit but over the field limit (64 KiB): a field error.
  r["description"] = std::string(100 * 1024, 'x');
  ExpectRefused(PostReport(r), 400, "text_too_long", "description");
  EXPECT_EQ(PostReport(FirstReport()).status, 201);
}

// --- Codes, times, figures -----------------------------------------------------------------------

TEST_F(BadInput, InvalidCodesAreRejected) {
  struct Case {
    std::function<void(json::object&)> mutate;
    std::string code, field;
  };
  const std::vector<Case> cases{
      {[](json::object& r) { r["category"] = "zombie_outbreak"; }, "unknown_category", "category"},
      {[](json::object& r) { r["location"].as_object()["region"] = "999999"; }, "unknown_region", "location.region"},
      {[](json::object& r) { r["location"].as_object()["region"] = "银川"; }, "unknown_region", "location.region"},
      {[](json::object& r) { r["sensitive"].as_object()["persons"] = json::array{"alien"}; }, "unknown_sensitive_code",
       "sensitive.persons[0]"},
      {[](json::object& r) {
         r["sensitive"].as_object()["places"] = json::array{"school", "moon"};
       },
       "unknown_sensitive_code", "sensitive.places[1]"},
      {[](json::object& r) { r["sensitive"].as_object()["behaviours"] = json::array{"minor"}; },
       "unknown_sensitive_code", "sensitive.behaviours[0]"},
      {[](json::object& r) { r["kind"] = "second"; }, "invalid_value", "kind"},
      {[](json::object& r) { r["channel"] = "fax"; }, "invalid_value", "channel"},
      {[](json::object& r) { r["unit"] = "no-such-unit"; }, "unknown_unit", "unit"},
      {[](json::object& r) { r["location"].as_object()["lat"] = 91; }, "out_of_range", "location.lat"},
      {[](json::object& r) { r["location"].as_object().erase("lon"); }, "coordinates_incomplete", "location.lat"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.field + " " + c.code);
    json::object r = FirstReport();
    c.mutate(r);
    ExpectRefused(PostReport(r), 400, c.code, c.field);
  }
}

TEST_F(BadInput, TimesWithoutOffsetOrImpossibleAreRejected) {
  for (const char* t : {"2026-11-29T14:05:00", "2026-11-29 14:05", "2026-11-29", "14:05", "2026-02-30T10:00:00+08:00",
                        "2026-13-01T10:00:00+08:00", "2026-11-31T10:00:00+08:00", "2026-11-29T24:00:00+08:00",
                        "2026-11-29T14:60:00+08:00", "2026-11-29T14:05:00+25:00", "2026-11-29T14:05:00+0800",
                        "2025-02-29T10:00:00+08:00", "昨天下午两点", ""}) {
    SCOPED_TRACE(t);
    json::object r = FirstReport();
    r["occurred_at"] = t;
    ExpectRefused(PostReport(r), 400, "invalid_time", "occurred_at");
  }
  // A leap day is a real day.
  json::object ok = FirstReport();
  ok["occurred_at"] = "2028-02-29T10:00:00+08:00";
  EXPECT_EQ(PostReport(ok).status, 201);
  Recount();
  // reported_at is the server's.
  json::object r = FirstReport();
  r["reported_at"] = "2026-11-29T14:06:00+08:00";
  ExpectRefused(PostReport(r), 400, "set_by_server", "reported_at");
}

TEST_F(BadInput, NegativeAndFractionalPeopleFiguresAreRejected) {
  struct Case {
    const char* figure;
    json::value value;
    const char* code;
  };
  const std::vector<Case> cases{
      {"deaths", -1, "negative_figure"},
      {"injuries", -0.5, "negative_figure"},
      {"economic_loss_yuan", -100, "negative_figure"},
      {"evacuated", 1.5, "not_integer"},
      {"missing", 0.1, "not_integer"},
      {"trapped", 1e300, "out_of_range"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.figure);
    json::object r = FirstReport();
    r["figures"].as_object()[c.figure] = c.value;
    ExpectRefused(PostReport(r), 400, c.code, std::string("figures.") + c.figure);
  }
}

// --- The four W and the series --------------------------------------------------------------------

TEST_F(BadInput, FirstReportMissingTheFourWNamesEveryMissingField) {
  json::object r = FirstReport();
  r.erase("occurred_at");
  r.erase("location");
  r["parties"] = "   ";  // blank says nothing
  r.erase("description");
  r["cause"] = nullptr;
  auto res = PostReport(r);
  ExpectRefused(res, 400, "missing_field");
  const auto details = ErrorOf(res).at("details").as_array();
  std::set<std::string> fields;
  for (const auto& d : details) {
    EXPECT_EQ(d.at("code").as_string(), "missing_field") << d;
    fields.insert(std::string(d.at("field").as_string()));
  }
  EXPECT_EQ(fields, (std::set<std::string>{"occurred_at", "location.region", "parties", "description"}));
  EXPECT_EQ(DetailFor(res, "occurred_at").at("message").as_string(), "缺少必填字段 发生时间（何时）（occurred_at）");
  EXPECT_EQ(DetailFor(res, "location.region").at("message").as_string(),
            "缺少必填字段 发生地行政区划（何地）（location.region）");
  const std::string headline(ErrorOf(res).at("message").as_string());
  EXPECT_EQ(headline.rfind("提交的内容有 4 处问题：", 0), 0u) << headline;
}

TEST_F(BadInput, MessagesAreChineseByDefaultAndEnglishOnRequest) {
  json::object r = FirstReport();
  r.erase("occurred_at");
  auto zh = PostReport(r);
  ExpectRefused(zh, 400, "missing_field", "occurred_at");
  EXPECT_EQ(ErrorOf(zh).at("message").as_string(), "缺少必填字段 发生时间（何时）（occurred_at）");
  auto en = xq_->Request("POST", "/api/v1/reports", json::serialize(r), {{"Accept-Language", "en-GB,en;q=0.9"}});
  ExpectRefused(en, 400, "missing_field", "occurred_at");
  EXPECT_EQ(ErrorOf(en).at("message").as_string(), "Missing required field time of occurrence (when) (occurred_at)");
  auto zh2 =
      xq_->Request("POST", "/api/v1/reports", json::serialize(r), {{"Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8"}});
  EXPECT_EQ(ErrorOf(zh2).at("message").as_string(), "缺少必填字段 发生时间（何时）（occurred_at）");
  auto login = server_.Anonymous()->Request(
      "POST", "/api/v1/auth/login", json::serialize(json::object{{"name", "admin"}, {"password", "wrong-password!"}}),
      {{"Accept-Language", "en"}});
  ExpectRefused(login, 401, "bad_credentials");
  EXPECT_EQ(ErrorOf(login).at("message").as_string().find("用户名"), std::string::npos) << login.body;
}

TEST_F(BadInput, FollowUpToAnUnknownEventIs404) {
  auto res = PostReport(FollowupBy("640104-dw", 999999));
  ExpectRefused(res, 404, "unknown_event", "event_id");
  res = PostReport(FollowupBy("640104-dw", 999999, "final"));
  ExpectRefused(res, 404, "unknown_event", "event_id");
  // A first report may join a named event — but not one that does not exist.
  json::object join = FirstReport();
  join["event_id"] = 999999;
  ExpectRefused(PostReport(join), 404, "unknown_event", "event_id");
}

TEST_F(BadInput, FollowUpToAForeignEventLooksLikeAnUnknownOneAndIsAudited) {
  const auto event = OpenEvent("xingqing", "640104-dw", "640104");
  auto dawukou = server_.ClientAs("dawukou");
  Recount();
  const auto denials = server_.SecurityEventCount("access.denied");
  for (const char* kind : {"followup", "final"}) {
    SCOPED_TRACE(kind);
    auto foreign = PostReport(FollowupBy("640202-dw", event, kind), dawukou.get());
    ExpectRefused(foreign, 404, "unknown_event", "event_id");
    // The refusal does not tell the event exists: the same answer as for an id nobody has.
    auto unknown = PostReport(FollowupBy("640202-dw", event + 100000, kind), dawukou.get());
    EXPECT_EQ(ErrorOf(foreign).at("message").as_string().size() > 0, true);
    EXPECT_EQ(ErrorOf(foreign).at("code"), ErrorOf(unknown).at("code"));
    EXPECT_EQ(foreign.status, unknown.status);
  }
  EXPECT_EQ(server_.SecurityEventCount("access.denied"), denials + 2);  // the unknown ids are no denials
}

TEST_F(BadInput, FollowUpWithoutAFirstReportInTheSeriesIs409) {
  // 应急管理厅 reports an event in 灵武市; 灵武市委办 sees it (copied) but has no series there.
  const auto event = OpenEvent("yjt", "640000-yjt", "640181");
  auto lingwu = server_.ClientAs("lingwu");
  Recount();
  ASSERT_EQ(lingwu->Get("/api/v1/events/" + std::to_string(event)).status, 200);
  ExpectRefused(PostReport(FollowupBy("640181-dw", event), lingwu.get()), 409, "not_in_series", "event_id");
  ExpectRefused(PostReport(FollowupBy("640181-dw", event, "final"), lingwu.get()), 409, "not_in_series", "event_id");
}

TEST_F(BadInput, CorrectionOfAnotherUnitsReportIsRejected) {
  std::int64_t xq_report = 0;
  const auto event = OpenEvent("xingqing", "640104-dw", "640104", &xq_report);
  auto yjt = server_.ClientAs("yjt");
  json::object join = FirstReport();
  join["unit"] = "640000-yjt";
  join["event_id"] = event;
  std::int64_t yjt_report = 0;
  {
    auto r = yjt->PostJson("/api/v1/reports", join);
    ASSERT_EQ(r.status, 201) << r.body;
    yjt_report = r.Json().at("id").as_int64();
  }
  Recount();
  json::object fix = FollowupBy("640000-yjt", event, "correction");
  fix["supersedes"] = xq_report;
  ExpectRefused(PostReport(fix, yjt.get()), 400, "supersedes_unknown", "supersedes");
  fix["supersedes"] = 999999;
  ExpectRefused(PostReport(fix, yjt.get()), 400, "supersedes_unknown", "supersedes");
  fix.erase("supersedes");
  ExpectRefused(PostReport(fix, yjt.get()), 400, "missing_field", "supersedes");
  // supersedes belongs to corrections only.
  json::object follow = FollowupBy("640000-yjt", event);
  follow["supersedes"] = yjt_report;
  ExpectRefused(PostReport(follow, yjt.get()), 400, "only_for_correction", "supersedes");
  json::object first = FirstReport();
  first["supersedes"] = yjt_report;
  ExpectRefused(PostReport(first), 400, "not_allowed_for_first", "supersedes");
  // A follow-up needs its event.
  json::object orphan = FollowupBy("640104-dw", 1);
  orphan.erase("event_id");
  ExpectRefused(PostReport(orphan), 400, "missing_field", "event_id");
}

// --- Routing and queries ----------------------------------------------------------------------------

TEST_F(BadInput, UnknownRouteIs404AndWrongMethodIs405) {
  auto anon = server_.Anonymous();
  for (auto* c : {anon.get(), xq_.get()}) {
    ExpectRefused(c->Get("/api/v1/nothing-here"), 404, "not_found");
    ExpectRefused(c->Post("/api/v1/event", "{}"), 404, "not_found");
    ExpectRefused(c->Get("/api/v2/events"), 404, "not_found");
    ExpectRefused(c->Get("/api/v1/events/1/reports"), 404, "not_found");
    ExpectRefused(c->Request("DELETE", "/api/v1/reports"), 405, "method_not_allowed");
    ExpectRefused(c->Request("PUT", "/api/v1/events/1", "{}"), 405, "method_not_allowed");
    ExpectRefused(c->Request("PATCH", "/api/v1/units/640104-dw", "{}"), 405, "method_not_allowed");
    ExpectRefused(c->Post("/healthz", ""), 405, "method_not_allowed");
    ExpectRefused(c->Get("/api/v1/auth/login"), 405, "method_not_allowed");
  }
  // Ids that are not numbers are not found, not a crash.
  ExpectRefused(xq_->Get("/api/v1/events/abc"), 404, "unknown_event", "id");
  ExpectRefused(xq_->Get("/api/v1/events/-1"), 404, "unknown_event", "id");
  ExpectRefused(xq_->Get("/api/v1/events/99999999999999999999999"), 404, "unknown_event", "id");
  ExpectRefused(xq_->Get("/api/v1/reports/0x10"), 404, "unknown_report", "id");
  ExpectRefused(xq_->Get("/api/v1/units/no-such-unit"), 404, "unknown_unit", "id");
}

TEST_F(BadInput, InvalidLimitOrCursorIs400) {
  for (const char* q : {"limit=0", "limit=-1", "limit=abc", "limit=501", "limit=", "limit=1.5", "limit=10abc"}) {
    SCOPED_TRACE(q);
    ExpectRefused(xq_->Get(std::string("/api/v1/events?") + q), 400, "invalid_query", "limit");
  }
  for (const char* q : {"cursor=abc", "cursor=-5", "cursor=1e3", "cursor=99999999999999999999"}) {
    SCOPED_TRACE(q);
    ExpectRefused(xq_->Get(std::string("/api/v1/events?limit=5&") + q), 400, "invalid_query", "cursor");
  }
  auto both = xq_->Get("/api/v1/events?limit=x&cursor=y");
  ExpectRefused(both, 400, "invalid_query", "limit");
  EXPECT_FALSE(DetailFor(both, "cursor").is_null()) << both.body;
  EXPECT_EQ(xq_->Get("/api/v1/events?limit=500").status, 200);
}

// --- Accounts and units -----------------------------------------------------------------------------

TEST_F(BadInput, BadLoginIs401AndTellsNothingMore) {
  auto anon = server_.Anonymous();
  auto wrong = anon->PostJson("/api/v1/auth/login", json::object{{"name", "admin"}, {"password", "not-the-password"}});
  ExpectRefused(wrong, 401, "bad_credentials");
  auto nobody =
      anon->PostJson("/api/v1/auth/login", json::object{{"name", "nobody"}, {"password", "not-the-password"}});
  ExpectRefused(nobody, 401, "bad_credentials");
  // Alike but for the request's own id.
  auto without_id = [](json::value e) {
    if (e.is_object()) e.as_object().erase("request_id");
    return e;
  };
  EXPECT_EQ(without_id(ErrorOf(wrong)), without_id(ErrorOf(nobody)))
      << "an unknown name must look like a wrong password";
  EXPECT_EQ(server_.SecurityEventCount("auth.login_failed"), 2);  // both audited
  ExpectRefused(anon->PostJson("/api/v1/auth/login", json::object{{"name", "admin"}}), 400, "missing_field",
                "password");
  ExpectRefused(anon->PostJson("/api/v1/auth/login", json::object{{"password", "x"}}), 400, "missing_field", "name");
  // No token was handed out.
  EXPECT_EQ(anon->Get("/api/v1/auth/me").status, 401);
}

TEST_F(BadInput, NewUserWithWeakPasswordInvalidRoleOrUnknownUnitIs400) {
  auto post = [&](json::object u) { return admin_->PostJson("/api/v1/users", u); };
  ExpectRefused(post({{"name", "u1"}, {"password", "short"}, {"role", "leader"}, {"region", "640000"}}), 400,
                "weak_password", "password");
  ExpectRefused(post({{"name", "u2"}, {"password", "a-long-enough-password"}, {"role", "superuser"}}), 400,
                "invalid_role", "role");
  ExpectRefused(
      post({{"name", "u3"}, {"password", "a-long-enough-password"}, {"role", "reporter"}, {"unit", "no-such-unit"}}),
      400, "unknown_unit", "unit");
  ExpectRefused(post({{"name", "u4"}, {"password", "a-long-enough-password"}, {"role", "reporter"}}), 400,
                "missing_field", "unit");
  ExpectRefused(post({{"name", "u5"}, {"password", "a-long-enough-password"}, {"role", "desk"}}), 400, "missing_field",
                "region");
  ExpectRefused(post({{"name", "u6"}, {"password", "a-long-enough-password"}, {"role", "desk"}, {"region", "999999"}}),
                400, "unknown_region", "region");
  ExpectRefused(post({{"password", "a-long-enough-password"}, {"role", "admin"}}), 400, "missing_field", "name");
  ExpectRefused(post({{"name", "u7"}, {"password", 123456789012}, {"role", "admin"}}), 400, "wrong_type", "password");
  // Every problem is named.
  auto all = post({{"name", "u8"}, {"password", "short"}, {"role", "superuser"}, {"unit", "no-such-unit"}});
  ExpectRefused(all, 400, "weak_password");
  EXPECT_FALSE(DetailFor(all, "role").is_null()) << all.body;
  EXPECT_FALSE(DetailFor(all, "unit").is_null()) << all.body;
  // A name in use is a conflict.
  ExpectRefused(
      post({{"name", "desk"}, {"password", "a-long-enough-password"}, {"role", "leader"}, {"region", "640000"}}), 409,
      "duplicate_name", "name");
}

TEST_F(BadInput, NewUnitWithUnknownKindAndRegionIs400) {
  json::object unit{
      {"id", "test-unit"}, {"name", "测试单位"}, {"kind", "spaceship"}, {"region", "999999"}, {"level", "county"}};
  auto res = admin_->PostJson("/api/v1/units", unit);
  ExpectRefused(res, 400, "unknown_unit_kind", "kind");
  EXPECT_EQ(DetailFor(res, "region").at("code").as_string(), "unknown_region") << res.body;
  unit["kind"] = "enterprise";
  unit["region"] = "640104";
  for (auto [key, value, code] : std::vector<std::tuple<std::string, json::value, std::string>>{
           {"level", "centre", "invalid_value"},
           {"level", "village", "invalid_value"},
           {"id", "Bad Id!", "invalid_unit_id"},
           {"perspectives", json::array{"astrology"}, "unknown_perspective"},
           {"direct", "yes", "wrong_type"},
           {"colour", "red", "unknown_field"}}) {
    SCOPED_TRACE(key + " " + code);
    json::object u = unit;
    u[key] = value;
    ExpectRefused(admin_->PostJson("/api/v1/units", u), 400, code, key == "perspectives" ? "perspectives[0]" : key);
  }
  // The unit was not created.
  EXPECT_EQ(admin_->Get("/api/v1/units/test-unit").status, 404);
}

TEST_F(BadInput, StandardsRoutesRefuseBadBodiesAndWriteNothing) {
  ExpectRefused(xq_->Post("/api/v1/standards/evaluate", "{"), 400, "invalid_json");
  ExpectRefused(xq_->Post("/api/v1/standards/evaluate", "[]"), 400, "not_an_object");
  json::object report = FirstReport();
  report["severity"] = 1;
  ExpectRefused(xq_->PostJson("/api/v1/standards/evaluate", report), 400, "unknown_field", "severity");
  ExpectRefused(xq_->Request("POST", "/api/v1/standards/evaluate?version=no-such-version", testing::FirstReportJson()),
                404, "unknown_catalogue", "version");
  auto put = [&](const std::string& body) { return admin_->Request("PUT", "/api/v1/standards", body); };
  ExpectRefused(put("{"), 400, "invalid_json");
  ExpectRefused(put("{}"), 400, "missing_field", "yaml");
  ExpectRefused(put(R"({"yaml": 1})"), 400, "wrong_type", "yaml");
  ExpectRefused(put(R"({"yaml": "version: x", "force": true})"), 400, "unknown_field", "force");
  ExpectRefused(put(R"({"yaml": "version: [unclosed"})"), 400, "catalogue_invalid", "yaml");
  EXPECT_EQ(xq_->Get("/api/v1/standards").Json().at("history").as_array().size(), 1u);
}

// --- Not even HTTP ----------------------------------------------------------------------------------

TEST_F(BadInput, GarbageThatIsNotHttpGets400AndTheServerServesOn) {
  namespace net = boost::asio;
  net::io_context ioc;
  net::ip::tcp::socket socket(ioc);
  net::ip::tcp::resolver resolver(ioc);
  net::connect(socket, resolver.resolve("127.0.0.1", std::to_string(server_.port())));
  net::write(socket, net::buffer(std::string("HELLO \xff\xfe WORLD\r\n\r\n")));
  std::string reply;
  boost::system::error_code ec;
  net::read_until(socket, net::dynamic_buffer(reply), "\r\n", ec);
  EXPECT_EQ(reply.rfind("HTTP/1.1 400", 0), 0u) << reply;
  EXPECT_EQ(server_.AuditCount(), audit_);
  EXPECT_EQ(xq_->Get("/healthz").status, 200);
}

// --- Fuzz -------------------------------------------------------------------------------------------

// Deterministic mutations of a valid report: the server answers every one with 201 or a
// well-formed 4xx, never a 5xx; the connection keeps working; and each 201 is really stored
// (and nothing else is: one audit record per accepted report).
TEST_F(BadInput, FuzzedReportsNeverGet5xx) {
  std::mt19937 rng(20261129);
  auto pick = [&](size_t n) { return static_cast<size_t>(std::uniform_int_distribution<size_t>(0, n - 1)(rng)); };
  const std::vector<json::value> wrong_values{42,
                                              -1,
                                              1.5,
                                              "x",
                                              "",
                                              true,
                                              nullptr,
                                              json::array{},
                                              json::object{},
                                              1e308,
                                              "2026-11-29",
                                              "\xe4\xb8\xad",
                                              json::array{1, "a"},
                                              18446744073709551615ull};
  const std::vector<std::string> garbage{"\xff",
                                         "\xc3\x28",
                                         "\xe2\x82",
                                         "\xf0\x9f\x98",
                                         "\xed\xa0\x80",
                                         std::string(1, '\0'),
                                         "\"",
                                         "{",
                                         "}",
                                         "[",
                                         "]",
                                         ",",
                                         ":",
                                         "\\",
                                         "\\u",
                                         "\\ud800",
                                         "\x01",
                                         "nul",
                                         "1e999",
                                         "-",
                                         "\r\n",
                                         "\xc0\xaf"};

  // Every (possibly nested) key path of an object.
  std::function<void(json::object&, std::vector<std::pair<json::object*, std::string>>&)> keys =
      [&](json::object& o, std::vector<std::pair<json::object*, std::string>>& out) {
        for (auto& kv : o) {
          out.emplace_back(&o, std::string(kv.key()));
          if (kv.value().is_object()) keys(kv.value().as_object(), out);
        }
      };

  int accepted = 0, refused = 0;
  std::vector<std::int64_t> accepted_ids;
  const auto audit_before = server_.AuditCount();
  for (int i = 0; i < 300; ++i) {
    json::object report = FirstReport();
    std::string body;
    const size_t op = pick(4);
    std::vector<std::pair<json::object*, std::string>> paths;
    keys(report, paths);
    auto& [parent, key] = paths[pick(paths.size())];
    switch (op) {
      case 0:  // delete a key
        parent->erase(key);
        body = json::serialize(report);
        break;
      case 1:  // a value of the wrong type
        (*parent)[key] = wrong_values[pick(wrong_values.size())];
        body = json::serialize(report);
        break;
      case 2: {  // truncate at a random byte
        body = json::serialize(report);
        body.resize(pick(body.size()));
        break;
      }
      case 3: {  // insert garbage bytes (some invalid UTF-8) at random places
        body = json::serialize(report);
        const size_t n = 1 + pick(3);
        for (size_t k = 0; k < n; ++k) body.insert(pick(body.size() + 1), garbage[pick(garbage.size())]);
        break;
      }
    }
    SCOPED_TRACE("iteration " + std::to_string(i) + " op " + std::to_string(op) + ": " + body.substr(0, 200));
    auto r = xq_->Post("/api/v1/reports", body);
    ASSERT_LT(r.status, 500) << r.body;
    if (r.status == 201) {
      ++accepted;
      const auto v = r.Json();
      ASSERT_TRUE(v.is_object() && v.as_object().contains("id")) << r.body;
      accepted_ids.push_back(v.at("id").as_int64());
      auto stored = xq_->Get("/api/v1/reports/" + std::to_string(accepted_ids.back()));
      ASSERT_EQ(stored.status, 200) << stored.body;
      EXPECT_EQ(stored.Json().at("event_id"), v.at("event_id"));
      EXPECT_EQ(xq_->Get("/api/v1/events/" + std::to_string(v.at("event_id").as_int64())).status, 200);
    } else {
      ++refused;
      EXPECT_GE(r.status, 400) << r.body;
      const auto e = ErrorOf(r);
      ASSERT_TRUE(e.is_object() && e.as_object().contains("code") && e.as_object().contains("message")) << r.body;
    }
    if (i % 25 == 0) {
      ASSERT_EQ(xq_->Get("/healthz").status, 200) << "the connection must still work";
    }
  }
  RecordProperty("accepted", accepted);
  EXPECT_EQ(accepted + refused, 300);
  EXPECT_GT(refused, 150) << "the mutations should mostly break the report";
  EXPECT_EQ(server_.AuditCount(), audit_before + accepted) << "only accepted reports write";
  EXPECT_EQ(xq_->Get("/api/v1/auth/me").status, 200);
  auto m = server_.Anonymous()->Get("/metrics");
  EXPECT_NE(m.body.find("shaobing_reports_accepted_total " + std::to_string(accepted) + "\n"), std::string::npos)
      << m.body;
}

}  // namespace
}  // namespace shaobing
