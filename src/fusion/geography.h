#pragma once
// Where candidate events may lie: a dense index over the region tree with, for each region,
// the regions whose events a report there is compared with (itself, counties whose centroids
// lie within a distance, its ancestors, and for a city its counties). Built once; immutable.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/region.h"

namespace shaobing::fusion {

// Great-circle distance in kilometres.
double DistanceKm(double lat1, double lon1, double lat2, double lon2);

class Geography {
 public:
  // Counties whose centroids are at most `neighbour_km` apart are neighbours.
  Geography(const RegionTree& regions, double neighbour_km);

  // Dense index of a region code; -1 when the code is not in the tree.
  int Index(std::string_view code) const;
  const Region& At(int index) const { return *regions_[index]; }
  bool IsCounty(int index) const { return regions_[index]->level == Level::kCounty; }
  // The regions whose buckets a report placed at `index` searches (includes `index`).
  const std::vector<int>& SearchSet(int index) const { return search_[index]; }
  // Closeness of two places in [0, 1]: 1 same region, 0.7 one contains the other,
  // 0.3 neighbouring counties, 0.2 when one of them is the root, else 0.
  double Closeness(int a, int b) const;
  // The more specific of two regions when one contains the other, else `a`.
  int MoreSpecific(int a, int b) const;
  size_t size() const { return regions_.size(); }

 private:
  bool Contains(int ancestor, int index) const;
  std::vector<const Region*> regions_;
  std::vector<int> parent_;
  std::vector<std::vector<int>> search_;
  std::vector<std::vector<int>> neighbours_;  // sorted
};

}  // namespace shaobing::fusion
