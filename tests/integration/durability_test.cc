// Nothing acknowledged is ever lost: kill -9 of the server during a stream of reports.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <boost/json.hpp>
#include <filesystem>
#include <mutex>
#include <thread>

#include "testing/http_client.h"
#include "testing/process.h"
#include "testing/test_data.h"

namespace shaobing {
namespace {
namespace json = boost::json;

class DurabilityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("shaobing-kill9-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    auto r = testing::RunProcess({SHAOBING_BINARY, "user", "add", "--data", dir_.string(), "--name", "xingqing",
                                  "--role", "reporter", "--unit", "640104-dw"},
                                 "a-long-enough-password\n");
    ASSERT_EQ(r.status, 0) << r.err;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(DurabilityTest, KillNineLosesNoAcknowledgedReport) {
  auto server = std::make_unique<testing::ServerProcess>(SHAOBING_BINARY, dir_.string());
  const int port = server->port();
  std::mutex mu;
  std::vector<std::int64_t> acknowledged;
  std::atomic<bool> stop{false};
  std::atomic<int> errors_after_kill{0};
  std::atomic<int> logged_in{0};
  constexpr int kClients = 8;
  std::vector<std::thread> clients;
  for (int t = 0; t < kClients; ++t) {
    clients.emplace_back([&] {
      testing::HttpClient c("127.0.0.1", static_cast<std::uint16_t>(port));
      try {
        if (c.Login("xingqing", "a-long-enough-password").status != 200) return;
      } catch (const std::exception&) {
        return;
      }
      ++logged_in;
      const std::string body = testing::FirstReportJson();
      while (!stop) {
        try {
          auto r = c.Post("/api/v1/reports", body);
          if (r.status == 201) {
            std::lock_guard lock(mu);
            acknowledged.push_back(r.Json().at("id").as_int64());
          }
        } catch (const std::exception&) {
          ++errors_after_kill;  // the server is gone: stop this client
          return;
        }
      }
    });
  }
  // Every client streams before the crash (logins are deliberately slow: argon2id).
  for (int i = 0; i < 3000 && logged_in < kClients; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(logged_in.load(), kClients);  // (no ASSERT: the client threads must still be joined)
  // Let reports flow, then crash the server in the middle of the stream.
  for (int i = 0; i < 200; ++i) {
    {
      std::lock_guard lock(mu);
      if (acknowledged.size() >= 500) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  server->Kill(SIGKILL);
  EXPECT_EQ(server->exit_status(), 128 + SIGKILL);
  stop = true;
  for (auto& c : clients) c.join();
  ASSERT_GT(acknowledged.size(), 50u) << "too few reports flowed before the kill";

  // Restart on the same files: every acknowledged report is there, intact.
  server = std::make_unique<testing::ServerProcess>(SHAOBING_BINARY, dir_.string());
  testing::HttpClient c("127.0.0.1", static_cast<std::uint16_t>(server->port()));
  ASSERT_EQ(c.Login("xingqing", "a-long-enough-password").status, 200);
  for (std::int64_t id : acknowledged) {
    auto r = c.Get("/api/v1/reports/" + std::to_string(id));
    ASSERT_EQ(r.status, 200) << "acknowledged report " << id << " was lost";
    EXPECT_EQ(r.Json().at("description").as_string(), "14时05分许，一居民楼3层起火。");
  }
  server->Kill(SIGTERM);
  EXPECT_EQ(server->exit_status(), 0);
  auto verify = testing::RunProcess({SHAOBING_BINARY, "audit", "verify", "--data", dir_.string()});
  EXPECT_EQ(verify.status, 0) << verify.out << verify.err;
  auto result = json::parse(verify.out);
  EXPECT_TRUE(result.at("ok").as_bool());
  EXPECT_GE(result.at("records").as_int64(), static_cast<std::int64_t>(acknowledged.size()));
}

}  // namespace
}  // namespace shaobing
