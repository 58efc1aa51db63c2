#include "api/static_files.h"

namespace shaobing::api {
namespace fs = std::filesystem;

namespace {

// Whether `path` (canonical) is `root` itself or lies below it.
bool Inside(const fs::path& root, const fs::path& path) {
  auto r = root.begin(), p = path.begin();
  for (; r != root.end(); ++r, ++p) {
    if (p == path.end() || *r != *p) return false;
  }
  return true;
}

// The canonical path of a regular file inside root, or nullopt.
std::optional<fs::path> RegularFileInside(const fs::path& root, const fs::path& candidate) {
  std::error_code ec;
  const fs::path real = fs::canonical(candidate, ec);
  if (ec || !Inside(root, real) || !fs::is_regular_file(real, ec) || ec) return std::nullopt;
  return real;
}

}  // namespace

bool IsPlainSegment(const std::string& segment) {
  if (segment.empty() || segment.size() > 255 || segment.front() == '.') return false;
  for (unsigned char c : segment) {
    if (c < 0x20 || c == 0x7f || c == '/' || c == '\\') return false;
  }
  return true;
}

std::optional<fs::path> ResolveStaticPath(const fs::path& root, const std::vector<std::string>& segments) {
  std::vector<std::string> names = segments;
  if (!names.empty() && names.back().empty()) names.pop_back();  // "/events/" names "/events"
  fs::path candidate = root;
  for (const auto& name : names) {
    if (!IsPlainSegment(name)) return std::nullopt;
    candidate /= name;
  }
  if (names.empty()) return RegularFileInside(root, root / "index.html");
  std::error_code ec;
  const auto status = fs::symlink_status(candidate, ec);
  if (status.type() != fs::file_type::not_found) {
    return ec ? std::optional<fs::path>() : RegularFileInside(root, candidate);  // there: a file of the root or nothing
  }
  // Nothing there: a route of the client-side router when its last name has no extension.
  if (names.back().find('.') != std::string::npos) return std::nullopt;
  return RegularFileInside(root, root / "index.html");
}

}  // namespace shaobing::api
