#include "store/audit_anchor.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace shaobing {
namespace {

static_assert(crypto_sign_SECRETKEYBYTES == 64);

bool IsLowerHex(std::string_view s, size_t size) {
  return s.size() == size && s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

template <size_t N>
bool FromHex(std::string_view hex, std::array<unsigned char, N>& out) {
  if (!IsLowerHex(hex, 2 * N)) return false;
  size_t len = 0;
  return sodium_hex2bin(out.data(), N, hex.data(), hex.size(), nullptr, &len, nullptr) == 0 && len == N;
}

template <size_t N>
std::string ToHex(const std::array<unsigned char, N>& bytes) {
  std::string hex(2 * N + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), N);
  hex.pop_back();
  return hex;
}

Error FileError(const char* reason, ErrorCode code, const std::string& file, std::string detail) {
  return Error::Make(code, reason, "", {{"file", file}, {"detail", std::move(detail)}});
}

std::string ErrnoText() { return std::strerror(errno); }

// The first line of a small file; nullopt when the file does not exist.
Result<std::optional<std::string>> ReadFirstLine(const std::string& file) {
  std::ifstream in(file);
  if (!in) {
    if (errno == ENOENT) return std::optional<std::string>();
    return Fail(FileError("file_error", ErrorCode::kUnavailable, file, ErrnoText()));
  }
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return std::optional<std::string>(std::move(line));
}

// Writes `text` to `file` through a temporary file created with `mode` and fsync'd; the
// result appears whole or not at all. With `exclusive` an existing `file` wins (false).
Result<bool> WriteWhole(const std::string& file, const std::string& text, mode_t mode, bool exclusive) {
  std::array<unsigned char, 8> nonce;
  randombytes_buf(nonce.data(), nonce.size());
  const std::string tmp = file + ".tmp-" + ToHex(nonce);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return Fail(FileError("file_unwritable", ErrorCode::kInvalidArgument, file, ErrnoText()));
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  const std::string write_error = written ? "" : ErrnoText();
  ::close(fd);
  if (!written) {
    ::unlink(tmp.c_str());
    return Fail(FileError("file_unwritable", ErrorCode::kInvalidArgument, file, write_error));
  }
  const int placed = exclusive ? ::link(tmp.c_str(), file.c_str()) : ::rename(tmp.c_str(), file.c_str());
  const int placed_errno = errno;
  ::unlink(tmp.c_str());
  if (placed != 0) {
    if (exclusive && placed_errno == EEXIST) return false;
    return Fail(FileError("file_unwritable", ErrorCode::kInvalidArgument, file, std::strerror(placed_errno)));
  }
  const auto dir = std::filesystem::path(file).parent_path();
  if (const int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return true;
}

// The seed in `key_file`; nullopt when the file does not exist.
Result<std::optional<std::array<unsigned char, crypto_sign_SEEDBYTES>>> ReadSeed(const std::string& key_file) {
  auto line = ReadFirstLine(key_file);
  if (!line) return Fail(line.error());
  if (!*line) return std::nullopt;
  std::array<unsigned char, crypto_sign_SEEDBYTES> seed;
  if (!FromHex(**line, seed)) {
    return Fail(Error::Make(ErrorCode::kInvalidArgument, "audit_key_invalid", "",
                            {{"file", key_file}, {"detail", "not 64 hex digits"}}));
  }
  return std::optional(seed);
}

}  // namespace

AuditAnchorOptions ResolveAnchorOptions(AuditAnchorOptions options, const std::string& database_path) {
  const auto dir = std::filesystem::path(database_path).parent_path();
  if (options.key_file.empty()) options.key_file = (dir / "audit-signing.key").string();
  if (options.anchor_file.empty()) options.anchor_file = (dir / "audit-anchor.log").string();
  return options;
}

std::string PublicKeyFile(const std::string& key_file) {
  std::filesystem::path p(key_file);
  if (p.extension() == ".pub") return key_file + ".pub";
  return p.replace_extension(".pub").string();
}

Result<AuditSigningKey> AuditSigningKey::LoadOrCreate(const std::string& key_file) {
  if (sodium_init() < 0) return Fail(Error::Internal("libsodium failed to initialise"));
  auto seed = ReadSeed(key_file);
  if (!seed) return Fail(seed.error());
  if (!*seed) {
    std::array<unsigned char, crypto_sign_SEEDBYTES> fresh;
    randombytes_buf(fresh.data(), fresh.size());
    auto placed = WriteWhole(key_file, ToHex(fresh) + "\n", 0600, /*exclusive=*/true);
    sodium_memzero(fresh.data(), fresh.size());
    if (!placed) return Fail(placed.error());
    seed = ReadSeed(key_file);  // ours, or the one a concurrent opener placed first
    if (!seed) return Fail(seed.error());
    if (!*seed) return Fail(FileError("file_unwritable", ErrorCode::kInvalidArgument, key_file, "vanished"));
  }
  AuditSigningKey key;
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> pk;
  crypto_sign_seed_keypair(pk.data(), key.secret_.data(), (*seed)->data());
  sodium_memzero((*seed)->data(), (*seed)->size());
  key.public_hex_ = ToHex(pk);
  const std::string pub_file = PublicKeyFile(key_file);
  if (!std::filesystem::exists(pub_file)) {
    if (auto s = WriteWhole(pub_file, key.public_hex_ + "\n", 0644, /*exclusive=*/false); !s) return Fail(s.error());
  }
  return key;
}

std::string AuditSigningKey::Sign(std::string_view message) const {
  std::array<unsigned char, crypto_sign_BYTES> sig;
  crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       secret_.data());
  return ToHex(sig);
}

Result<std::string> LoadPublicKeyHex(const std::string& key_file) {
  auto seed = ReadSeed(key_file);
  if (!seed) return Fail(seed.error());
  if (*seed) {
    std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> pk;
    std::array<unsigned char, crypto_sign_SECRETKEYBYTES> sk;
    crypto_sign_seed_keypair(pk.data(), sk.data(), (*seed)->data());
    sodium_memzero(sk.data(), sk.size());
    sodium_memzero((*seed)->data(), (*seed)->size());
    return ToHex(pk);
  }
  const std::string pub_file = PublicKeyFile(key_file);
  auto line = ReadFirstLine(pub_file);
  if (!line) return Fail(line.error());
  if (!*line) return Fail(Error::Make(ErrorCode::kNotFound, "audit_key_missing", "", {{"file", key_file}}));
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> pk;
  if (!FromHex(**line, pk)) {
    return Fail(Error::Make(ErrorCode::kInvalidArgument, "audit_key_invalid", "",
                            {{"file", pub_file}, {"detail", "not 64 hex digits"}}));
  }
  return **line;
}

bool VerifyAnchorSignature(const std::string& public_key_hex, std::string_view message, std::string_view sig_hex) {
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> pk;
  std::array<unsigned char, crypto_sign_BYTES> sig;
  if (!FromHex(public_key_hex, pk) || !FromHex(sig_hex, sig)) return false;
  return crypto_sign_verify_detached(sig.data(), reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                     pk.data()) == 0;
}

std::string SignedAnchorText(std::int64_t seq, std::string_view hash, std::int64_t at) {
  std::string text = "shaobing-audit-anchor/1 " + std::to_string(seq) + " ";
  text += hash;
  text += " " + std::to_string(at);
  return text;
}

std::string FormatAnchorLine(const AnchorCheckpoint& c) {
  return "{\"seq\":" + std::to_string(c.seq) + ",\"hash\":\"" + c.hash + "\",\"at\":" + std::to_string(c.at) +
         ",\"sig\":\"" + c.sig + "\"}\n";
}

std::optional<AnchorCheckpoint> ParseAnchorLine(std::string_view line) {
  boost::system::error_code ec;
  auto v = boost::json::parse(line, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const auto& o = v.get_object();
  const auto* seq = o.if_contains("seq");
  const auto* hash = o.if_contains("hash");
  const auto* at = o.if_contains("at");
  const auto* sig = o.if_contains("sig");
  if (o.size() != 4 || !seq || !hash || !at || !sig) return std::nullopt;
  if (!seq->is_int64() || !at->is_int64() || !hash->is_string() || !sig->is_string()) return std::nullopt;
  AnchorCheckpoint c{seq->as_int64(), std::string(hash->as_string()), at->as_int64(), std::string(sig->as_string())};
  if (c.seq < 1 || !IsLowerHex(c.hash, size_t{2} * crypto_generichash_BYTES) ||
      !IsLowerHex(c.sig, size_t{2} * crypto_sign_BYTES)) {
    return std::nullopt;
  }
  return c;
}

Status AppendAnchor(const std::string& anchor_file, const AuditSigningKey& key, std::int64_t seq, std::string_view hash,
                    TimePoint at, bool durable) {
  auto failed = [&anchor_file](std::string detail) {
    return Fail(FileError("audit_anchor_failed", ErrorCode::kUnavailable, anchor_file, std::move(detail)));
  };
  AnchorCheckpoint c{seq, std::string(hash), ToUnixMillis(at), ""};
  c.sig = key.Sign(SignedAnchorText(c.seq, c.hash, c.at));
  std::string line = FormatAnchorLine(c);

  bool created = false;
  int fd = ::open(anchor_file.c_str(), O_RDWR | O_APPEND | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) {
    fd = ::open(anchor_file.c_str(), O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    created = fd >= 0;
    if (fd < 0 && errno == EEXIST) fd = ::open(anchor_file.c_str(), O_RDWR | O_APPEND | O_CLOEXEC);
  }
  if (fd < 0) return failed(ErrnoText());
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }  // also releases the lock
  } closer{fd};
  if (::flock(fd, LOCK_EX) != 0) return failed(ErrnoText());
  struct stat st {};
  if (::fstat(fd, &st) != 0) return failed(ErrnoText());
  char last = '\n';
  if (st.st_size > 0 && ::pread(fd, &last, 1, st.st_size - 1) != 1) return failed(ErrnoText());
  if (last != '\n') line.insert(line.begin(), '\n');
  for (size_t done = 0; done < line.size();) {
    const ssize_t n = ::write(fd, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return failed(ErrnoText());
    done += static_cast<size_t>(n);
  }
  if (durable && ::fdatasync(fd) != 0) return failed(ErrnoText());
  if (created && durable) {
    const auto dir = std::filesystem::path(anchor_file).parent_path();
    const int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0 || ::fsync(dfd) != 0) {
      if (dfd >= 0) ::close(dfd);
      return failed(ErrnoText());
    }
    ::close(dfd);
  }
  return {};
}

Result<AnchorFile> ReadAnchorFile(const std::string& anchor_file) {
  AnchorFile out;
  std::ifstream in(anchor_file, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return out;
    return Fail(FileError("file_error", ErrorCode::kUnavailable, anchor_file, ErrnoText()));
  }
  out.exists = true;
  std::string text;
  for (int number = 1; std::getline(in, text); ++number) {
    if (text.empty()) continue;
    out.lines.push_back({number, ParseAnchorLine(text)});
  }
  if (in.bad()) return Fail(FileError("file_error", ErrorCode::kUnavailable, anchor_file, "read failed"));
  return out;
}

bool AnchorFileIsEmpty(const std::string& anchor_file) {
  struct stat st {};
  return ::stat(anchor_file.c_str(), &st) != 0 || st.st_size == 0;
}

}  // namespace shaobing
