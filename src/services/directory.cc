#include "services/directory.h"

namespace shaobing {

Status Directory::Reload(Store& store) {
  auto regions = store.ListRegions();
  if (!regions) return Fail(regions.error());
  auto units = store.ListUnits();
  if (!units) return Fail(units.error());
  auto snap = std::make_shared<DirectorySnapshot>();
  if (!regions->empty()) {
    auto tree = RegionTree::Build(std::move(*regions));
    if (!tree) return Fail(tree.error());
    snap->regions = std::move(*tree);
  }
  snap->units = std::move(*units);
  for (size_t i = 0; i < snap->units.size(); ++i) snap->unit_index.emplace(snap->units[i].id, i);
  MutexLock lock(mu_);
  current_ = std::move(snap);
  return {};
}

std::shared_ptr<const DirectorySnapshot> Directory::Get() const {
  MutexLock lock(mu_);
  return current_;
}

}  // namespace shaobing
