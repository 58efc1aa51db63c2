#include "fusion/linker_scoring.h"

#include <algorithm>
#include <cmath>

#include "core/taxonomy.h"
#include "fusion/geography.h"

namespace shaobing::fusion {
namespace {

constexpr std::int64_t kHourMs = 3'600'000;

bool RelatedAccident(std::string_view c) {
  static constexpr std::string_view kRelated[] = {
      "fire",         "hazardous_chemicals",    "production_safety", "environmental", "special_equipment",
      "construction", "occupational_poisoning", "road_traffic"};
  return std::find(std::begin(kRelated), std::end(kRelated), c) != std::end(kRelated);
}

}  // namespace

double TimeScore(std::optional<std::int64_t> occurred_ms, std::int64_t arrival_ms, std::int64_t event_occurred_ms,
                 std::int64_t event_last_ms) {
  if (occurred_ms) {
    const double h = std::abs(static_cast<double>(*occurred_ms - event_occurred_ms)) / kHourMs;
    return h <= 1 ? 1.0 : std::max(0.0, 1.0 - (h - 1) / 23);
  }
  const double h = std::abs(static_cast<double>(arrival_ms - event_last_ms)) / kHourMs;
  return h <= 24 ? 1.0 : std::max(0.0, 1.0 - (h - 24) / 144);
}

double PlaceFromKm(double km) { return km <= 1 ? 1.0 : km <= 5 ? 0.8 : km <= 15 ? 0.5 : 0.1; }

double PlaceFromCoords(double lat1, double lon1, double lat2, double lon2) {
  // The latitude difference alone is a lower bound of the great-circle distance: far apart
  // places need no trigonometry.
  constexpr double kKmPerDegree = 6371.0 * 3.14159265358979323846 / 180;
  if (std::abs(lat1 - lat2) * kKmPerDegree > 15.01) return 0.1;
  return PlaceFromKm(DistanceKm(lat1, lon1, lat2, lon2));
}

double CategoryCompatibility(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty() || a == b) return 1.0;
  if (RelatedAccident(a) && RelatedAccident(b)) return 0.6;
  const Category* ca = FindCategory(a);
  const Category* cb = FindCategory(b);
  if (ca && cb && ca->event_class == cb->event_class) return 0.6;
  return 0.0;
}

double FiguresPenalty(const Figures& a, const Figures& b) {
  double penalty = 0;
  for (Figure f : {Figure::kDeaths, Figure::kInjuries, Figure::kEvacuated}) {
    const auto x = a.Get(f), y = b.Get(f);
    if (!x || !y) continue;
    const double lo = std::min(*x, *y), hi = std::max(*x, *y);
    if (hi >= 3 && hi > 4 * lo + 2) penalty -= 0.1;
  }
  return penalty;
}

double SharedEntitiesScore(size_t shared) { return shared >= 2 ? 1.0 : shared == 1 ? 0.6 : 0.0; }

double EntityScore(const std::vector<std::string>& query, const std::vector<std::string>& event,
                   std::vector<std::string>& shared) {
  auto cls = [](const std::string& x) { return std::string_view(x).substr(x.rfind(':') + 1); };
  for (const std::string& x : query) {
    if (std::find(event.begin(), event.end(), x) != event.end()) shared.push_back(x);
  }
  bool clash = false;
  for (const std::string& x : query) {
    if (x.find(':') == std::string::npos) continue;  // roads: one road has many stretches
    auto same_class = [&](const std::string& y) { return cls(y) == cls(x); };
    if (std::any_of(event.begin(), event.end(), same_class) && std::none_of(shared.begin(), shared.end(), same_class)) {
      clash = true;
    }
  }
  double score = SharedEntitiesScore(shared.size());
  if (clash) score -= 0.5;
  return score;
}

double TextScore(const std::vector<std::uint32_t>& query, const std::vector<float>& weights, float query_norm,
                 const std::vector<std::uint32_t>& event, float event_norm, bool jaccard) {
  double dot = 0;
  size_t shared = 0;
  for (size_t i = 0, j = 0; i < query.size() && j < event.size();) {
    if (query[i] < event[j]) {
      ++i;
    } else if (query[i] > event[j]) {
      ++j;
    } else {
      dot += static_cast<double>(weights[i]) * weights[i];
      ++shared, ++i, ++j;
    }
  }
  if (jaccard) {
    const size_t uni = query.size() + event.size() - shared;
    return uni ? static_cast<double>(shared) / uni : 0;
  }
  if (query_norm > 0 && event_norm > 0) return std::min(1.0, dot / (static_cast<double>(query_norm) * event_norm));
  return 0;
}

}  // namespace shaobing::fusion
