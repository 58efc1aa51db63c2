// Upgrades and the data directory's record of itself, on the real binary: a database of an
// older schema is backed up before the server migrates it (once), a database of a newer
// release is refused untouched, and backups and restores are in the audit chain.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <boost/json.hpp>
#include <csignal>
#include <filesystem>
#include <sstream>

#include "core/time.h"
#include "store/migrations.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/process.h"
#include "testing/scratch_dir.h"

namespace shaobing {
namespace {
namespace fs = std::filesystem;
namespace json = boost::json;
using testing::RunProcess;

class UpgradeTest : public ::testing::Test {
 protected:
  UpgradeTest() { fs::create_directories(dir_ / "data"); }

  std::vector<fs::path> Backups() const {
    std::vector<fs::path> out;
    if (!fs::exists(dir_ / "data" / "backups")) return out;
    for (const auto& e : fs::directory_iterator(dir_ / "data" / "backups")) {
      if (e.path().extension() == ".sqlite") out.push_back(e.path());  // not SQLite's -wal and -shm of a reader
    }
    return out;
  }
  // The audit records of `data` with `action`, through the store.
  std::vector<AuditRecord> AuditOf(const fs::path& data, const std::string& action) const {
    SystemClock clock;
    auto store = SqliteStore::Open({.path = (data / "shaobing.db").string(), .clock = &clock});
    EXPECT_TRUE(store) << store.error().reason;
    std::vector<AuditRecord> out;
    if (!store) return out;
    auto records = (*store)->ReadAudit(0, 100000);
    EXPECT_TRUE(records);
    for (auto& r : *records) {
      if (r.action == action) out.push_back(std::move(r));
    }
    (*store)->Close();
    return out;
  }

  testing::ScratchDir scratch_{"upgrade"};
  const fs::path& dir_ = scratch_.path();
};

TEST_F(UpgradeTest, AnOlderDatabaseIsBackedUpOnceBeforeItIsMigrated) {
  const auto db = (dir_ / "data" / "shaobing.db").string();
  const int latest = LatestSchemaVersion();
  ASSERT_GE(Migrations().size(), 2u);
  // What the release before left: the migration before the last (versions may have gaps).
  const int previous = Migrations()[Migrations().size() - 2].version;
  auto older = SqliteStore::Migrate(db, previous);
  ASSERT_TRUE(older);
  ASSERT_EQ(*older, previous);
  const auto log = dir_ / "stdout.log";
  {
    testing::ServerProcess server(SHAOBING_BINARY, (dir_ / "data").string(), {}, {.stdout_path = log.string()});
    server.Kill(SIGTERM);
    EXPECT_EQ(server.exit_status(), 0);
  }
  auto backups = Backups();
  ASSERT_EQ(backups.size(), 1u);
  const std::string name = backups[0].filename().string();
  char expected_prefix[32];
  std::snprintf(expected_prefix, sizeof expected_prefix, "before-schema-%04d-", latest);
  EXPECT_EQ(name.rfind(expected_prefix, 0), 0u) << name;
  EXPECT_EQ(fs::status(backups[0]).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
  auto backed_up = SqliteStore::SchemaVersion(backups[0].string());
  ASSERT_TRUE(backed_up);
  EXPECT_EQ(*backed_up, previous) << "the backup holds the database as it was";
  auto now = SqliteStore::SchemaVersion(db);
  ASSERT_TRUE(now);
  EXPECT_EQ(*now, latest);

  bool logged = false;
  std::istringstream lines(testing::ReadWholeFile(log));
  for (std::string line; std::getline(lines, line);) {
    const auto v = json::parse(line).as_object();
    if (v.at("type") != "schema_migrated") continue;
    logged = true;
    EXPECT_EQ(v.at("from").as_int64(), previous);
    EXPECT_EQ(v.at("to").as_int64(), latest);
    EXPECT_EQ(v.at("backup").as_string(), backups[0].string());
  }
  EXPECT_TRUE(logged) << testing::ReadWholeFile(log);
  const auto audited = AuditOf(dir_ / "data", "schema.migrated");
  ASSERT_EQ(audited.size(), 1u);
  EXPECT_EQ(json::parse(audited[0].detail).at("from").as_int64(), previous);

  // The restored backup is the older database; the server migrates it again when it starts.
  auto restored =
      RunProcess({SHAOBING_BINARY, "restore", "--from", backups[0].string(), "--data", (dir_ / "restored").string()});
  ASSERT_EQ(restored.status, 0) << restored.err;

  // A second start finds the current schema: no other backup.
  { testing::ServerProcess again(SHAOBING_BINARY, (dir_ / "data").string()); }
  EXPECT_EQ(Backups().size(), 1u);
  auto verify = RunProcess({SHAOBING_BINARY, "audit", "verify", "--data", (dir_ / "data").string()});
  EXPECT_EQ(verify.status, 0) << verify.out << verify.err;
}

TEST_F(UpgradeTest, MigrateBacksUpFirstToo) {
  const auto db = (dir_ / "data" / "shaobing.db").string();
  ASSERT_TRUE(SqliteStore::Migrate(db, LatestSchemaVersion() - 1));
  auto r = RunProcess({SHAOBING_BINARY, "migrate", "--data", (dir_ / "data").string()});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto out = json::parse(r.out).as_object();
  EXPECT_EQ(out.at("version").as_int64(), LatestSchemaVersion());
  ASSERT_EQ(Backups().size(), 1u);
  EXPECT_EQ(out.at("backup").as_string(), Backups()[0].string());
  EXPECT_EQ(AuditOf(dir_ / "data", "schema.migrated").size(), 1u);
  auto again = RunProcess({SHAOBING_BINARY, "migrate", "--data", (dir_ / "data").string()});
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_FALSE(json::parse(again.out).as_object().contains("backup"));
  EXPECT_EQ(Backups().size(), 1u);
}

TEST_F(UpgradeTest, ADatabaseOfANewerReleaseIsRefusedUntouched) {
  const auto db = (dir_ / "data" / "shaobing.db").string();
  ASSERT_TRUE(SqliteStore::Migrate(db));
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 0)",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  const auto before = fs::last_write_time(db);
  auto r = RunProcess({SHAOBING_BINARY, "serve", "--listen", "127.0.0.1:0", "--data", (dir_ / "data").string()});
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_NE(r.err.find("9999"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(std::to_string(LatestSchemaVersion())), std::string::npos) << r.err;
  EXPECT_TRUE(Backups().empty());
  EXPECT_EQ(fs::last_write_time(db), before);
  auto version = SqliteStore::SchemaVersion(db);
  ASSERT_TRUE(version);
  EXPECT_EQ(*version, 9999);
}

TEST_F(UpgradeTest, BackupAndRestoreAreAudited) {
  { testing::ServerProcess server(SHAOBING_BINARY, (dir_ / "data").string()); }
  const auto file = dir_ / "copy.sqlite";
  auto made = RunProcess({SHAOBING_BINARY, "backup", "--data", (dir_ / "data").string(), "--out", file.string()});
  ASSERT_EQ(made.status, 0) << made.err;
  const auto backups = AuditOf(dir_ / "data", "data.backup");
  ASSERT_EQ(backups.size(), 1u);
  EXPECT_EQ(backups[0].actor, "cli");
  EXPECT_EQ(json::parse(backups[0].detail).at("file").as_string(), fs::absolute(file).string());

  auto restored = RunProcess({SHAOBING_BINARY, "restore", "--from", file.string(), "--data", (dir_ / "r").string()});
  ASSERT_EQ(restored.status, 0) << restored.err;
  const auto restores = AuditOf(dir_ / "r", "data.restore");
  ASSERT_EQ(restores.size(), 1u);
  EXPECT_EQ(json::parse(restores[0].detail).at("file").as_string(), fs::absolute(file).string());
  EXPECT_TRUE(AuditOf(dir_ / "r", "data.backup").empty()) << "the snapshot was taken before the backup's record";
  auto verify = RunProcess({SHAOBING_BINARY, "audit", "verify", "--data", (dir_ / "r").string()});
  EXPECT_EQ(verify.status, 0) << verify.out << verify.err;
}

}  // namespace
}  // namespace shaobing
