// Accounts and sessions over real HTTP: login throttling and its audit, changing and resetting
// passwords, disabling accounts, the idle timeout and the purge of ended sessions, cross-site
// defence, demo accounts, and what 5xx bodies keep to themselves.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json.hpp>

#include "app/data_dir.h"
#include "app/demo.h"
#include "testing/test_data.h"
#include "testing/test_server.h"

namespace shaobing {
namespace {
namespace json = boost::json;
using testing::HttpClient;
using testing::HttpResult;
using testing::kPassword;
using testing::TestServer;

std::string CodeOf(const HttpResult& r) {
  const auto v = r.Json();
  if (!v.is_object() || !v.as_object().contains("error")) return "<none: " + r.body + ">";
  return std::string(v.at("error").at("code").as_string());
}

HttpResult Login(HttpClient& c, const std::string& name, const std::string& password) {
  return c.PostJson("/api/v1/auth/login", json::object{{"name", name}, {"password", password}});
}

std::int64_t UserId(TestServer& server, const std::string& name) {
  return server.app().store().FindUser(name)->value().id;
}

TEST(Login, AnAccountUnderAttackWaitsWithRetryAfterAndTheRightPasswordWaitsToo) {
  TestServer server([](AppConfig& c) {
    c.auth.throttle.free_account_failures = 3;
    c.auth.throttle.first_wait = std::chrono::seconds(30);
  });
  auto anon = server.Anonymous();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Login(*anon, "desk", "wrong-password-" + std::to_string(i)).status, 401);
  auto r = Login(*anon, "desk", kPassword);  // even the right password waits: nothing is checked
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_EQ(CodeOf(r), "too_many_attempts");
  EXPECT_EQ(r.headers["retry-after"], "30");
  EXPECT_NE(r.Json().at("error").at("message").as_string().find("30"), std::string::npos);
  EXPECT_EQ(Login(*anon, "leader", kPassword).status, 200);  // other accounts are not held up
  server.clock().Advance(std::chrono::seconds(31));
  EXPECT_EQ(Login(*anon, "desk", kPassword).status, 200);
  EXPECT_EQ(server.SecurityEventCount("auth.login_failed"), 3);
  EXPECT_EQ(server.SecurityEventCount("auth.login_throttled"), 1);
  // The audit says which account was tried, from where and why it failed.
  for (const auto& rec : server.AuditRecords()) {
    if (rec.action != "auth.login_failed") continue;
    EXPECT_EQ(rec.target, "user:desk");
    EXPECT_NE(rec.detail.find("\"reason\":\"wrong_password\""), std::string::npos) << rec.detail;
    EXPECT_NE(rec.detail.find("\"address\":\"127.0.0.1\""), std::string::npos) << rec.detail;
  }
}

TEST(Login, AnAddressSprayingManyAccountsWaits) {
  TestServer server([](AppConfig& c) { c.auth.throttle.free_address_failures = 4; });
  auto anon = server.Anonymous();
  for (const char* name : {"desk", "leader", "expert", "nobody"})
    EXPECT_EQ(Login(*anon, name, "guess-guess-1").status, 401);
  EXPECT_EQ(Login(*anon, "admin", kPassword).status, 429);
}

TEST(Login, TheHashingPoolRefusesWhatItCannotQueue) {
  // No queue at all beyond the one thread: logins arriving together find it busy.
  TestServer server([](AppConfig& c) {
    c.auth.hash_threads = 1;
    c.auth.hash_queue = 0;
  });
  // With a queue of 0 nothing can be posted: every login answers 503 busy at once.
  auto r = Login(*server.Anonymous(), "desk", kPassword);
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(CodeOf(r), "busy");
  EXPECT_EQ(r.headers["retry-after"], "1");
}

TEST(Login, ANameLongerThanAnyAccountIsRefusedLikeAWrongPassword) {
  TestServer server;
  auto r = Login(*server.Anonymous(), std::string(100000, 'a'), kPassword);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(CodeOf(r), "bad_credentials");
}

TEST(Accounts, ChangingThePasswordEndsTheOtherSessionsAndKeepsThisOne) {
  TestServer server;
  auto first = server.ClientAs("desk");
  auto second = server.ClientAs("desk");
  auto bad = second->PostJson("/api/v1/auth/password",
                              json::object{{"current_password", "not-it"}, {"new_password", "a-new-long-password"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(CodeOf(bad), "wrong_password");
  bad = second->PostJson("/api/v1/auth/password",
                         json::object{{"current_password", kPassword}, {"new_password", "short"}});
  EXPECT_EQ(CodeOf(bad), "weak_password");
  auto ok = second->PostJson("/api/v1/auth/password",
                             json::object{{"current_password", kPassword}, {"new_password", "a-new-long-password"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(second->Get("/api/v1/auth/me").status, 200);
  EXPECT_EQ(first->Get("/api/v1/auth/me").status, 401);
  auto anon = server.Anonymous();
  EXPECT_EQ(Login(*anon, "desk", kPassword).status, 401);
  EXPECT_EQ(Login(*anon, "desk", "a-new-long-password").status, 200);
}

TEST(Accounts, AfterAnAdminResetTheAccountMayOnlyChangeItsPassword) {
  TestServer server;
  auto admin = server.ClientAs("admin");
  auto xq = server.ClientAs("xingqing");
  const auto id = UserId(server, "xingqing");
  auto r = admin->PostJson("/api/v1/users/" + std::to_string(id) + "/password",
                           json::object{{"password", "temporary-pass-1"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(xq->Get("/api/v1/auth/me").status, 401);  // its sessions ended
  auto again = server.Anonymous();
  auto login = Login(*again, "xingqing", "temporary-pass-1");
  ASSERT_EQ(login.status, 200);
  EXPECT_TRUE(login.Json().at("user").at("must_change_password").as_bool());
  again->SetToken(std::string(login.Json().at("token").as_string()));
  auto blocked = again->Get("/api/v1/events");
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(CodeOf(blocked), "password_change_required");
  EXPECT_EQ(again->Get("/api/v1/auth/me").status, 200);
  ASSERT_EQ(again
                ->PostJson("/api/v1/auth/password", json::object{{"current_password", "temporary-pass-1"},
                                                                 {"new_password", "my-own-password-1"}})
                .status,
            200);
  EXPECT_EQ(again->Get("/api/v1/events").status, 200);
  EXPECT_FALSE(server.app().store().FindUser("xingqing")->value().must_change_password);
  // An administrator's new account starts the same way.
  r = admin->PostJson(
      "/api/v1/users",
      json::object{
          {"name", "new-reporter"}, {"password", "initial-password-1"}, {"role", "reporter"}, {"unit", "640181-dw"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_TRUE(Login(*server.Anonymous(), "new-reporter", "initial-password-1")
                  .Json()
                  .at("user")
                  .at("must_change_password")
                  .as_bool());
}

TEST(Accounts, ADisabledAccountLosesItsSessionsAtOnceAndCannotSignIn) {
  TestServer server;
  auto admin = server.ClientAs("admin");
  auto yc = server.ClientAs("desk-yinchuan");
  const auto id = std::to_string(UserId(server, "desk-yinchuan"));
  auto r = admin->PostJson("/api/v1/users/" + id + "/disable", json::object{{"reason", " "}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(yc->Get("/api/v1/auth/me").status, 200);
  r = admin->PostJson("/api/v1/users/" + id + "/disable", json::object{{"reason", "调离值班岗位"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.Json().at("disabled").as_bool());
  EXPECT_EQ(yc->Get("/api/v1/auth/me").status, 401);
  auto login = Login(*server.Anonymous(), "desk-yinchuan", kPassword);
  EXPECT_EQ(login.status, 401);
  EXPECT_EQ(CodeOf(login), "bad_credentials");  // like a wrong password
  EXPECT_EQ(admin
                ->PostJson("/api/v1/users/" + std::to_string(UserId(server, "admin")) + "/disable",
                           json::object{{"reason", "x"}})
                .status,
            409);
  EXPECT_EQ(admin->PostJson("/api/v1/users/999999/disable", json::object{{"reason", "x"}}).status, 404);
  ASSERT_EQ(admin->PostJson("/api/v1/users/" + id + "/enable", json::object{{"reason", "返回岗位"}}).status, 200);
  EXPECT_EQ(Login(*server.Anonymous(), "desk-yinchuan", kPassword).status, 200);
  int audited = 0;
  for (const auto& rec : server.AuditRecords()) audited += rec.action == "user.disable" || rec.action == "user.enable";
  EXPECT_EQ(audited, 2);
}

TEST(Sessions, AnIdleSessionEndsAndThePurgeRemovesEndedOnes) {
  TestServer server([](AppConfig& c) { c.auth.idle_timeout = std::chrono::minutes(30); });
  auto active = server.ClientAs("desk");
  auto idle = server.ClientAs("leader");
  for (int i = 0; i < 4; ++i) {
    server.clock().Advance(std::chrono::minutes(10));
    EXPECT_EQ(active->Get("/api/v1/auth/me").status, 200);
  }
  auto r = idle->Get("/api/v1/auth/me");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(CodeOf(r), "session_expired");
  server.app().Housekeeping();
  // Only the active session is left in the store.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((server.dir() / "shaobing.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM sessions", -1, &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), 1);
  sqlite3_finalize(st);
  sqlite3_close(db);
  EXPECT_EQ(active->Get("/api/v1/auth/me").status, 200);
  int purged = 0;
  for (const auto& rec : server.AuditRecords()) purged += rec.action == "auth.sessions_purged";
  EXPECT_EQ(purged, 1);
}

TEST(CrossSite, StateChangingRequestsMustBeSameOriginJson) {
  TestServer server;
  auto desk = server.ClientAs("desk");
  const std::string body = testing::FirstReportJson();
  const auto events = server.EventCount();
  auto as_form =
      desk->Request("POST", "/api/v1/reports", body, {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(as_form.status, 415);
  EXPECT_EQ(CodeOf(as_form), "unsupported_media_type");
  auto text = desk->Request("POST", "/api/v1/auth/logout", "", {{"Content-Type", "text/plain"}});
  EXPECT_EQ(text.status, 415);
  auto foreign = desk->Request("POST", "/api/v1/auth/logout", "{}", {{"Origin", "http://evil.example"}});
  EXPECT_EQ(foreign.status, 403);
  EXPECT_EQ(CodeOf(foreign), "cross_origin");
  auto site = desk->Request("POST", "/api/v1/auth/logout", "{}", {{"Sec-Fetch-Site", "cross-site"}});
  EXPECT_EQ(site.status, 403);
  auto login =
      server.Anonymous()->Request("POST", "/api/v1/auth/login", R"({"name":"desk","password":"correct-horse-battery"})",
                                  {{"Origin", "http://evil.example"}});
  EXPECT_EQ(login.status, 403);                         // no login from another site either
  EXPECT_EQ(desk->Get("/api/v1/auth/me").status, 200);  // nothing above logged the desk out
  EXPECT_EQ(server.EventCount(), events);
  // The same origin, and JSON with a charset, pass.
  const std::string host = "127.0.0.1:" + std::to_string(server.port());
  auto same = desk->Request("POST", "/api/v1/standards/evaluate", body,
                            {{"Origin", "http://" + host},
                             {"Host", host},
                             {"Sec-Fetch-Site", "same-origin"},
                             {"Content-Type", "application/json; charset=utf-8"}});
  EXPECT_EQ(same.status, 200) << same.body;
}

TEST(Cookies, TheSessionCookieIsSecureBehindATlsProxyAndTheProxyNamesTheClient) {
  TestServer plain;
  auto r = Login(*plain.Anonymous(), "desk", kPassword);
  EXPECT_EQ(r.headers["set-cookie"].find("Secure"), std::string::npos);
  EXPECT_NE(r.headers["set-cookie"].find("HttpOnly"), std::string::npos);
  EXPECT_NE(r.headers["set-cookie"].find("SameSite=Strict"), std::string::npos);
  TestServer proxied([](AppConfig& c) { c.tls_proxy = true; });
  auto anon = proxied.Anonymous();
  r = anon->Request("POST", "/api/v1/auth/login", R"({"name":"desk","password":"wrong-password-x"})",
                    {{"X-Forwarded-For", "203.0.113.9, 198.51.100.20"}});
  EXPECT_EQ(r.status, 401);
  r = Login(*anon, "desk", kPassword);
  EXPECT_NE(r.headers["set-cookie"].find("; Secure"), std::string::npos);
  bool named = false;
  for (const auto& rec : proxied.AuditRecords()) {
    named = named || (rec.action == "auth.login_failed" && rec.detail.find("198.51.100.20") != std::string::npos);
  }
  EXPECT_TRUE(named) << "the proxy's last X-Forwarded-For entry is the client";
}

TEST(ServerErrors, A5xxTellsARequestIdAndNoSqlOrPath) {
  TestServer server;
  const auto event =
      server.ClientAs("xingqing")->PostJson("/api/v1/reports", json::parse(testing::FirstReportJson()).as_object());
  ASSERT_EQ(event.status, 201) << event.body;
  // Break the store under the running server: a table a query needs is gone.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((server.dir() / "shaobing.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DROP TABLE report_requests", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto r = server.ClientAs("leader")->Get("/api/v1/events/" + std::to_string(event.Json().at("event_id").as_int64()));
  ASSERT_GE(r.status, 500) << r.body;
  for (const char* leak : {"SELECT", "report_requests", "no such table", "shaobing.db", "/tmp"}) {
    EXPECT_EQ(r.body.find(leak), std::string::npos) << leak << " in " << r.body;
  }
  const auto id = r.Json().at("error").at("request_id").as_string();
  EXPECT_FALSE(id.empty());
  EXPECT_EQ(r.headers["x-request-id"], id);
  EXPECT_NE(r.Json().at("error").at("message").as_string().find(id), std::string::npos);
}

TEST(DataDirectory, IsTheServiceUsersAloneAndSoIsTheDatabase) {
  TestServer server;
  struct stat st {};
  ASSERT_EQ(::stat(server.dir().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  ASSERT_EQ(::stat((server.dir() / "shaobing.db").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0077, 0u);
  // An existing database with loose permissions is tightened when the directory is prepared.
  ::chmod((server.dir() / "shaobing.db").c_str(), 0644);
  ASSERT_TRUE(PrepareDataDir(server.dir().string()));
  ASSERT_EQ(::stat((server.dir() / "shaobing.db").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

}  // namespace
}  // namespace shaobing

namespace shaobing {
namespace {

std::filesystem::path FreshDemoDir(const std::string& tag) {
  auto dir = std::filesystem::temp_directory_path() / ("shaobing-demo-" + tag + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir;
}

Result<LoginResult> LoginInto(const std::filesystem::path& dir, const std::string& name, const std::string& password) {
  AppConfig config;
  config.data_dir = dir.string();
  config.files_dir = testing::SourceDir() + "/data";
  auto app = App::Build(config);
  if (!app) return Fail(app.error());
  return (*app)->auth().Login(name, password, "127.0.0.1");
}

TEST(DemoAccounts, SignInOnlyInADemoDataDirectoryAndDemoSeedingNeverTouchesOtherData) {
  const auto files = testing::SourceDir() + "/data";
  const auto demo = FreshDemoDir("a");
  auto seeded = SeedDemo(demo.string(), files, SystemClock().Now(), {});
  ASSERT_TRUE(seeded) << seeded.error().reason;
  const auto& desk = seeded->accounts.front();
  EXPECT_TRUE(LoginInto(demo, desk.name, desk.password));
  // The same accounts in a directory that is not marked as a demo one are refused.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((demo / "shaobing.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DELETE FROM settings WHERE key = 'demo_data'", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto refused = LoginInto(demo, desk.name, desk.password);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().reason, "bad_credentials");
  // --demo refuses a directory holding other data, and creates no account in it.
  auto again = SeedDemo(demo.string(), files, SystemClock().Now(), {});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().reason, "not_demo_data");
  const auto production = FreshDemoDir("b");
  {
    AppConfig config;
    config.data_dir = production.string();
    config.files_dir = files;
    auto app = App::Build(config);
    ASSERT_TRUE(app);
    ASSERT_TRUE((*app)->auth().AddUser({"chief", "", "a-real-long-password", "admin", "", ""}, "cli"));
  }
  auto into_production = SeedDemo(production.string(), files, SystemClock().Now(), {});
  ASSERT_FALSE(into_production);
  EXPECT_EQ(into_production.error().reason, "not_demo_data");
  EXPECT_FALSE(LoginInto(production, desk.name, desk.password));
  std::filesystem::remove_all(demo);
  std::filesystem::remove_all(production);
}

}  // namespace
}  // namespace shaobing
