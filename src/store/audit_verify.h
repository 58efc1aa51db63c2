#pragma once
// The audit log checked end to end: its hash chain (store/audit_chain.h) and, when anchoring
// is on, the chain against the signed checkpoints of its anchor file (store/audit_anchor.h).
//
// Findings, looked for in this order (the first is reported; each is kConflict with these
// reason and args, message in the i18n catalogue under error.<reason>):
//   audit_broken           {seq, detail}   a link of the hash chain is broken
//   audit_anchor_malformed {file, line}    a line of the anchor file is not a checkpoint
//   audit_key_missing      {file}          anchors exist, but neither the key nor its .pub
//   audit_key_replaced     {seq, file}     the key is not the one start record `seq` names
//   audit_anchor_signature {file, line, seq}  a checkpoint's signature does not verify
//   audit_rewritten        {seq, from}     record `seq` has another hash than its anchor;
//                                          the change lies in records from..seq
//   audit_truncated        {seq, anchored, records}  anchored up to `anchored`, the database
//                                          holds `records` (seq: the first record missing)
//   audit_anchor_missing   {seq, file}     anchoring began at record `seq`, and the anchor
//                                          file holds no checkpoint of it
//   audit_anchor_restarted {seq, since}    a second start record: the database forgot that
//                                          anchoring began at `since`
// Records after the highest anchored seq are `unanchored`: not a finding (a crash between a
// commit and its anchor line leaves a few, and the next commit's checkpoint covers them) but
// always shown.
//
// The anchor file is read before the database: every line then names a committed record, so
// verifying while the service writes never reports a false truncation. Cost: one Ed25519
// verification per anchor line (about 50 µs) on top of the chain's hashing.
#include <cstdint>
#include <optional>

#include "core/error.h"
#include "store/audit_anchor.h"
#include "store/store.h"

namespace shaobing {

struct AuditVerification {
  std::int64_t records = 0;       // records checked before the first broken link (all when intact)
  std::optional<Error> broken;    // the first finding
  std::int64_t anchored_seq = 0;  // the highest record a matching, validly signed checkpoint names
  std::int64_t unanchored = 0;    // records after anchored_seq
};

// `anchor` as resolved by ResolveAnchorOptions; when it is disabled only the chain is checked.
// Fails only when a file or the store cannot be read.
Result<AuditVerification> VerifyAnchoredChain(Store& store, const AuditAnchorOptions& anchor);

// The record a finding names (its "seq" argument); nullopt when it names none.
std::optional<std::int64_t> FindingSeq(const Error& finding);

}  // namespace shaobing
