#include "store/sqlite/sqlite_anchor.h"

namespace shaobing::sqlite {

Result<std::unique_ptr<SqliteAnchor>> SqliteAnchor::Open(const AuditAnchorOptions& options, bool durable) {
  auto key = AuditSigningKey::LoadOrCreate(options.key_file);
  if (!key) return Fail(key.error());
  return std::unique_ptr<SqliteAnchor>(new SqliteAnchor(options, std::move(*key), durable));
}

Result<bool> SqliteAnchor::Recover(Db& db, TimePoint now) {
  SqliteTransaction reads(db);  // plain reads outside any transaction
  if (auto s = reads.LoadAuditHead(); !s) return Fail(s.error());
  auto since = reads.AnchoringSince();
  if (!since) return Fail(since.error());
  const auto head = reads.head();
  if (!*since) return head.seq > 0;
  if (head.seq == **since && AnchorFileIsEmpty(options_.anchor_file)) {
    if (auto s = AfterCommit(head, now); !s) return Fail(s.error());
  }
  return false;
}

Status SqliteAnchor::BeforeCommit(SqliteTransaction& tx) {
  auto since = tx.AnchoringSince();
  if (!since) return Fail(since.error());
  if (*since) return {};
  return tx.StartAnchoring(key_.public_key_hex());
}

Status SqliteAnchor::AfterCommit(const SqliteTransaction::Head& head, TimePoint now) {
  return AppendAnchor(options_.anchor_file, key_, head.seq, head.hash, now, durable_);
}

}  // namespace shaobing::sqlite
