#pragma once
// The reporting-standard catalogue (《紧急信息报送范围和标准》) as plain data, and its
// validated, compiled form.
//
// A catalogue holds rules (identity tags that give a grade, a level to report to, deadlines,
// a consultation flag), sensitive-factor lexicons, a routing policy and deadlines. Every item
// remembers the line it was read from (0 when built in code) so that validation errors can
// name it. `Catalogue::Build` validates cross-references and thresholds and compiles the rules
// into flat structures for the evaluator; a built Catalogue is immutable and cheap to copy
// (shared), and safe to use from several threads.
#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/figures.h"
#include "core/region.h"
#include "core/report.h"
#include "standards/grade.h"

namespace shaobing {

using Date = std::chrono::sys_days;

// Kinds of sensitive factors (DOMAIN.md §4). `kThresholds` are the duration and crowd
// thresholds (持续时间、参与人数、围观人数), which count as sensitive factors too.
enum class SensitiveKind : std::uint8_t { kPersons, kPlaces, kBehaviours, kTimes, kThresholds };
inline constexpr int kSensitiveKindCount = 5;
const char* SensitiveKindCode(SensitiveKind kind);  // "persons", ..., "thresholds"
std::optional<SensitiveKind> ParseSensitiveKind(std::string_view code);
std::string_view SensitiveKindNameZh(SensitiveKind kind);  // "敏感人员", ...

// A numeric band. Regulations word it as "N 以上" (includes N) and "M 以下" (excludes M):
// `gte: N`, `lt: M`.
struct Bound {
  std::optional<double> min;
  bool min_inclusive = true;
  std::optional<double> max;
  bool max_inclusive = false;
};

// One comparison over the facts of an event.
struct Comparison {
  enum class Subject : std::uint8_t { kFigure, kCategory, kRegion, kSensitive, kOccurredAt };
  Subject subject = Subject::kFigure;
  // kFigure: the figure, or several summed (absent figures count as unknown; the sum is
  // unknown when all are; an unknown value never matches).
  std::vector<Figure> figures;
  std::string label;  // kFigure: display name; default the figures' Chinese names joined by "+"
  Bound bound;        // kFigure: values; kOccurredAt: Unix milliseconds
  // kCategory: taxonomy codes; kRegion: GB/T 2260 codes (the region or anything below it);
  // kSensitive: factor codes (empty: any factor of the kind).
  std::vector<std::string> codes;
  std::optional<SensitiveKind> sensitive_kind;  // kSensitive: nullopt means any kind
  int line = 0;
};

// A condition: all_of / any_of of conditions, or one comparison.
struct Condition {
  enum class Op : std::uint8_t { kAllOf, kAnyOf, kCompare };
  Op op = Op::kCompare;
  std::vector<Condition> children;
  Comparison compare;
  int line = 0;
};

struct DeadlineEntry {
  Level level = Level::kCounty;
  Channel channel = Channel::kWritten;
  int minutes = 60;
  int line = 0;
};

struct Source {
  std::string regulation;  // 《生产安全事故报告和调查处理条例》（国务院令第493号）
  std::string article;     // 第三条
};

struct Rule {
  std::string id;     // stable, [a-z0-9][a-z0-9._-]*
  std::string label;  // Chinese, shown as the identity tag
  bool all_categories = false;
  std::vector<std::string> categories;  // taxonomy codes the rule applies to
  std::optional<Condition> when;        // absent: every event of the categories
  // Applies only when no other rule of the event's category that gives a grade matched
  // ("IV: below III", or a baseline for categories without national grades).
  bool otherwise = false;
  std::optional<Grade> grade;
  std::optional<Level> report_to;
  std::vector<DeadlineEntry> deadlines;  // replace the catalogue's deadlines for their levels
  bool consultation = false;
  Source source;
  bool local_default = false;  // no national source: a local decision the desk made
  Date effective{};            // the rule ignores events that occurred before this date
  std::string note;
  int line = 0;
};

struct Geofence {
  std::string name;
  double lat = 0, lon = 0, radius_m = 0;
  int line = 0;
};

// A date span of a sensitive-time calendar, as Asia/Shanghai dates: either fixed
// (`from`..`to`, both included) or recurring every year (`annual` month-day for `days` days).
struct CalendarSpan {
  std::string name;
  std::optional<Date> from, to;
  std::optional<std::chrono::month_day> annual;
  int days = 1;
  int line = 0;
};

// One sensitive factor of kind persons/places/behaviours/times.
struct SensitiveFactor {
  SensitiveKind kind = SensitiveKind::kPersons;
  std::string code;                 // "student"
  std::string label;                // "学生"
  std::vector<std::string> words;   // trigger words found in the report's text
  std::vector<std::string> except;  // phrases that cancel a trigger word they contain
  std::vector<Geofence> geofences;  // places only
  std::vector<CalendarSpan> dates;  // times only
  int line = 0;
};

// A duration or crowd threshold: figure >= min makes the event sensitive.
struct ThresholdFactor {
  std::string code;   // "many_onlookers"
  std::string label;  // "围观人数较多"
  Figure figure = Figure::kOnlookers;
  double min = 0;
  int line = 0;
};

// Reads a figure from text: a number followed by one of `units`, within `window` characters
// of one of `words` (e.g. 围观 … 约200人 → onlookers 200).
struct TextFigureCue {
  Figure figure = Figure::kOnlookers;
  std::vector<std::string> words;
  std::vector<std::string> units;
  int window = 8;
  int line = 0;
};

struct SensitivePolicy {
  std::vector<SensitiveFactor> factors;
  std::vector<ThresholdFactor> thresholds;
  std::vector<TextFigureCue> text_figures;
};

struct RoutingPolicy {
  Level minimum = Level::kCounty;  // every reportable event goes at least here
  std::array<Level, kGradeCount> by_grade{Level::kCentre, Level::kCentre, Level::kRegion,
                                          Level::kCity};  // indexed by Grade - 1
  int line = 0;
};

// Deadlines that apply to events in `regions` (empty: all) of `grades` (empty: all).
struct DeadlineOverride {
  std::vector<std::string> regions;
  std::vector<Grade> grades;
  std::vector<DeadlineEntry> entries;
  int line = 0;
};

struct DeadlinePolicy {
  int unit_to_upper_minutes = 60;           // a unit's own report to the desk it answers to
  std::vector<DeadlineEntry> levels;        // every level has at least one channel
  std::vector<DeadlineOverride> overrides;  // in order; a later one wins for its levels
  int line = 0;
};

// Follow-ups (续报, 补报; DOMAIN.md §4) that apply to events in `regions` (empty: all, a region
// includes everything below it) of `grades` (empty: all).
struct FollowUpOverride {
  std::vector<std::string> regions;
  std::vector<Grade> grades;
  std::optional<int> per_day;
  std::optional<int> after_change_minutes;
  int line = 0;
};

// When follow-ups are owed while an event is open. Optional in a catalogue file: the defaults
// are the national rules (安监总局令第21号, 493号令 art. 13).
struct FollowUpPolicy {
  // Follow-ups owed a day, at least, indexed by Grade - 1 (I, II: twice; III, IV: once).
  std::array<int, kGradeCount> per_day{2, 2, 1, 1};
  // After the figures changed, a desk that already reported to a level owes it a follow-up
  // within this many minutes.
  int after_change_minutes = 60;
  // A casualty change within this many days of the occurrence is a 补报 (supplementary report);
  // per category where it differs (road traffic and fire: 7).
  int supplementary_days = 30;
  std::vector<std::pair<std::string, int>> supplementary_by_category{{"road_traffic", 7}, {"fire", 7}};
  // A clock is "due soon" this many minutes before its deadline.
  int due_soon_minutes = 15;
  std::vector<FollowUpOverride> overrides;  // in order; a later one wins for what it sets
  int line = 0;
};

struct CatalogueSpec {
  std::string file_name;  // named in error messages
  std::string version;
  std::string title;
  RoutingPolicy routing;
  DeadlinePolicy deadlines;
  FollowUpPolicy follow_ups;
  SensitivePolicy sensitive;
  std::vector<Rule> rules;
};

namespace standards_internal {
struct Program;
}

class Catalogue {
 public:
  // Validates (see FormatLoadError for the messages) and compiles.
  static Result<Catalogue> Build(CatalogueSpec spec);

  const CatalogueSpec& spec() const { return *spec_; }
  const std::string& version() const { return spec_->version; }
  const standards_internal::Program& program() const { return *program_; }

 private:
  std::shared_ptr<const CatalogueSpec> spec_;
  std::shared_ptr<const standards_internal::Program> program_;
};

}  // namespace shaobing
