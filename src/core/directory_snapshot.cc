#include "core/directory_snapshot.h"

namespace shaobing {

std::string DirectorySnapshot::RegionPath(std::string_view code) const {
  auto lineage = regions.Lineage(code);
  std::string out;
  for (auto it = lineage.rbegin(); it != lineage.rend(); ++it) {
    if (!out.empty()) out += '/';
    out += (*it)->code;
  }
  return out;
}

}  // namespace shaobing
