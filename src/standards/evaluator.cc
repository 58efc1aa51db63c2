#include "standards/evaluator.h"

#include <algorithm>
#include <bit>
#include <boost/container/small_vector.hpp>

#include "core/taxonomy.h"
#include "standards/evaluator_internal.h"
#include "standards/sensitive_detector.h"

namespace shaobing {
namespace standards_internal {
namespace {

bool InBand(double v, const Node& n) {
  return (n.min_inclusive ? v >= n.min : v > n.min) && (n.max_inclusive ? v <= n.max : v < n.max);
}

// Sum of the known figures of the mask; false when all are unknown.
bool FigureValue(const Figures& figures, std::uint16_t mask, double* value) {
  bool any = false;
  double sum = 0;
  for (unsigned bits = mask; bits != 0; bits &= bits - 1) {
    if (auto v = figures.Get(static_cast<Figure>(std::countr_zero(bits)))) {
      any = true;
      sum += *v;
    }
  }
  *value = sum;
  return any;
}

}  // namespace

bool RegionWithin(const EventFacts& f, std::string_view code) {
  if (!f.region_lineage.empty()) {
    return std::find(f.region_lineage.begin(), f.region_lineage.end(), code) != f.region_lineage.end();
  }
  size_t n = code.size();
  while (n > 2 && code.substr(n - 2, 2) == "00") n -= 2;
  return f.region.size() == code.size() && f.region.compare(0, n, code.substr(0, n)) == 0;
}

namespace {

bool Effective(const EvalContext& c, const CompiledRule& r) { return !c.has_time || c.occurred_ms >= r.effective_ms; }

void AddDeadlines(const Program& p, const EventFacts& facts, std::span<const std::uint16_t> rules, Evaluation* out) {
  const int top = static_cast<int>(*out->report_to);
  for (int level = 0; level <= top; ++level) {
    const auto l = static_cast<size_t>(level);
    const unsigned level_bit = 1u << level;
    std::array<std::int32_t, 2> minutes = p.base_deadlines.minutes[l];
    for (const auto& o : p.overrides) {
      if (!(o.table.levels & level_bit)) continue;
      if (o.grades != 0 && (!out->grade || !(o.grades & (1u << static_cast<unsigned>(*out->grade))))) continue;
      if (!o.regions.empty() && std::none_of(o.regions.begin(), o.regions.end(),
                                             [&](const std::string& r) { return RegionWithin(facts, r); })) {
        continue;
      }
      minutes = o.table.minutes[l];
    }
    bool from_rules = false;
    std::array<std::int32_t, 2> strictest{};
    for (std::uint16_t index : rules) {
      const DeadlineTable& t = p.rules[index].deadlines;
      if (!(t.levels & level_bit)) continue;
      for (size_t ch = 0; ch < 2; ++ch) {
        const std::int32_t m = t.minutes[l][ch];
        if (m > 0 && (strictest[ch] == 0 || m < strictest[ch])) strictest[ch] = m;
      }
      from_rules = true;
    }
    if (from_rules) minutes = strictest;
    for (Channel ch : {Channel::kPhone, Channel::kWritten}) {
      if (const std::int32_t m = minutes[static_cast<size_t>(ch)]; m > 0) {
        out->deadlines.push_back({static_cast<Level>(level), ch, m});
      }
    }
  }
}

}  // namespace

bool Test(const EvalContext& c, std::uint32_t index) {
  const Program& p = *c.program;
  const Node& n = p.nodes[index];
  switch (n.op) {
    case Node::Op::kAllOf:
      for (std::uint32_t i = n.first; i < n.first + n.count; ++i) {
        if (!Test(c, p.children[i])) return false;
      }
      return true;
    case Node::Op::kAnyOf:
      for (std::uint32_t i = n.first; i < n.first + n.count; ++i) {
        if (Test(c, p.children[i])) return true;
      }
      return false;
    case Node::Op::kFigure: {
      double v = 0;
      return FigureValue(c.facts->figures, n.figures, &v) && InBand(v, n);
    }
    case Node::Op::kCategory:
      return c.category_slot < 64 && ((n.categories >> c.category_slot) & 1u) != 0;
    case Node::Op::kRegion:
      for (std::uint32_t i = n.first; i < n.first + n.count; ++i) {
        if (RegionWithin(*c.facts, p.regions[i])) return true;
      }
      return false;
    case Node::Op::kSensitive:
      return (c.bits & p.masks[n.mask]).any();
    case Node::Op::kOccurredAt:
      return c.has_time && InBand(c.occurred_ms, n);
  }
  return false;
}

}  // namespace standards_internal

FollowUpTerms FollowUpTermsFor(const FollowUpPolicy& policy, const EventFacts& facts, std::optional<Grade> grade) {
  // An event without a grade (reportable by a sensitive factor or a baseline rule) is owed
  // follow-ups like the lightest grade.
  const Grade g = grade.value_or(Grade::kIV);
  FollowUpTerms t;
  t.per_day = policy.per_day[static_cast<size_t>(g) - 1];
  t.after_change_minutes = policy.after_change_minutes;
  t.supplementary_days = policy.supplementary_days;
  for (const auto& [category, days] : policy.supplementary_by_category) {
    if (category == facts.category) t.supplementary_days = days;
  }
  t.due_soon_minutes = policy.due_soon_minutes;
  for (const auto& o : policy.overrides) {
    if (!o.grades.empty() && std::find(o.grades.begin(), o.grades.end(), g) == o.grades.end()) continue;
    if (!o.regions.empty() && std::none_of(o.regions.begin(), o.regions.end(), [&](const std::string& r) {
          return standards_internal::RegionWithin(facts, r);
        })) {
      continue;
    }
    if (o.per_day) t.per_day = *o.per_day;
    if (o.after_change_minutes) t.after_change_minutes = *o.after_change_minutes;
  }
  return t;
}

const char* SensitiveViaCode(SensitiveVia via) {
  switch (via) {
    case SensitiveVia::kReport:
      return "report";
    case SensitiveVia::kText:
      return "text";
    case SensitiveVia::kGeofence:
      return "geofence";
    case SensitiveVia::kCalendar:
      return "calendar";
    case SensitiveVia::kFigure:
      return "figure";
  }
  return "report";
}

EventFacts FactsFromDraft(const ReportDraft& draft) {
  EventFacts f;
  f.category = draft.category;
  f.region = draft.location.region;
  f.figures = draft.figures;
  f.sensitive = draft.sensitive;
  f.occurred_at = draft.occurred_at;
  f.title = draft.title;
  f.description = draft.description;
  f.parties = draft.parties;
  f.address = draft.location.address;
  f.lat = draft.location.lat;
  f.lon = draft.location.lon;
  return f;
}

void EvaluateInto(const Catalogue& catalogue, const EventFacts& facts, const EvaluateOptions& options,
                  Evaluation* out) {
  using namespace standards_internal;
  const Program& p = catalogue.program();
  out->grade.reset();
  out->report_to.reset();
  out->deadlines.clear();
  out->tags.clear();
  out->sensitive.clear();
  out->consultation = false;
  out->follow_up = {};
  out->catalogue_version = catalogue.version();
  out->explanation.clear();

  EvalContext c;
  c.catalogue = &catalogue;
  c.program = &p;
  c.facts = &facts;
  c.category_slot = p.CategorySlot(facts.category);
  if (facts.occurred_at) {
    c.has_time = true;
    c.occurred_ms = static_cast<double>(ToUnixMillis(*facts.occurred_at));
  }
  DetectSensitive(p.sensitive, facts, options.detect_text, &c.bits, &out->sensitive);

  boost::container::small_vector<std::uint16_t, 32> matched;
  bool graded = false;
  const auto& candidates = p.rules_by_category[c.category_slot];
  for (std::uint16_t index : candidates) {
    const CompiledRule& r = p.rules[index];
    if (r.otherwise || !Effective(c, r)) continue;
    if (r.root == kNoNode || Test(c, r.root)) {
      matched.push_back(index);
      graded = graded || r.grade != 0;
    }
  }
  if (!graded) {
    const size_t before = matched.size();
    for (std::uint16_t index : candidates) {
      const CompiledRule& r = p.rules[index];
      if (r.otherwise && Effective(c, r) && (r.root == kNoNode || Test(c, r.root))) matched.push_back(index);
    }
    if (before > 0 && matched.size() > before) std::sort(matched.begin(), matched.end());
  }
  if (matched.empty()) {
    if (options.explain) Explain(c, {}, out);
    return;
  }

  int grade = 0, level = static_cast<int>(p.routing.minimum);
  for (std::uint16_t index : matched) {
    const CompiledRule& r = p.rules[index];
    if (r.grade != 0 && (grade == 0 || r.grade < grade)) grade = r.grade;
    level = std::max(level, static_cast<int>(r.report_to));
    out->consultation = out->consultation || r.consultation;
  }
  if (grade != 0) {
    out->grade = static_cast<Grade>(grade);
    level = std::max(level, static_cast<int>(p.routing.by_grade[static_cast<size_t>(grade - 1)]));
  }
  out->report_to = static_cast<Level>(level);
  AddDeadlines(p, facts, matched, out);
  out->follow_up = FollowUpTermsFor(catalogue.spec().follow_ups, facts, out->grade);

  out->tags.resize(matched.size());
  for (size_t i = 0; i < matched.size(); ++i) {
    const CompiledRule& r = p.rules[matched[i]];
    Tag& t = out->tags[i];
    t.rule = r.spec->id;
    t.label = r.spec->label;
    t.matched.clear();
    if (r.grade != 0)
      t.grade = static_cast<Grade>(r.grade);
    else
      t.grade.reset();
    if (r.report_to >= 0)
      t.report_to = static_cast<Level>(r.report_to);
    else
      t.report_to.reset();
    if (r.root != kNoNode) {
      CollectMatched(c, r.root, out->sensitive, &t.matched);
    } else {
      const auto categories = AllCategories();
      std::string& line = t.matched.emplace_back("类别：");
      line +=
          c.category_slot < categories.size() ? categories[c.category_slot].name_zh : std::string_view(facts.category);
    }
  }
  if (options.explain) Explain(c, matched, out);
}

Evaluation Evaluate(const Catalogue& catalogue, const EventFacts& facts, const EvaluateOptions& options) {
  Evaluation out;
  EvaluateInto(catalogue, facts, options, &out);
  return out;
}

}  // namespace shaobing
