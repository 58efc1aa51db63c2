#include "fusion/geography.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace shaobing::fusion {

double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRad = std::numbers::pi / 180.0;
  const double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 6371.0 * 2 * std::atan2(std::sqrt(a), std::sqrt(1 - a));
}

Geography::Geography(const RegionTree& regions, double neighbour_km) {
  regions_ = regions.All();
  std::sort(regions_.begin(), regions_.end(), [](auto* a, auto* b) { return a->code < b->code; });
  const size_t n = regions_.size();
  parent_.assign(n, -1);
  neighbours_.assign(n, {});
  search_.assign(n, {});
  for (size_t i = 0; i < n; ++i) parent_[i] = Index(regions_[i]->parent);
  for (size_t i = 0; i < n; ++i) {
    const Region& a = *regions_[i];
    if (a.level != Level::kCounty || !a.lat || !a.lon) continue;
    for (size_t j = 0; j < n; ++j) {
      const Region& b = *regions_[j];
      if (i == j || b.level != Level::kCounty || !b.lat || !b.lon) continue;
      if (DistanceKm(*a.lat, *a.lon, *b.lat, *b.lon) <= neighbour_km) neighbours_[i].push_back(static_cast<int>(j));
    }
  }
  for (size_t i = 0; i < n; ++i) {
    std::vector<int>& s = search_[i];
    s.push_back(static_cast<int>(i));
    for (int p = parent_[i]; p >= 0; p = parent_[p]) s.push_back(p);
    for (int nb : neighbours_[i]) s.push_back(nb);
    if (!IsCounty(static_cast<int>(i))) {
      for (size_t j = 0; j < n; ++j) {
        if (j != i && Contains(static_cast<int>(i), static_cast<int>(j))) s.push_back(static_cast<int>(j));
      }
    }
    std::sort(s.begin(), s.end());
    s.erase(std::unique(s.begin(), s.end()), s.end());
  }
}

int Geography::Index(std::string_view code) const {
  auto it = std::lower_bound(regions_.begin(), regions_.end(), code,
                             [](const Region* r, std::string_view c) { return r->code < c; });
  return it != regions_.end() && (*it)->code == code ? static_cast<int>(it - regions_.begin()) : -1;
}

bool Geography::Contains(int ancestor, int index) const {
  for (int p = index; p >= 0; p = parent_[p]) {
    if (p == ancestor) return true;
  }
  return false;
}

double Geography::Closeness(int a, int b) const {
  if (a < 0 || b < 0) return 0.2;
  if (a == b) return 1.0;
  if (parent_[a] < 0 || parent_[b] < 0) return 0.2;
  if (Contains(a, b) || Contains(b, a)) return 0.7;
  if (std::binary_search(neighbours_[a].begin(), neighbours_[a].end(), b)) return 0.3;
  return 0.0;
}

int Geography::MoreSpecific(int a, int b) const {
  if (a < 0) return b;
  if (b >= 0 && b != a && Contains(a, b)) return b;
  return a;
}

}  // namespace shaobing::fusion
