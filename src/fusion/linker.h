#pragma once
// Linking reports to events (multi-source reporting). For each report, in arrival order, the
// linker decides: link to an existing event, link provisionally (the desk confirms), or open a
// new event. A report that names its event (`event_id`) is never re-linked. A first report
// never links to an event its own unit already reported on (the unit would have sent a
// follow-up; a second first report from it is another event, which the desk can still merge).
//
// Candidates come from buckets keyed by (region, day of occurrence): the report's region and
// its search set (geography.h), the days around its occurrence (or before its arrival when it
// gives none), and the events its unit already reported on. Nothing scans the whole index.
//
// Text similarity: TF-IDF cosine over character bigrams (binary tf, idf from the index),
// chosen over plain bigram Jaccard (what MinHash estimates) by measurement on the simulator
// acceptance set (seed 20261129, 300 events, 1,750 reports), everything else equal:
//   TF-IDF cosine: pairwise F1 0.964, B-cubed F1 0.976;  Jaccard: pairwise F1 0.846, B-cubed F1 0.886.
// Common template words ("发生", "目前已造成") weigh little under IDF; names weigh much.
//
// Pruning (exact): every candidate first gets an upper bound of its total from a compact
// per-event record (place, time, category and series exactly; text from a 512-bit Bloom
// mask of the event's bigrams weighed by the query's idf; entities from a 64-bit mask).
// Candidates are then scored in full in order of falling bound until the bound falls below
// the fourth best full score: the decision and its three runners-up are those of scoring
// every candidate (up to ties in total). `LinkerOptions::prune = false` scores all.
// Not thread-safe: one writer (the store's linking step) owns a Linker.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/region.h"
#include "core/report.h"
#include "core/time.h"
#include "fusion/desk_records.h"  // LinkAction
#include "fusion/geography.h"
#include "fusion/linker_scoring.h"  // CategoryCompatibility and the other parts of a score
#include "fusion/text.h"

namespace shaobing::fusion {

struct LinkerOptions {
  double link_threshold = 0.55;         // total score at or above: link
  double provisional_threshold = 0.47;  // at or above (and below link): provisional link + task
  double neighbour_km = 45;             // counties with centroids this close are neighbours
  int days_around = 1;                  // days searched either side of the occurrence day
  int followup_days = 6;                // days searched back from arrival when no occurrence
  size_t report_grams = 120;            // bigrams taken from one report
  size_t event_grams = 240;             // bigrams an event signature keeps
  bool jaccard = false;                 // plain bigram Jaccard instead of TF-IDF cosine
  bool prune = true;                    // false: score every candidate in full (same result, slower)
  // Weights of the score parts (the figures and series parts are signed adjustments).
  double w_text = 0.45, w_entities = 0.15, w_place = 0.15, w_time = 0.10, w_category = 0.15;
};

// The evidence of one comparison, kept with every decision for the desk.
struct ScoreParts {
  double text = 0;      // TF-IDF cosine of bigrams, [0, 1]
  double entities = 0;  // shared named entities, [0, 1] (two or more shared: 1)
  double place = 0;     // Geography::Closeness, or from coordinates when both have them
  double time = 0;      // 1 within 1 h of the event's occurrence, falling to 0 at 24 h
  double category = 0;  // 1 same category, 0.6 compatible family, 0 otherwise
  double figures = 0;   // <= 0: penalty when figures cannot describe the same event
  double series = 0;    // +0.25: a follow-up (any kind but first) of a unit on an event it reported
  double total = 0;
  std::vector<std::string> shared_entities;
};

struct Candidate {
  EventId event = 0;
  ScoreParts parts;
};

struct Decision {
  LinkAction action = LinkAction::kNewEvent;
  EventId event = 0;                  // the event linked to (for kNewEvent: set by Apply/Link)
  bool confirm_task = false;          // true for kProvisional: queue "confirm link" for the desk
  ScoreParts evidence;                // of the chosen candidate (empty for new and named)
  std::vector<Candidate> runners_up;  // next best candidates, best first (at most 3)
  size_t candidates = 0;              // events compared (in the searched buckets, category compatible)
  size_t scored = 0;                  // of those, scored in full (the others were bounded out)
};

class Linker {
 public:
  Linker(const RegionTree& regions, LinkerOptions options = {});
  ~Linker();

  // What linking reads from a report's text and place, independent of the index: the place
  // (a county the text names when the report gives only a city or the region), the character
  // bigrams and the named entities. Read() touches nothing the index changes, so a caller may
  // read reports on other threads and hand the result to Decide/Apply/Add (`text`); without
  // it they read the report themselves.
  struct ReportText {
    int region = -1;
    std::vector<std::uint32_t> grams;  // sorted
    std::vector<std::string> entities;
  };
  ReportText Read(const ReportDraft& report) const;

  // Decides without changing the index.
  Decision Decide(const ReportDraft& report, TimePoint arrival, const ReportText* text = nullptr) const;
  // Records the decision's report in the index; for kNewEvent assigns the next event id
  // (above every id seen) and writes it into `decision.event`.
  void Apply(Decision& decision, const ReportDraft& report, TimePoint arrival, const ReportText* text = nullptr);
  // Decide + Apply.
  Decision Link(const ReportDraft& report, TimePoint arrival);
  // Feeds a stored report of a known event (for a store adapter rebuilding the index).
  void Add(EventId event, const ReportDraft& report, TimePoint arrival, const ReportText* text = nullptr);
  // Forgets an event entirely: it leaves the buckets and the units' memory, and its bigrams
  // no longer count in the document frequencies. Unknown ids are ignored. A later Add of the
  // same id creates it afresh (for the desk's merges and splits: Remove the events, then Add
  // every report of the resulting events).
  void Remove(EventId event);
  bool Contains(EventId event) const { return slot_of_.contains(event); }

  size_t size() const { return slot_of_.size(); }  // events in the index

 private:
  static constexpr int kMaskWords = 8;  // 512-bit Bloom mask of an event's bigrams
  // Events one (region, day) bucket keeps as candidates: far above any real day of a county,
  // it bounds the work of a decision and of an update under a flood of reports on one place.
  static constexpr size_t kMaxBucket = 256;
  // What bounding a candidate reads. Each bucket holds a copy of the record of each of its
  // events, so that a search reads its buckets front to back (no random access per event).
  struct alignas(64) Hot {
    std::int64_t occurred_ms = 0, last_ms = 0;
    double lat = 0, lon = 0;
    float norm = 0;  // TF-IDF norm of the grams
    std::int32_t region = -1;
    std::uint32_t slot = 0;
    std::uint16_t category = 0;  // interned, 0: none
    bool has_coords = false;
    bool multi = false;  // in more than one bucket: a search may meet it twice
    std::uint64_t entity_mask = 0, unit_mask = 0;
    std::uint64_t gram_mask[kMaskWords] = {};
  };
  // The rest of an event, read when it is scored in full or changed.
  struct Signature {
    EventId id = 0;
    std::string category;
    std::vector<std::uint32_t> grams;  // sorted
    std::vector<std::string> entities;
    std::vector<std::uint32_t> units;    // hashes of units that reported
    std::vector<std::uint64_t> buckets;  // keys of the buckets that hold it (empty once evicted)
    Figures figures;
    Hot hot;  // the record the buckets hold copies of
  };
  struct Query;
  struct Bounded {
    double bound;
    const Hot* hot;
  };

  struct Bounds;

  Query Prepare(const ReportDraft& report, TimePoint arrival, const ReportText* text) const;
  // Decide's steps: the per-query tables for bounding candidates; the candidates from the
  // searched buckets and the unit's recent events, bounded into pool_ (Consider: one event);
  // the best four scored in full (best first); the decision from the best and its runners-up.
  Bounds BoundsOf(const Query& q) const;
  void Consider(const Query& q, const Bounds& b, const Hot& h, Decision& d) const;
  void Gather(const Query& q, const Bounds& b, Decision& d) const;
  std::vector<Candidate> ScoreBest(const Query& q, Decision& d) const;
  void Choose(std::vector<Candidate> best, Decision& d) const;
  ScoreParts Score(const Query& q, const Hot& h) const;
  std::uint64_t KeyOf(int region, std::int64_t occurred_ms) const;
  const Hot& HotOf(std::uint32_t slot) const;
  // Writes the record into every bucket of its event (keys in fresh_keys_ are known not to
  // hold it yet). A bucket over kMaxBucket drops its oldest event from candidacy there.
  void Publish(const Hot& h);
  float Idf(std::uint32_t gram) const;
  void Merge(std::uint32_t slot, const Query& q, Hot h);
  std::uint16_t CategoryId(const std::string& category);

  const RegionTree& regions_;
  LinkerOptions options_;
  Geography geo_;
  EntityExtractor entities_;
  std::vector<Signature> events_;    // per slot
  std::vector<std::uint32_t> free_;  // slots of removed events, reused
  std::unordered_map<EventId, std::uint32_t> slot_of_;
  std::unordered_map<std::uint64_t, std::vector<Hot>> buckets_;            // (region, day)
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> by_unit_;  // last events
  std::unordered_map<std::uint32_t, std::uint32_t> df_;
  std::vector<std::string> categories_ = {""};  // by interned id
  std::unordered_map<std::string, std::uint16_t> category_ids_;
  // Per-query scratch, kept to avoid allocating per decision.
  mutable std::vector<std::uint32_t> seen_;  // per slot: stamp of the last query that met it
  mutable std::vector<double> bit_weight_;   // per mask bit: sum of the query's idf^2 there
  mutable std::vector<double> compat_;       // per category id: compatibility, -1 unknown
  mutable std::vector<Bounded> pool_;
  mutable std::vector<std::uint64_t> searched_;  // keys of the buckets searched
  mutable std::uint32_t stamp_ = 0;
  std::vector<std::uint64_t> fresh_keys_;  // buckets the event being published was just added to
  EventId next_id_ = 1;
};

}  // namespace shaobing::fusion
