#pragma once
// A data directory in one file, and back.
//
// The backup file is an SQLite database: a consistent snapshot of shaobing.db taken with
// SQLite's online backup API while the server keeps serving (a WAL reader blocks no writer),
// plus a table backup_files(name, content) with the audit signing key, its public key and the
// anchor lines up to the snapshot's last audit record (store/audit_anchor.h), so that the
// restored directory verifies (`shaobing audit verify`), and the attachments' files of every
// content the snapshot names (attachments/ab/<sha256>, store/attachment_files.h). Everything acknowledged before the
// backup began is in it: an acknowledgement follows the durable commit.
//
// The file holds the signing key and every report: it is written 0600 and should be kept as
// the data directory is.
#include <cstdint>
#include <string>

#include "core/error.h"
#include "store/audit_anchor.h"

namespace shaobing::sqlite {

struct BackupSummary {
  std::int64_t audit_seq = 0;  // the last audit record in the snapshot
  std::int64_t bytes = 0;      // size of the backup file
  int anchor_lines = 0;        // anchor checkpoints carried along
};

// Writes the backup of `data_dir` (its key and anchor where `anchor` says) to `out_file`,
// which must not exist yet (written beside it and renamed when complete).
Result<BackupSummary> BackupDataDir(const std::string& data_dir, const AuditAnchorOptions& anchor,
                                    const std::string& out_file);

// Restores `from_file` into `data_dir` (created 0700): the database, and the key and anchor
// files where `anchor` says. A directory that holds anything is refused with "data_not_empty"
// unless `force`, which replaces the database, key and anchor files.
Result<BackupSummary> RestoreDataDir(const std::string& from_file, const std::string& data_dir,
                                     const AuditAnchorOptions& anchor, bool force);

}  // namespace shaobing::sqlite
