#pragma once
// The hash chain of the audit log. Each record's hash is BLAKE2b-256 over the previous
// record's hash (hex) followed by the record's canonical form; the first record's previous
// hash is 64 zeros. Changing, removing or reordering any record breaks every later link.
// The stored chain is checked, with its anchor outside the database, by store/audit_verify.h.
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "store/store.h"

namespace shaobing {

inline constexpr char kGenesisHash[] = "0000000000000000000000000000000000000000000000000000000000000000";

// {"seq":..,"at":..,"actor":..,"action":..,"target":..,"detail":<detail JSON>} — fixed key order.
std::string CanonicalAuditRecord(const AuditRecord& record);
std::string ChainHash(const std::string& prev_hash, const std::string& canonical_record);
// Fills prev_hash and hash of `record` following `prev_hash`.
void Seal(AuditRecord& record, const std::string& prev_hash);

// Checks a run of records that starts after `prev_hash` at `expected_seq`. On a broken link
// the error's args name the seq and what is wrong (reason "audit_broken").
Status VerifyChain(const std::vector<AuditRecord>& records, std::string& prev_hash, std::int64_t& expected_seq);

// Hex BLAKE2b-256 of arbitrary bytes (tokens, report bodies).
std::string Blake2bHex(std::string_view bytes);

}  // namespace shaobing
