#include "store/audit_verify.h"

#include <algorithm>
#include <boost/json/parse.hpp>

#include "store/audit_chain.h"

namespace shaobing {
namespace {

Error Finding(std::string reason, std::vector<ErrorArg> args) {
  return Error::Make(ErrorCode::kConflict, std::move(reason), "", std::move(args));
}

std::string Str(std::int64_t n) { return std::to_string(n); }

// A well-formed checkpoint of the anchor file.
struct Anchor {
  std::int64_t seq;
  std::string hash;
};

struct StartRecord {
  std::int64_t seq;
  std::string public_key;
};

std::string PublicKeyOf(const AuditRecord& start) {
  boost::system::error_code ec;
  auto v = boost::json::parse(start.detail, ec);
  if (ec || !v.is_object()) return "";
  const auto* key = v.get_object().if_contains("public_key");
  return key && key->is_string() ? std::string(key->as_string()) : "";
}

// What the walk along the stored chain learnt about the anchors.
struct ChainWalk {
  std::int64_t head = 0;
  std::optional<Error> broken;
  std::vector<StartRecord> starts;
  std::optional<std::int64_t> rewritten;  // the lowest anchored seq whose hash differs
  std::int64_t matched_below = 0;         // the highest anchored seq that matched below it
};

// Walks the chain page by page; `anchors` sorted by seq.
Result<ChainWalk> Walk(Store& store, const std::vector<Anchor>& anchors) {
  ChainWalk walk;
  std::string prev = kGenesisHash;
  std::int64_t next = 1;
  size_t a = 0;
  for (;;) {
    auto page = store.ReadAudit(next - 1, 5000);
    if (!page) return Fail(page.error());
    if (page->empty()) break;
    if (auto s = VerifyChain(*page, prev, next); !s) {
      walk.head = next - 1;
      walk.broken = s.error();
      return walk;
    }
    for (const auto& r : *page) {
      if (r.action == kAnchorStartAction) walk.starts.push_back({r.seq, PublicKeyOf(r)});
      for (; a < anchors.size() && anchors[a].seq <= r.seq; ++a) {
        if (walk.rewritten || anchors[a].seq != r.seq) continue;
        if (anchors[a].hash == r.hash) {
          walk.matched_below = r.seq;
        } else {
          walk.rewritten = r.seq;
        }
      }
    }
  }
  walk.head = next - 1;
  return walk;
}

}  // namespace

std::optional<std::int64_t> FindingSeq(const Error& finding) {
  for (const auto& arg : finding.args) {
    if (arg.name == "seq") return std::stoll(arg.value);
  }
  return std::nullopt;
}

Result<AuditVerification> VerifyAnchoredChain(Store& store, const AuditAnchorOptions& anchor) {
  // The files first: then every checkpoint read names a record already committed.
  AnchorFile file;
  std::optional<std::string> public_key;
  if (anchor.enabled) {
    auto read = ReadAnchorFile(anchor.anchor_file);
    if (!read) return Fail(read.error());
    file = std::move(*read);
    auto key = LoadPublicKeyHex(anchor.key_file);
    if (key) {
      public_key = *key;
    } else if (key.error().reason != "audit_key_missing") {
      return Fail(key.error());
    }
  }
  std::vector<Anchor> anchors;
  for (const auto& line : file.lines) {
    if (line.checkpoint) anchors.push_back({line.checkpoint->seq, line.checkpoint->hash});
  }
  std::stable_sort(anchors.begin(), anchors.end(), [](const Anchor& x, const Anchor& y) { return x.seq < y.seq; });
  auto walk = Walk(store, anchors);
  if (!walk) return Fail(walk.error());

  AuditVerification out;
  out.records = walk->head;
  const std::int64_t highest = anchors.empty() ? 0 : anchors.back().seq;
  out.anchored_seq = std::min(walk->rewritten ? walk->matched_below : highest, walk->head);
  out.unanchored = walk->head - out.anchored_seq;
  auto found = [&out](Error e) -> Result<AuditVerification> {
    out.broken = std::move(e);
    return out;
  };
  if (walk->broken) return found(*walk->broken);
  if (!anchor.enabled) return out;

  const std::string& anchor_file = anchor.anchor_file;
  for (const auto& line : file.lines) {
    if (!line.checkpoint) {
      return found(Finding("audit_anchor_malformed", {{"file", anchor_file}, {"line", Str(line.line)}}));
    }
  }
  if (!public_key && !file.lines.empty()) return found(Finding("audit_key_missing", {{"file", anchor.key_file}}));
  if (public_key && !walk->starts.empty() && walk->starts.front().public_key != *public_key) {
    return found(Finding("audit_key_replaced", {{"seq", Str(walk->starts.front().seq)}, {"file", anchor.key_file}}));
  }
  for (const auto& line : file.lines) {
    const auto& c = *line.checkpoint;
    if (!VerifyAnchorSignature(*public_key, SignedAnchorText(c.seq, c.hash, c.at), c.sig)) {
      return found(
          Finding("audit_anchor_signature", {{"file", anchor_file}, {"line", Str(line.line)}, {"seq", Str(c.seq)}}));
    }
  }
  if (walk->rewritten) {
    return found(Finding("audit_rewritten", {{"seq", Str(*walk->rewritten)}, {"from", Str(walk->matched_below + 1)}}));
  }
  if (highest > walk->head) {
    return found(Finding("audit_truncated",
                         {{"seq", Str(walk->head + 1)}, {"anchored", Str(highest)}, {"records", Str(walk->head)}}));
  }
  if (!walk->starts.empty()) {
    const std::int64_t since = walk->starts.front().seq;
    const bool anchored_start = std::binary_search(anchors.begin(), anchors.end(), Anchor{since, ""},
                                                   [](const Anchor& x, const Anchor& y) { return x.seq < y.seq; });
    if (!anchored_start) return found(Finding("audit_anchor_missing", {{"seq", Str(since)}, {"file", anchor_file}}));
    if (walk->starts.size() > 1) {
      return found(Finding("audit_anchor_restarted", {{"seq", Str(walk->starts[1].seq)}, {"since", Str(since)}}));
    }
  }
  return out;
}

}  // namespace shaobing
