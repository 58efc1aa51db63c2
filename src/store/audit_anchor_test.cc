#include "store/audit_anchor.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "store/audit_verify.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/audit_tamper.h"

namespace shaobing {
namespace {

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

unsigned Mode(const std::filesystem::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode & 0777;
}

std::string ArgOf(const Error& e, const std::string& name) {
  for (const auto& a : e.args) {
    if (a.name == name) return a.value;
  }
  return "";
}

class AuditAnchorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("shaobing-anchor-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Db() const { return (dir_ / "shaobing.db").string(); }
  std::filesystem::path AnchorFile() const { return dir_ / "audit-anchor.log"; }

  std::unique_ptr<SqliteStore> Open(AuditAnchorOptions anchor = {}) {
    auto s = SqliteStore::Open({.path = Db(), .clock = &clock_, .audit_anchor = anchor});
    EXPECT_TRUE(s) << (s ? "" : s.error().reason);
    return s ? std::move(*s) : nullptr;
  }
  // One commit appending `n` audit records.
  Status Append(Store& store, int n) {
    return store.Write([n](Transaction& tx) -> Status {
      for (int i = 0; i < n; ++i) {
        if (auto s = tx.Audit("test", "test.write", "x", {{"i", i}}); !s) return s;
      }
      return {};
    });
  }
  AuditVerification Verify(SqliteStore& store) {
    auto v = VerifyAnchoredChain(store, store.audit_anchor());
    EXPECT_TRUE(v) << (v ? "" : v.error().reason);
    return v ? *v : AuditVerification{};
  }
  std::vector<AnchorCheckpoint> Checkpoints() {
    std::vector<AnchorCheckpoint> out;
    const auto file = ReadAnchorFile(AnchorFile().string()).value();
    for (const auto& line : file.lines) {
      if (line.checkpoint) out.push_back(*line.checkpoint);
    }
    return out;
  }
  std::int64_t Head(Store& store) { return static_cast<std::int64_t>(store.ReadAudit(0, 1000000)->size()); }

  std::filesystem::path dir_;
  ManualClock clock_{ParseIsoTime("2026-12-01T09:00:00+08:00").value()};
};

TEST_F(AuditAnchorTest, KeyIsCreatedPrivateWithItsPublicKeyAndLoadedAgain) {
  const auto file = (dir_ / "audit-signing.key").string();
  auto key = AuditSigningKey::LoadOrCreate(file);
  ASSERT_TRUE(key);
  EXPECT_EQ(Mode(file), 0600u);
  EXPECT_EQ(PublicKeyFile(file), (dir_ / "audit-signing.pub").string());
  EXPECT_EQ(ReadFile(dir_ / "audit-signing.pub"), key->public_key_hex() + "\n");
  auto again = AuditSigningKey::LoadOrCreate(file);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->public_key_hex(), key->public_key_hex());
  EXPECT_EQ(LoadPublicKeyHex(file).value(), key->public_key_hex());
  std::filesystem::remove(file);  // a verifier without the secret key reads the .pub
  EXPECT_EQ(LoadPublicKeyHex(file).value(), key->public_key_hex());
  std::filesystem::remove(dir_ / "audit-signing.pub");
  EXPECT_EQ(LoadPublicKeyHex(file).error().reason, "audit_key_missing");
}

TEST_F(AuditAnchorTest, AFileThatIsNotAKeyIsRefused) {
  const auto file = (dir_ / "audit-signing.key").string();
  std::ofstream(file) << "not a key\n";
  auto key = AuditSigningKey::LoadOrCreate(file);
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().reason, "audit_key_invalid");
  EXPECT_EQ(ArgOf(key.error(), "file"), file);
}

TEST_F(AuditAnchorTest, ACheckpointLineRoundTripsAndItsSignatureCoversSeqHashAndTime) {
  auto key = AuditSigningKey::LoadOrCreate((dir_ / "k.key").string()).value();
  const std::string hash(64, 'a');
  AnchorCheckpoint c{7, hash, 1764550800000, key.Sign(SignedAnchorText(7, hash, 1764550800000))};
  const std::string line = FormatAnchorLine(c);
  ASSERT_EQ(line.back(), '\n');
  auto parsed = ParseAnchorLine(std::string_view(line).substr(0, line.size() - 1));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->seq, 7);
  EXPECT_EQ(parsed->hash, hash);
  EXPECT_EQ(parsed->at, 1764550800000);
  EXPECT_TRUE(VerifyAnchorSignature(key.public_key_hex(), SignedAnchorText(7, hash, 1764550800000), parsed->sig));
  EXPECT_FALSE(VerifyAnchorSignature(key.public_key_hex(), SignedAnchorText(8, hash, 1764550800000), parsed->sig));
  EXPECT_FALSE(VerifyAnchorSignature(key.public_key_hex(), SignedAnchorText(7, std::string(64, 'b'), 1764550800000),
                                     parsed->sig));
  EXPECT_FALSE(VerifyAnchorSignature(key.public_key_hex(), SignedAnchorText(7, hash, 1764550800001), parsed->sig));
  EXPECT_FALSE(ParseAnchorLine("{\"seq\":7}"));
  EXPECT_FALSE(ParseAnchorLine(R"({"seq":7,"hash":"AA","at":1,"sig":"00"})"));
  EXPECT_FALSE(ParseAnchorLine(line.substr(0, 40)));
}

TEST_F(AuditAnchorTest, AppendCreatesAPrivateFileAndClosesALineTornByACrash) {
  auto key = AuditSigningKey::LoadOrCreate((dir_ / "k.key").string()).value();
  const auto file = AnchorFile().string();
  ASSERT_TRUE(AppendAnchor(file, key, 1, std::string(64, '1'), clock_.Now(), true));
  EXPECT_EQ(Mode(file), 0600u);
  std::ofstream(file, std::ios::app) << "{\"seq\":2,\"ha";  // power lost mid-line
  ASSERT_TRUE(AppendAnchor(file, key, 3, std::string(64, '3'), clock_.Now(), true));
  auto read = ReadAnchorFile(file).value();
  ASSERT_EQ(read.lines.size(), 3u);
  EXPECT_TRUE(read.lines[0].checkpoint);
  EXPECT_FALSE(read.lines[1].checkpoint);
  ASSERT_TRUE(read.lines[2].checkpoint);
  EXPECT_EQ(read.lines[2].checkpoint->seq, 3);
}

TEST_F(AuditAnchorTest, EveryCommitIsAnchoredBeforeItIsAcknowledged) {
  auto store = Open();
  for (int i = 1; i <= 4; ++i) {
    ASSERT_TRUE(Append(*store, i));
    auto checkpoints = Checkpoints();
    ASSERT_FALSE(checkpoints.empty());
    EXPECT_EQ(checkpoints.back().seq, Head(*store));  // already there when Write returned
  }
  // The first commit opened anchoring: its records, then the start record, anchored at once.
  auto audit = store->ReadAudit(0, 100).value();
  EXPECT_EQ(audit[1].action, kAnchorStartAction);
  EXPECT_EQ(Checkpoints().front().seq, 2);
  auto v = Verify(*store);
  EXPECT_FALSE(v.broken) << v.broken->reason;
  EXPECT_EQ(v.records, 1 + 1 + 2 + 3 + 4);
  EXPECT_EQ(v.anchored_seq, v.records);
  EXPECT_EQ(v.unanchored, 0);
  EXPECT_EQ(Mode(dir_ / "audit-signing.key"), 0600u);
  EXPECT_EQ(Mode(AnchorFile()), 0600u);
}

TEST_F(AuditAnchorTest, AWriteWhoseAnchorFailsIsStoredButNotAcknowledged) {
  auto store = Open({.anchor_file = (dir_ / "no-such-dir" / "anchor.log").string()});
  auto s = Append(*store, 1);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(s.error().reason, "audit_anchor_failed");
  EXPECT_EQ(Head(*store), 2);  // committed (a crash at that moment would leave the same)
  auto v = Verify(*store);
  ASSERT_TRUE(v.broken);
  EXPECT_EQ(v.broken->reason, "audit_anchor_missing");
  EXPECT_EQ(v.unanchored, 2);
}

TEST_F(AuditAnchorTest, AReadOnlyOpenWritesNothing) {
  {
    auto store = Open();
    ASSERT_TRUE(Append(*store, 2));
  }
  const auto anchors = ReadFile(AnchorFile());
  auto store = Open();
  EXPECT_EQ(Head(*store), 3);
  store.reset();
  EXPECT_EQ(ReadFile(AnchorFile()), anchors);
}

TEST_F(AuditAnchorTest, ADatabaseFromBeforeAnchoringIsAnchoredOnOpen) {
  {
    auto store = Open({.enabled = false});  // writes what the store wrote before anchoring
    ASSERT_TRUE(Append(*store, 5));
  }
  {
    testing::TamperedDb db(Db());  // and back to the schema of that time
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
  auto store = Open();
  auto audit = store->ReadAudit(0, 100).value();
  ASSERT_EQ(audit.size(), 6u);
  EXPECT_EQ(audit.back().action, kAnchorStartAction);
  ASSERT_EQ(Checkpoints().size(), 1u);
  EXPECT_EQ(Checkpoints().back().seq, 6);
  EXPECT_EQ(Checkpoints().back().hash, audit.back().hash);
  auto v = Verify(*store);
  EXPECT_FALSE(v.broken) << v.broken->reason;
  EXPECT_EQ(v.anchored_seq, 6);
  EXPECT_EQ(v.unanchored, 0);
}

TEST_F(AuditAnchorTest, TwoStoresOnOneDatabaseAnchorOnceAndBothVerify) {
  auto a = Open();
  auto b = Open();
  std::thread ta([&] {
    for (int i = 0; i < 30; ++i) ASSERT_TRUE(Append(*a, 1));
  });
  std::thread tb([&] {
    for (int i = 0; i < 30; ++i) ASSERT_TRUE(Append(*b, 2));
  });
  ta.join();
  tb.join();
  int starts = 0;
  const auto audit = a->ReadAudit(0, 1000).value();
  for (const auto& r : audit) starts += r.action == kAnchorStartAction;
  EXPECT_EQ(starts, 1);
  auto v = Verify(*a);
  EXPECT_FALSE(v.broken) << v.broken->reason;
  EXPECT_EQ(v.records, 30 + 60 + 1);
  EXPECT_EQ(v.unanchored, 0);
}

TEST_F(AuditAnchorTest, ACrashBeforeTheFirstCheckpointIsRepairedOnOpen) {
  {
    auto store = Open();
    ASSERT_TRUE(Append(*store, 3));
  }
  std::filesystem::remove(AnchorFile());  // as if the crash came between commit and anchor
  auto store = Open();
  auto v = Verify(*store);
  EXPECT_FALSE(v.broken) << v.broken->reason;
  EXPECT_EQ(v.anchored_seq, 4);
}

TEST_F(AuditAnchorTest, ALostAnchorFileIsReportedAndNotReplacedOnOpen) {
  {
    auto store = Open();
    ASSERT_TRUE(Append(*store, 3));
    ASSERT_TRUE(Append(*store, 1));
  }
  std::filesystem::remove(AnchorFile());
  auto store = Open();
  ASSERT_TRUE(Append(*store, 1));  // the service keeps running and anchoring
  auto v = Verify(*store);
  ASSERT_TRUE(v.broken);
  EXPECT_EQ(v.broken->reason, "audit_anchor_missing");
  EXPECT_EQ(ArgOf(*v.broken, "seq"), "4");
}

TEST_F(AuditAnchorTest, ARewriteIsPlacedBetweenTheAnchorsAroundIt) {
  {
    auto store = Open();
    ASSERT_TRUE(Append(*store, 2));  // 1, 2, start 3: anchored at 3
    ASSERT_TRUE(Append(*store, 2));  // 4, 5: anchored at 5
    ASSERT_TRUE(Append(*store, 2));  // 6, 7: anchored at 7
  }
  testing::TamperedDb(Db()).Rewrite(4, "{\"i\":99}");
  auto store = Open();
  auto v = Verify(*store);
  ASSERT_TRUE(v.broken);
  EXPECT_EQ(v.broken->reason, "audit_rewritten");
  EXPECT_EQ(ArgOf(*v.broken, "seq"), "5");
  EXPECT_EQ(ArgOf(*v.broken, "from"), "4");
  EXPECT_EQ(v.anchored_seq, 3);
}

TEST_F(AuditAnchorTest, AReplacedKeyIsReported) {
  {
    auto store = Open();
    ASSERT_TRUE(Append(*store, 2));
  }
  std::filesystem::remove(dir_ / "audit-signing.key");
  std::filesystem::remove(dir_ / "audit-signing.pub");
  auto store = Open();  // makes a new key
  ASSERT_TRUE(Append(*store, 1));
  auto v = Verify(*store);
  ASSERT_TRUE(v.broken);
  EXPECT_EQ(v.broken->reason, "audit_key_replaced");
  EXPECT_EQ(ArgOf(*v.broken, "seq"), "3");
}

TEST_F(AuditAnchorTest, ForgettingWhereAnchoringBeganIsReported) {
  {
    auto store = Open();
    ASSERT_TRUE(Append(*store, 2));
  }
  {
    testing::TamperedDb db(Db());
    db.Exec("DROP TRIGGER audit_anchoring_is_kept; DELETE FROM audit_anchoring");
  }
  auto store = Open();  // finds records but no anchoring: opens it again, at record 4
  ASSERT_TRUE(Append(*store, 1));
  auto v = Verify(*store);
  ASSERT_TRUE(v.broken);
  EXPECT_EQ(v.broken->reason, "audit_anchor_restarted");
  EXPECT_EQ(ArgOf(*v.broken, "seq"), "4");
  EXPECT_EQ(ArgOf(*v.broken, "since"), "3");
}

}  // namespace
}  // namespace shaobing
