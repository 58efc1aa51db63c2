#include "app/data_dir.h"

#include <sys/stat.h>

#include <filesystem>

namespace shaobing {
namespace fs = std::filesystem;

Status PrepareDataDir(const std::string& dir) {
  ::umask(077);
  auto failed = [&](const std::error_code& ec) {
    return Fail(
        Error::Make(ErrorCode::kInvalidArgument, "file_error", "data", {{"file", dir}, {"detail", ec.message()}}));
  };
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return failed(ec);
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  if (ec) return failed(ec);
  for (const char* name : {"shaobing.db", "shaobing.db-wal", "shaobing.db-shm"}) {
    const fs::path file = fs::path(dir) / name;
    if (!fs::exists(file, ec)) continue;
    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, ec);
    if (ec) return failed(ec);
  }
  return {};
}

}  // namespace shaobing
