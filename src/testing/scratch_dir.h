#pragma once
// A fresh directory for one test: <tmp>/shaobing-<prefix>-<pid>-<test name>, emptied when made
// and removed when the ScratchDir goes; and a file's whole text, for tests that read what the
// program wrote there.
#include <filesystem>
#include <string>

namespace shaobing::testing {

class ScratchDir {
 public:
  explicit ScratchDir(const std::string& prefix);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// The text of `file`; "" when it cannot be read.
std::string ReadWholeFile(const std::filesystem::path& file);

}  // namespace shaobing::testing
