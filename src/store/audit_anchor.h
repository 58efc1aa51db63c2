#pragma once
// The audit chain anchored outside the database.
//
// The hash chain (store/audit_chain.h) shows that no record changed in place, but whoever
// can write the database file can drop its triggers, delete the tail, or rewrite a record
// and recompute every later hash, and the chain still verifies. So the store also keeps two
// files, which need not live beside the database:
//   - an Ed25519 signing key (default `audit-signing.key` beside the database, mode 0600,
//     the 32-byte seed in hex; its public key in `audit-signing.pub`), created on first open;
//   - an append-only anchor file (default `audit-anchor.log`, mode 0600): after every
//     durable commit that appended audit records, and before any job of that commit is
//     acknowledged, the writer appends and fsyncs one line
//       {"seq":N,"hash":"<hash of record N>","at":<ms>,"sig":"<Ed25519 over seq, hash, at>"}
//     Each record's hash covers every earlier one, so one line anchors the chain up to N.
// store/audit_verify.h checks the database against these lines: a shorter chain than
// anchored (truncation), another hash at an anchored seq (rewrite), a line whose signature
// fails (forged or altered anchor) and a lost anchor file.
//
// Where anchoring began is recorded in the database itself, so that a deleted anchor file is
// found instead of being taken for a database that never had one. The first commit that
// appends audit records to a database without anchoring (for an existing database: its first
// open after this change) appends the record `audit.anchor_start` {"public_key"} and the
// row audit_anchoring(since_seq) in the same transaction; that commit's anchor line is then
// at exactly since_seq. Verification requires an anchor line at the first start record, and
// a second start record (the row was deleted) is a finding too; deleting the start record
// itself breaks the chain or, rewritten away, the anchors. Rejected alternatives: "the key
// file exists, so anchoring began" (read-only opens create the key, and an operator may
// provision it elsewhere), and a marker line in the anchor file (the file is what gets lost).
//
// What this protects against depends on where the two files are. Beside the database, owned
// by the same account, it catches changes made to the database alone (SQL access to the
// file, a restored older copy). Against someone controlling the service's account, the
// anchor file must be on storage that account can only append to (chattr +a, a log shipper)
// and the public key kept elsewhere too; records after the last anchor line (a crash between
// commit and anchor leaves a few) are reported as unanchored, never as verified.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"

namespace shaobing {

struct AuditAnchorOptions {
  bool enabled = true;      // false only for benchmarks and throwaway data
  std::string key_file;     // Ed25519 signing key; "" = audit-signing.key beside the database
  std::string anchor_file;  // signed checkpoints; "" = audit-anchor.log beside the database
};

// `options` with empty paths filled in beside `database_path`.
AuditAnchorOptions ResolveAnchorOptions(AuditAnchorOptions options, const std::string& database_path);
// The public key file of `key_file`: its extension replaced by ".pub".
std::string PublicKeyFile(const std::string& key_file);

// The action of the audit record that opens anchoring of a database.
inline constexpr char kAnchorStartAction[] = "audit.anchor_start";

class AuditSigningKey {
 public:
  // Reads `key_file`, or creates it (0600, atomically: concurrent openers agree on one key)
  // with its public key file (0644) when missing. kInvalidArgument "audit_key_invalid"
  // when the file is not a key, "file_unwritable" when it cannot be created.
  static Result<AuditSigningKey> LoadOrCreate(const std::string& key_file);

  const std::string& public_key_hex() const { return public_hex_; }
  // Detached Ed25519 signature of `message`, hex.
  std::string Sign(std::string_view message) const;

 private:
  std::array<unsigned char, 64> secret_{};
  std::string public_hex_;
};

// The public key (hex) of `key_file`, read from the key or, when the key file is absent,
// from its public key file. kNotFound "audit_key_missing" when neither exists.
Result<std::string> LoadPublicKeyHex(const std::string& key_file);
bool VerifyAnchorSignature(const std::string& public_key_hex, std::string_view message, std::string_view sig_hex);

// One signed checkpoint of the chain head.
struct AnchorCheckpoint {
  std::int64_t seq = 0;
  std::string hash;     // hex BLAKE2b-256 of record `seq`
  std::int64_t at = 0;  // Unix milliseconds of the anchoring
  std::string sig;      // hex Ed25519 over SignedAnchorText(seq, hash, at)
};
// The bytes signed: "shaobing-audit-anchor/1 <seq> <hash> <at>".
std::string SignedAnchorText(std::int64_t seq, std::string_view hash, std::int64_t at);
// {"seq":..,"hash":"..","at":..,"sig":".."} and a newline.
std::string FormatAnchorLine(const AnchorCheckpoint& checkpoint);
// nullopt unless `line` is exactly such an object (without its newline).
std::optional<AnchorCheckpoint> ParseAnchorLine(std::string_view line);

// Appends the signed checkpoint of record `seq` with `hash` to `anchor_file` (created 0600)
// under an exclusive lock (several processes may write one database) and, when `durable`,
// fdatasync'd, with the directory on creation. An unterminated last line left by a crash is
// closed first so that it cannot swallow this one. kUnavailable "audit_anchor_failed".
Status AppendAnchor(const std::string& anchor_file, const AuditSigningKey& key, std::int64_t seq, std::string_view hash,
                    TimePoint at, bool durable);

struct AnchorFileLine {
  int line = 0;                                // 1-based
  std::optional<AnchorCheckpoint> checkpoint;  // nullopt: the line is not a checkpoint
};
struct AnchorFile {
  bool exists = false;
  std::vector<AnchorFileLine> lines;  // blank lines left out
};
// Every line of `anchor_file`; a missing file is an empty AnchorFile.
Result<AnchorFile> ReadAnchorFile(const std::string& anchor_file);
// Whether `anchor_file` is missing or empty, without reading it.
bool AnchorFileIsEmpty(const std::string& anchor_file);

}  // namespace shaobing
