// The command line of CONTRACTS.md §3, driven as outside checks drive it.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "testing/http_client.h"
#include "testing/process.h"
#include "testing/test_data.h"

namespace shaobing {
namespace {
namespace json = boost::json;
using testing::RunProcess;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("shaobing-cli-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  testing::ProcessResult Cli(std::vector<std::string> args, const std::string& input = "") {
    args.insert(args.begin(), SHAOBING_BINARY);
    return RunProcess(args, input);
  }
  std::string Data() const { return dir_.string(); }
  std::filesystem::path dir_;
};

TEST_F(CliTest, UserAddReadsThePasswordFromStdinAndPrintsTheId) {
  auto r = Cli({"user", "add", "--data", Data(), "--name", "desk1", "--role", "desk", "--region", "640000"},
               "duty-officer-password\n");
  ASSERT_EQ(r.status, 0) << r.err;
  auto out = json::parse(r.out);
  EXPECT_GT(out.at("id").as_int64(), 0);
  r = Cli({"user", "add", "--data", Data(), "--name", "desk1", "--role", "desk", "--region", "640000"},
          "duty-officer-password\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("desk1"), std::string::npos) << r.err;
}

TEST_F(CliTest, BadInputExitsTwoWithOneLineNamingIt) {
  auto r = Cli({"user", "add", "--data", Data(), "--name", "x", "--role", "chief"}, "duty-officer-password\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("chief"), std::string::npos);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  r = Cli({"user", "add", "--data", Data(), "--name", "x", "--role", "reporter", "--unit", "no-such-unit"},
          "duty-officer-password\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("no-such-unit"), std::string::npos);
  r = Cli({"user", "add", "--data", Data(), "--name", "x", "--role", "leader", "--region", "640000"}, "short\n");
  EXPECT_EQ(r.status, 2);
  r = Cli({"serve", "--data", Data(), "--listen", "nonsense"});
  EXPECT_EQ(r.status, 2);
  r = Cli({"frobnicate"});
  EXPECT_EQ(r.status, 2);
}

TEST_F(CliTest, AuditVerifyReportsTheFirstBrokenLinkAfterTampering) {
  for (int i = 0; i < 4; ++i) {
    ASSERT_EQ(Cli({"user", "add", "--data", Data(), "--name", "u" + std::to_string(i), "--role", "leader", "--region",
                   "640000"},
                  "duty-officer-password\n")
                  .status,
              0);
  }
  auto r = Cli({"audit", "verify", "--data", Data()});
  ASSERT_EQ(r.status, 0) << r.err;
  auto ok = json::parse(r.out);
  EXPECT_TRUE(ok.at("ok").as_bool());
  const auto records = ok.at("records").as_int64();
  EXPECT_GE(records, 6);  // regions and units imported, four accounts
  // Tamper with the first account's record directly in the database file.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "shaobing.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* first = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT MIN(seq) FROM audit WHERE action = 'user.create'", -1, &first, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(first), SQLITE_ROW);
  const std::int64_t seq = sqlite3_column_int64(first, 0);
  sqlite3_finalize(first);
  ASSERT_EQ(sqlite3_exec(db,
                         ("DROP TRIGGER audit_is_append_only; "
                          "UPDATE audit SET detail = replace(detail, 'leader', 'admin') WHERE seq = " +
                          std::to_string(seq))
                             .c_str(),
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  r = Cli({"audit", "verify", "--data", Data()});
  EXPECT_EQ(r.status, 1);
  auto broken = json::parse(r.out);
  EXPECT_FALSE(broken.at("ok").as_bool());
  EXPECT_EQ(broken.at("broken_at").as_int64(), seq);
  EXPECT_NE(r.err.find("第 " + std::to_string(seq) + " 条"), std::string::npos) << r.err;
}

TEST_F(CliTest, ImportUnitsFromCsvAndYamlNamesTheBadLine) {
  auto r = Cli({"import-units", (testing::SourceDir() + "/testdata/units/sample-units.csv"), "--data", Data()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(json::parse(r.out).at("imported").as_int64(), 12);
  r = Cli({"import-units", (testing::SourceDir() + "/testdata/units/bad-units.csv"), "--data", Data()});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("第 3 行"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("firestation"), std::string::npos) << r.err;
  r = Cli({"import-units", (testing::SourceDir() + "/data/units/ningxia-units.yaml"), "--data", Data()});
  EXPECT_EQ(r.status, 0) << r.err;
}

TEST_F(CliTest, ReportSubmitAndEventShow) {
  ASSERT_EQ(Cli({"user", "add", "--data", Data(), "--name", "xq", "--role", "reporter", "--unit", "640104-dw"},
                "duty-officer-password\n")
                .status,
            0);
  const auto file = dir_ / "report.json";
  std::ofstream(file) << testing::FirstReportJson();
  auto r = Cli({"report", "submit", file.string(), "--data", Data(), "--user", "xq"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto accepted = json::parse(r.out);
  EXPECT_EQ(accepted.at("sequence").as_int64(), 0);
  r = Cli({"event", "show", std::to_string(accepted.at("event_id").as_int64()), "--data", Data()});
  ASSERT_EQ(r.status, 0) << r.err;
  auto event = json::parse(r.out);
  EXPECT_EQ(event.at("title").as_string(), "兴庆区一居民楼发生火灾");
  EXPECT_EQ(event.at("reports").as_array().size(), 1u);
  std::ofstream(file) << "{\"kind\": \"first\"}";
  r = Cli({"report", "submit", file.string(), "--data", Data(), "--user", "xq"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("occurred_at"), std::string::npos) << r.err;
  r = Cli({"event", "show", "999", "--data", Data()});
  EXPECT_EQ(r.status, 2);
}

TEST_F(CliTest, MigrateReportsTheSchemaVersion) {
  auto r = Cli({"migrate", "--data", Data()});
  ASSERT_EQ(r.status, 0) << r.err;
  // The number of the newest migration shipped (src/store/migrations/NNNN_*.sql).
  int newest = 0;
  for (const auto& f : std::filesystem::directory_iterator(testing::SourceDir() + "/src/store/migrations")) {
    newest = std::max(newest, std::stoi(f.path().filename().string().substr(0, 4)));
  }
  EXPECT_GE(newest, 7);
  EXPECT_EQ(json::parse(r.out).at("version").as_int64(), newest);
}

TEST_F(CliTest, ServeStopsGracefullyOnSigterm) {
  testing::ServerProcess server(SHAOBING_BINARY, Data());
  testing::HttpClient c("127.0.0.1", static_cast<std::uint16_t>(server.port()));
  EXPECT_EQ(c.Get("/healthz").status, 200);
  auto units = c.Get("/api/v1/units");
  EXPECT_EQ(units.status, 401);
  server.Kill(SIGTERM);
  EXPECT_EQ(server.exit_status(), 0);
}

TEST_F(CliTest, ServeDemoSeedsAccountsAndReports) {
  testing::ServerProcess server(SHAOBING_BINARY, Data(), {"--demo"});
  testing::HttpClient c("127.0.0.1", static_cast<std::uint16_t>(server.port()));
  ASSERT_EQ(c.Login("desk", "Shaobing-Desk-2026").status, 200);
  auto events = c.Get("/api/v1/events?limit=100").Json();
  EXPECT_GE(events.at("events").as_array().size(), 10u);
  auto units = c.Get("/api/v1/units").Json();
  EXPECT_GE(units.at("units").as_array().size(), 100u);
  server.Kill(SIGTERM);
  // A second start finds the demo seeded and does not duplicate it.
  testing::ServerProcess again(SHAOBING_BINARY, Data(), {"--demo"});
  testing::HttpClient c2("127.0.0.1", static_cast<std::uint16_t>(again.port()));
  ASSERT_EQ(c2.Login("desk", "Shaobing-Desk-2026").status, 200);
  EXPECT_EQ(c2.Get("/api/v1/events?limit=100").Json().at("events").as_array().size(),
            events.at("events").as_array().size());
}

}  // namespace
}  // namespace shaobing

namespace shaobing {
namespace {

TEST_F(CliTest, SimulateThenEvalLinkPrintsTheContractFields) {
  auto r = Cli({"simulate", "--seed", "11", "--events", "60", "--out", Data()});
  ASSERT_EQ(r.status, 0) << r.err;
  r = Cli({"eval", "link", "--reports", Data() + "/reports.ndjson", "--truth", Data() + "/truth.ndjson"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto out = json::parse(r.out).as_object();
  for (const char* key : {"reports", "events_true", "events_found", "pairwise_precision", "pairwise_recall",
                          "pairwise_f1", "bcubed_f1", "reports_per_second"}) {
    EXPECT_TRUE(out.contains(key)) << key;
  }
  EXPECT_EQ(out.at("events_true").as_int64(), 60);
  EXPECT_GT(out.at("pairwise_f1").to_number<double>(), 0.9);
  r = Cli({"eval", "link", "--reports", Data() + "/missing.ndjson", "--truth", Data() + "/truth.ndjson"});
  EXPECT_EQ(r.status, 2);
}

}  // namespace
}  // namespace shaobing
