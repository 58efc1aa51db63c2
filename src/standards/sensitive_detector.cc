#include "standards/sensitive_detector.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "standards/format.h"
#include "standards/text_numbers.h"

namespace shaobing::standards_internal {
namespace {

using Factor = SensitiveProgram::Factor;
using Word = SensitiveProgram::Word;

const std::string& EmptyString() {
  static const std::string kEmpty;
  return kEmpty;
}

const std::string& OtherLabel(SensitiveKind kind) {
  static const std::array<std::string, kSensitiveKindCount> kLabels{"其他敏感人员", "其他敏感地点", "其他极端行为",
                                                                    "其他敏感时间", "其他规模或时长"};
  return kLabels[static_cast<size_t>(kind)];
}

void Add(const SensitiveProgram& p, std::uint16_t bit, SensitiveVia via, std::string_view code, std::string_view word,
         SensitiveBits* bits, std::vector<SensitiveMatch>* out) {
  bits->set(bit);
  const Factor& f = p.factors[bit];
  if (code.empty()) code = *f.code;
  SensitiveMatch* m = nullptr;
  for (auto& e : *out) {
    if (e.kind == f.kind && e.code == code) m = &e;
  }
  if (m == nullptr) {
    m = &out->emplace_back();
    m->kind = f.kind;
    m->code = code;
    m->label = f.code->empty() ? std::string(code) : *f.label;
    m->via = via;
  }
  if (!word.empty() && std::find(m->words.begin(), m->words.end(), word) == m->words.end()) {
    m->words.emplace_back(word);
  }
}

void FromCalendar(const SensitiveProgram& p, TimePoint t, SensitiveBits* bits, std::vector<SensitiveMatch>* out) {
  using namespace std::chrono;
  const auto local_day = floor<days>(t + hours(8));
  const auto d = static_cast<std::int32_t>(local_day.time_since_epoch().count());
  for (const auto& s : p.fixed) {
    if (s.from_day <= d && d <= s.to_day) Add(p, s.bit, SensitiveVia::kCalendar, {}, *s.name, bits, out);
  }
  if (p.annual.empty()) return;
  const year_month_day ymd{local_day};
  const unsigned m = unsigned(ymd.month()), dd = unsigned(ymd.day());
  for (const auto& s : p.annual) {
    if (s.days == 1) {
      if (s.month == m && s.day == dd) Add(p, s.bit, SensitiveVia::kCalendar, {}, *s.name, bits, out);
      continue;
    }
    for (year y : {ymd.year(), ymd.year() - years(1)}) {
      const year_month_day start{y, month(s.month), day(s.day)};
      if (!start.ok()) continue;
      const auto start_day = static_cast<std::int32_t>(sys_days(start).time_since_epoch().count());
      if (start_day <= d && d < start_day + s.days) {
        Add(p, s.bit, SensitiveVia::kCalendar, {}, *s.name, bits, out);
        break;
      }
    }
  }
}

double DistanceMeters(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  const double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * 6371000.0 * std::asin(std::min(1.0, std::sqrt(a)));
}

struct Hit {
  std::uint32_t id;
  size_t begin, end;
};

// A figure read from text, with the words it was read from.
struct TextFigure {
  double value = -1;
  std::string_view evidence;
};

void ReadCues(const SensitiveProgram& p, std::string_view text, const std::vector<Hit>& hits,
              std::array<TextFigure, kFigureCount>* figures) {
  std::vector<NumberToken> tokens;
  FindNumberTokens(text, p.units, &tokens);
  if (tokens.empty()) return;
  for (const Hit& h : hits) {
    const Word& w = p.words[h.id];
    if (w.type != Word::Type::kCue) continue;
    const auto& cue = p.cues[w.target];
    const NumberToken* best = nullptr;
    size_t best_gap = SIZE_MAX;
    for (const auto& t : tokens) {
      if (!cue.units[t.unit]) continue;
      std::string_view gap;
      if (t.begin >= h.end) {
        gap = text.substr(h.end, t.begin - h.end);
      } else if (t.end <= h.begin) {
        gap = text.substr(t.end, h.begin - t.end);
      } else {
        continue;
      }
      const size_t chars = CountChars(gap);
      if (chars <= static_cast<size_t>(cue.window) && chars < best_gap && !HasClauseBreak(gap)) {
        best = &t;
        best_gap = chars;
      }
    }
    if (best == nullptr) continue;
    TextFigure& f = (*figures)[static_cast<size_t>(cue.figure)];
    if (best->value > f.value) {
      const size_t b = std::min(best->begin, h.begin), e = std::max(best->end, h.end);
      f = {best->value, text.substr(b, e - b)};
    }
  }
}

void FromText(const SensitiveProgram& p, std::string_view text, SensitiveBits* bits, std::vector<SensitiveMatch>* out,
              std::array<TextFigure, kFigureCount>* figures) {
  if (text.empty() || p.patterns.empty()) return;
  std::vector<Hit> hits;
  bool any_cue = false;
  p.matcher.Scan(text, [&](std::uint32_t id, size_t begin, size_t end) {
    hits.push_back({id, begin, end});
    any_cue = any_cue || p.words[id].type == Word::Type::kCue;
  });
  for (const Hit& h : hits) {
    const Word& w = p.words[h.id];
    if (w.type != Word::Type::kTrigger) continue;
    const bool cancelled = std::any_of(hits.begin(), hits.end(), [&](const Hit& x) {
      const Word& xw = p.words[x.id];
      return xw.type == Word::Type::kExcept && xw.target == w.target && x.begin <= h.begin && h.end <= x.end;
    });
    if (!cancelled) Add(p, w.target, SensitiveVia::kText, {}, p.patterns[h.id], bits, out);
  }
  if (any_cue) ReadCues(p, text, hits, figures);
}

}  // namespace

std::uint16_t BitOfMatch(const SensitiveProgram& p, const SensitiveMatch& m) {
  if (m.kind != SensitiveKind::kThresholds) return p.BitOf(m.kind, m.code);
  for (size_t bit = 0; bit < p.factors.size(); ++bit) {
    if (p.factors[bit].kind == m.kind && *p.factors[bit].code == m.code) return static_cast<std::uint16_t>(bit);
  }
  return p.other_bit[static_cast<size_t>(SensitiveKind::kThresholds)];
}

std::uint16_t SensitiveProgram::BitOf(SensitiveKind kind, std::string_view code) const {
  for (size_t bit = 0; bit < factors.size(); ++bit) {
    if (factors[bit].kind == kind && *factors[bit].code == code) return static_cast<std::uint16_t>(bit);
  }
  return other_bit[static_cast<size_t>(kind)];
}

SensitiveProgram CompileSensitive(const SensitivePolicy& policy) {
  SensitiveProgram s;
  auto new_bit = [&s](SensitiveKind kind, const std::string* code, const std::string* label) {
    const auto bit = static_cast<std::uint16_t>(s.factors.size());
    s.factors.push_back({kind, code, label});
    s.kind_masks[static_cast<size_t>(kind)].set(bit);
    s.all_mask.set(bit);
    return bit;
  };
  for (const auto& f : policy.factors) {
    const std::uint16_t bit = new_bit(f.kind, &f.code, &f.label);
    for (const auto& w : f.words) {
      s.patterns.push_back(w);
      s.words.push_back({Word::Type::kTrigger, bit});
    }
    for (const auto& w : f.except) {
      s.patterns.push_back(w);
      s.words.push_back({Word::Type::kExcept, bit});
    }
    for (const auto& g : f.geofences) s.fences.push_back({g.lat, g.lon, g.radius_m, bit, &g.name});
    for (const auto& d : f.dates) {
      if (d.annual) {
        s.annual.push_back({unsigned(d.annual->month()), unsigned(d.annual->day()), d.days, bit, &d.name});
      } else {
        s.fixed.push_back({static_cast<std::int32_t>(d.from->time_since_epoch().count()),
                           static_cast<std::int32_t>(d.to->time_since_epoch().count()), bit, &d.name});
      }
    }
  }
  for (const auto& t : policy.thresholds) {
    s.thresholds.push_back({t.figure, t.min, new_bit(SensitiveKind::kThresholds, &t.code, &t.label)});
  }
  for (int k = 0; k < kSensitiveKindCount; ++k) {
    const auto kind = static_cast<SensitiveKind>(k);
    s.other_bit[static_cast<size_t>(k)] = new_bit(kind, &EmptyString(), &OtherLabel(kind));
  }
  for (size_t i = 0; i < policy.text_figures.size(); ++i) {
    const auto& c = policy.text_figures[i];
    SensitiveProgram::Cue cue{c.figure, c.window, {}};
    for (const auto& u : c.units) {
      auto it = std::find(s.units.begin(), s.units.end(), u);
      const size_t index = static_cast<size_t>(it - s.units.begin());
      if (it == s.units.end()) s.units.push_back(u);
      if (cue.units.size() <= index) cue.units.resize(index + 1, false);
      cue.units[index] = true;
    }
    s.cues.push_back(std::move(cue));
    for (const auto& w : c.words) {
      s.patterns.push_back(w);
      s.words.push_back({Word::Type::kCue, static_cast<std::uint16_t>(i)});
    }
  }
  for (auto& cue : s.cues) cue.units.resize(s.units.size(), false);
  s.matcher = TextMatcher(s.patterns);
  return s;
}

void DetectSensitive(const SensitiveProgram& p, const EventFacts& facts, bool detect_text, SensitiveBits* bits,
                     std::vector<SensitiveMatch>* out) {
  const std::pair<SensitiveKind, const std::vector<std::string>*> reported[] = {
      {SensitiveKind::kPersons, &facts.sensitive.persons},
      {SensitiveKind::kPlaces, &facts.sensitive.places},
      {SensitiveKind::kBehaviours, &facts.sensitive.behaviours},
      {SensitiveKind::kTimes, &facts.sensitive.times}};
  for (auto [kind, codes] : reported) {
    for (const auto& code : *codes) Add(p, p.BitOf(kind, code), SensitiveVia::kReport, code, {}, bits, out);
  }
  if (facts.occurred_at) FromCalendar(p, *facts.occurred_at, bits, out);
  if (facts.lat && facts.lon) {
    for (const auto& f : p.fences) {
      if (DistanceMeters(*facts.lat, *facts.lon, f.lat, f.lon) <= f.radius_m) {
        Add(p, f.bit, SensitiveVia::kGeofence, {}, *f.name, bits, out);
      }
    }
  }
  std::array<TextFigure, kFigureCount> text_figures{};
  if (detect_text) {
    for (const std::string* field : {&facts.title, &facts.description, &facts.parties, &facts.address}) {
      FromText(p, *field, bits, out, &text_figures);
    }
  }
  for (const auto& t : p.thresholds) {
    const auto reported_value = facts.figures.Get(t.figure);
    const TextFigure& tf = text_figures[static_cast<size_t>(t.figure)];
    const bool from_text = tf.value >= 0 && (!reported_value || tf.value > *reported_value);
    const double value = from_text ? tf.value : reported_value.value_or(-1);
    if (value < 0 || value < t.min) continue;
    std::string evidence;
    evidence += Info(t.figure).name_zh;
    evidence += ' ';
    AppendQuantity(evidence, value, t.figure);
    evidence += " ≥ ";
    AppendNumber(evidence, t.min, t.figure);
    if (from_text) {
      evidence += "（“";
      evidence += tf.evidence;
      evidence += "”）";
    }
    Add(p, t.bit, from_text ? SensitiveVia::kText : SensitiveVia::kFigure, {}, evidence, bits, out);
  }
  if (!facts.dismissed.empty()) {
    // A dismissed code's bit may be shared ("other persons"): clear the bits of what was
    // dismissed, then set again those of what remains.
    std::erase_if(*out, [&](const SensitiveMatch& m) {
      if (std::find(facts.dismissed.begin(), facts.dismissed.end(), m.code) == facts.dismissed.end()) return false;
      bits->reset(BitOfMatch(p, m));
      return true;
    });
    for (const SensitiveMatch& m : *out) bits->set(BitOfMatch(p, m));
  }
}

}  // namespace shaobing::standards_internal
