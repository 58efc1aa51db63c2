#pragma once
// The SQLite engine's side of the audit anchor (store/audit_anchor.h): opens anchoring in the
// transaction of the first batch that appends audit records (BeforeCommit, on the writer
// thread), and after durable commits that did, appends the signed checkpoint of the chain
// head before any of their jobs is acknowledged (AfterCommit, on the anchoring thread). The
// two may run at once: they share only the immutable key and options. Recover runs in Open
// before either thread starts.
#include <memory>

#include "store/audit_anchor.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_transaction.h"

namespace shaobing::sqlite {

class SqliteAnchor {
 public:
  // Loads the signing key of `options` (resolved), creating it when missing.
  static Result<std::unique_ptr<SqliteAnchor>> Open(const AuditAnchorOptions& options, bool durable);

  // On open, before the writer runs. True when the database holds records but anchoring
  // never began (a database from before anchoring): the store then commits a start at once.
  // When the last commit opened anchoring and a crash kept its checkpoint out of an empty
  // anchor file, that checkpoint is written now; nothing else is ever anchored on open, so
  // a database that disagrees with its anchor file stays that way for verification to see.
  Result<bool> Recover(Db& db, TimePoint now);

  // In the batch's transaction, after its jobs, when they appended audit records or a start
  // is due: opens anchoring if this database has none.
  Status BeforeCommit(SqliteTransaction& tx);
  // After the durable commit that moved the chain head to `head`.
  Status AfterCommit(const SqliteTransaction::Head& head, TimePoint now);

  const AuditAnchorOptions& options() const { return options_; }

 private:
  SqliteAnchor(AuditAnchorOptions options, AuditSigningKey key, bool durable)
      : options_(std::move(options)), key_(std::move(key)), durable_(durable) {}

  AuditAnchorOptions options_;
  AuditSigningKey key_;
  bool durable_;
};

}  // namespace shaobing::sqlite
