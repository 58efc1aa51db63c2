// Which requests reach which files of the web root: a table of path-traversal attempts, each
// decoded exactly as the HTTP server decodes a request target.
#include "api/static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "api/request_target.h"

namespace shaobing::api {
namespace {
namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("shaobing-static-" + std::to_string(::getpid()));
    fs::remove_all(base_);
    fs::create_directories(base_ / "web" / "assets");
    Write(base_ / "web" / "index.html", "<!doctype html>");
    Write(base_ / "web" / "assets" / "app.js", "console.log(1)");
    Write(base_ / "web" / ".env", "SECRET=1");
    Write(base_ / "shaobing.db", "the database beside the web root");
    fs::create_symlink("/etc/hostname", base_ / "web" / "hostname.txt");
    fs::create_symlink("/etc", base_ / "web" / "etc");
    fs::create_symlink(base_ / "shaobing.db", base_ / "web" / "db.js");
    fs::create_symlink(base_ / "web" / "assets" / "app.js", base_ / "web" / "alias.js");  // stays inside
    root_ = fs::canonical(base_ / "web");
  }
  void TearDown() override { fs::remove_all(base_); }

  static void Write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

  // The file a request target resolves to, relative to the root; "400" when the target is
  // refused before any file is looked at, "404" when no file answers.
  std::string Resolve(const std::string& target) {
    auto decoded = DecodeTarget(target);
    if (!decoded) return "400";
    auto file = ResolveStaticPath(root_, decoded->segments);
    if (!file) return "404";
    return fs::relative(*file, root_).string();
  }

  fs::path base_, root_;
};

TEST_F(StaticFilesTest, ServesFilesOfTheRootAndClientRoutes) {
  EXPECT_EQ(Resolve("/"), "index.html");
  EXPECT_EQ(Resolve("/index.html"), "index.html");
  EXPECT_EQ(Resolve("/assets/app.js"), "assets/app.js");
  EXPECT_EQ(Resolve("/assets/app.js?v=3"), "assets/app.js");
  EXPECT_EQ(Resolve("/alias.js"), "assets/app.js");  // a symlink that stays inside the root
  EXPECT_EQ(Resolve("/events/12"), "index.html");    // a route of the client-side router
  EXPECT_EQ(Resolve("/events/"), "index.html");
  EXPECT_EQ(Resolve("/./index.html"), "index.html");  // a leading "/." only keeps "//" from reading as a host
}

TEST_F(StaticFilesTest, RefusesEveryPathThatLeavesTheRootOrIsNoPlainFile) {
  const std::vector<std::string> attempts{
      "//etc/hostname",  // absolute path after the first slash
      "///etc/passwd",
      "//proc/self/cmdline",
      "/../shaobing.db",  // dot-dot
      "/assets/../../shaobing.db",
      "/%2e%2e/shaobing.db",  // percent-encoded dots
      "/%2E%2E/%2e%2e/etc/passwd",
      "/..%2fshaobing.db",  // percent-encoded separator
      "/assets%2f..%2f..%2fshaobing.db",
      "/%2fetc%2fhostname",
      "/..%5cshaobing.db",  // percent-encoded backslash
      "/assets%5capp.js",
      "/.//etc/hostname",  // a dot segment hiding an empty one
      "/assets/./app.js",  // dot segment
      "/.env",             // hidden file
      "/hostname.txt",     // symlink to a file outside
      "/etc/hostname",     // symlinked directory outside
      "/etc/passwd",
      "/db.js",       // symlink to the database
      "/assets",      // a directory
      "/missing.js",  // no such asset: not index.html
      "/shaobing.db",
  };
  for (const auto& target : attempts) {
    const auto answer = Resolve(target);
    EXPECT_TRUE(answer == "404" || answer == "400") << target << " -> " << answer;
  }
}

TEST_F(StaticFilesTest, RefusesControlCharactersAndMalformedTargetsBeforeLookingAtFiles) {
  for (const std::string target : {"/index.html%00.js", "/%00", "/a%0d%0aSet-Cookie:x", "/?q=%00", "relative/path",
                                   "http://example.com/index.html", "/\\etc\\hostname", "*"}) {
    EXPECT_EQ(Resolve(target), "400") << target;
  }
  EXPECT_EQ(Resolve("/" + std::string(9000, 'a')), "400");  // over the target limit
}

TEST(IsPlainSegment, AcceptsNamesOnly) {
  EXPECT_TRUE(IsPlainSegment("app.js"));
  EXPECT_TRUE(IsPlainSegment("事件"));
  for (const std::string& s :
       std::vector<std::string>{"", ".", "..", ".env", "a/b", "a\\b", std::string("a\0b", 3), std::string(256, 'a')}) {
    EXPECT_FALSE(IsPlainSegment(s)) << s;
  }
}

}  // namespace
}  // namespace shaobing::api
