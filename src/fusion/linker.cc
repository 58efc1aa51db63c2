#include "fusion/linker.h"

#include <algorithm>
#include <cmath>

#include "core/taxonomy.h"

namespace shaobing::fusion {
namespace {

constexpr std::int64_t kHourMs = 3'600'000;
constexpr std::int64_t kDayMs = 24 * kHourMs;
constexpr size_t kMaxEntities = 24;
constexpr size_t kUnitMemory = 16;

std::int64_t DayOf(std::int64_t ms) {  // calendar day in +08:00
  const std::int64_t local = ms + 8 * kHourMs;
  return local >= 0 ? local / kDayMs : (local - kDayMs + 1) / kDayMs;
}

std::uint64_t BucketKey(int region, std::int64_t day) {
  return (static_cast<std::uint64_t>(region) << 32) | static_cast<std::uint32_t>(day);
}

bool RelatedAccident(std::string_view c) {
  static constexpr std::string_view kRelated[] = {
      "fire", "hazardous_chemicals", "production_safety", "environmental", "special_equipment",
      "construction", "occupational_poisoning", "road_traffic"};
  return std::find(std::begin(kRelated), std::end(kRelated), c) != std::end(kRelated);
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

}  // namespace

const char* LinkActionCode(LinkAction a) {
  switch (a) {
    case LinkAction::kLinked: return "linked";
    case LinkAction::kProvisional: return "provisional";
    case LinkAction::kNewEvent: return "new_event";
    case LinkAction::kNamed: return "named";
  }
  return "new_event";
}

double CategoryCompatibility(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty() || a == b) return 1.0;
  if (RelatedAccident(a) && RelatedAccident(b)) return 0.6;
  const Category* ca = FindCategory(a);
  const Category* cb = FindCategory(b);
  if (ca && cb && ca->event_class == cb->event_class) return 0.6;
  return 0.0;
}

struct Linker::Query {
  const ReportDraft* report = nullptr;
  int region = -1;
  std::optional<std::int64_t> occurred_ms;
  std::int64_t arrival_ms = 0;
  std::vector<std::uint32_t> grams;  // sorted
  std::vector<float> weights;        // idf of each gram
  float norm = 0;
  std::vector<std::string> entities;
  std::uint32_t unit = 0;
};

Linker::Linker(const RegionTree& regions, LinkerOptions options)
    : regions_(regions), options_(options), geo_(regions, options.neighbour_km), entities_(regions) {}

float Linker::Idf(std::uint32_t gram) const {
  auto it = df_.find(gram);
  const double df = it == df_.end() ? 0 : it->second;
  return static_cast<float>(std::log(1.0 + (events_.size() + 1.0) / (df + 1.0)));
}

Linker::Query Linker::Prepare(const ReportDraft& r, TimePoint arrival) const {
  Query q;
  q.report = &r;
  q.arrival_ms = ToUnixMillis(arrival);
  if (r.occurred_at) q.occurred_ms = ToUnixMillis(*r.occurred_at);
  const std::string text = r.title + "。" + r.location.address + "。" + r.description + "。" + r.parties;
  q.region = geo_.Index(r.location.region);
  if (q.region < 0 || !geo_.IsCounty(q.region)) {
    // A vague place ("银川市区", the region only, none): take a county the text names.
    for (const std::string& code : entities_.Regions(r.title + r.location.address + r.description)) {
      const int idx = geo_.Index(code);
      if (idx >= 0 && geo_.IsCounty(idx) && (q.region < 0 || geo_.Closeness(q.region, idx) >= 0.2)) {
        q.region = geo_.MoreSpecific(q.region, idx);
        break;
      }
    }
  }
  q.grams = Shingles(text, options_.report_grams);
  q.weights.reserve(q.grams.size());
  double norm2 = 0;
  for (std::uint32_t g : q.grams) {
    const float w = options_.jaccard ? 1.0f : Idf(g);
    q.weights.push_back(w);
    norm2 += static_cast<double>(w) * w;
  }
  q.norm = static_cast<float>(std::sqrt(norm2));
  for (Entity& e : entities_.Extract(text)) {
    if (e.kind != Entity::Kind::kRegion) q.entities.push_back(std::move(e.text));
  }
  q.unit = Hash32(r.unit);
  return q;
}

ScoreParts Linker::Score(const Query& q, const Signature& e) const {
  ScoreParts p;
  const ReportDraft& r = *q.report;
  // Text.
  double dot = 0;
  size_t shared = 0;
  for (size_t i = 0, j = 0; i < q.grams.size() && j < e.grams.size();) {
    if (q.grams[i] < e.grams[j]) {
      ++i;
    } else if (q.grams[i] > e.grams[j]) {
      ++j;
    } else {
      dot += static_cast<double>(q.weights[i]) * q.weights[i];
      ++shared, ++i, ++j;
    }
  }
  if (options_.jaccard) {
    const size_t uni = q.grams.size() + e.grams.size() - shared;
    p.text = uni ? static_cast<double>(shared) / uni : 0;
  } else if (q.norm > 0 && e.norm > 0) {
    p.text = std::min(1.0, dot / (static_cast<double>(q.norm) * e.norm));
  }
  // Entities: shared names count for; names of the same class on both sides that share
  // nothing (two different enterprises, communities or kilometre posts) count against.
  auto cls = [](const std::string& x) { return std::string_view(x).substr(x.rfind(':') + 1); };
  for (const std::string& x : q.entities) {
    if (std::find(e.entities.begin(), e.entities.end(), x) != e.entities.end()) p.shared_entities.push_back(x);
  }
  bool clash = false;
  for (const std::string& x : q.entities) {
    if (x.find(':') == std::string::npos) continue;  // roads: one road has many stretches
    auto same_class = [&](const std::string& y) { return cls(y) == cls(x); };
    if (std::any_of(e.entities.begin(), e.entities.end(), same_class) &&
        std::none_of(p.shared_entities.begin(), p.shared_entities.end(), same_class)) {
      clash = true;
    }
  }
  p.entities = p.shared_entities.size() >= 2 ? 1.0 : p.shared_entities.size() == 1 ? 0.6 : 0.0;
  if (clash) p.entities -= 0.5;
  // Place.
  p.place = geo_.Closeness(q.region, e.region);
  if (r.location.lat && r.location.lon && e.lat && e.lon) {
    const double km = DistanceKm(*r.location.lat, *r.location.lon, *e.lat, *e.lon);
    p.place = km <= 1 ? 1.0 : km <= 5 ? 0.8 : km <= 15 ? 0.5 : 0.1;
  }
  // Time.
  if (q.occurred_ms) {
    const double h = std::abs(static_cast<double>(*q.occurred_ms - e.occurred_ms)) / kHourMs;
    p.time = h <= 1 ? 1.0 : std::max(0.0, 1.0 - (h - 1) / 23);
  } else {
    const double h = std::abs(static_cast<double>(q.arrival_ms - e.last_ms)) / kHourMs;
    p.time = h <= 24 ? 1.0 : std::max(0.0, 1.0 - (h - 24) / 144);
  }
  p.category = CategoryCompatibility(r.category, e.category);
  p.figures = FiguresPenalty(r.figures, e.figures);
  const bool unit_reported = std::find(e.units.begin(), e.units.end(), q.unit) != e.units.end();
  if (unit_reported) p.series = r.kind == ReportKind::kFirst ? -0.2 : 0.25;
  p.total = options_.w_text * p.text + options_.w_entities * p.entities + options_.w_place * p.place +
            options_.w_time * p.time + options_.w_category * p.category + p.figures + p.series;
  return p;
}

Decision Linker::Decide(const ReportDraft& report, TimePoint arrival) const {
  Decision d;
  if (report.event_id) {
    d.action = LinkAction::kNamed;
    d.event = *report.event_id;
    return d;
  }
  const Query q = Prepare(report, arrival);
  if (seen_.size() < events_.size()) seen_.resize(events_.size(), 0);
  ++stamp_;
  std::vector<Candidate> scored;
  auto consider = [&](std::uint32_t slot) {
    if (seen_[slot] == stamp_) return;
    seen_[slot] = stamp_;
    const Signature& e = events_[slot];
    if (CategoryCompatibility(report.category, e.category) == 0) return;
    scored.push_back({e.id, Score(q, e)});
  };
  std::int64_t first_day, last_day;
  if (q.occurred_ms) {
    first_day = DayOf(*q.occurred_ms) - options_.days_around;
    last_day = DayOf(*q.occurred_ms) + options_.days_around;
  } else {
    first_day = DayOf(q.arrival_ms) - options_.followup_days;
    last_day = DayOf(q.arrival_ms);
  }
  static const std::vector<int> kNone;
  const std::vector<int>& search = q.region >= 0 ? geo_.SearchSet(q.region) : kNone;
  for (int region : search) {
    for (std::int64_t day = first_day; day <= last_day; ++day) {
      auto it = buckets_.find(BucketKey(region, day));
      if (it == buckets_.end()) continue;
      for (std::uint32_t slot : it->second) consider(slot);
    }
  }
  if (auto it = by_unit_.find(q.unit); it != by_unit_.end()) {
    for (std::uint32_t slot : it->second) consider(slot);
  }
  d.candidates = scored.size();
  std::sort(scored.begin(), scored.end(),
            [](const Candidate& a, const Candidate& b) { return a.parts.total > b.parts.total; });
  if (!scored.empty() && scored.front().parts.total >= options_.provisional_threshold) {
    const bool sure = scored.front().parts.total >= options_.link_threshold;
    d.action = sure ? LinkAction::kLinked : LinkAction::kProvisional;
    d.confirm_task = !sure;
    d.event = scored.front().event;
    d.evidence = scored.front().parts;
    scored.erase(scored.begin());
  }
  if (scored.size() > 3) scored.resize(3);
  d.runners_up = std::move(scored);
  return d;
}

void Linker::Index(std::uint32_t slot, int region, std::int64_t occurred_ms) {
  if (region < 0) region = geo_.Index(regions_.Root().code);
  if (region < 0) return;
  std::vector<std::uint32_t>& bucket = buckets_[BucketKey(region, DayOf(occurred_ms))];
  if (std::find(bucket.begin(), bucket.end(), slot) == bucket.end()) bucket.push_back(slot);
}

void Linker::Merge(std::uint32_t slot, const Query& q) {
  Signature& e = events_[slot];
  const ReportDraft& r = *q.report;
  std::vector<std::uint32_t> added;
  std::set_difference(q.grams.begin(), q.grams.end(), e.grams.begin(), e.grams.end(), std::back_inserter(added));
  if (e.grams.size() + added.size() > options_.event_grams) {
    added.resize(options_.event_grams > e.grams.size() ? options_.event_grams - e.grams.size() : 0);
  }
  for (std::uint32_t g : added) ++df_[g];
  if (!added.empty()) {
    std::vector<std::uint32_t> merged;
    merged.reserve(e.grams.size() + added.size());
    std::merge(e.grams.begin(), e.grams.end(), added.begin(), added.end(), std::back_inserter(merged));
    e.grams = std::move(merged);
  }
  double norm2 = 0;
  for (std::uint32_t g : e.grams) {
    const double w = options_.jaccard ? 1.0 : Idf(g);
    norm2 += w * w;
  }
  e.norm = static_cast<float>(std::sqrt(norm2));
  for (const std::string& x : q.entities) {
    if (e.entities.size() < kMaxEntities && std::find(e.entities.begin(), e.entities.end(), x) == e.entities.end()) {
      e.entities.push_back(x);
    }
  }
  if (std::find(e.units.begin(), e.units.end(), q.unit) == e.units.end()) e.units.push_back(q.unit);
  std::vector<std::uint32_t>& recent = by_unit_[q.unit];
  if (std::find(recent.begin(), recent.end(), slot) == recent.end()) {
    if (recent.size() >= kUnitMemory) recent.erase(recent.begin());
    recent.push_back(slot);
  }
  e.figures = Overlay(e.figures, r.figures);
  e.last_ms = std::max(e.last_ms, q.arrival_ms);
  if (e.category.empty()) e.category = r.category;
  if (!e.lat && r.location.lat && r.location.lon) {
    e.lat = r.location.lat;
    e.lon = r.location.lon;
  }
  const int region = geo_.MoreSpecific(e.region, q.region);
  if (region != e.region || q.region >= 0) {
    e.region = region;
    Index(slot, region, e.occurred_ms);
  }
}

void Linker::Apply(Decision& decision, const ReportDraft& report, TimePoint arrival) {
  const Query q = Prepare(report, arrival);
  std::uint32_t slot;
  auto it = decision.action == LinkAction::kNewEvent ? slot_of_.end() : slot_of_.find(decision.event);
  if (it != slot_of_.end()) {
    slot = it->second;
  } else {
    if (decision.action == LinkAction::kNewEvent) decision.event = next_id_;
    next_id_ = std::max(next_id_, decision.event + 1);
    slot = static_cast<std::uint32_t>(events_.size());
    Signature s;
    s.id = decision.event;
    s.occurred_ms = q.occurred_ms.value_or(q.arrival_ms);
    s.last_ms = q.arrival_ms;
    s.region = q.region;
    events_.push_back(std::move(s));
    slot_of_[decision.event] = slot;
    if (q.region < 0) Index(slot, -1, events_[slot].occurred_ms);
  }
  Merge(slot, q);
}

Decision Linker::Link(const ReportDraft& report, TimePoint arrival) {
  Decision d = Decide(report, arrival);
  Apply(d, report, arrival);
  return d;
}

void Linker::Add(EventId event, const ReportDraft& report, TimePoint arrival) {
  Decision d;
  d.action = LinkAction::kNamed;
  d.event = event;
  Apply(d, report, arrival);
}

}  // namespace shaobing::fusion
