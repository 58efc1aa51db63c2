// The probes of the outside review of issue "safe to deploy", each tried as the reviewer did:
// against the real binary started with `serve --demo`, over real HTTP. Every probe must fail.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "testing/http_client.h"
#include "testing/process.h"
#include "testing/raw_connection.h"

namespace shaobing {
namespace {
namespace json = boost::json;
namespace fs = std::filesystem;
using testing::HttpClient;
using testing::HttpResult;

class OutsideReview : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("shaobing-review-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "web");
    std::ofstream(dir_ / "web" / "index.html") << "<!doctype html><title>哨兵</title>";
    server_ = new testing::ServerProcess(SHAOBING_BINARY, (dir_ / "data").string(),
                                         {"--demo", "--web", (dir_ / "web").string()});
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    fs::remove_all(dir_);
  }

 protected:
  static std::unique_ptr<HttpClient> Client() {
    return std::make_unique<HttpClient>("127.0.0.1", static_cast<std::uint16_t>(server_->port()));
  }
  static std::unique_ptr<HttpClient> As(const std::string& name, const std::string& password) {
    auto c = Client();
    auto r = c->Login(name, password);
    if (r.status != 200) throw std::runtime_error("cannot log in as " + name + ": " + r.body);
    return c;
  }
  static fs::path dir_;
  static testing::ServerProcess* server_;
};
fs::path OutsideReview::dir_;
testing::ServerProcess* OutsideReview::server_ = nullptr;

// §2.1: any file of the machine, the database included, downloaded without login.
TEST_F(OutsideReview, NoFileOutsideTheWebRootIsServed) {
  auto anon = Client();
  std::ifstream in("/etc/hostname");
  std::string hostname;
  std::getline(in, hostname);
  const std::string db = (dir_ / "data" / "shaobing.db").string();
  for (const std::string& target : {std::string("//etc/hostname"), std::string("//proc/self/cmdline"), "/" + db,
                                    std::string("/%2e%2e/data/shaobing.db"), std::string("/..%2fdata%2fshaobing.db")}) {
    auto r = anon->Get(target);
    EXPECT_TRUE(r.status == 404 || r.status == 400) << target << " -> " << r.status;
    EXPECT_EQ(r.body.find("SQLite format 3"), std::string::npos) << target;
    if (!hostname.empty()) {
      EXPECT_EQ(r.body.find(hostname), std::string::npos) << target;
    }
  }
}

// §2.3: /metrics written by anyone through a 405's raw path.
TEST_F(OutsideReview, MetricsCannotBeWrittenByAClient) {
  auto anon = Client();
  anon->Request("DELETE", "/api/v1/events/x%22%7D%201%0Afake_total%201%0A%23");
  anon->Request("DELETE", "/api/v1/events/x%22%7D%201%20fake_total%201");
  EXPECT_EQ(anon->Get("/metrics").body.find("fake_total"), std::string::npos);
}

// §2.4: a reporter reads other units' reports by joining.
TEST_F(OutsideReview, AReporterCannotReadOtherUnitsReportsByJoining) {
  auto desk = As("desk", "Shaobing-Desk-2026");
  auto yjt = As("yjt", "Shaobing-Yjt-2026");
  // An event of the demo that 应急管理厅 did not report on.
  std::int64_t event = 0;
  json::object view;
  const auto list = desk->Get("/api/v1/events?limit=200").Json();
  for (const auto& e : list.at("events").as_array()) {
    auto v = desk->Get("/api/v1/events/" + std::to_string(e.at("id").as_int64())).Json().as_object();
    bool yjt_in = false;
    for (const auto& u : v.at("units").as_array()) yjt_in = yjt_in || u.at("unit").as_string() == "640000-yjt";
    if (!yjt_in && v.at("category").as_string() == "fire") {
      event = e.at("id").as_int64();
      view = std::move(v);
      break;
    }
  }
  ASSERT_NE(event, 0) << "the demo has a fire 应急管理厅 did not report on";
  const std::string path = "/api/v1/events/" + std::to_string(event);
  auto before = yjt->Get(path);
  EXPECT_EQ(before.status, 404);
  auto unknown = yjt->Get("/api/v1/events/99999999");
  EXPECT_EQ(before.Json().at("error").at("code"), unknown.Json().at("error").at("code"))
      << "an event it may not see answers like an unknown one";
  json::object join{{"kind", "first"},
                    {"event_id", event},
                    {"unit", "640000-yjt"},
                    {"channel", "written"},
                    {"category", "fire"},
                    {"title", "应急管理厅核查火灾"},
                    {"occurred_at", view.at("occurred_at")},
                    {"location", {{"region", view.at("region")}, {"address", ""}}},
                    {"parties", "应急管理厅工作组"},
                    {"description", "已派工作组赶赴现场核查起火原因。"}};
  auto joined = yjt->PostJson("/api/v1/reports", join);
  ASSERT_TRUE(joined.status == 201 || joined.status == 404) << joined.body;
  auto after = yjt->Get(path);
  if (joined.status == 404) {
    EXPECT_EQ(after.status, 404);
    return;
  }
  ASSERT_EQ(after.status, 200);
  const auto shared = after.Json().as_object();
  EXPECT_TRUE(shared.at("restricted").as_bool());
  for (const auto& r : shared.at("reports").as_array()) EXPECT_EQ(r.at("unit").as_string(), "640000-yjt");
  for (const auto& r : view.at("reports").as_array()) {
    EXPECT_EQ(after.body.find(std::string(r.at("description").as_string())), std::string::npos)
        << "another unit's report shows through";
    EXPECT_EQ(yjt->Get("/api/v1/reports/" + std::to_string(r.at("id").as_int64())).status, 404);
  }
}

// §2.5: logins are throttled; §2.6: cross-site writes are refused.
TEST_F(OutsideReview, GuessingIsThrottledAndCrossSiteWritesRefused) {
  auto anon = Client();
  int status = 0;
  for (int i = 0; i < 8 && status != 429; ++i) {
    status = anon->PostJson("/api/v1/auth/login",
                            json::object{{"name", "expert"}, {"password", "guess-" + std::to_string(i)}})
                 .status;
  }
  EXPECT_EQ(status, 429);
  auto desk = As("desk", "Shaobing-Desk-2026");
  EXPECT_EQ(desk->Request("POST", "/api/v1/auth/logout", "a=b", {{"Content-Type", "application/x-www-form-urlencoded"}})
                .status,
            415);
  EXPECT_EQ(desk->Request("POST", "/api/v1/auth/logout", "{}", {{"Origin", "https://attacker.example"}}).status, 403);
  EXPECT_EQ(desk->Get("/api/v1/auth/me").status, 200);
}

// §2.9: permissions of the data directory, 1e300 in a ruling, an oversized header.
TEST_F(OutsideReview, SmallOnes) {
  struct stat st {};
  ASSERT_EQ(::stat((dir_ / "data").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  ASSERT_EQ(::stat((dir_ / "data" / "shaobing.db").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto desk = As("desk", "Shaobing-Desk-2026");
  const auto id = desk->Get("/api/v1/events?limit=1").Json().at("events").as_array()[0].at("id").as_int64();
  auto r = desk->Post("/api/v1/events/" + std::to_string(id) + "/resolutions",
                      R"({"figure":"deaths","value":1e300,"reason":"核实"})");
  EXPECT_EQ(r.status, 400) << r.body;
  testing::RawConnection raw(server_->port());
  raw.Send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
  EXPECT_EQ(raw.ReadResponse().status, 431);
}

}  // namespace
}  // namespace shaobing
