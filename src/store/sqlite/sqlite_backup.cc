#include "store/sqlite/sqlite_backup.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>
#include <vector>

#include "store/attachment_files.h"

namespace shaobing::sqlite {
namespace {
namespace fs = std::filesystem;

constexpr char kKey[] = "audit-signing.key";
constexpr char kPublicKey[] = "audit-signing.pub";
constexpr char kAnchor[] = "audit-anchor.log";

Error FileError(const std::string& file, const std::string& detail) {
  return Error::Make(ErrorCode::kInvalidArgument, "file_error", "", {{"file", file}, {"detail", detail}});
}

// What is being written (the backup, the restored files) could not be.
Error WriteError(const std::string& file, const std::string& detail) {
  return Error::Make(ErrorCode::kInvalidArgument, "file_unwritable", "", {{"file", file}, {"detail", detail}});
}

// An SQLite connection closed on scope exit.
struct Connection {
  sqlite3* db = nullptr;
  ~Connection() { sqlite3_close(db); }
  std::string Message() const { return db ? sqlite3_errmsg(db) : "out of memory"; }
};

Status Open(Connection& c, const std::string& path, int flags) {
  if (sqlite3_open_v2(path.c_str(), &c.db, flags, nullptr) != SQLITE_OK) return Fail(FileError(path, c.Message()));
  sqlite3_busy_timeout(c.db, 10000);
  return {};
}

// Copies every page of `from` into `to` (SQLite's online backup, in one step: a WAL reader's
// snapshot, so writers go on meanwhile).
Status Copy(Connection& from, Connection& to, const std::string& what) {
  sqlite3_backup* b = sqlite3_backup_init(to.db, "main", from.db, "main");
  if (!b) return Fail(WriteError(what, to.Message()));
  const int step = sqlite3_backup_step(b, -1);
  const int finish = sqlite3_backup_finish(b);
  if (step != SQLITE_DONE || finish != SQLITE_OK) return Fail(WriteError(what, to.Message()));
  return {};
}

Status Exec(Connection& c, const std::string& sql, const std::string& what) {
  char* message = nullptr;
  if (sqlite3_exec(c.db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string detail = message ? message : c.Message();
    sqlite3_free(message);
    return Fail(WriteError(what, detail));
  }
  return {};
}

Result<std::int64_t> LastAuditSeq(Connection& c, const std::string& what) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(c.db, "SELECT COALESCE(MAX(seq), 0) FROM audit", -1, &s, nullptr) != SQLITE_OK) {
    return Fail(FileError(what, "不是哨兵数据库 / not a Shaobing database: " + c.Message()));
  }
  std::int64_t seq = 0;
  if (sqlite3_step(s) == SQLITE_ROW) seq = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  return seq;
}

std::optional<std::string> ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Status WriteNew(const std::string& path, const std::string& content) {
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  const std::string part = path + ".restoring";
  {
    std::ofstream out(part, std::ios::binary | std::ios::trunc);
    if (!out || !out.write(content.data(), static_cast<std::streamsize>(content.size())) || !out.flush()) {
      return Fail(WriteError(path, "cannot be written"));
    }
  }
  ::chmod(part.c_str(), 0600);
  fs::rename(part, path, ec);
  if (ec) return Fail(WriteError(path, ec.message()));
  return {};
}

Status PutFile(Connection& c, const std::string& name, const std::string& content, const std::string& what) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(c.db, "INSERT INTO backup_files(name, content) VALUES (?, ?)", -1, &s, nullptr) != SQLITE_OK) {
    return Fail(WriteError(what, c.Message()));
  }
  sqlite3_bind_text(s, 1, name.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob(s, 2, content.data(), static_cast<int>(content.size()), SQLITE_TRANSIENT);
  const int rc = sqlite3_step(s);
  sqlite3_finalize(s);
  if (rc != SQLITE_DONE) return Fail(WriteError(what, c.Message()));
  return {};
}

// The attachments' files (store/attachment_files.h) of every content the snapshot names, as
// "attachments/ab/<sha256>" (and ".thumb.jpg"): a restored directory serves what its rows say.
// A snapshot without the table (older schema) has none.
Status PutAttachments(Connection& to, const std::string& data_dir, const std::string& what) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(to.db, "SELECT sha256, has_thumbnail FROM attachments", -1, &s, nullptr) != SQLITE_OK) {
    return {};
  }
  std::vector<std::pair<std::string, bool>> contents;
  while (sqlite3_step(s) == SQLITE_ROW) {
    contents.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)), sqlite3_column_int(s, 1) != 0);
  }
  sqlite3_finalize(s);
  for (const auto& [sha256, thumbnail] : contents) {
    if (!IsContentId(sha256)) continue;
    for (const bool thumb : {false, true}) {
      if (thumb && !thumbnail) continue;
      const std::string name = ContentRelativePath(sha256, thumb);
      const auto content = ReadWhole((fs::path(data_dir) / name).string());
      if (!content)
        return Fail(FileError((fs::path(data_dir) / name).string(), "附件文件缺失 / attachment file missing"));
      if (auto r = PutFile(to, name, *content, what); !r) return r;
    }
  }
  return {};
}

// A carried attachment's name ("attachments/ab/<sha256>" or with ".thumb.jpg"), checked so that
// a crafted backup cannot write outside the attachments folder.
bool IsAttachmentName(std::string_view name) {
  constexpr std::string_view kThumb = ".thumb.jpg";
  const std::string_view prefix = "attachments/";
  if (!name.starts_with(prefix)) return false;
  name.remove_prefix(prefix.size());
  if (name.size() < 3 || name[2] != '/') return false;
  std::string_view sha = name.substr(3);
  if (sha.ends_with(kThumb)) sha.remove_suffix(kThumb.size());
  return IsContentId(sha) && sha.substr(0, 2) == name.substr(0, 2);
}

}  // namespace

Result<BackupSummary> BackupDataDir(const std::string& data_dir, const AuditAnchorOptions& anchor,
                                    const std::string& out_file) {
  const std::string db_path = (fs::path(data_dir) / "shaobing.db").string();
  if (!fs::is_regular_file(db_path)) return Fail(FileError(db_path, "没有数据库 / no database"));
  if (fs::exists(out_file)) return Fail(WriteError(out_file, "exists already; name a new file"));
  const std::string part = out_file + ".part";
  fs::remove(part);
  BackupSummary summary;
  {
    Connection from, to;
    if (auto s = Open(from, db_path, SQLITE_OPEN_READONLY); !s) return Fail(s.error());
    if (auto s = Open(to, part, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE); !s) return Fail(s.error());
    ::chmod(part.c_str(), 0600);
    if (auto s = Copy(from, to, part); !s) return Fail(s.error());
    auto seq = LastAuditSeq(to, db_path);
    if (!seq) return Fail(seq.error());
    summary.audit_seq = *seq;
    if (auto s = Exec(to, "CREATE TABLE backup_files(name TEXT PRIMARY KEY, content BLOB NOT NULL)", part); !s) {
      return Fail(s.error());
    }
    const auto files = ResolveAnchorOptions(anchor, db_path);
    if (auto key = ReadWhole(files.key_file)) {
      if (auto s = PutFile(to, kKey, *key, part); !s) return Fail(s.error());
    }
    if (auto pub = ReadWhole(PublicKeyFile(files.key_file))) {
      if (auto s = PutFile(to, kPublicKey, *pub, part); !s) return Fail(s.error());
    }
    // The anchor lines of the records in the snapshot; later ones would read as truncation.
    if (const auto text = ReadWhole(files.anchor_file)) {
      std::string kept;
      std::istringstream in(*text);
      for (std::string line; std::getline(in, line);) {
        const auto checkpoint = ParseAnchorLine(line);
        if (!checkpoint || checkpoint->seq > summary.audit_seq) continue;
        kept += line + "\n";
        ++summary.anchor_lines;
      }
      if (auto s = PutFile(to, kAnchor, kept, part); !s) return Fail(s.error());
    }
    if (auto s = PutAttachments(to, data_dir, part); !s) return Fail(s.error());
  }
  std::error_code ec;
  fs::rename(part, out_file, ec);
  if (ec) return Fail(WriteError(out_file, ec.message()));
  summary.bytes = static_cast<std::int64_t>(fs::file_size(out_file));
  return summary;
}

Result<BackupSummary> RestoreDataDir(const std::string& from_file, const std::string& data_dir,
                                     const AuditAnchorOptions& anchor, bool force) {
  if (!fs::is_regular_file(from_file)) return Fail(FileError(from_file, "备份文件不存在 / no such backup file"));
  std::error_code ec;
  if (fs::exists(data_dir) && !fs::is_empty(data_dir, ec) && !force) {
    return Fail(Error::Make(ErrorCode::kInvalidArgument, "data_not_empty", "data", {{"dir", data_dir}}));
  }
  fs::create_directories(data_dir, ec);
  fs::permissions(data_dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  const std::string db_path = (fs::path(data_dir) / "shaobing.db").string();
  const auto files = ResolveAnchorOptions(anchor, db_path);
  BackupSummary summary;
  std::vector<std::pair<std::string, std::string>> carried;  // name, content
  {
    Connection from;
    if (auto s = Open(from, from_file, SQLITE_OPEN_READONLY); !s) return Fail(s.error());
    auto seq = LastAuditSeq(from, from_file);
    if (!seq) return Fail(seq.error());
    summary.audit_seq = *seq;
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(from.db, "SELECT name, content FROM backup_files", -1, &s, nullptr) != SQLITE_OK) {
      return Fail(FileError(from_file, "not a Shaobing backup (no backup_files)"));
    }
    while (sqlite3_step(s) == SQLITE_ROW) {
      const auto* p = static_cast<const char*>(sqlite3_column_blob(s, 1));
      carried.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)),
                           std::string(p ? p : "", static_cast<size_t>(sqlite3_column_bytes(s, 1))));
    }
    sqlite3_finalize(s);
    // The database: the snapshot without the carried files, written beside and renamed.
    const std::string part = db_path + ".restoring";
    fs::remove(part);
    {
      Connection to;
      if (auto r = Open(to, part, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE); !r) return Fail(r.error());
      ::chmod(part.c_str(), 0600);
      if (auto r = Copy(from, to, part); !r) return Fail(r.error());
      if (auto r = Exec(to, "DROP TABLE backup_files", part); !r) return Fail(r.error());
    }
    for (const char* stale : {"-wal", "-shm"}) fs::remove(db_path + stale, ec);
    fs::rename(part, db_path, ec);
    if (ec) return Fail(WriteError(db_path, ec.message()));
  }
  for (const auto& [name, content] : carried) {
    std::string path;
    if (name == kKey)
      path = files.key_file;
    else if (name == kPublicKey)
      path = PublicKeyFile(files.key_file);
    else if (name == kAnchor)
      path = files.anchor_file;
    else if (IsAttachmentName(name))
      path = (fs::path(data_dir) / name).string();
    else
      continue;
    if (name == kAnchor) summary.anchor_lines = static_cast<int>(std::count(content.begin(), content.end(), '\n'));
    if (auto s = WriteNew(path, content); !s) return Fail(s.error());
  }
  summary.bytes = static_cast<std::int64_t>(fs::file_size(db_path));
  return summary;
}

}  // namespace shaobing::sqlite
