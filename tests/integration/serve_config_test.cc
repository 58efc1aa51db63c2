// `shaobing serve --config FILE` and `shaobing config check FILE` on the real binary: the file
// sets what the command line does not, the command line wins, and a bad file is refused with
// its name, the line and what is allowed, before anything starts.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "testing/http_client.h"
#include "testing/process.h"
#include "testing/scratch_dir.h"

namespace shaobing {
namespace {
using testing::RunProcess;

class ServeConfigTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& text) {
    const auto path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }
  testing::ScratchDir scratch_{"config"};
  const std::filesystem::path& dir_ = scratch_.path();
};

TEST_F(ServeConfigTest, CheckAcceptsAGoodFileAndNamesTheLineOfABadOne) {
  const auto good =
      Write("good.yaml", "listen: 127.0.0.1:8080\ndata: /var/lib/shaobing\nlimits:\n  max_connections: 100\n");
  auto ok = RunProcess({SHAOBING_BINARY, "config", "check", good});
  EXPECT_EQ(ok.status, 0) << ok.err;
  EXPECT_NE(ok.out.find("配置有效"), std::string::npos) << ok.out;

  const auto bad = Write("bad.yaml", "listen: 127.0.0.1:8080\nlimits:\n  max_conections: 100\n");
  auto refused = RunProcess({SHAOBING_BINARY, "config", "check", bad});
  EXPECT_EQ(refused.status, 2);
  EXPECT_NE(refused.err.find(bad + " 第 3 行"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("limits.max_conections"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("max_connections_per_address"), std::string::npos) << "the keys allowed: " << refused.err;
}

TEST_F(ServeConfigTest, TheFileSetsTheLimitsAndTheCommandLineWins) {
  // The file names another data directory and port; ServerProcess passes --listen and --data,
  // which win. The body limit comes from the file alone.
  const auto file = Write("shaobing.yaml", "listen: 127.0.0.1:1\ndata: " + (dir_ / "not-this-one").string() +
                                               "\nlimits:\n  max_body_bytes: 2048\n");
  testing::ServerProcess server(SHAOBING_BINARY, (dir_ / "data").string(), {"--config", file});
  testing::HttpClient client("127.0.0.1", static_cast<std::uint16_t>(server.port()));
  EXPECT_EQ(client.Get("/healthz").status, 200);
  const std::string big = R"({"name":"desk","password":")" + std::string(3000, 'x') + R"("})";
  auto over = client.Request("POST", "/api/v1/auth/login", big, {{"Content-Type", "application/json"}});
  EXPECT_EQ(over.status, 413) << over.body;
  EXPECT_TRUE(std::filesystem::exists(dir_ / "data" / "shaobing.db"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "not-this-one"));
}

TEST_F(ServeConfigTest, ServeRefusesABadFileAndADataDirectoryFromNowhere) {
  const auto bad = Write("bad.yaml", "data: /tmp\ntls_proxy: on\n");
  auto refused = RunProcess({SHAOBING_BINARY, "serve", "--listen", "127.0.0.1:0", "--config", bad});
  EXPECT_EQ(refused.status, 2);
  EXPECT_NE(refused.err.find(bad + " 第 2 行"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("true, false"), std::string::npos) << refused.err;

  const auto no_data = Write("no-data.yaml", "listen: 127.0.0.1:0\n");
  auto missing = RunProcess({SHAOBING_BINARY, "serve", "--config", no_data});
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("--data"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace shaobing
