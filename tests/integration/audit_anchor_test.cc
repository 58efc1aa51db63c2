// The audit chain anchored outside the database (store/audit_anchor.h), tampered with as
// someone holding the database file would: through SQLite with the triggers dropped. Checked
// with `shaobing audit verify` as an operator runs it, and over GET /api/v1/audit/verify.
#include "store/audit_anchor.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "app/app.h"
#include "testing/audit_tamper.h"
#include "testing/process.h"
#include "testing/test_data.h"
#include "testing/test_server.h"

namespace shaobing {
namespace {
namespace json = boost::json;

class AuditAnchorCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("shaobing-anchor-cli-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  testing::ProcessResult Cli(std::vector<std::string> args) {
    args.insert(args.begin(), SHAOBING_BINARY);
    return testing::RunProcess(args, "duty-officer-password\n");
  }
  // Four accounts, each added by its own process: each its own commit, anchored alone.
  void AddUsers(std::vector<std::string> extra = {}) {
    for (int i = 0; i < 4; ++i) {
      std::vector<std::string> args{"user",   "add",    "--data",   Data(),  "--name", "u" + std::to_string(i),
                                    "--role", "leader", "--region", "640000"};
      args.insert(args.end(), extra.begin(), extra.end());
      auto r = Cli(args);
      ASSERT_EQ(r.status, 0) << r.err;
    }
  }
  json::object Verify(int expected_status, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"audit", "verify", "--data", Data()};
    args.insert(args.end(), extra.begin(), extra.end());
    last_ = Cli(args);
    EXPECT_EQ(last_.status, expected_status) << last_.out << last_.err;
    auto v = json::parse(last_.out.empty() ? "{}" : last_.out);
    return v.is_object() ? v.as_object() : json::object();
  }
  std::string Data() const { return dir_.string(); }
  std::string DbPath() const { return (dir_ / "shaobing.db").string(); }
  std::filesystem::path AnchorFile() const { return dir_ / "audit-anchor.log"; }

  std::filesystem::path dir_;
  testing::ProcessResult last_;
};

unsigned Mode(const std::filesystem::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode & 0777;
}

TEST_F(AuditAnchorCliTest, AnIntactLogVerifiesWithEveryRecordAnchored) {
  AddUsers();
  auto v = Verify(0);
  EXPECT_TRUE(v.at("ok").as_bool());
  EXPECT_GE(v.at("records").as_int64(), 6);
  EXPECT_EQ(v.at("anchored_seq").as_int64(), v.at("records").as_int64());
  EXPECT_EQ(v.at("unanchored").as_int64(), 0);
  EXPECT_EQ(Mode(dir_ / "audit-signing.key"), 0600u);
  EXPECT_EQ(Mode(AnchorFile()), 0600u);
  EXPECT_TRUE(std::filesystem::exists(dir_ / "audit-signing.pub"));
}

TEST_F(AuditAnchorCliTest, DeletingTheTailIsReportedAsTruncation) {
  AddUsers();
  const auto records = Verify(0).at("records").as_int64();
  testing::TamperedDb(DbPath()).Truncate(records - 2);
  auto v = Verify(1);
  EXPECT_FALSE(v.at("ok").as_bool());
  EXPECT_EQ(v.at("reason").as_string(), "audit_truncated");
  EXPECT_EQ(v.at("records").as_int64(), records - 2);
  EXPECT_EQ(v.at("broken_at").as_int64(), records - 1);
  const std::string message = "审计日志被截断：锚点记录到第 " + std::to_string(records) + " 条，数据库只有 " +
                              std::to_string(records - 2) + " 条";
  EXPECT_NE(last_.err.find(message), std::string::npos) << last_.err;
}

TEST_F(AuditAnchorCliTest, ARewriteWithTheChainRecomputedIsReportedAtTheRewrittenRecord) {
  AddUsers();
  const auto seq = std::stoll(testing::TamperedDb(DbPath()).Text(
      "SELECT seq FROM audit WHERE action = 'user.create' ORDER BY seq LIMIT 1 OFFSET 1"));
  {
    testing::TamperedDb db(DbPath());
    const std::string detail =
        db.Text("SELECT replace(detail, 'leader', 'admin') FROM audit WHERE seq = " + std::to_string(seq));
    ASSERT_NE(detail.find("admin"), std::string::npos) << detail;
    db.Rewrite(seq, detail);
  }
  auto v = Verify(1);
  EXPECT_FALSE(v.at("ok").as_bool());
  EXPECT_EQ(v.at("reason").as_string(), "audit_rewritten");
  EXPECT_EQ(v.at("broken_at").as_int64(), seq);
  EXPECT_EQ(v.at("records").as_int64(), v.at("anchored_seq").as_int64() + v.at("unanchored").as_int64());
  EXPECT_NE(last_.err.find("第 " + std::to_string(seq) + " 条与锚点不符（被改写"), std::string::npos) << last_.err;
}

TEST_F(AuditAnchorCliTest, AnAlteredAnchorLineFailsItsSignature) {
  AddUsers();
  std::vector<std::string> lines;
  {
    std::ifstream in(AnchorFile());
    for (std::string line; std::getline(in, line);) lines.push_back(line);
  }
  ASSERT_GE(lines.size(), 4u);
  // Move the second anchor's time by one millisecond: everything else stays true.
  auto forged = json::parse(lines[1]).as_object();
  forged["at"] = forged["at"].as_int64() + 1;
  lines[1] = json::serialize(forged);
  {
    std::ofstream out(AnchorFile(), std::ios::trunc);
    for (const auto& line : lines) out << line << "\n";
  }
  auto v = Verify(1);
  EXPECT_FALSE(v.at("ok").as_bool());
  EXPECT_EQ(v.at("reason").as_string(), "audit_anchor_signature");
  EXPECT_NE(last_.err.find("锚点签名无效"), std::string::npos) << last_.err;
  EXPECT_NE(last_.err.find("第 2 行"), std::string::npos) << last_.err;
}

TEST_F(AuditAnchorCliTest, ADeletedAnchorFileIsReported) {
  AddUsers();
  std::filesystem::remove(AnchorFile());
  auto v = Verify(1);
  EXPECT_FALSE(v.at("ok").as_bool());
  EXPECT_EQ(v.at("reason").as_string(), "audit_anchor_missing");
  EXPECT_NE(last_.err.find("锚点文件缺失"), std::string::npos) << last_.err;
  Verify(1);  // and stays reported: opening the store did not start over
}

TEST_F(AuditAnchorCliTest, ADatabaseFromBeforeAnchoringIsAnchoredWhenOpened) {
  {
    AppConfig config;  // the store as it was: no anchoring
    config.data_dir = Data();
    config.files_dir = testing::SourceDir() + "/data";
    config.audit_anchor.enabled = false;
    auto app = App::Build(config);
    ASSERT_TRUE(app);
    ASSERT_TRUE((*app)->auth().AddUser({"old0", "", "duty-officer-password", "leader", "", "640000"}, "cli"));
  }
  {
    testing::TamperedDb db(DbPath());  // and its schema of that time
    db.Exec(
        "DROP TABLE handovers; DROP TABLE duty_log; DROP TABLE escalation_acks; DROP TABLE escalation_steps; "
        "DROP TABLE duty_shifts; "
        "DROP TABLE consultation_answers; DROP TABLE consultation_invitees; DROP TABLE consultations; "
        "DROP TABLE attachment_links; DROP TABLE attachment_uploads; DROP TABLE attachments; "
        "DROP TABLE notification_attempts; DROP TABLE notification_outbox; DROP TABLE change_log; "
        "DROP TABLE clock_transitions; DROP TABLE clock_states; DROP TABLE event_closures; DROP TABLE desk_reports; "
        "DROP TABLE audit_anchoring; DELETE FROM schema_migrations WHERE version >= 7");
  }
  ASSERT_FALSE(std::filesystem::exists(AnchorFile()));
  auto v = Verify(0);
  EXPECT_TRUE(v.at("ok").as_bool());
  EXPECT_EQ(v.at("unanchored").as_int64(), 0);
  EXPECT_EQ(v.at("anchored_seq").as_int64(), v.at("records").as_int64());
  EXPECT_TRUE(std::filesystem::exists(AnchorFile()));
  AddUsers();
  EXPECT_TRUE(Verify(0).at("ok").as_bool());
}

TEST_F(AuditAnchorCliTest, TheKeyAndTheAnchorCanLiveOutsideTheDataDirectory) {
  const auto elsewhere = dir_ / "elsewhere";
  std::filesystem::create_directories(elsewhere);
  const std::vector<std::string> files{"--audit-key", (elsewhere / "signing.key").string(), "--audit-anchor",
                                       (elsewhere / "anchor.log").string()};
  AddUsers(files);
  {
    testing::ServerProcess server(SHAOBING_BINARY, Data(), files);
    server.Kill(SIGTERM);
  }
  EXPECT_TRUE(std::filesystem::exists(elsewhere / "signing.pub"));
  EXPECT_EQ(Mode(elsewhere / "anchor.log"), 0600u);
  EXPECT_FALSE(std::filesystem::exists(AnchorFile()));
  auto v = Verify(0, files);
  EXPECT_TRUE(v.at("ok").as_bool());
  EXPECT_EQ(v.at("unanchored").as_int64(), 0);
}

TEST(AuditAnchorApiTest, VerifyOverHttpShowsTheAnchor) {
  testing::TestServer server;
  auto admin = server.ClientAs("admin");
  auto r = admin->Get("/api/v1/audit/verify");
  ASSERT_EQ(r.status, 200);
  auto v = r.Json().as_object();
  EXPECT_TRUE(v.at("ok").as_bool());
  EXPECT_EQ(v.at("anchored_seq").as_int64(), v.at("records").as_int64());
  EXPECT_EQ(v.at("unanchored").as_int64(), 0);
  std::filesystem::remove(server.dir() / "audit-anchor.log");
  v = admin->Get("/api/v1/audit/verify").Json().as_object();
  EXPECT_FALSE(v.at("ok").as_bool());
  EXPECT_EQ(v.at("reason").as_string(), "audit_anchor_missing");
  EXPECT_NE(std::string(v.at("message").as_string()).find("锚点文件缺失"), std::string::npos);
}

}  // namespace
}  // namespace shaobing
