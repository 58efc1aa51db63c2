#include "views/timeliness_json.h"

#include <boost/json/array.hpp>
#include <cmath>

namespace shaobing::views {
namespace json = boost::json;
namespace {

json::value SpreadJson(const std::optional<MinutesSpread>& s) {
  if (!s) return nullptr;
  return json::object{{"median", s->median}, {"p90", s->p90}, {"max", s->max}};
}

void PutTally(json::object& o, const TimelinessTally& t) {
  o["clocks"] = t.clocks;
  o["on_time"] = t.on_time;
  o["late"] = t.late;
  o["overdue"] = t.overdue;
  o["open"] = t.open;
  o["waived"] = t.waived;
  // Four decimals: enough for a percentage with two.
  o["share_on_time"] =
      t.share_on_time ? json::value(std::round(*t.share_on_time * 10'000) / 10'000) : json::value(nullptr);
  o["elapsed_minutes"] = SpreadJson(t.elapsed);
  o["late_minutes"] = SpreadJson(t.late_by);
}

}  // namespace

json::object TimelinessJson(const TimelinessReport& r, int max_events) {
  json::array levels, units;
  for (const auto& l : r.figures.levels) {
    json::object o{{"level", LevelCode(l.level)}};
    PutTally(o, l.tally);
    levels.push_back(std::move(o));
  }
  for (const auto& u : r.figures.units) {
    const Unit* unit = r.dir ? r.dir->FindUnit(u.unit) : nullptr;
    json::object o{
        {"unit", u.unit}, {"name", unit ? unit->name : std::string()}, {"region", unit ? unit->region : std::string()}};
    PutTally(o, u.tally);
    units.push_back(std::move(o));
  }
  return json::object{{"from", FormatShanghai(r.from)},
                      {"to", FormatShanghai(r.to)},
                      {"generated_at", FormatShanghai(r.now)},
                      {"unit", r.unit.empty() ? json::value(nullptr) : json::value(r.unit)},
                      {"events", r.events},
                      {"truncated", r.truncated},
                      {"max_events", max_events},
                      {"levels", std::move(levels)},
                      {"units", std::move(units)}};
}

}  // namespace shaobing::views
