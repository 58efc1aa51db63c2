// `shaobing backup` while the server takes a stream of reports, then `shaobing restore`: every
// report acknowledged before the backup began is in the restored directory, whose audit chain
// and anchors verify; a restore into a directory that holds anything is refused.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "testing/http_client.h"
#include "testing/process.h"

namespace shaobing {
namespace {
namespace fs = std::filesystem;
namespace json = boost::json;
using Clock = std::chrono::steady_clock;
using testing::RunProcess;

std::set<std::int64_t> ReportIds(const fs::path& db_file) {
  std::set<std::int64_t> ids;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT id FROM reports", -1, &s, nullptr) == SQLITE_OK) {
      while (sqlite3_step(s) == SQLITE_ROW) ids.insert(sqlite3_column_int64(s, 0));
    }
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
  return ids;
}

TEST(Backup, DuringAStreamOfReportsKeepsEveryOneAcknowledgedBeforeItAndRestoresAVerifiedDirectory) {
  const fs::path dir = fs::temp_directory_path() / ("shaobing-backup-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  // One unit reports fast: its hourly limits raised through the configuration file.
  const auto config = dir / "shaobing.yaml";
  std::ofstream(config) << "limits:\n  reports_per_unit_hour: 1000000\n  reports_per_unit_event_hour: 1000000\n";
  const auto backup = dir / "backup.sqlite";
  const auto restored = dir / "restored";

  struct Ack {
    std::int64_t id;
    Clock::time_point at;
  };
  std::vector<Ack> acks;
  std::mutex mu;
  std::atomic<bool> stop{false};
  int refused = 0;
  Clock::time_point backup_began;
  {
    testing::ServerProcess server(SHAOBING_BINARY, (dir / "data").string(), {"--demo", "--config", config.string()});
    std::thread reporter([&] {
      testing::HttpClient client("127.0.0.1", static_cast<std::uint16_t>(server.port()));
      if (client.Login("xingqing", "Shaobing-Xingqing-2026").status != 200) return;
      for (int i = 0; !stop; ++i) {
        json::object report{
            {"kind", "first"},
            {"unit", "640104-dw"},
            {"channel", "written"},
            {"category", "fire"},
            {"title", "备份测试火情 " + std::to_string(i)},
            {"occurred_at", "2026-12-01T08:00:00+08:00"},
            {"location", {{"region", "640104"}, {"address", "兴庆区解放西街" + std::to_string(i) + "号"}}},
            {"parties", "商户"},
            {"description", "商铺起火，无人员伤亡，火已扑灭。"}};
        auto r = client.PostJson("/api/v1/reports", report);
        if (r.status != 201) {
          ++refused;
          continue;
        }
        const auto id = r.Json().at("id").as_int64();
        std::lock_guard lock(mu);
        acks.push_back({id, Clock::now()});  // acknowledged: the answer has arrived
      }
    });
    std::this_thread::sleep_for(std::chrono::seconds(1));
    backup_began = Clock::now();
    auto made = RunProcess({SHAOBING_BINARY, "backup", "--data", (dir / "data").string(), "--out", backup.string()});
    EXPECT_EQ(made.status, 0) << made.err;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    stop = true;
    reporter.join();
  }
  EXPECT_EQ(refused, 0);
  std::set<std::int64_t> before, after;
  for (const auto& a : acks) (a.at < backup_began ? before : after).insert(a.id);
  ASSERT_GT(before.size(), 0u) << "reports acknowledged before the backup";
  EXPECT_GT(after.size(), 0u) << "the server kept taking reports while the backup ran and after";

  auto r = RunProcess({SHAOBING_BINARY, "restore", "--from", backup.string(), "--data", restored.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto ids = ReportIds(restored / "shaobing.db");
  for (const auto id : before) EXPECT_TRUE(ids.contains(id)) << "report " << id << " acknowledged before the backup";
  EXPECT_EQ(fs::status(restored).permissions() & fs::perms::all, fs::perms::owner_all);

  auto verify = RunProcess({SHAOBING_BINARY, "audit", "verify", "--data", restored.string()});
  EXPECT_EQ(verify.status, 0) << verify.out << verify.err;
  EXPECT_TRUE(json::parse(verify.out).at("ok").as_bool()) << verify.out;

  // A directory that holds anything is not overwritten unless told.
  auto again = RunProcess({SHAOBING_BINARY, "restore", "--from", backup.string(), "--data", restored.string()});
  EXPECT_EQ(again.status, 2);
  EXPECT_NE(again.err.find("--force"), std::string::npos) << again.err;
  auto forced =
      RunProcess({SHAOBING_BINARY, "restore", "--from", backup.string(), "--data", restored.string(), "--force"});
  EXPECT_EQ(forced.status, 0) << forced.err;
  // The restored directory serves.
  {
    testing::ServerProcess server(SHAOBING_BINARY, restored.string());
    testing::HttpClient client("127.0.0.1", static_cast<std::uint16_t>(server.port()));
    EXPECT_EQ(client.Login("xingqing", "Shaobing-Xingqing-2026").status, 200);
  }
  // An existing backup file is not overwritten.
  auto twice = RunProcess({SHAOBING_BINARY, "backup", "--data", restored.string(), "--out", backup.string()});
  EXPECT_EQ(twice.status, 2);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace shaobing
