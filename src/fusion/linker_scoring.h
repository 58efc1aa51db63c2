#pragma once
// The parts of the linker's score of one candidate event for one report (linker.h ScoreParts),
// each a pure function of what the report and the event's signature hold. The linker weighs
// them (LinkerOptions::w_*) into the total and uses the same functions for the upper bounds
// that prune its candidates, so a bound and a full score never disagree on these parts.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/figures.h"

namespace shaobing::fusion {

// The series part: a follow-up (any kind but first) of a unit on an event it reported.
inline constexpr double kSeriesScore = 0.25;

// Time: with the report's occurrence, 1 within 1 h of the event's occurrence, falling
// linearly to 0 at 24 h; without it, 1 when the report arrived within 24 h of the event's
// last report, falling linearly to 0 at 168 h. Times in Unix milliseconds. In [0, 1].
double TimeScore(std::optional<std::int64_t> occurred_ms, std::int64_t arrival_ms, std::int64_t event_occurred_ms,
                 std::int64_t event_last_ms);

// Place from a distance in km: 1 up to 1 km, 0.8 up to 5 km, 0.5 up to 15 km, else 0.1.
double PlaceFromKm(double km);
// Place from two coordinates (degrees): PlaceFromKm of their great-circle distance.
double PlaceFromCoords(double lat1, double lon1, double lat2, double lon2);

// Categories are compatible when equal, in the same class of the taxonomy, or both among
// the related accident kinds (fire, hazardous_chemicals, production_safety, environmental,
// special_equipment, construction, occupational_poisoning, road_traffic). Empty is unknown
// and compatible with all. Returns 1, 0.6 or 0.
double CategoryCompatibility(std::string_view a, std::string_view b);

// Figures: -0.1 for each of deaths, injuries and evacuated that both give and that cannot
// describe the same event (the larger at least 3 and above four times the smaller plus 2).
// In [-0.3, 0].
double FiguresPenalty(const Figures& a, const Figures& b);

// Entities from the number of names shared: two or more 1, one 0.6, none 0.
double SharedEntitiesScore(size_t shared);

// Entities of a report (`query`) against an event's: SharedEntitiesScore of the names both
// hold, less 0.5 when a name of a class ("…:enterprise") on the report's side meets names of
// that class on the event's side and shares none of them (two different enterprises,
// communities or kilometre posts); names without a class (roads) never clash. The shared
// names, in the report's order, go to `shared`. In [-0.5, 1].
double EntityScore(const std::vector<std::string>& query, const std::vector<std::string>& event,
                   std::vector<std::string>& shared);

// Text of a report against an event's bigrams (both sorted ascending; `weights` the idf of
// each of the report's grams, `query_norm` and `event_norm` the TF-IDF norms of both sides):
// the TF-IDF cosine min(1, Σ shared idf² / (query_norm · event_norm)), 0 when a norm is 0;
// with `jaccard`, |shared| / |union| of the bigrams instead (0 for two empty sets). In [0, 1].
double TextScore(const std::vector<std::uint32_t>& query, const std::vector<float>& weights, float query_norm,
                 const std::vector<std::uint32_t>& event, float event_norm, bool jaccard);

}  // namespace shaobing::fusion
