#include "store/attachment_files.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace shaobing {
namespace {
namespace fs = std::filesystem;

Error Unwritable(const std::string& path, const std::string& detail) {
  return Error::Make(ErrorCode::kUnavailable, "attachment_unwritable", "", {{"file", path}, {"detail", detail}});
}

// Writes all of `data` to `fd`; false on an error.
bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

bool SyncDir(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

bool IsContentId(std::string_view s) {
  if (s.size() != 64) return false;
  for (const char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string ContentIdOf(std::string_view content) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> hash{};
  crypto_hash_sha256(hash.data(), reinterpret_cast<const unsigned char*>(content.data()), content.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(hash.size() * 2);
  for (const unsigned char b : hash) {
    out += kHex[b >> 4];
    out += kHex[b & 0xf];
  }
  return out;
}

std::string ContentRelativePath(std::string_view sha256, bool thumbnail) {
  return std::string(kAttachmentsFolder) + "/" + std::string(sha256.substr(0, 2)) + "/" + std::string(sha256) +
         (thumbnail ? ".thumb.jpg" : "");
}

Status AttachmentFiles::Put(std::string_view sha256, std::string_view content, bool thumbnail) const {
  if (!IsContentId(sha256)) return Fail(Unwritable(std::string(sha256), "not a SHA-256"));
  const fs::path path = fs::path(data_dir_) / ContentRelativePath(sha256, thumbnail);
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return {};  // content-addressed: what is there is the same
  const fs::path dir = path.parent_path();
  fs::create_directories(dir, ec);
  if (ec) return Fail(Unwritable(dir.string(), ec.message()));
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  fs::permissions(dir.parent_path(), fs::perms::owner_all, fs::perm_options::replace, ec);
  // A name of its own per writer: two uploads of the same content at once each write theirs.
  static std::atomic<std::uint64_t> writers{0};
  const fs::path part = path.string() + ".part" + std::to_string(::getpid()) + "-" + std::to_string(++writers);
  const int fd = ::open(part.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Fail(Unwritable(part.string(), std::strerror(errno)));
  const bool written = WriteAll(fd, content) && ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  if (!written) {
    fs::remove(part, ec);
    return Fail(Unwritable(part.string(), std::strerror(saved)));
  }
  fs::rename(part, path, ec);
  if (ec) {
    fs::remove(part, ec);
    return Fail(Unwritable(path.string(), ec.message()));
  }
  if (!SyncDir(dir)) return Fail(Unwritable(dir.string(), std::strerror(errno)));
  return {};
}

Result<std::string> AttachmentFiles::Read(std::string_view sha256, bool thumbnail) const {
  auto missing = Error::Make(ErrorCode::kNotFound, "unknown_attachment", "sha256", {{"value", std::string(sha256)}});
  if (!IsContentId(sha256)) return Fail(missing);
  std::ifstream in(fs::path(data_dir_) / ContentRelativePath(sha256, thumbnail), std::ios::binary);
  if (!in) return Fail(missing);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace shaobing
