#pragma once
// A small web root made once per process for the targets that resolve static files: files, a
// subfolder, a hidden file, a symlink to a file inside, symlinks to a file and a folder outside,
// a FIFO, and a secret file beside the root. Removed at exit.
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "api/static_files.h"
#include "fuzz_support.h"

namespace shaobing::fuzz {

struct WebRoot {
  std::filesystem::path base;  // holds root/ and outside/
  std::filesystem::path root;  // canonical
};

inline const WebRoot& TestWebRoot() {
  namespace fs = std::filesystem;
  static const WebRoot* web = [] {
    auto write = [](const fs::path& file, std::string_view text) {
      std::ofstream out(file, std::ios::binary);
      out << text;
      FUZZ_CHECK(static_cast<bool>(out), "the web root's files are writable");
    };
    std::string pattern = (fs::temp_directory_path() / "shaobing-fuzz-webroot-XXXXXX").string();
    FUZZ_CHECK(mkdtemp(pattern.data()) != nullptr, "a temporary folder");
    auto* w = new WebRoot{fs::path(pattern), {}};
    const fs::path root = w->base / "root", outside = w->base / "outside";
    fs::create_directories(root / "assets" / "fonts");
    fs::create_directories(outside);
    write(root / "index.html", "<!doctype html>");
    write(root / "favicon.ico", "icon");
    write(root / "assets" / "app.js", "console.log(1)");
    write(root / "assets" / "app.css", "body{}");
    write(root / "assets" / "fonts" / "noto.woff2", "font");
    write(root / ".env", "SECRET=1");
    write(outside / "secret.txt", "secret");
    fs::create_symlink(root / "assets" / "app.js", root / "alias.js");
    fs::create_symlink(outside / "secret.txt", root / "leak.txt");
    fs::create_symlink(outside, root / "leakdir");
    fs::create_symlink("/etc/hostname", root / "hostname");
    FUZZ_CHECK(mkfifo((root / "pipe").c_str(), 0600) == 0, "a FIFO in the web root");
    w->root = fs::canonical(root);
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(TestWebRoot().base, ec);
    });
    return w;
  }();
  return *web;
}

// ResolveStaticPath over the test root; asserts that a resolved file is a regular file whose
// real path lies inside the root's real path. Returns whether a file was resolved.
inline bool CheckStaticPath(const std::vector<std::string>& segments) {
  namespace fs = std::filesystem;
  const fs::path& root = TestWebRoot().root;
  const auto file = api::ResolveStaticPath(root, segments);
  if (!file) return false;
  std::error_code ec;
  const fs::path real = fs::canonical(*file, ec);
  FUZZ_CHECK(!ec, "a resolved file exists");
  auto r = root.begin(), p = real.begin();
  for (; r != root.end(); ++r, ++p) FUZZ_CHECK(p != real.end() && *r == *p, "a resolved file lies inside the web root");
  FUZZ_CHECK(fs::is_regular_file(fs::symlink_status(real)), "a resolved file is a regular file");
  return true;
}

}  // namespace shaobing::fuzz
