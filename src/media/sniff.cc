#include "media/sniff.h"

#include <magic.h>

#include <array>
#include <memory>

namespace shaobing::media {
namespace {

constexpr std::array<AllowedType, 7> kAllowed{{
    {"image/jpeg", "jpg", true},
    {"image/png", "png", true},
    {"image/webp", "webp", true},
    {"application/pdf", "pdf", false},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", false},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", false},
    {"text/plain", "txt", false},
}};

struct MagicCloser {
  void operator()(magic_set* m) const { magic_close(m); }
};

// This thread's libmagic handle with the system's compiled database; nullptr when it cannot
// be loaded. Compressed contents are not looked into (no decompression of what a client sent).
magic_t ThreadMagic() {
  thread_local std::unique_ptr<magic_set, MagicCloser> handle = [] {
    std::unique_ptr<magic_set, MagicCloser> m(magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_ERROR));
    if (m && magic_load(m.get(), nullptr) != 0) m.reset();
    return m;
  }();
  return handle.get();
}

}  // namespace

std::string SniffMediaType(std::string_view content) {
  magic_t m = ThreadMagic();
  if (m == nullptr) return "";
  const char* type = magic_buffer(m, content.data(), content.size());
  return type != nullptr ? std::string(type) : std::string("application/octet-stream");
}

std::optional<AllowedType> FindAllowed(std::string_view media_type) {
  for (const auto& a : kAllowed) {
    if (a.media_type == media_type) return a;
  }
  return std::nullopt;
}

std::string AllowedTypesList() {
  std::string out;
  for (const auto& a : kAllowed) out += (out.empty() ? "" : ", ") + std::string(a.extension);
  return out;
}

}  // namespace shaobing::media
