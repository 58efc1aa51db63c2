// Accounts and permissions over real HTTP: the role × route matrix (every route the router
// registers, every role) and the scope rules (which events and units each account may reach).
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "testing/test_data.h"
#include "testing/test_server.h"

namespace shaobing {
namespace {
namespace json = boost::json;
using testing::HttpClient;
using testing::HttpResult;
using testing::TestServer;

json::object FirstReport() { return json::parse(testing::FirstReportJson()).as_object(); }

// The first report of `unit` about an event in `region`.
// A first report by `unit` about a fire of its own in `region` (events in different counties
// differ in place, time and wording, so that the linker keeps them apart).
json::object FirstReportBy(const std::string& unit, const std::string& region, const std::string& channel = "written") {
  struct Fire {
    const char *title, *address, *occurred_at, *description;
  };
  static const std::map<std::string, Fire> kFires{
      {"640181",
       {"灵武市一仓库发生火灾", "灵武市东塔镇仓储园", "2026-11-29T09:30:00+08:00",
        "9时30分许，一仓库起火，浓烟较大。"}},
      {"640205", {"惠农区一厂房发生火灾", "惠农区河滨工业园", "2026-11-29T06:10:00+08:00", "6时10分许，一厂房起火。"}},
      {"640202", {"大武口区一商铺发生火灾", "大武口区人民路", "2026-11-29T11:20:00+08:00", "11时20分许，一商铺起火。"}},
  };
  json::object r = FirstReport();
  r["unit"] = unit;
  r["channel"] = channel;
  r["location"].as_object()["region"] = region;
  if (auto it = kFires.find(region); it != kFires.end()) {
    r["title"] = it->second.title;
    r["occurred_at"] = it->second.occurred_at;
    r["description"] = it->second.description;
    r["location"] = json::object{{"region", region}, {"address", it->second.address}};
  }
  return r;
}

std::string ErrorCodeOf(const HttpResult& r) {
  const auto v = r.Json();
  if (!v.is_object() || !v.as_object().contains("error")) return "<no error object: " + r.body + ">";
  const auto& e = v.at("error");
  if (!e.is_object() || !e.as_object().contains("code") || !e.at("code").is_string()) return "<bad error shape>";
  return std::string(e.at("code").as_string());
}

// The default reporting-standard catalogue under a new version (publishing needs a new one).
std::string CatalogueVersion(const std::string& version) {
  std::ifstream in(testing::SourceDir() + "/data/standards/default.yaml");
  std::stringstream text;
  text << in.rdbuf();
  std::string yaml = text.str();
  const auto at = yaml.find("\nversion:");
  if (at == std::string::npos) throw std::runtime_error("no version line in the default catalogue");
  yaml.replace(at, yaml.find('\n', at + 1) - at, "\nversion: \"" + version + "\"");
  return yaml;
}

// Logs in and returns the bearer token.
std::string TokenOf(TestServer& server, const std::string& account, const std::string& password = testing::kPassword) {
  auto anon = server.Anonymous();
  auto r = anon->PostJson("/api/v1/auth/login", json::object{{"name", account}, {"password", password}});
  if (r.status != 200) throw std::runtime_error("login failed for " + account + ": " + r.body);
  return std::string(r.Json().at("token").as_string());
}

// GET /api/v1/stream answers with an endless event stream: read the status line and headers
// only, then hang up.
int StreamStatus(std::uint16_t port, const std::string& token) {
  namespace beast = boost::beast;
  namespace http = beast::http;
  namespace net = boost::asio;
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  net::ip::tcp::resolver resolver(ioc);
  stream.connect(resolver.resolve("127.0.0.1", std::to_string(port)));
  http::request<http::empty_body> req(http::verb::get, "/api/v1/stream", 11);
  req.set(http::field::host, "127.0.0.1");
  if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
  stream.expires_after(std::chrono::seconds(10));
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  http::read_header(stream, buffer, parser);
  const int status = parser.get().result_int();
  beast::error_code ec;
  stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
  return status;
}

// ---------------------------------------------------------------------------------------------
// The matrix.

const std::vector<std::string> kRoles{"anonymous", "admin", "desk", "leader", "expert", "reporter"};
// The account that plays each role ("reporter": 兴庆区委办, unit 640104-dw).
const std::map<std::string, std::string> kAccountOf{
    {"admin", "admin"}, {"desk", "desk"}, {"leader", "leader"}, {"expert", "expert"}, {"reporter", "xingqing"}};

// What the matrix needs to know of the shared server.
struct World {
  std::int64_t report_id = 0;  // a first report by 640104-dw about an event in 640104
  std::int64_t event_id = 0;
  int serial = 0;  // for unique names
  // Multi-source events for the desk's actions.
  std::int64_t merge_into = 0, merge_from = 0;   // two separate events
  std::int64_t split_event = 0;                  // an event reported by 640202-dw and 640000-yjt
  std::int64_t operation_id = 0;                 // a merge the desk may undo
  std::int64_t task_id = 0;                      // a provisional link awaiting confirmation
  std::int64_t target_user = 0;                  // an account the administrator resets and disables
  std::map<std::string, std::string> passwords;  // role -> its account's password, once changed
  // Consultations on event_id: one inviting the expert (read and answered), one the desk
  // decides, one inviting the reporter's unit (seeded in the store: a Party office is not an
  // expert unit the desk could invite), and a deadline for new ones.
  std::int64_t consultation = 0, consultation_to_decide = 0, consultation_of_unit = 0;
  std::string consultation_deadline;
  // Attachments: one on report_id; uploads not linked yet, by 兴庆区委办 and by the desk.
  std::string attachment, reporter_upload, desk_upload;

  std::string PasswordOf(const std::string& role) const {
    auto it = passwords.find(role);
    return it == passwords.end() ? testing::kPassword : it->second;
  }
};

struct Call {
  std::string target;
  std::string body;
  std::map<std::string, std::string> headers;  // beside the client's own (a file upload's type)
};

struct RouteCase {
  std::string method;
  std::string pattern;
  std::set<std::string> allowed;  // roles with access; "anonymous" in it: a public route
  int success;                    // the status of the valid request of an allowed role
  std::function<Call(const std::string& role, World& world)> valid;  // a valid request for `role`
  bool needs_fresh_session = false;                                  // the call ends the session (logout)
};

void PrintTo(const RouteCase& r, std::ostream* os) { *os << r.method << " " << r.pattern; }

const std::set<std::string> kEveryUser{"admin", "desk", "leader", "expert", "reporter"};
const std::set<std::string> kEveryone{"anonymous", "admin", "desk", "leader", "expert", "reporter"};

Call Get(std::string target) { return {std::move(target), ""}; }

std::vector<RouteCase> Table() {
  using W = World;
  return {
      {"GET", "/healthz", kEveryone, 200, [](auto&, W&) { return Get("/healthz"); }},
      {"GET", "/metrics", kEveryone, 200, [](auto&, W&) { return Get("/metrics"); }},
      {"POST", "/api/v1/auth/login", kEveryone, 200,
       [](auto&, W&) {
         return Call{"/api/v1/auth/login",
                     json::serialize(json::object{{"name", "leader"}, {"password", testing::kPassword}})};
       }},
      {"POST", "/api/v1/auth/logout", kEveryUser, 200,
       [](auto&, W&) {
         return Call{"/api/v1/auth/logout", ""};
       },
       true},
      {"GET", "/api/v1/auth/me", kEveryUser, 200, [](auto&, W&) { return Get("/api/v1/auth/me"); }},
      {"POST", "/api/v1/auth/password", kEveryUser, 200,
       [](const std::string& role, W& w) {
         // Each change rotates the role's password; the session making it stays.
         const std::string next = "rotated-password-" + std::to_string(++w.serial);
         json::object body{{"current_password", w.PasswordOf(role)}, {"new_password", next}};
         w.passwords[role] = next;
         return Call{"/api/v1/auth/password", json::serialize(body)};
       }},
      {"POST",
       "/api/v1/users/{id}/password",
       {"admin"},
       200,
       [](auto&, W& w) {
         return Call{"/api/v1/users/" + std::to_string(w.target_user) + "/password",
                     json::serialize(json::object{{"password", "temporary-password-1"}})};
       }},
      {"POST",
       "/api/v1/users/{id}/disable",
       {"admin"},
       200,
       [](auto&, W& w) {
         return Call{"/api/v1/users/" + std::to_string(w.target_user) + "/disable",
                     json::serialize(json::object{{"reason", "调离岗位"}})};
       }},
      {"POST",
       "/api/v1/users/{id}/enable",
       {"admin"},
       200,
       [](auto&, W& w) {
         return Call{"/api/v1/users/" + std::to_string(w.target_user) + "/enable",
                     json::serialize(json::object{{"reason", "返回岗位"}})};
       }},
      {"POST",
       "/api/v1/events/{id}/requests",
       {"desk"},
       201,
       [](auto&, W& w) {
         json::object body{{"unit", "640000-wsjkw"}, {"message", "请报送伤员救治情况"}};
         return Call{"/api/v1/events/" + std::to_string(w.event_id) + "/requests", json::serialize(body)};
       }},
      {"POST",
       "/api/v1/events/{id}/desk-reports",
       {"desk"},
       201,
       [](auto&, W& w) {
         // The region desk tells the centre by phone.
         json::object body{{"to", "centre"}, {"channel", "phone"}, {"told", "中央值班室 王某"}};
         return Call{"/api/v1/events/" + std::to_string(w.event_id) + "/desk-reports", json::serialize(body)};
       }},
      {"POST",
       "/api/v1/events/{id}/closure",
       {"desk"},
       201,
       [](auto&, W& w) {
         return Call{"/api/v1/events/" + std::to_string(w.event_id) + "/closure",
                     json::serialize(json::object{{"reason", "处置完毕"}})};
       }},
      {"GET",
       "/api/v1/events/{id}/desk-report-draft",
       {"desk"},
       200,
       [](auto&, W& w) { return Get("/api/v1/events/" + std::to_string(w.event_id) + "/desk-report-draft"); }},
      // Attachments: an upload is the file itself; the report's submitter attaches (the desk its
      // phone report); every account that may read the report downloads.
      {"POST",
       "/api/v1/attachments",
       {"desk", "expert", "reporter"},
       201,
       [](const std::string& role, W& w) {
         return Call{"/api/v1/attachments?name=note.txt",
                     "记录 " + role + " " + std::to_string(++w.serial),
                     {{"Content-Type", "application/octet-stream"}}};
       }},
      {"GET", "/api/v1/attachments/{sha256}", kEveryUser, 200,
       [](auto&, W& w) { return Get("/api/v1/attachments/" + w.attachment); }},
      {"GET", "/api/v1/attachments/{sha256}/thumbnail", kEveryUser, 200,
       [](auto&, W& w) { return Get("/api/v1/attachments/" + w.attachment + "/thumbnail"); }},
      {"POST",
       "/api/v1/reports/{id}/attachments",
       {"desk", "reporter"},
       201,
       [](const std::string& role, W& w) {
         const bool desk = role == "desk";
         json::object body{{"attachments", json::array{(desk ? w.desk_upload : w.reporter_upload).c_str()}}};
         return Call{"/api/v1/reports/" + std::to_string(desk ? w.task_id : w.report_id) + "/attachments",
                     json::serialize(body)};
       }},
      {"POST",
       "/api/v1/reports",
       {"desk", "reporter"},
       201,
       [](const std::string& role, W&) {
         // The desk logs a phone report on behalf of a unit of its region; a reporter writes
         // for its own unit. Everyone else tries a report that would be valid for the reporter.
         json::object r = role == "desk" ? FirstReportBy("640202-dw", "640202", "phone") : FirstReport();
         return Call{"/api/v1/reports", json::serialize(r)};
       }},
      {"GET", "/api/v1/reports/{id}", kEveryUser, 200,
       [](auto&, W& w) { return Get("/api/v1/reports/" + std::to_string(w.report_id)); }},
      {"GET", "/api/v1/events", kEveryUser, 200, [](auto&, W&) { return Get("/api/v1/events?limit=10"); }},
      {"GET", "/api/v1/events/{id}", kEveryUser, 200,
       [](auto&, W& w) { return Get("/api/v1/events/" + std::to_string(w.event_id)); }},
      {"POST",
       "/api/v1/events/{id}/sensitive",
       {"desk"},
       201,
       [](auto&, W& w) {
         json::object body{{"action", "confirm"}, {"kind", "persons"}, {"code", "student"}, {"reason", "核实涉及学生"}};
         return Call{"/api/v1/events/" + std::to_string(w.event_id) + "/sensitive", json::serialize(body)};
       }},
      {"GET", "/api/v1/stream", kEveryUser, 200, [](auto&, W&) { return Get("/api/v1/stream"); }},
      {"GET", "/api/v1/units", kEveryUser, 200, [](auto&, W&) { return Get("/api/v1/units"); }},
      {"GET", "/api/v1/units/{id}", kEveryUser, 200, [](auto&, W&) { return Get("/api/v1/units/640104-dw"); }},
      {"POST",
       "/api/v1/units",
       {"admin"},
       201,
       [](auto&, W& w) {
         json::object u{{"id", "test-unit-" + std::to_string(++w.serial)},
                        {"name", "测试单位" + std::to_string(w.serial)},
                        {"kind", "enterprise"},
                        {"region", "640104"},
                        {"level", "county"},
                        {"direct", true},
                        {"perspectives", json::array{"technical_cause"}}};
         return Call{"/api/v1/units", json::serialize(u)};
       }},
      {"GET", "/api/v1/regions", kEveryUser, 200, [](auto&, W&) { return Get("/api/v1/regions"); }},
      {"GET", "/api/v1/taxonomy", kEveryUser, 200, [](auto&, W&) { return Get("/api/v1/taxonomy"); }},
      {"GET", "/api/v1/users", {"admin"}, 200, [](auto&, W&) { return Get("/api/v1/users"); }},
      {"POST",
       "/api/v1/users",
       {"admin"},
       201,
       [](auto&, W& w) {
         json::object u{{"name", "new-user-" + std::to_string(++w.serial)},
                        {"password", "a-long-enough-password"},
                        {"role", "reporter"},
                        {"unit", "640181-dw"}};
         return Call{"/api/v1/users", json::serialize(u)};
       }},
      {"GET", "/api/v1/audit", {"admin"}, 200, [](auto&, W&) { return Get("/api/v1/audit?after=0&limit=10"); }},
      {"GET", "/api/v1/audit/verify", {"admin"}, 200, [](auto&, W&) { return Get("/api/v1/audit/verify"); }},
      {"GET", "/api/v1/standards", kEveryUser, 200, [](auto&, W&) { return Get("/api/v1/standards"); }},
      {"PUT",
       "/api/v1/standards",
       {"admin"},
       201,
       [](auto&, W& w) {
         const std::string yaml = CatalogueVersion("perm-" + std::to_string(++w.serial));
         return Call{"/api/v1/standards", json::serialize(json::object{{"yaml", yaml}})};
       }},
      {"POST", "/api/v1/standards/evaluate", kEveryUser, 200,
       [](auto&, W&) {
         return Call{"/api/v1/standards/evaluate", json::serialize(FirstReport())};
       }},
      {"GET", "/api/v1/link-tasks", {"desk"}, 200, [](auto&, W&) { return Get("/api/v1/link-tasks"); }},
      {"GET",
       "/api/v1/notifications",
       {"admin", "desk"},
       200,
       [](auto&, W&) { return Get("/api/v1/notifications?limit=10"); }},
      // The matrix's server sends no notifications (none configured): the admin passes the role
      // check and is told there is no such notification; notifications_test.cc retries a dead one.
      {"POST",
       "/api/v1/notifications/{id}/retry",
       {"admin"},
       404,
       [](auto&, W&) {
         return Call{"/api/v1/notifications/999999/retry", json::serialize(json::object{{"reason", "接收方已恢复"}})};
       }},
      {"POST",
       "/api/v1/link-tasks/{id}",
       {"desk"},
       201,
       [](auto&, W& w) {
         json::object body{{"action", "confirm"}, {"reason", "同一住宅楼火情"}};
         return Call{"/api/v1/link-tasks/" + std::to_string(w.task_id), json::serialize(body)};
       }},
      {"POST",
       "/api/v1/events/{id}/merge",
       {"desk"},
       201,
       [](auto&, W& w) {
         json::object body{{"from", w.merge_from}, {"reason", "同一事件"}};
         return Call{"/api/v1/events/" + std::to_string(w.merge_into) + "/merge", json::serialize(body)};
       }},
      {"POST",
       "/api/v1/events/{id}/split",
       {"desk"},
       201,
       [](auto&, W& w) {
         json::object body{{"units", json::array{"640000-yjt"}}, {"reason", "应急管理厅所报为另一事件"}};
         return Call{"/api/v1/events/" + std::to_string(w.split_event) + "/split", json::serialize(body)};
       }},
      {"POST",
       "/api/v1/operations/{id}/undo",
       {"desk"},
       201,
       [](auto&, W& w) {
         return Call{"/api/v1/operations/" + std::to_string(w.operation_id) + "/undo",
                     json::serialize(json::object{{"reason", "误合并"}})};
       }},
      {"GET",
       "/api/v1/consultation-candidates",
       {"desk"},
       200,
       [](auto&, W&) { return Get("/api/v1/consultation-candidates"); }},
      {"POST",
       "/api/v1/events/{id}/consultations",
       {"desk"},
       201,
       [](auto&, W& w) {
         json::object body{{"question", "是否需向上报送？"},
                           {"deadline", w.consultation_deadline},
                           {"invitees", json::array{json::object{{"kind", "user"}, {"id", "expert"}}}}};
         return Call{"/api/v1/events/" + std::to_string(w.event_id) + "/consultations", json::serialize(body)};
       }},
      {"GET", "/api/v1/consultations", kEveryUser, 200, [](auto&, W&) { return Get("/api/v1/consultations"); }},
      {"GET", "/api/v1/consultations/{id}", kEveryUser, 200,
       [](auto&, W& w) { return Get("/api/v1/consultations/" + std::to_string(w.consultation)); }},
      {"POST",
       "/api/v1/consultations/{id}/answers",
       {"expert", "reporter"},
       201,
       [](const std::string& role, W& w) {
         const auto id = role == "reporter" ? w.consultation_of_unit : w.consultation;
         json::object body{{"assessment", "风险可控"}, {"recommendation", "watch"}};
         return Call{"/api/v1/consultations/" + std::to_string(id) + "/answers", json::serialize(body)};
       }},
      {"POST",
       "/api/v1/consultations/{id}/decision",
       {"desk"},
       200,
       [](auto&, W& w) {
         json::object body{{"decision", "watch"}, {"reason", "持续关注"}};
         return Call{"/api/v1/consultations/" + std::to_string(w.consultation_to_decide) + "/decision",
                     json::serialize(body)};
       }},
      // Duty: rosters and logs of the desks (a desk writes its own; desks and leaders read),
      // and the acknowledgement of an escalation by the party it alerted (escalation_test.cc;
      // here no step was taken: every role allowed is told there is no such one).
      {"GET",
       "/api/v1/duty/roster",
       {"desk", "leader"},
       200,
       [](auto&, W&) { return Get("/api/v1/duty/roster?desk=640000&from=2026-12-01%2000:00&to=2026-12-02%2000:00"); }},
      {"POST",
       "/api/v1/duty/roster",
       {"desk"},
       201,
       [](auto&, W&) {
         const std::string csv =
             "starts_at,ends_at,officer,officer_phone,leader,leader_phone\n"
             "2026-12-01 08:00,2026-12-02 08:00,desk,13800000001,leader,13800000002\n";
         return Call{"/api/v1/duty/roster?desk=640000", json::serialize(json::object{{"csv", csv}})};
       }},
      {"POST",
       "/api/v1/duty/shifts",
       {"desk"},
       201,
       [](auto&, W&) {
         json::object body{{"starts_at", "2026-12-05T08:00:00+08:00"},
                           {"ends_at", "2026-12-05T20:00:00+08:00"},
                           {"officer", "张三"},
                           {"leader", "李四"}};
         return Call{"/api/v1/duty/shifts", json::serialize(body)};
       }},
      {"PUT",
       "/api/v1/duty/shifts/{id}",
       {"desk"},
       404,
       [](auto&, W&) {
         json::object body{{"starts_at", "2026-12-06T08:00:00+08:00"},
                           {"ends_at", "2026-12-06T20:00:00+08:00"},
                           {"officer", "张三"},
                           {"leader", "李四"}};
         return Call{"/api/v1/duty/shifts/999999", json::serialize(body)};
       }},
      {"DELETE",
       "/api/v1/duty/shifts/{id}",
       {"desk"},
       404,
       [](auto&, W&) {
         return Call{"/api/v1/duty/shifts/999999", ""};
       }},
      {"GET", "/api/v1/duty/log", {"desk", "leader"}, 200, [](auto&, W&) { return Get("/api/v1/duty/log"); }},
      {"POST",
       "/api/v1/duty/log",
       {"desk"},
       201,
       [](auto&, W&) {
         return Call{"/api/v1/duty/log",
                     json::serialize(json::object{{"kind", "call"}, {"text", "市应急局来电询问火情"}})};
       }},
      {"GET",
       "/api/v1/duty/handover-items",
       {"desk", "leader"},
       200,
       [](auto&, W&) { return Get("/api/v1/duty/handover-items"); }},
      {"GET",
       "/api/v1/duty/handovers",
       {"desk", "leader"},
       200,
       [](auto&, W&) { return Get("/api/v1/duty/handovers"); }},
      {"POST",
       "/api/v1/duty/handovers",
       {"desk"},
       201,
       [](auto&, W&) {
         return Call{"/api/v1/duty/handovers", json::serialize(json::object{{"note", "夜班无遗留事项"}})};
       }},
      {"POST",
       "/api/v1/duty/handovers/{id}/acknowledgement",
       {"desk"},
       404,
       [](auto&, W&) {
         return Call{"/api/v1/duty/handovers/999999/acknowledgement", "{}"};
       }},
      {"POST",
       "/api/v1/escalations/{id}/acknowledgement",
       {"reporter", "desk", "leader"},
       404,
       [](auto&, W&) {
         return Call{"/api/v1/escalations/999999/acknowledgement", json::serialize(json::object{{"note", "正在核实"}})};
       }},
      {"POST",
       "/api/v1/events/{id}/resolutions",
       {"desk"},
       201,
       [](auto&, W& w) {
         json::object body{{"figure", "deaths"}, {"value", 2}, {"reason", "经卫生健康委核实"}};
         return Call{"/api/v1/events/" + std::to_string(w.event_id) + "/resolutions", json::serialize(body)};
       }},
      // Every account, each within its scope (a reporter its own unit): timeliness_metrics_test.cc.
      {"GET", "/api/v1/metrics/timeliness", kEveryUser, 200,
       [](auto&, W&) { return Get("/api/v1/metrics/timeliness?from=2026-11-01T00:00:00%2B08:00"); }},
  };
}

// One server for the whole matrix (the cells do not depend on each other).
class PermissionMatrix : public ::testing::TestWithParam<RouteCase> {
 public:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    for (const auto& [role, account] : kAccountOf) tokens_[role] = TokenOf(*server_, account);
    auto xq = server_->ClientAs("xingqing");
    auto r = xq->PostJson("/api/v1/reports", FirstReport());
    if (r.status != 201) throw std::runtime_error("cannot seed a report: " + r.body);
    world_.report_id = r.Json().at("id").as_int64();
    world_.event_id = r.Json().at("event_id").as_int64();
    auto target =
        server_->app().auth().AddUser({"matrix-target", "", testing::kPassword, "reporter", "640181-dw", ""}, "test");
    if (!target) throw std::runtime_error("cannot add the target account");
    world_.target_user = *target;
    SeedMultiSource();
    SeedConsultations();
  }

  static void SeedConsultations() {
    world_.consultation_deadline = FormatShanghai(server_->clock().Now() + std::chrono::hours(2));
    auto desk = server_->ClientAs("desk");
    json::object body{{"question", "是否需向上报送？"},
                      {"deadline", world_.consultation_deadline},
                      {"invitees", json::array{json::object{{"kind", "user"}, {"id", "expert"}}}}};
    const std::string path = "/api/v1/events/" + std::to_string(world_.event_id) + "/consultations";
    for (auto* id : {&world_.consultation, &world_.consultation_to_decide}) {
      auto r = desk->PostJson(path, body);
      if (r.status != 201) throw std::runtime_error("cannot seed a consultation: " + r.body);
      *id = r.Json().at("id").as_int64();
    }
    Consultation c;
    c.event_id = world_.event_id;
    c.question = "请兴庆区委办研判";
    c.deadline = server_->clock().Now() + std::chrono::hours(2);
    c.opened_by = "desk";
    c.opened_region = "640000";
    c.opened_at = server_->clock().Now();
    c.invitees = {{InviteeKind::kUnit, "640104-dw"}};
    auto seeded = server_->app().store().Write([&](Transaction& tx) -> Status {
      auto id = tx.InsertConsultation(c);
      if (!id) return Fail(id.error());
      world_.consultation_of_unit = *id;
      return tx.Audit("test", "consultation.open", "consultation:" + std::to_string(*id), {});
    });
    if (!seeded) throw std::runtime_error("cannot seed a unit's consultation");
  }

  // Events for the desk's multi-source actions; each fire on its own day, so none links.
  static void SeedMultiSource() {
    auto desk = server_->ClientAs("desk");
    auto submit = [](HttpClient& client, const json::object& report, const char* expected_link = nullptr) {
      auto r = client.PostJson("/api/v1/reports", report);
      if (r.status != 201) throw std::runtime_error("cannot seed a report: " + r.body);
      if (expected_link && r.Json().at("link").at("action").as_string() != expected_link) {
        throw std::runtime_error(std::string("expected a ") + expected_link + " link: " + r.body);
      }
      return r.Json().at("event_id").as_int64();
    };
    auto fire_on = [](const std::string& unit, const std::string& region, int day) {
      json::object r = FirstReportBy(unit, region, "phone");
      const std::string d = (day < 10 ? "0" : "") + std::to_string(day);
      r["occurred_at"] = "2026-11-" + d + "T10:00:00+08:00";
      return r;
    };
    world_.merge_into = submit(*desk, fire_on("640181-dw", "640181", 2), "new_event");
    world_.merge_from = submit(*desk, fire_on("640205-dw", "640205", 6), "new_event");
    world_.split_event = submit(*desk, fire_on("640202-dw", "640202", 10), "new_event");
    json::object joining = fire_on("640000-yjt", "640202", 10);
    joining["channel"] = "written";
    joining["event_id"] = world_.split_event;
    auto yjt = server_->ClientAs("yjt");
    submit(*yjt, joining, "named");
    const auto undo_into = submit(*desk, fire_on("640181-dw", "640181", 14), "new_event");
    const auto undo_from = submit(*desk, fire_on("640205-dw", "640205", 18), "new_event");
    auto merged = desk->PostJson("/api/v1/events/" + std::to_string(undo_into) + "/merge",
                                 json::object{{"from", undo_from}, {"reason", "同一事件"}});
    if (merged.status != 201) throw std::runtime_error("cannot seed a merge: " + merged.body);
    world_.operation_id = merged.Json().at("operation_id").as_int64();
    // Two departments on a house fire in 兴庆区 in different words: the second link is uncertain.
    auto smoke = [](const std::string& unit, const std::string& description) {
      return json::parse(testing::SmokeReportJson(unit, description)).as_object();
    };
    submit(*desk, smoke("640100-gaj", "接群众电话反映，兴庆区一处住宅楼冒烟，具体情况正在核实。"), "new_event");
    auto task = desk->PostJson("/api/v1/reports", smoke("640100-xfzd", "兴庆区一住户家中失火，已有人员被送医。"));
    if (task.status != 201 || task.Json().at("link").at("action").as_string() != "provisional") {
      throw std::runtime_error("expected a provisional link: " + task.body);
    }
    world_.task_id = task.Json().at("id").as_int64();
    // Attachments: 兴庆区委办's photo on its report, and one upload each not linked yet.
    auto xq = server_->ClientAs("xingqing");
    auto upload = [](HttpClient& client, const std::string& bytes) {
      auto r = client.Request("POST", "/api/v1/attachments?name=note", bytes,
                              {{"Content-Type", "application/octet-stream"}});
      if (r.status != 201) throw std::runtime_error("cannot seed an attachment: " + r.body);
      return std::string(r.Json().at("sha256").as_string());
    };
    // A 4×4 PNG, so that it has a thumbnail.
    const std::string photo(
        "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x04\x00\x00\x00\x04\x08\x02\x00"
        "\x00\x00\x26\x93\x09\x29\x00\x00\x00"
        "\x10\x49\x44\x41\x54\x78\x9c\x63\x38\x21\x27\x07\x47\x0c\xc4\x71\x00\xb1\x63\x10\x41\x3b\x4b\x63\x82\x00\x00"
        "\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
        73);
    world_.attachment = upload(*xq, photo);
    auto attached = xq->PostJson("/api/v1/reports/" + std::to_string(world_.report_id) + "/attachments",
                                 json::object{{"attachments", json::array{world_.attachment.c_str()}}});
    if (attached.status != 201) throw std::runtime_error("cannot seed a report's attachment: " + attached.body);
    world_.reporter_upload = upload(*xq, "补充记录。");
    world_.desk_upload = upload(*desk, "值班台电话记录。");
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    tokens_.clear();
  }

 protected:
  static TestServer* server_;
  static std::map<std::string, std::string> tokens_;
  static World world_;
};
TestServer* PermissionMatrix::server_ = nullptr;
std::map<std::string, std::string> PermissionMatrix::tokens_;
World PermissionMatrix::world_;

TEST_P(PermissionMatrix, EveryRoleGetsItsStatus) {
  const RouteCase& route = GetParam();
  for (const auto& role : kRoles) {
    SCOPED_TRACE(route.method + " " + route.pattern + " as " + role);
    std::string token = role == "anonymous" ? "" : tokens_.at(role);
    if (route.needs_fresh_session && role != "anonymous") {
      token = TokenOf(*server_, kAccountOf.at(role), world_.PasswordOf(role));
    }
    const Call call = route.valid(role, world_);
    const auto audit_before = server_->AuditCount();
    const auto events_before = server_->EventCount();

    HttpResult r;
    if (route.pattern == "/api/v1/stream") {
      r.status = StreamStatus(server_->port(), token);
    } else {
      HttpClient client("127.0.0.1", server_->port());
      client.SetToken(token);
      r = client.Request(route.method, call.target, call.body, call.headers);
    }

    const bool allowed = route.allowed.contains(role);
    if (allowed) {
      EXPECT_EQ(r.status, route.success) << r.body;
      continue;
    }
    const int expected = role == "anonymous" ? 401 : 403;
    EXPECT_EQ(r.status, expected) << r.body;
    if (route.pattern != "/api/v1/stream") {
      EXPECT_EQ(ErrorCodeOf(r), expected == 401 ? "unauthenticated" : "permission_denied");
      const auto v = r.Json();
      ASSERT_TRUE(v.is_object() && v.at("error").is_object()) << r.body;
      EXPECT_TRUE(v.at("error").as_object().contains("message"));
    }
    // A refused request writes nothing.
    EXPECT_EQ(server_->AuditCount(), audit_before);
    EXPECT_EQ(server_->EventCount(), events_before);
  }
}

std::string RouteName(const ::testing::TestParamInfo<RouteCase>& info) {
  std::string name = info.param.method + "_" + info.param.pattern;
  for (auto& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Permission, PermissionMatrix, ::testing::ValuesIn(Table()), RouteName);

TEST(PermissionTable, CoversEveryRouteOfTheRouterAndNoOther) {
  TestServer server;
  std::set<std::string> live, table;
  for (const auto& r : server.app().router().routes()) live.insert(r.method + " " + r.pattern);
  for (const auto& r : Table()) table.insert(r.method + " " + r.pattern);
  for (const auto& r : live) EXPECT_TRUE(table.contains(r)) << "route without a permission row: " << r;
  for (const auto& r : table) EXPECT_TRUE(live.contains(r)) << "permission row for no route: " << r;
  // The table says what the router declares: public routes are the ones open to anonymous.
  for (const auto& r : server.app().router().routes()) {
    for (const auto& row : Table()) {
      if (row.method != r.method || row.pattern != r.pattern) continue;
      EXPECT_EQ(row.allowed.contains("anonymous"), r.access.is_public) << r.method << " " << r.pattern;
    }
  }
}

TEST(PermissionTable, AnUnknownOrForgedTokenIsUnauthenticated) {
  TestServer server;
  HttpClient c("127.0.0.1", server.port());
  c.SetToken("0000000000000000000000000000000000000000000000000000000000000000");
  auto r = c.Get("/api/v1/events");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(ErrorCodeOf(r), "unauthenticated");
  EXPECT_NE(r.headers["www-authenticate"].find("Bearer"), std::string::npos);
  auto cookie = server.Anonymous()->Request("GET", "/api/v1/auth/me", "", {{"Cookie", "shaobing_session=forged"}});
  EXPECT_EQ(cookie.status, 401);
}

// ---------------------------------------------------------------------------------------------
// Scope: which events each account sees, and for which units it may report.

class PermissionScope : public ::testing::Test {
 protected:
  void SetUp() override {
    // A: 兴庆区委办 about 兴庆区 (640104). B: 应急管理厅 (direct) about 灵武市 (640181).
    // C: the region desk logs a phone report of 惠农区委办 about 惠农区 (640205).
    event_a_ = Submit("xingqing", FirstReportBy("640104-dw", "640104"), &report_a_);
    event_b_ = Submit("yjt", FirstReportBy("640000-yjt", "640181"), nullptr);
    event_c_ = Submit("desk", FirstReportBy("640205-dw", "640205", "phone"), &report_c_);
  }

  std::int64_t Submit(const std::string& account, const json::object& report, std::int64_t* report_id) {
    auto r = server_.ClientAs(account)->PostJson("/api/v1/reports", report);
    EXPECT_EQ(r.status, 201) << account << ": " << r.body;
    if (r.status != 201) return -1;
    if (report_id) *report_id = r.Json().at("id").as_int64();
    return r.Json().at("event_id").as_int64();
  }

  std::set<std::int64_t> Listed(const std::string& account) {
    auto r = server_.ClientAs(account)->Get("/api/v1/events?limit=100");
    EXPECT_EQ(r.status, 200) << r.body;
    std::set<std::int64_t> out;
    const json::value page = r.Json();
    for (const auto& e : page.at("events").as_array()) out.insert(e.at("id").as_int64());
    return out;
  }

  int Status(const std::string& account, std::int64_t event_id) {
    return server_.ClientAs(account)->Get("/api/v1/events/" + std::to_string(event_id)).status;
  }

  TestServer server_;
  std::int64_t event_a_ = 0, event_b_ = 0, event_c_ = 0, report_a_ = 0, report_c_ = 0;
};

TEST_F(PermissionScope, DeskSeesItsRegionSubtreeOnly) {
  EXPECT_EQ(Listed("desk"), (std::set<std::int64_t>{event_a_, event_b_, event_c_}));
  EXPECT_EQ(Listed("desk-yinchuan"), (std::set<std::int64_t>{event_a_, event_b_}));
  auto yc = server_.ClientAs("desk-yinchuan");
  auto r = yc->Get("/api/v1/events/" + std::to_string(event_c_));
  EXPECT_EQ(r.status, 404);  // like an id that does not exist
  EXPECT_EQ(ErrorCodeOf(r), "unknown_event");
  r = yc->Get("/api/v1/reports/" + std::to_string(report_c_));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(ErrorCodeOf(r), "unknown_report");
  EXPECT_EQ(Status("desk-yinchuan", event_a_), 200);
  EXPECT_EQ(Status("desk", event_c_), 200);
}

TEST_F(PermissionScope, LeaderExpertAndAdminReadTheWholeRegion) {
  for (const char* account : {"leader", "expert", "admin"}) {
    SCOPED_TRACE(account);
    EXPECT_EQ(Listed(account), (std::set<std::int64_t>{event_a_, event_b_, event_c_}));
    EXPECT_EQ(Status(account, event_c_), 200);
  }
}

TEST_F(PermissionScope, ReporterSeesOnlyEventsItsUnitReportedOn) {
  // 应急管理厅 is no Party office: it sees what it reported, nothing else.
  EXPECT_EQ(Listed("yjt"), (std::set<std::int64_t>{event_b_}));
  EXPECT_EQ(Status("yjt", event_b_), 200);
  auto yjt = server_.ClientAs("yjt");
  auto r = yjt->Get("/api/v1/events/" + std::to_string(event_a_));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(ErrorCodeOf(r), "unknown_event");
  r = yjt->Get("/api/v1/reports/" + std::to_string(report_a_));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(ErrorCodeOf(r), "unknown_report");
  // 大武口区委办 reported nothing and no event lies in its county.
  EXPECT_TRUE(Listed("dawukou").empty());
  EXPECT_EQ(Status("dawukou", event_a_), 404);
}

TEST_F(PermissionScope, PartyOfficeOfTheCountySeesEventsInItsCounty) {
  // 灵武市委办 did not report on B, but B happened in 灵武市: it is copied.
  EXPECT_EQ(Listed("lingwu"), (std::set<std::int64_t>{event_b_}));
  EXPECT_EQ(Status("lingwu", event_b_), 200);
  EXPECT_EQ(Status("lingwu", event_a_), 404);
  EXPECT_EQ(Status("lingwu", event_c_), 404);
  // 兴庆区委办 sees its own A and nothing of 灵武市 or 惠农区.
  EXPECT_EQ(Listed("xingqing"), (std::set<std::int64_t>{event_a_}));
  EXPECT_EQ(Status("xingqing", event_b_), 404);
}

TEST_F(PermissionScope, ReporterCannotReportForAnotherUnitNorByPhone) {
  auto xq = server_.ClientAs("xingqing");
  const auto audit = server_.AuditCount();
  const auto events = server_.EventCount();
  auto r = xq->PostJson("/api/v1/reports", FirstReportBy("640181-dw", "640181"));
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(ErrorCodeOf(r), "foreign_unit");
  EXPECT_EQ(r.Json().at("error").at("field").as_string(), "unit");
  r = xq->PostJson("/api/v1/reports", FirstReportBy("640104-dw", "640104", "phone"));
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(ErrorCodeOf(r), "phone_by_desk_only");
  EXPECT_EQ(r.Json().at("error").at("field").as_string(), "channel");
  EXPECT_EQ(server_.AuditCount(), audit);
  EXPECT_EQ(server_.EventCount(), events);
}

TEST_F(PermissionScope, DeskLogsOnlyPhoneReportsOfUnitsInItsRegion) {
  auto desk = server_.ClientAs("desk");
  auto yc = server_.ClientAs("desk-yinchuan");
  const auto audit = server_.AuditCount();
  const auto events = server_.EventCount();
  auto r = desk->PostJson("/api/v1/reports", FirstReportBy("640202-dw", "640202", "written"));
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(ErrorCodeOf(r), "desk_logs_phone_only");
  r = yc->PostJson("/api/v1/reports", FirstReportBy("640205-dw", "640205", "phone"));
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(ErrorCodeOf(r), "unit_outside_region");
  EXPECT_EQ(r.Json().at("error").at("field").as_string(), "unit");
  EXPECT_EQ(server_.AuditCount(), audit);
  EXPECT_EQ(server_.EventCount(), events);
  // Inside its subtree it may.
  r = yc->PostJson("/api/v1/reports", FirstReportBy("640181-dw", "640181", "phone"));
  EXPECT_EQ(r.status, 201) << r.body;
}

TEST_F(PermissionScope, RolesThatDoNotReportAreRefusedBeforeTheBodyIsRead) {
  // Even a malformed body gets 403, not 400: the role check comes first and reveals nothing.
  for (const char* account : {"leader", "expert", "admin"}) {
    SCOPED_TRACE(account);
    auto c = server_.ClientAs(account);
    auto r = c->Post("/api/v1/reports", "{not json");
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(ErrorCodeOf(r), "permission_denied");
  }
}

}  // namespace
}  // namespace shaobing
