#pragma once
// Upgrades keep a way back: before this release migrates an existing database to its schema,
// the data directory is backed up (store/sqlite/sqlite_backup.h) to
// <data>/backups/before-schema-<NNNN>-<YYYYMMDDTHHMMSS>.sqlite, which `shaobing restore` puts
// back. A database of a newer release is left to the store, which refuses it ("schema_newer")
// before anything is changed.
#include <optional>
#include <string>

#include "core/error.h"
#include "core/time.h"
#include "store/audit_anchor.h"
#include "store/store.h"

namespace shaobing {

struct UpgradeBackup {
  int from = 0;      // the database's schema version before
  int to = 0;        // this release's
  std::string file;  // the backup written
};

// nullopt when there is nothing to migrate: no database yet, or one at this release's schema
// or a newer one.
Result<std::optional<UpgradeBackup>> BackupBeforeMigration(const std::string& data_dir,
                                                           const AuditAnchorOptions& anchor, TimePoint now);

// The audit record of a migration that `backup` preceded: "system" "schema.migrated" with
// from, to and the backup file. Written by the store that migrated (serve, migrate).
WriteJob MigrationAudit(const UpgradeBackup& backup);

}  // namespace shaobing
