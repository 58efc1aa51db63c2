#include "app/upgrade.h"

#include <filesystem>

#include "store/migrations.h"
#include "store/sqlite/sqlite_backup.h"
#include "store/sqlite/sqlite_store.h"

namespace shaobing {

namespace {

char Digit(int v) { return static_cast<char>('0' + v); }

// 2026-12-03T08:15:00+08:00 → 20261203T081500
std::string Stamp(TimePoint now) {
  std::string out;
  for (const char c : FormatShanghai(now).substr(0, 19)) {
    if (c != '-' && c != ':') out += c;
  }
  return out;
}

std::string Version(int v) {
  std::string out(4, '0');
  for (int i = 3; i >= 0 && v > 0; --i, v /= 10) out[static_cast<size_t>(i)] = Digit(v % 10);
  return out;
}

}  // namespace

Result<std::optional<UpgradeBackup>> BackupBeforeMigration(const std::string& data_dir,
                                                           const AuditAnchorOptions& anchor, TimePoint now) {
  const std::string db = data_dir + "/shaobing.db";
  std::error_code ec;
  if (!std::filesystem::exists(db, ec)) return std::optional<UpgradeBackup>();
  auto version = SqliteStore::SchemaVersion(db);
  if (!version) return Fail(version.error());
  const int latest = LatestSchemaVersion();
  if (*version > latest) {
    return Fail(Error::Make(ErrorCode::kConflict, "schema_newer", "",
                            {{"found", std::to_string(*version)}, {"supported", std::to_string(latest)}}));
  }
  if (*version == 0 || *version == latest) return std::optional<UpgradeBackup>();
  const auto dir = std::filesystem::path(data_dir) / "backups";
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return Fail(Error::Make(ErrorCode::kInvalidArgument, "file_unwritable", "",
                            {{"file", dir.string()}, {"detail", ec.message()}}));
  }
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
  UpgradeBackup out{*version, latest,
                    (dir / ("before-schema-" + Version(latest) + "-" + Stamp(now) + ".sqlite")).string()};
  if (auto b = sqlite::BackupDataDir(data_dir, anchor, out.file); !b) return Fail(b.error());
  return std::optional<UpgradeBackup>(std::move(out));
}

}  // namespace shaobing
