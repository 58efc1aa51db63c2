// Validation of a catalogue: cross-references and thresholds, each type checking its own
// rules, then the catalogue as a whole (alertmanager style). The first problem wins.
#include <algorithm>
#include <cmath>
#include <map>

#include "core/sensitive_codes.h"
#include "core/taxonomy.h"
#include "standards/format.h"
#include "standards/load_error.h"
#include "standards/program.h"

namespace shaobing::standards_internal {
namespace {

using Subject = Comparison::Subject;

constexpr size_t kMaxCodes = kMaxSensitive - kSensitiveKindCount;
constexpr size_t kMaxRules = 60000;  // rule indices are 16-bit in the compiled form

bool IsRuleId(std::string_view s) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i > 0 && (c == '-' || c == '_' || c == '.'));
    if (!ok) return false;
  }
  return true;
}

std::string RuleWhere(const Rule& rule) { return "规则 \"" + rule.id + "\""; }

std::string NumberText(double v) {
  std::string out;
  AppendNumber(out, v, Figure::kDeaths);
  return out;
}

class Checker {
 public:
  explicit Checker(const CatalogueSpec& spec) : spec_(spec) {}

  Status Run() {
    if (spec_.version.empty()) return Bad(0, "catalogue_empty_value", "目录", "", {{"key", "version"}});
    if (auto s = Routing(); !s) return s;
    if (auto s = Deadlines(); !s) return s;
    if (auto s = FollowUps(); !s) return s;
    if (auto s = Sensitive(); !s) return s;
    if (spec_.rules.size() > kMaxRules) return Bad(0, "catalogue_too_many", "规则 rules", std::to_string(kMaxRules));
    std::map<std::string, int, std::less<>> ids;
    for (const Rule& rule : spec_.rules) {
      if (!IsRuleId(rule.id)) return Bad(rule.line, "catalogue_bad_rule_id", "", rule.id);
      auto [it, fresh] = ids.emplace(rule.id, rule.line);
      if (!fresh) {
        return Bad(rule.line, "catalogue_duplicate_rule", "", rule.id, {{"first_line", std::to_string(it->second)}});
      }
      if (auto s = CheckRule(rule); !s) return s;
    }
    return {};
  }

 private:
  std::unexpected<Error> Bad(int line, std::string_view reason, std::string where, std::string value,
                             std::vector<ErrorArg> extra = {}) const {
    return Fail(CatalogueError(reason, spec_.file_name, line, std::move(where), std::move(value), std::move(extra)));
  }

  Status Minutes(const std::vector<DeadlineEntry>& entries, const std::string& where) const {
    for (const auto& e : entries) {
      if (e.minutes <= 0) return Bad(e.line, "catalogue_bad_minutes", where, std::to_string(e.minutes));
    }
    return {};
  }

  Status Routing() const {
    const RoutingPolicy& r = spec_.routing;
    for (int g = 0; g < kGradeCount; ++g) {
      const Level level = r.by_grade[static_cast<size_t>(g)];
      const char* grade = GradeCode(static_cast<Grade>(g + 1));
      if (level < r.minimum) {
        return Bad(r.line, "catalogue_routing_order", "", grade,
                   {{"key", LevelCode(level)}, {"other", std::string("最低层级 ") + LevelCode(r.minimum)}});
      }
      if (g + 1 < kGradeCount && level < r.by_grade[static_cast<size_t>(g) + 1]) {
        const Grade lighter = static_cast<Grade>(g + 2);
        return Bad(r.line, "catalogue_routing_order", "", grade,
                   {{"key", LevelCode(level)},
                    {"other", std::string(GradeCode(lighter)) + " 级事件的 " +
                                  LevelCode(r.by_grade[static_cast<size_t>(g) + 1])}});
      }
    }
    return {};
  }

  Status Deadlines() const {
    const DeadlinePolicy& d = spec_.deadlines;
    const std::string where = "报送时限 deadlines";
    if (d.unit_to_upper_minutes <= 0) {
      return Bad(d.line, "catalogue_bad_minutes", where, std::to_string(d.unit_to_upper_minutes));
    }
    for (Level l : {Level::kCounty, Level::kCity, Level::kRegion, Level::kCentre}) {
      if (std::none_of(d.levels.begin(), d.levels.end(), [l](auto& e) { return e.level == l; })) {
        return Bad(d.line, "catalogue_missing_key", where + ".levels", LevelCode(l));
      }
    }
    if (auto s = Minutes(d.levels, where); !s) return s;
    for (size_t i = 0; i < d.overrides.size(); ++i) {
      const auto& o = d.overrides[i];
      const std::string ow = where + ".overrides 第 " + std::to_string(i + 1) + " 项";
      for (const auto& code : o.regions) {
        if (!IsSixDigits(code)) return Bad(o.line, "catalogue_bad_region", ow, code);
      }
      if (auto s = Minutes(o.entries, ow); !s) return s;
    }
    return {};
  }

  // Counts a day may hold (per_day), minutes and days: positive and within reason.
  Status Count(int value, int max, int line, const std::string& where, std::string_view key) const {
    if (value < 1 || value > max) {
      return Bad(line, "catalogue_bad_count", where, std::to_string(value),
                 {{"key", std::string(key)}, {"other", std::to_string(max)}});
    }
    return {};
  }

  Status FollowUps() const {
    const FollowUpPolicy& f = spec_.follow_ups;
    const std::string where = "续报 follow_ups";
    for (Grade g : {Grade::kI, Grade::kII, Grade::kIII, Grade::kIV}) {
      if (auto s = Count(f.per_day[static_cast<size_t>(g) - 1], 24, f.line, where + ".per_day", GradeCode(g)); !s) {
        return s;
      }
    }
    if (auto s = Count(f.after_change_minutes, 7 * 24 * 60, f.line, where, "after_change"); !s) return s;
    if (auto s = Count(f.supplementary_days, 366, f.line, where, "supplementary_days"); !s) return s;
    if (auto s = Count(f.due_soon_minutes, 24 * 60, f.line, where, "due_soon"); !s) return s;
    for (const auto& [category, days] : f.supplementary_by_category) {
      if (FindCategory(category) == nullptr) return Bad(f.line, "catalogue_unknown_category", where, category);
      if (auto s = Count(days, 366, f.line, where + ".supplementary_days_by_category", category); !s) return s;
    }
    for (size_t i = 0; i < f.overrides.size(); ++i) {
      const auto& o = f.overrides[i];
      const std::string ow = where + ".overrides 第 " + std::to_string(i + 1) + " 项";
      for (const auto& code : o.regions) {
        if (!IsSixDigits(code)) return Bad(o.line, "catalogue_bad_region", ow, code);
      }
      if (o.per_day) {
        if (auto s = Count(*o.per_day, 24, o.line, ow, "per_day"); !s) return s;
      }
      if (o.after_change_minutes) {
        if (auto s = Count(*o.after_change_minutes, 7 * 24 * 60, o.line, ow, "after_change"); !s) return s;
      }
    }
    return {};
  }

  Status Sensitive() {
    size_t count = 0;
    auto code_seen = [&](const std::string& code, int line) -> Status {
      auto [it, fresh] = codes_.emplace(code, line);
      if (!fresh) {
        return Bad(line, "catalogue_duplicate_sensitive", "", code, {{"first_line", std::to_string(it->second)}});
      }
      if (++count > kMaxCodes) {
        return Bad(line, "catalogue_too_many", "敏感因素 sensitive", std::to_string(kMaxCodes));
      }
      return {};
    };
    for (const auto& f : spec_.sensitive.factors) {
      const std::string where = "敏感因素 \"" + f.code + "\"";
      if (auto s = code_seen(f.code, f.line); !s) return s;
      for (const auto* list : {&f.words, &f.except}) {
        for (const auto& w : *list) {
          if (w.empty())
            return Bad(f.line, "catalogue_empty_value", where, "", {{"key", list == &f.words ? "words" : "except"}});
        }
      }
      for (const auto& g : f.geofences) {
        if (g.lat < -90 || g.lat > 90) return Bad(g.line, "catalogue_bad_geofence", where, "lat " + NumberText(g.lat));
        if (g.lon < -180 || g.lon > 180)
          return Bad(g.line, "catalogue_bad_geofence", where, "lon " + NumberText(g.lon));
        if (g.radius_m <= 0) return Bad(g.line, "catalogue_bad_geofence", where, "radius_m " + NumberText(g.radius_m));
      }
      for (const auto& span : f.dates) {
        if (span.from && span.to && *span.from > *span.to) {
          return Bad(span.line, "catalogue_date_order", where, DateText(*span.from), {{"other", DateText(*span.to)}});
        }
        if (span.days < 1 || span.days > 366) {
          return Bad(span.line, "catalogue_bad_number", where, std::to_string(span.days), {{"key", "days"}});
        }
      }
      kinds_[f.code] = f.kind;
    }
    const SensitiveVocabulary vocabulary;
    const std::pair<SensitiveKind, const std::vector<std::string>*> required[] = {
        {SensitiveKind::kPersons, &vocabulary.persons},
        {SensitiveKind::kPlaces, &vocabulary.places},
        {SensitiveKind::kBehaviours, &vocabulary.behaviours},
        {SensitiveKind::kTimes, &vocabulary.times}};
    for (auto [kind, codes] : required) {
      for (const auto& code : *codes) {
        auto it = kinds_.find(code);
        if (it == kinds_.end() || it->second != kind) {
          return Bad(0, "catalogue_missing_sensitive", "", code, {{"key", SensitiveKindCode(kind)}});
        }
      }
    }
    for (const auto& t : spec_.sensitive.thresholds) {
      const std::string where = "敏感因素 \"" + t.code + "\"";
      if (auto s = code_seen(t.code, t.line); !s) return s;
      if (t.min < 0) return Bad(t.line, "catalogue_negative_threshold", where, NumberText(t.min));
      kinds_[t.code] = SensitiveKind::kThresholds;
    }
    for (size_t i = 0; i < spec_.sensitive.text_figures.size(); ++i) {
      const auto& c = spec_.sensitive.text_figures[i];
      const std::string where = "文本数字线索 sensitive.text_figures 第 " + std::to_string(i + 1) + " 项";
      if (c.window < 1 || c.window > 64) {
        return Bad(c.line, "catalogue_bad_number", where, std::to_string(c.window), {{"key", "window"}});
      }
      for (const auto* list : {&c.words, &c.units}) {
        for (const auto& w : *list) {
          if (w.empty())
            return Bad(c.line, "catalogue_empty_value", where, "", {{"key", list == &c.words ? "words" : "units"}});
        }
      }
    }
    return {};
  }

  static std::string DateText(Date d) {
    const std::chrono::year_month_day ymd{d};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
    return buf;
  }

  Status CheckRule(const Rule& rule) const {
    const std::string where = RuleWhere(rule);
    if (rule.label.empty()) return Bad(rule.line, "catalogue_empty_value", where, "", {{"key", "label"}});
    if (!rule.all_categories && rule.categories.empty()) {
      return Bad(rule.line, "catalogue_empty_value", where, "", {{"key", "categories"}});
    }
    for (const auto& c : rule.categories) {
      if (FindCategory(c) == nullptr) return Bad(rule.line, "catalogue_unknown_category", where, c);
    }
    if (!rule.grade && !rule.report_to && rule.deadlines.empty() && !rule.consultation) {
      return Bad(rule.line, "catalogue_no_output", "", rule.id);
    }
    if (rule.source.regulation.empty() && !rule.local_default) {
      return Bad(rule.line, "catalogue_no_source", "", rule.id);
    }
    if (auto s = Minutes(rule.deadlines, where); !s) return s;
    return rule.when ? CheckCondition(*rule.when, where) : Status{};
  }

  Status CheckCondition(const Condition& c, const std::string& where) const {
    if (c.op != Condition::Op::kCompare) {
      if (c.children.empty()) {
        return Bad(c.line, "catalogue_empty_value", where, "",
                   {{"key", c.op == Condition::Op::kAnyOf ? "any_of" : "all_of"}});
      }
      for (const auto& child : c.children) {
        if (auto s = CheckCondition(child, where); !s) return s;
      }
      return {};
    }
    const Comparison& cmp = c.compare;
    switch (cmp.subject) {
      case Subject::kFigure:
        return CheckFigure(cmp, where);
      case Subject::kCategory:
        if (cmp.codes.empty()) return Bad(cmp.line, "catalogue_empty_value", where, "", {{"key", "category"}});
        for (const auto& code : cmp.codes) {
          if (FindCategory(code) == nullptr) return Bad(cmp.line, "catalogue_unknown_category", where, code);
        }
        return {};
      case Subject::kRegion:
        if (cmp.codes.empty()) return Bad(cmp.line, "catalogue_empty_value", where, "", {{"key", "region"}});
        for (const auto& code : cmp.codes) {
          if (!IsSixDigits(code)) return Bad(cmp.line, "catalogue_bad_region", where, code);
        }
        return {};
      case Subject::kSensitive:
        for (const auto& code : cmp.codes) {
          auto it = kinds_.find(code);
          if (it == kinds_.end() || (cmp.sensitive_kind && it->second != *cmp.sensitive_kind)) {
            return Bad(cmp.line, "catalogue_unknown_sensitive", where, code);
          }
        }
        return {};
      case Subject::kOccurredAt:
        if (Empty(cmp.bound, false)) {
          return Bad(cmp.line, "catalogue_empty_band", where, DescribeComparison(cmp));
        }
        return {};
    }
    return {};
  }

  Status CheckFigure(const Comparison& cmp, const std::string& where) const {
    if (cmp.figures.empty()) return Bad(cmp.line, "catalogue_empty_value", where, "", {{"key", "figure"}});
    for (auto v : {cmp.bound.min, cmp.bound.max}) {
      if (v && *v < 0) return Bad(cmp.line, "catalogue_negative_threshold", where, NumberText(*v));
    }
    bool integral = true;
    for (Figure f : cmp.figures) integral = integral && Info(f).integral;
    Bound b = cmp.bound;
    if (!b.min) {  // figures are never negative
      b.min = 0;
      b.min_inclusive = true;
    }
    if (Empty(b, integral)) return Bad(cmp.line, "catalogue_empty_band", where, DescribeComparison(cmp));
    return {};
  }

  // True when no value (no whole number when `integral`) lies in the band.
  static bool Empty(const Bound& b, bool integral) {
    if (!b.min || !b.max) return false;
    double lo = *b.min, hi = *b.max;
    if (integral) {
      lo = b.min_inclusive ? std::ceil(lo) : std::floor(lo) + 1;
      hi = b.max_inclusive ? std::floor(hi) : std::ceil(hi) - 1;
      return lo > hi;
    }
    return lo > hi || (lo == hi && !(b.min_inclusive && b.max_inclusive));
  }

  const CatalogueSpec& spec_;
  std::map<std::string, int, std::less<>> codes_;
  std::map<std::string, SensitiveKind, std::less<>> kinds_;
};

}  // namespace

Status CheckCatalogue(const CatalogueSpec& spec) { return Checker(spec).Run(); }

}  // namespace shaobing::standards_internal
