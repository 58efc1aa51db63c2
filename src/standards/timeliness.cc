#include "standards/timeliness.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string_view>

#include "standards/report_clocks.h"

namespace shaobing {
namespace {

using std::chrono::duration_cast;
using std::chrono::minutes;

// What a tally accumulates before it is summed up.
struct Samples {
  TimelinessTally tally;
  std::vector<std::int64_t> elapsed, late_by;
};

std::int64_t MinutesBetween(TimePoint from, TimePoint to) {
  return std::max<std::int64_t>(0, duration_cast<minutes>(to - from).count());
}

std::optional<MinutesSpread> SpreadOf(const std::vector<std::int64_t>& values) {
  if (values.empty()) return std::nullopt;
  return MinutesSpread{*NearestRank(values, 0.5), *NearestRank(values, 0.9),
                       *std::max_element(values.begin(), values.end())};
}

// Counts `c` into `s`; `start` is when the elapsed time counts from.
void Add(Samples& s, const FirstClockFact& c, TimePoint start, TimePoint now) {
  TimelinessTally& t = s.tally;
  ++t.clocks;
  if (c.state == "on_time" || c.state == "late") {
    (c.state == "on_time" ? t.on_time : t.late)++;
    s.elapsed.push_back(MinutesBetween(start, c.since));
    if (c.state == "late") s.late_by.push_back(MinutesBetween(c.due_at, c.since));
  } else if (c.state == "overdue") {
    ++t.overdue;
    s.late_by.push_back(MinutesBetween(c.due_at, now));
  } else if (c.state == "waived") {
    ++t.waived;
  } else {
    ++t.open;
  }
}

TimelinessTally Sum(const Samples& s) {
  TimelinessTally t = s.tally;
  const int judged = t.on_time + t.late + t.overdue;
  if (judged > 0) t.share_on_time = static_cast<double>(t.on_time) / judged;
  t.elapsed = SpreadOf(s.elapsed);
  t.late_by = SpreadOf(s.late_by);
  return t;
}

// "first|unit:640104-dw|county|written" -> ("unit", "640104-dw"); nullopt for another kind
// or an unreadable key.
std::optional<std::pair<std::string_view, std::string_view>> FromParty(std::string_view key) {
  if (!key.starts_with("first|")) return std::nullopt;
  const std::string_view party = PartyKeyOf(key);
  const auto colon = party.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  return std::pair{party.substr(0, colon), party.substr(colon + 1)};
}

}  // namespace

std::optional<std::int64_t> NearestRank(std::vector<std::int64_t> values, double p) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const auto n = static_cast<double>(values.size());
  const auto rank = static_cast<size_t>(std::max(1.0, std::ceil(p * n)));
  return values[std::min(rank, values.size()) - 1];
}

Timeliness ComputeTimeliness(const std::vector<FirstClockFact>& clocks, const RegionTree& regions, TimePoint now) {
  std::map<std::string, Samples, std::less<>> units;
  std::map<Level, Samples> levels{{Level::kCounty, {}}, {Level::kCity, {}}, {Level::kRegion, {}}};
  for (const FirstClockFact& c : clocks) {
    const auto party = FromParty(c.key);
    if (!party) continue;
    const auto [kind, id] = *party;
    if (kind == "unit" && !id.empty()) {
      Add(units[std::string(id)], c, c.occurred_at, now);
    } else if (kind == "desk") {
      const Region* r = regions.Find(id);
      if (!r) continue;
      auto it = levels.find(r->level);
      if (it != levels.end()) Add(it->second, c, c.opened_at, now);
    }
  }
  Timeliness out;
  for (const auto& [level, s] : levels) out.levels.push_back({level, Sum(s)});
  for (const auto& [id, s] : units) out.units.push_back({id, Sum(s)});
  std::stable_sort(out.units.begin(), out.units.end(), [](const UnitTimeliness& a, const UnitTimeliness& b) {
    const int la = a.tally.late + a.tally.overdue, lb = b.tally.late + b.tally.overdue;
    if (la != lb) return la > lb;
    const std::int64_t ma = a.tally.late_by ? a.tally.late_by->max : 0, mb = b.tally.late_by ? b.tally.late_by->max : 0;
    return ma > mb;  // then by id: the map's order, kept by the stable sort
  });
  return out;
}

}  // namespace shaobing
