#include "app/upgrade.h"

#include <cstdio>
#include <filesystem>

#include "store/migrations.h"
#include "store/sqlite/sqlite_backup.h"
#include "store/sqlite/sqlite_store.h"

namespace shaobing {

namespace {

// before-schema-0008-20261203T081500.sqlite: the schema it is taken for, and when (Shanghai).
std::string BackupName(int version, TimePoint now) {
  std::string stamp;
  for (const char c : FormatShanghai(now).substr(0, 19)) {  // 2026-12-03T08:15:00
    if (c != '-' && c != ':') stamp += c;
  }
  char name[64];
  std::snprintf(name, sizeof name, "before-schema-%04d-%s.sqlite", version, stamp.c_str());
  return name;
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
  // Nothing to migrate; a newer schema is refused by the store itself (schema_newer), before
  // it writes anything.
  if (*version == 0 || *version >= latest) return std::optional<UpgradeBackup>();
  const auto dir = std::filesystem::path(data_dir) / "backups";
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return Fail(Error::Make(ErrorCode::kInvalidArgument, "file_unwritable", "",
                            {{"file", dir.string()}, {"detail", ec.message()}}));
  }
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
  UpgradeBackup out{*version, latest, (dir / BackupName(latest, now)).string()};
  if (auto b = sqlite::BackupDataDir(data_dir, anchor, out.file); !b) return Fail(b.error());
  return std::optional<UpgradeBackup>(std::move(out));
}

WriteJob MigrationAudit(const UpgradeBackup& backup) {
  return [backup](Transaction& tx) {
    return tx.Audit("system", "schema.migrated", "schema:" + std::to_string(backup.to),
                    {{"from", backup.from}, {"to", backup.to}, {"backup", backup.file}});
  };
}

}  // namespace shaobing
