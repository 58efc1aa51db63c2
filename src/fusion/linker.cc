#include "fusion/linker.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "fusion/linker_scoring.h"

namespace shaobing::fusion {
namespace {

constexpr std::int64_t kHourMs = 3'600'000;
constexpr std::int64_t kDayMs = 24 * kHourMs;
constexpr size_t kMaxEntities = 24;
constexpr size_t kUnitMemory = 16;
constexpr double kSlack = 1e-9;  // bounds are computed in another order than scores

std::uint32_t MaskBit(std::uint32_t hash, std::uint32_t bits) { return hash & (bits - 1); }

std::int64_t DayOf(std::int64_t ms) {  // calendar day in +08:00
  const std::int64_t local = ms + 8 * kHourMs;
  return local >= 0 ? local / kDayMs : (local - kDayMs + 1) / kDayMs;
}

std::uint64_t BucketKey(int region, std::int64_t day) {
  return (static_cast<std::uint64_t>(region) << 32) | static_cast<std::uint32_t>(day);
}

}  // namespace

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
  bool has_unit = false;  // an empty unit is no unit: no series, no exclusion
};

Linker::Linker(const RegionTree& regions, LinkerOptions options)
    : regions_(regions), options_(options), geo_(regions, options.neighbour_km), entities_(regions) {}

Linker::~Linker() = default;

float Linker::Idf(std::uint32_t gram) const {
  auto it = df_.find(gram);
  const double df = it == df_.end() ? 0 : it->second;
  return static_cast<float>(std::log(1.0 + (slot_of_.size() + 1.0) / (df + 1.0)));
}

std::uint16_t Linker::CategoryId(const std::string& category) {
  if (category.empty()) return 0;
  auto [it, added] = category_ids_.try_emplace(category, static_cast<std::uint16_t>(categories_.size()));
  if (added) categories_.push_back(category);
  return it->second;
}

Linker::ReportText Linker::Read(const ReportDraft& r) const {
  ReportText t;
  const std::string text = r.title + "。" + r.location.address + "。" + r.description + "。" + r.parties;
  t.region = geo_.Index(r.location.region);
  if (t.region < 0 || !geo_.IsCounty(t.region)) {
    // A vague place ("银川市区", the region only, none): take a county the text names.
    for (const std::string& code : entities_.Regions(r.title + r.location.address + r.description)) {
      const int idx = geo_.Index(code);
      if (idx >= 0 && geo_.IsCounty(idx) && (t.region < 0 || geo_.Closeness(t.region, idx) >= 0.2)) {
        t.region = geo_.MoreSpecific(t.region, idx);
        break;
      }
    }
  }
  t.grams = Shingles(text, options_.report_grams);
  for (Entity& e : entities_.Extract(text)) {
    if (e.kind != Entity::Kind::kRegion) t.entities.push_back(std::move(e.text));
  }
  return t;
}

Linker::Query Linker::Prepare(const ReportDraft& r, TimePoint arrival, const ReportText* given) const {
  Query q;
  q.report = &r;
  q.arrival_ms = ToUnixMillis(arrival);
  if (r.occurred_at) q.occurred_ms = ToUnixMillis(*r.occurred_at);
  ReportText read;
  if (!given) read = Read(r);
  const ReportText& t = given ? *given : read;
  q.region = t.region;
  q.grams = t.grams;
  q.entities = t.entities;
  q.weights.reserve(q.grams.size());
  double norm2 = 0;
  for (std::uint32_t g : q.grams) {
    const float w = options_.jaccard ? 1.0f : Idf(g);
    q.weights.push_back(w);
    norm2 += static_cast<double>(w) * w;
  }
  q.norm = static_cast<float>(std::sqrt(norm2));
  q.has_unit = !r.unit.empty();
  q.unit = Hash32(r.unit);
  return q;
}

ScoreParts Linker::Score(const Query& q, const Hot& h) const {
  ScoreParts p;
  const ReportDraft& r = *q.report;
  const Signature& e = events_[h.slot];
  p.text = TextScore(q.grams, q.weights, q.norm, e.grams, h.norm, options_.jaccard);
  p.entities = EntityScore(q.entities, e.entities, p.shared_entities);
  // Place.
  p.place = geo_.Closeness(q.region, h.region);
  if (r.location.lat && r.location.lon && h.has_coords) {
    p.place = PlaceFromCoords(*r.location.lat, *r.location.lon, h.lat, h.lon);
  }
  p.time = TimeScore(q.occurred_ms, q.arrival_ms, h.occurred_ms, h.last_ms);
  p.category = CategoryCompatibility(r.category, e.category);
  p.figures = FiguresPenalty(r.figures, e.figures);
  const bool unit_reported = q.has_unit && std::find(e.units.begin(), e.units.end(), q.unit) != e.units.end();
  if (unit_reported && r.kind != ReportKind::kFirst) p.series = kSeriesScore;
  p.total = options_.w_text * p.text + options_.w_entities * p.entities + options_.w_place * p.place +
            options_.w_time * p.time + options_.w_category * p.category + p.figures + p.series;
  return p;
}

// What bounding any candidate of one query reads besides the candidate (with the tables
// bit_weight_ and compat_ that BoundsOf fills).
struct Linker::Bounds {
  bool first = false;                         // the report is a first report
  bool coords = false;                        // the report has coordinates
  std::uint64_t unit_bit = 0;                 // the report's unit in an event's unit mask
  std::uint64_t query_bits[kMaskWords] = {};  // the Bloom bits of the report's grams
  std::vector<std::uint64_t> entity_bits;     // the bits of the report's entities
  double text_scale = 0;                      // w_text / the report's norm (0: no text bound)
};

Decision Linker::Decide(const ReportDraft& report, TimePoint arrival, const ReportText* text) const {
  Decision d;
  if (report.event_id) {
    d.action = LinkAction::kNamed;
    d.event = *report.event_id;
    return d;
  }
  const Query q = Prepare(report, arrival, text);
  Gather(q, BoundsOf(q), d);
  Choose(ScoreBest(q, d), d);
  return d;
}

Linker::Bounds Linker::BoundsOf(const Query& q) const {
  const ReportDraft& report = *q.report;
  Bounds b;
  b.first = report.kind == ReportKind::kFirst;
  b.coords = report.location.lat && report.location.lon;
  b.unit_bit = std::uint64_t{1} << MaskBit(q.unit, 64);
  // Per-query tables for the bounds: the query's idf^2 per Bloom bit, its entities' bits,
  // the compatibility of its category with each category seen.
  constexpr std::uint32_t kBits = kMaskWords * 64;
  bit_weight_.assign(kBits, 0.0);
  for (size_t i = 0; i < q.grams.size(); ++i) {
    bit_weight_[MaskBit(q.grams[i], kBits)] += static_cast<double>(q.weights[i]) * q.weights[i];
  }
  for (std::uint32_t bit = 0; bit < kBits; ++bit) {
    if (bit_weight_[bit] > 0) b.query_bits[bit / 64] |= std::uint64_t{1} << (bit % 64);
  }
  b.entity_bits.reserve(q.entities.size());
  for (const std::string& x : q.entities) b.entity_bits.push_back(std::uint64_t{1} << MaskBit(Hash32(x), 64));
  compat_.assign(categories_.size(), -1.0);
  b.text_scale = !options_.jaccard && q.norm > 0 ? options_.w_text / q.norm : 0;
  return b;
}

void Linker::Consider(const Query& q, const Bounds& b, const Hot& h, Decision& d) const {
  const ReportDraft& report = *q.report;
  double& category = compat_[h.category];
  if (category < 0) category = CategoryCompatibility(report.category, categories_[h.category]);
  if (category == 0) return;
  bool reported = false;
  if (q.has_unit && (h.unit_mask & b.unit_bit)) {
    const auto& units = events_[h.slot].units;
    reported = std::find(units.begin(), units.end(), q.unit) != units.end();
  }
  if (reported && b.first) return;  // a second first report of a unit is another event
  ++d.candidates;
  if (!options_.prune) {
    pool_.push_back({0, &h});
    return;
  }
  // Upper bound of the total: place, time, category and series exactly; figures <= 0.
  double place = geo_.Closeness(q.region, h.region);
  if (b.coords && h.has_coords) place = PlaceFromCoords(*report.location.lat, *report.location.lon, h.lat, h.lon);
  double bound = options_.w_place * place +
                 options_.w_time * TimeScore(q.occurred_ms, q.arrival_ms, h.occurred_ms, h.last_ms) +
                 options_.w_category * category + (reported ? kSeriesScore : 0.0);
  // Text: every shared gram sets its bit in the event's mask.
  if (options_.jaccard) {
    bound += options_.w_text;
  } else if (b.text_scale > 0 && h.norm > 0) {
    double dot = 0;
    for (int w = 0; w < kMaskWords; ++w) {
      for (std::uint64_t m = h.gram_mask[w] & b.query_bits[w]; m; m &= m - 1) {
        dot += bit_weight_[w * 64 + std::countr_zero(m)];
      }
    }
    bound += std::min(options_.w_text, b.text_scale * dot / h.norm);
  }
  // Entities: a shared name sets its bit in the event's mask.
  size_t hits = 0;
  for (std::uint64_t bit : b.entity_bits) hits += (h.entity_mask & bit) != 0;
  bound += options_.w_entities * SharedEntitiesScore(hits);
  pool_.push_back({bound + kSlack, &h});
}

void Linker::Gather(const Query& q, const Bounds& b, Decision& d) const {
  ++stamp_;
  pool_.clear();
  searched_.clear();
  if (seen_.size() < events_.size()) seen_.resize(events_.size(), 0);
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
      searched_.push_back(it->first);
      for (const Hot& h : it->second) {
        if (h.multi) {  // met again in another bucket?
          if (seen_[h.slot] == stamp_) continue;
          seen_[h.slot] = stamp_;
        }
        Consider(q, b, h, d);
      }
    }
  }
  // The unit's recent events (a follow-up without place or time still finds its series),
  // unless already met in the buckets.
  if (auto it = by_unit_.find(q.unit); q.has_unit && !b.first && it != by_unit_.end()) {
    std::sort(searched_.begin(), searched_.end());
    for (std::uint32_t slot : it->second) {
      if (seen_[slot] == stamp_) continue;
      seen_[slot] = stamp_;
      const auto& held = events_[slot].buckets;
      if (std::any_of(held.begin(), held.end(),
                      [&](std::uint64_t k) { return std::binary_search(searched_.begin(), searched_.end(), k); })) {
        continue;
      }
      Consider(q, b, HotOf(slot), d);
    }
  }
}

std::vector<Candidate> Linker::ScoreBest(const Query& q, Decision& d) const {
  // Score in full by falling bound; stop when no bound reaches the fourth best score.
  constexpr size_t kKeep = 4;  // the chosen one and three runners-up
  std::vector<Candidate> best;
  best.reserve(kKeep + 1);
  auto by_bound = [](const Bounded& a, const Bounded& b) {
    return a.bound != b.bound ? a.bound < b.bound : a.hot->slot > b.hot->slot;
  };
  if (options_.prune) std::make_heap(pool_.begin(), pool_.end(), by_bound);
  for (size_t n = pool_.size(), i = 0; i < n; ++i) {
    Bounded next = pool_[i];
    if (options_.prune) {
      std::pop_heap(pool_.begin(), pool_.end() - static_cast<std::ptrdiff_t>(i), by_bound);
      next = pool_[n - 1 - i];
      if (best.size() == kKeep && next.bound < best.back().parts.total) break;
    }
    Candidate c{events_[next.hot->slot].id, Score(q, *next.hot)};
    ++d.scored;
    auto at = std::upper_bound(best.begin(), best.end(), c.parts.total,
                               [](double t, const Candidate& x) { return t > x.parts.total; });
    if (at == best.end() && best.size() == kKeep) continue;
    best.insert(at, std::move(c));
    if (best.size() > kKeep) best.pop_back();
  }
  return best;
}

void Linker::Choose(std::vector<Candidate> best, Decision& d) const {
  if (!best.empty() && best.front().parts.total >= options_.provisional_threshold) {
    const bool sure = best.front().parts.total >= options_.link_threshold;
    d.action = sure ? LinkAction::kLinked : LinkAction::kProvisional;
    d.confirm_task = !sure;
    d.event = best.front().event;
    d.evidence = best.front().parts;
    best.erase(best.begin());
  }
  if (best.size() > 3) best.resize(3);
  d.runners_up = std::move(best);
}

std::uint64_t Linker::KeyOf(int region, std::int64_t occurred_ms) const {
  if (region < 0) region = geo_.Index(regions_.Root().code);
  return BucketKey(std::max(region, 0), DayOf(occurred_ms));
}

const Linker::Hot& Linker::HotOf(std::uint32_t slot) const { return events_[slot].hot; }

void Linker::Publish(const Hot& h) {
  Signature& e = events_[h.slot];
  e.hot = h;
  for (std::uint64_t key : e.buckets) {
    std::vector<Hot>& bucket = buckets_[key];
    const bool fresh = std::find(fresh_keys_.begin(), fresh_keys_.end(), key) != fresh_keys_.end();
    // Recent events change most: search from the back.
    auto it = fresh ? bucket.rend()
                    : std::find_if(bucket.rbegin(), bucket.rend(), [&](const Hot& x) { return x.slot == h.slot; });
    if (it != bucket.rend()) {
      *it = h;
      continue;
    }
    bucket.push_back(h);
    if (bucket.size() > kMaxBucket) {
      std::erase(events_[bucket.front().slot].buckets, key);
      bucket.erase(bucket.begin());
    }
  }
  fresh_keys_.clear();
}

void Linker::Merge(std::uint32_t slot, const Query& q, Hot h) {
  Signature& e = events_[slot];
  const ReportDraft& r = *q.report;
  std::vector<std::uint32_t> added;
  std::set_difference(q.grams.begin(), q.grams.end(), e.grams.begin(), e.grams.end(), std::back_inserter(added));
  if (e.grams.size() + added.size() > options_.event_grams) {
    added.resize(options_.event_grams > e.grams.size() ? options_.event_grams - e.grams.size() : 0);
  }
  constexpr std::uint32_t kBits = kMaskWords * 64;
  for (std::uint32_t g : added) {
    ++df_[g];
    const std::uint32_t b = MaskBit(g, kBits);
    h.gram_mask[b / 64] |= std::uint64_t{1} << (b % 64);
  }
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
  h.norm = static_cast<float>(std::sqrt(norm2));
  for (const std::string& x : q.entities) {
    if (e.entities.size() < kMaxEntities && std::find(e.entities.begin(), e.entities.end(), x) == e.entities.end()) {
      e.entities.push_back(x);
      h.entity_mask |= std::uint64_t{1} << MaskBit(Hash32(x), 64);
    }
  }
  if (q.has_unit) {
    if (std::find(e.units.begin(), e.units.end(), q.unit) == e.units.end()) e.units.push_back(q.unit);
    h.unit_mask |= std::uint64_t{1} << MaskBit(q.unit, 64);
    std::vector<std::uint32_t>& recent = by_unit_[q.unit];
    if (std::find(recent.begin(), recent.end(), slot) == recent.end()) {
      if (recent.size() >= kUnitMemory) recent.erase(recent.begin());
      recent.push_back(slot);
    }
  }
  e.figures = Overlay(e.figures, r.figures);
  h.last_ms = std::max(h.last_ms, q.arrival_ms);
  if (e.category.empty()) {
    e.category = r.category;
    h.category = CategoryId(e.category);
  }
  if (!h.has_coords && r.location.lat && r.location.lon) {
    h.lat = *r.location.lat;
    h.lon = *r.location.lon;
    h.has_coords = true;
  }
  const int region = geo_.MoreSpecific(h.region, q.region);
  if (region != h.region || q.region >= 0) {
    h.region = region;
    // A more specific place adds a bucket; the event stays in the ones it was in.
    const std::uint64_t key = KeyOf(region, h.occurred_ms);
    if (std::find(e.buckets.begin(), e.buckets.end(), key) == e.buckets.end()) {
      e.buckets.push_back(key);
      fresh_keys_.push_back(key);
    }
  }
  h.multi = e.buckets.size() > 1;
  Publish(h);
}

void Linker::Apply(Decision& decision, const ReportDraft& report, TimePoint arrival, const ReportText* text) {
  const Query q = Prepare(report, arrival, text);
  auto it = decision.action == LinkAction::kNewEvent ? slot_of_.end() : slot_of_.find(decision.event);
  if (it != slot_of_.end()) {
    Merge(it->second, q, HotOf(it->second));
    return;
  }
  if (decision.action == LinkAction::kNewEvent) decision.event = next_id_;
  next_id_ = std::max(next_id_, decision.event + 1);
  std::uint32_t slot;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(events_.size());
    events_.emplace_back();
  }
  Signature& e = events_[slot];
  e = Signature{};
  e.id = decision.event;
  Hot h;
  h.slot = slot;
  h.occurred_ms = q.occurred_ms.value_or(q.arrival_ms);
  h.last_ms = q.arrival_ms;
  h.region = q.region;
  e.buckets.push_back(KeyOf(q.region, h.occurred_ms));
  fresh_keys_.assign(1, e.buckets.back());
  slot_of_[decision.event] = slot;
  Merge(slot, q, h);
}

Decision Linker::Link(const ReportDraft& report, TimePoint arrival) {
  const ReportText text = Read(report);
  Decision d = Decide(report, arrival, &text);
  Apply(d, report, arrival, &text);
  return d;
}

void Linker::Add(EventId event, const ReportDraft& report, TimePoint arrival, const ReportText* text) {
  Decision d;
  d.action = LinkAction::kNamed;
  d.event = event;
  Apply(d, report, arrival, text);
}

void Linker::Remove(EventId event) {
  auto it = slot_of_.find(event);
  if (it == slot_of_.end()) return;
  const std::uint32_t slot = it->second;
  slot_of_.erase(it);
  Signature& e = events_[slot];
  for (std::uint64_t key : e.buckets) {
    auto b = buckets_.find(key);
    if (b == buckets_.end()) continue;
    std::erase_if(b->second, [slot](const Hot& h) { return h.slot == slot; });
    if (b->second.empty()) buckets_.erase(b);
  }
  for (std::uint32_t unit : e.units) {
    auto u = by_unit_.find(unit);
    if (u == by_unit_.end()) continue;
    std::erase(u->second, slot);
    if (u->second.empty()) by_unit_.erase(u);
  }
  for (std::uint32_t g : e.grams) {
    auto f = df_.find(g);
    if (f != df_.end() && --f->second == 0) df_.erase(f);
  }
  e = Signature{};  // in no bucket and no unit's memory: never a candidate
  free_.push_back(slot);
}

}  // namespace shaobing::fusion
