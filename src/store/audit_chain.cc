#include "store/audit_chain.h"

#include <sodium.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace shaobing {

std::string Blake2bHex(std::string_view bytes) {
  unsigned char out[crypto_generichash_BYTES];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), nullptr, 0);
  char hex[sizeof out * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return std::string(hex, sizeof out * 2);
}

std::string CanonicalAuditRecord(const AuditRecord& r) {
  boost::json::object o;
  o["seq"] = r.seq;
  o["at"] = ToUnixMillis(r.at);
  o["actor"] = r.actor;
  o["action"] = r.action;
  o["target"] = r.target;
  std::string out = boost::json::serialize(o);
  // detail is already canonical JSON text; splice it in verbatim so the hash covers its bytes.
  out.pop_back();
  out += ",\"detail\":";
  out += r.detail;
  out += '}';
  return out;
}

std::string ChainHash(const std::string& prev_hash, const std::string& canonical_record) {
  return Blake2bHex(prev_hash + canonical_record);
}

void Seal(AuditRecord& r, const std::string& prev_hash) {
  r.prev_hash = prev_hash;
  r.hash = ChainHash(prev_hash, CanonicalAuditRecord(r));
}

Status VerifyChain(const std::vector<AuditRecord>& records, std::string& prev_hash, std::int64_t& expected_seq) {
  auto broken = [](std::int64_t seq, std::string detail) {
    return Fail(Error::Make(ErrorCode::kConflict, "audit_broken", "",
                            {{"seq", std::to_string(seq)}, {"detail", std::move(detail)}}));
  };
  for (const auto& r : records) {
    if (r.seq != expected_seq) {
      return broken(expected_seq, "missing record (next is " + std::to_string(r.seq) + ")");
    }
    if (r.prev_hash != prev_hash) return broken(r.seq, "prev_hash does not match the previous record");
    boost::system::error_code ec;
    boost::json::parse(r.detail, ec);
    if (ec) return broken(r.seq, "detail is not JSON");
    if (ChainHash(prev_hash, CanonicalAuditRecord(r)) != r.hash)
      return broken(r.seq, "content does not match its hash");
    prev_hash = r.hash;
    ++expected_seq;
  }
  return {};
}

}  // namespace shaobing
