// The web app's files over real HTTP: nothing outside the web root is ever served (the
// database beside it, /etc, /proc), and every answer carries the security headers.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "testing/test_server.h"

namespace shaobing {
namespace {
using testing::TestServer;

std::string FileText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(StaticFiles, OutsidersGetNothingButTheWebApp) {
  TestServer server;
  auto anon = server.Anonymous();
  const std::string db = (server.dir() / "shaobing.db").string();
  const std::string hostname = FileText("/etc/hostname");
  ASSERT_FALSE(hostname.empty());
  const std::vector<std::string> probes{
      "//etc/hostname",        "//proc/self/cmdline", "//proc/self/environ", "/" + db,
      "/../shaobing.db",       "/%2e%2e/shaobing.db", "/..%2fshaobing.db",   "/web/..%2f..%2fshaobing.db",
      "/%2e%2e%2fshaobing.db", "/..%5cshaobing.db",   "/%2fetc%2fhostname",  "/index.html%00",
      "/shaobing.db",          "/shaobing.db-wal",    "//" + db.substr(1),   "/.%2e/shaobing.db",
  };
  for (const auto& target : probes) {
    auto r = anon->Get(target);
    EXPECT_TRUE(r.status == 404 || r.status == 400) << target << " -> " << r.status;
    EXPECT_EQ(r.body.find("SQLite format 3"), std::string::npos) << target;
    EXPECT_EQ(r.body.find(hostname), std::string::npos) << target;
    if (target.find(server.dir().string()) == std::string::npos) {  // the data directory is never told
      EXPECT_EQ(r.body.find(server.dir().string()), std::string::npos) << target;
    }
    EXPECT_EQ(r.headers["x-content-type-options"], "nosniff") << target;
  }
  auto index = anon->Get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_NE(index.body.find("哨兵"), std::string::npos);
  EXPECT_EQ(anon->Get("/events/12").body, index.body);  // a client-side route
  auto js = anon->Get("/assets/app.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "export default 1;");
  EXPECT_EQ(anon->Get("/assets/missing.js").status, 404);
}

TEST(StaticFiles, EveryAnswerCarriesTheSecurityHeaders) {
  TestServer server;
  auto anon = server.Anonymous();
  for (const std::string target : {"/", "/api/v1/events", "/healthz", "/nope.js"}) {
    auto r = anon->Get(target);
    const auto csp = r.headers["content-security-policy"];
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << target;
    EXPECT_EQ(csp.find("unsafe-"), std::string::npos) << target;  // no inline script or style, no eval
    EXPECT_EQ(csp.find("script-src 'self' 'unsafe-inline'"), std::string::npos) << target;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << target;
    EXPECT_EQ(r.headers["x-content-type-options"], "nosniff") << target;
    EXPECT_EQ(r.headers["x-frame-options"], "DENY") << target;
    EXPECT_EQ(r.headers["referrer-policy"], "no-referrer") << target;
  }
  EXPECT_EQ(anon->Get("/api/v1/events").headers["cache-control"], "no-store");
}

}  // namespace
}  // namespace shaobing
