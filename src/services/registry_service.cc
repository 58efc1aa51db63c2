#include "services/registry_service.h"

namespace shaobing {

Status RegistryService::ImportRegions(std::vector<Region> regions, std::string_view actor) {
  auto tree = RegionTree::Build(std::move(regions));
  if (!tree) return Fail(tree.error());
  // Parents before children, so that the foreign keys hold row by row.
  std::vector<const Region*> ordered;
  for (Level level : {Level::kRegion, Level::kCity, Level::kCounty}) {
    for (const Region* r : tree->All()) {
      if (r->level == level) ordered.push_back(r);
    }
  }
  auto written = store_.Write([&](Transaction& tx) -> Status {
    for (const Region* r : ordered) {
      if (auto s = tx.UpsertRegion(*r); !s) return s;
    }
    return tx.Audit(actor, "regions.import", "region:" + tree->Root().code, {{"count", ordered.size()}});
  });
  if (!written) return written;
  return directory_.Reload(store_);
}

Status RegistryService::ImportUnits(const std::vector<Unit>& units, std::string_view actor) {
  auto dir = directory_.Get();
  for (const auto& u : units) {
    if (auto problems = ValidateUnit(u, dir->regions); !problems.empty()) return Fail(Error::Invalid(problems));
  }
  auto written = store_.Write([&](Transaction& tx) -> Status {
    boost::json::array ids;
    for (const auto& u : units) {
      if (auto s = tx.UpsertUnit(u); !s) return s;
      ids.emplace_back(u.id);
    }
    return tx.Audit(actor, "units.import", "units", {{"count", units.size()}, {"ids", std::move(ids)}});
  });
  if (!written) return written;
  return directory_.Reload(store_);
}

Result<bool> RegistryService::Load() {
  if (auto s = directory_.Reload(store_); !s) return Fail(s.error());
  return directory_.Get()->regions.empty();
}

Status RegistryService::Bootstrap(std::vector<Region> regions, const std::vector<Unit>& units) {
  if (auto s = ImportRegions(std::move(regions), "system"); !s) return s;
  return ImportUnits(units, "system");
}

}  // namespace shaobing
