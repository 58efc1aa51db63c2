#pragma once
// Which file of the built web app answers a GET. Only regular files inside the web root are
// ever served: the request names a file by its decoded path segments, each of which must be a
// plain name, and the file's real path (symlinks resolved) must lie inside the root's real
// path. Paths of the client-side router (no file extension) get index.html.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace shaobing::api {

// `root` must be canonical (std::filesystem::canonical). `segments` are the target's
// percent-decoded segments (DecodedTarget::segments). Returns the file to serve, or nullopt
// (404) when the path is not a plain one — an empty segment other than a final one (`//`),
// `.`, `..`, a name starting with a dot, a separator (`/`, `\`) or a control character in a
// segment — or when it leads to no regular file inside the root and is no client route.
std::optional<std::filesystem::path> ResolveStaticPath(const std::filesystem::path& root,
                                                       const std::vector<std::string>& segments);

// Whether `segment` may name a file or directory of the web root (see above).
bool IsPlainSegment(const std::string& segment);

}  // namespace shaobing::api
